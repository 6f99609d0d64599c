"""Shared, expensive setup for the security tests: one bureau, one P1 build, unlocked credentials.

Everything here uses real cryptography (scrypt, X25519/age, ECDSA P-256, JWS). Only the OS
keyring is replaced, by an in-memory backend, in the tests that exercise keyring behaviour.

Helpers the test modules need are exposed through the ``sec`` fixture (a namespace), so no
test module imports this conftest by name.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import keyring
import pytest
from keyring.backend import KeyringBackend

from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace, read_passphrase_file
from tic_desktop.packages.build import build_packages
from tic_desktop.packages.credentials import unlock
from tic_desktop.packages.manifest import MANIFEST_NAME
from tic_desktop.packages.opening import open_package
from tic_desktop.returns.making import make_return
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.review import evaluate_round
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.storage import open_database

REPO = Path(__file__).resolve().parents[2]
ROUND_FILE = REPO / "resources" / "demo" / "round.json"
BUREAU_PASSPHRASE = "liaocheng-bureau-test-passphrase"
P1_MEMBERS = ["E01", "E02", "E03", "E04", "E05", "E06", "E07"]


# --------------------------------------------------------------------------------------------
# small helpers (plain functions, handed to tests through the ``sec`` fixture)
# --------------------------------------------------------------------------------------------
def b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def b64url_decode(data: bytes) -> bytes:
    return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))


def zip_members(path: Path) -> list[tuple[str, bytes]]:
    """All (name, raw stored bytes) of a package, in order."""
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def write_zip(
    path: Path, members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_STORED
) -> Path:
    """Write members exactly as given (names unchecked, duplicates allowed)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names; we mean them
        with zipfile.ZipFile(path, "w", compression=compression) as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = compression
                archive.writestr(info, data)
    return path


def rewrite_package(source: Path, target: Path, replace: dict[str, bytes] | None = None) -> Path:
    """Copy a package, replacing some members' bytes (a clean zip: CRCs are right)."""
    replace = replace or {}
    return write_zip(
        target, [(name, replace.get(name, data)) for name, data in zip_members(source)]
    )


def manifest_token(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(MANIFEST_NAME)


def manifest_payload(path: Path) -> bytes:
    return b64url_decode(manifest_token(path).split(b".")[1])


def sign_manifest(payload: bytes, key, certificate) -> bytes:
    return jws.sign(payload, key, certificate)


def score_sheet(
    manifest,
    expert_id: str,
    applications: list[str] | None = None,
    offset: int = 0,
    declared: list[dict] | None = None,
) -> dict:
    """A valid sheet from the package's rubric: every criterion, a multiple of step, an opinion."""
    rubric = manifest.rubric
    step = Decimal(rubric.step)
    if applications is None:
        applications = [
            a.id
            for a in manifest.applications
            if expert_id not in a.recused and a.id not in {d["application"] for d in declared or []}
        ]
    scores = []
    for index, app_id in enumerate(applications):
        criteria = {}
        for c_index, criterion in enumerate(rubric.criteria):
            value = Decimal(criterion.max) - step * ((offset + index + c_index) % 5)
            criteria[criterion.id] = format(value.normalize(), "f")
        scores.append(
            {
                "application": app_id,
                "criteria": criteria,
                "reasons": {c: f"{c} 的评分理由（{expert_id}）" for c in criteria},
                "judgements": {
                    check: {"agrees": True, "reason": ""} for check in judged_checks(app_id)
                },
                "opinion": f"{app_id} 依托单位基础扎实，建设方案可行（{expert_id}）。",
                "recommend": True,
            }
        )
    return {
        "expert": expert_id,
        "coi": {"certified": True, "declared": declared or []},
        "scores": scores,
    }


@functools.cache
def judged_checks(application_id: str) -> tuple[str, ...]:
    """The formal-review items of a demo application that need the experts' judgement (review)."""
    from tic_desktop.domain.loading import load_round
    from tic_desktop.rules.eligibility import evaluate

    application = load_round(ROUND_FILE).applications.get(application_id)
    if application is None:
        return ()
    return tuple(c.id for c in evaluate(application).checks if c.result.value == "review")


def sheet_model(data: dict) -> ScoreSheet:
    return ScoreSheet.from_json(data)


def folder_snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in Path(folder).rglob("*")}


def no_partials(folder: Path) -> bool:
    return not [p for p in Path(folder).rglob("*") if p.name.endswith(".partial")]


def open_db(path: Path):
    return open_database(path)


# --------------------------------------------------------------------------------------------
# keyring backends for the keyring tests (never touch a real keyring)
# --------------------------------------------------------------------------------------------
class MemoryKeyring(KeyringBackend):
    """A secure-looking in-memory keyring (priority 1)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def plaintext_keyring(tmp_path):
    """keyrings.alt's PlaintextKeyring, pointed at a temp file; the code must refuse it."""
    alt_file = pytest.importorskip("keyrings.alt.file")
    previous = keyring.get_keyring()
    backend = alt_file.PlaintextKeyring()
    backend.file_path = str(tmp_path / "plaintext-keyring.cfg")  # never the real data folder
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# --------------------------------------------------------------------------------------------
# session-wide setup: one bureau, one P1 package, every member's credential unlocked
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def bureau(tmp_path_factory):
    """``tic bureau init DIR --passphrase-file F`` (the library call the command makes)."""
    root = tmp_path_factory.mktemp("sec-bureau")
    passphrase_file = root / "bureau-passphrase.txt"
    passphrase_file.write_text(BUREAU_PASSPHRASE + "\n", encoding="utf-8")
    passphrase = read_passphrase_file(passphrase_file)
    workspace = init_workspace(root / "bureau", passphrase=passphrase)
    keys = BureauWorkspace(workspace.folder).keys(passphrase)
    return SimpleNamespace(
        folder=workspace.folder,
        workspace=workspace,
        keys=keys,
        passphrase=passphrase,
        passphrase_file=passphrase_file,
        root=root,
    )


@pytest.fixture(scope="session")
def review():
    return evaluate_round(ROUND_FILE)


@pytest.fixture(scope="session")
def p1(bureau, review, tmp_path_factory):
    out = tmp_path_factory.mktemp("sec-p1")
    built, credentials = build_packages(review, bureau.workspace, bureau.keys, out, ["P1"])
    assert [b.panel_id for b in built] == ["P1"]
    package = built[0]
    passphrases = {expert: c.passphrase for expert, c in credentials.items()}
    assert sorted(passphrases) == P1_MEMBERS and all(passphrases.values())
    opened = open_package(package.file, {bureau.workspace.fingerprint})
    manifest = opened.manifest
    opened.close()
    return SimpleNamespace(
        file=package.file,
        out=out,
        sha256=package.package_sha256,
        passphrases=passphrases,
        credentials=credentials,
        manifest=manifest,
    )


@pytest.fixture(scope="session")
def p1_rebuilt(bureau, review, p1, tmp_path_factory):
    """The same panel built again: same credentials (same recipients), a different package."""
    out = tmp_path_factory.mktemp("sec-p1-again")
    built, credentials = build_packages(review, bureau.workspace, bureau.keys, out, ["P1"])
    assert not any(c.passphrase for c in credentials.values()), (
        "credentials must be reused, not reissued"
    )
    return SimpleNamespace(file=built[0].file, sha256=built[0].package_sha256)


@pytest.fixture(scope="session")
def members(bureau, p1):
    """Every P1 member's credential, opened from the package with that member's passphrase.

    scrypt costs ~2 s a credential, so the unlocking runs in two worker processes; each result is
    then checked against the package in this process (as ``OpenedPackage.unlock`` does).
    """
    package = open_package(p1.file, {bureau.workspace.fingerprint})
    try:
        sealed = {m: package.sealed_credential(m) for m in P1_MEMBERS}
        with ProcessPoolExecutor(max_workers=2) as pool:
            unlocked = dict(
                zip(
                    P1_MEMBERS,
                    pool.map(
                        unlock,
                        [sealed[m] for m in P1_MEMBERS],
                        [p1.passphrases[m] for m in P1_MEMBERS],
                    ),
                    strict=True,
                )
            )
        for expert, credential in unlocked.items():
            package.check_credential(credential, expert)
    finally:
        package.close()
    return unlocked


@pytest.fixture(scope="session")
def other_ca():
    """A second bureau's CA (another bureau entirely)."""
    return certificates.create_bureau_ca("另一评审局")


@pytest.fixture
def opened_p1(bureau, p1):
    package = open_package(p1.file, {bureau.workspace.fingerprint})
    yield package
    package.close()


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "expert.sqlite")
    yield database
    database.close()


@pytest.fixture(scope="session")
def sec():
    return SimpleNamespace(
        b64url=b64url,
        b64url_decode=b64url_decode,
        zip_members=zip_members,
        write_zip=write_zip,
        rewrite_package=rewrite_package,
        manifest_token=manifest_token,
        manifest_payload=manifest_payload,
        sign_manifest=sign_manifest,
        score_sheet=score_sheet,
        sheet_model=sheet_model,
        folder_snapshot=folder_snapshot,
        no_partials=no_partials,
        open_db=open_db,
        make_return=make_return,
        sha256=lambda data: hashlib.sha256(data).hexdigest(),
        json=json,
        os=os,
        shutil=shutil,
        age_files=age_files,
        ROUND_FILE=ROUND_FILE,
        BUREAU_PASSPHRASE=BUREAU_PASSPHRASE,
        P1_MEMBERS=P1_MEMBERS,
    )
