"""Real files to start fuzzing from, made with the core itself in a scratch folder.

``python tools/fuzz/fuzz_seeds.py DIR`` makes a bureau workspace, builds the demo round's panel P1,
unlocks E02's credential and makes E02's return from resources/demo/scores-E02.example.json.
Everything is throwaway (a test passphrase, keys that sign nothing real) and stays in DIR.
The harnesses load it with ``SeedMaterial.load(DIR)``; the pytest smoke test builds the same
object from the security tests' session fixtures.
"""

from __future__ import annotations

import base64
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, init_workspace  # noqa: E402
from tic_desktop.packages.credentials import Credential  # noqa: E402
from tic_desktop.packages.manifest import MANIFEST_NAME  # noqa: E402

SEED_PASSPHRASE = "fuzzing seed passphrase, not a secret"
DEMO = REPO / "resources" / "demo"
EXPERT = "E02"


def b64url_decode(data: bytes) -> bytes:
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


@dataclass
class SeedMaterial:
    """A bureau, its P1 package, E02's unlocked credential and one real E02 return."""

    workspace: BureauWorkspace
    keys: BureauKeys
    package_file: Path
    credential: Credential
    return_file: Path

    @property
    def package_members(self) -> list[tuple[str, bytes]]:
        with zipfile.ZipFile(self.package_file) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]

    @property
    def manifest_token(self) -> bytes:
        with zipfile.ZipFile(self.package_file) as archive:
            return archive.read(MANIFEST_NAME)

    @property
    def manifest_payload(self) -> bytes:
        return b64url_decode(self.manifest_token.split(b".")[1])

    def return_token(self) -> bytes:
        from tic_desktop.security import age_files

        return age_files.decrypt_with(self.return_file.read_bytes(), self.keys.identity)

    def return_payload(self) -> bytes:
        return b64url_decode(self.return_token().split(b".")[1])

    @classmethod
    def load(cls, folder: Path) -> SeedMaterial:
        folder = Path(folder)
        index = json.loads((folder / "seed.json").read_text(encoding="utf-8"))
        workspace = BureauWorkspace(folder / "bureau")
        return cls(
            workspace,
            workspace.keys(SEED_PASSPHRASE),
            folder / index["package"],
            Credential.from_json((folder / "credential.json").read_text(encoding="utf-8")),
            folder / index["return"],
        )


def build(folder: Path) -> SeedMaterial:
    """Make the seed material in ``folder`` (empty or new)."""
    from tic_desktop.packages.build import build_packages
    from tic_desktop.packages.opening import open_package
    from tic_desktop.returns.making import make_return
    from tic_desktop.returns.scoring import ScoreSheet
    from tic_desktop.review import evaluate_round
    from tic_desktop.storage import open_database

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    workspace = init_workspace(folder / "bureau", passphrase=SEED_PASSPHRASE)
    keys = workspace.keys(SEED_PASSPHRASE)
    built, credentials = build_packages(
        evaluate_round(DEMO / "round.json"), workspace, keys, folder / "packages", ["P1"]
    )
    package = open_package(built[0].file, {workspace.fingerprint})
    try:
        credential = package.unlock(EXPERT, credentials[EXPERT].passphrase)
        sheet = ScoreSheet.from_json(json.loads((DEMO / "scores-E02.example.json").read_bytes()))
        with open_database(folder / "expert.sqlite3") as db:
            make_return(package, credential, sheet, folder / "E02.ticreturn", db)
    finally:
        package.close()
    (folder / "credential.json").write_text(credential.to_json(), encoding="utf-8")
    (folder / "seed.json").write_text(
        json.dumps({"package": str(built[0].file.relative_to(folder)), "return": "E02.ticreturn"}),
        encoding="utf-8",
    )
    return SeedMaterial.load(folder)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/fuzz/fuzz_seeds.py DIR")
    material = build(Path(sys.argv[1]))
    print(
        f"seed material in {sys.argv[1]}: {material.package_file.name}, {material.return_file.name}"
    )
