"""A failed package build leaves no credential behind, and a rebuild never replaces packages
silently.

A credential whose passphrase sheet was never written is worse than none: a later build reuses it
and prints no sheet, so its expert could never open a package. And packages already handed out
must not be replaced without the bureau saying so.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tic_desktop.cli.main import main
from tic_desktop.errors import InputError
from tic_desktop.packages.build import build_packages
from tic_desktop.packages.opening import open_package
from tic_desktop.progress import Progress
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.review import evaluate_round

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def round_copy(folder: Path, round_id: str, panel_id: str = "P1") -> Path:
    """The demo round under another id (so its experts have no credential yet), P1 renamed."""
    shutil.copytree(DEMO, folder)
    data = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    data["id"] = round_id
    data["panels"][0]["id"] = panel_id
    (folder / "round.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder / "round.json"


def everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize(
    ("round_id", "panel_id", "named"),
    [("2026-TIC-77", "P/1", "P/1"), ("2026/TIC", "P1", "2026/TIC")],
)
def test_an_id_unusable_as_a_file_name_is_refused_before_any_credential_is_issued(
    capsys, tmp_path, bureau, round_id, panel_id, named
):
    round_file = round_copy(tmp_path / "round", round_id, panel_id)
    before = everything_in(bureau.folder)
    out_dir, passphrases = tmp_path / "out" / "packages", tmp_path / "passphrases.json"
    code, out, err = run(
        capsys,
        "package",
        "build",
        round_file,
        "--bureau",
        bureau.folder,
        "--out",
        out_dir,
        "--panel",
        panel_id,
        "--passphrase-file",
        bureau.passphrase_file,
        "--passphrases-json",
        passphrases,
    )
    assert code == 2 and out == "", err
    assert f"“{named}”不能用作文件名" in err
    assert everything_in(bureau.folder) == before  # no credentials/<round>/E0x.age, no empty folder
    assert not (tmp_path / "out").exists() and not passphrases.exists()


def test_a_failure_after_issuing_removes_the_credentials_this_build_issued(tmp_path, bureau):
    review = evaluate_round(round_copy(tmp_path / "round", "2026-TIC-78"))
    attachment = next((tmp_path / "round" / "apps" / "LC-2026-003").iterdir())
    credentials = bureau.workspace.credentials_dir("2026-TIC-78")
    seen = []

    def lose_an_attachment_once_issued(step: Progress) -> None:
        seen.append(step.stage)
        if step.stage == "issuing credentials" and step.total and step.done == step.total:
            assert len(list(credentials.glob("*.age"))) == 7  # issued for real, then the failure
            attachment.unlink()

    registry_before = bureau.workspace.registry()
    out_dir = tmp_path / "out"
    with pytest.raises(InputError) as raised:
        build_packages(
            review, bureau.workspace, bureau.keys, out_dir, ["P1"], lose_an_attachment_once_issued
        )
    assert attachment.name in raised.value.message_zh
    assert "issuing credentials" in seen
    assert not credentials.exists()  # the credentials, and the folder the build created for them
    assert not out_dir.exists()  # nor an empty output folder, nor a partial package
    assert bureau.workspace.registry() == registry_before


def test_rebuild_replaces_packages_only_with_replace_and_old_package_returns_still_verify(
    capsys, tmp_path, bureau, p1, members, opened_p1, sec, db, review
):
    out_dir = tmp_path / "handed-out"
    out_dir.mkdir()
    package = out_dir / "P1.ticpkg"
    shutil.copyfile(p1.file, package)
    old_return = sec.make_return(
        opened_p1,
        members["E04"],
        sec.sheet_model(sec.score_sheet(p1.manifest, "E04")),
        tmp_path / "old.ticreturn",
        db,
    ).file
    registry_before = bureau.workspace.registry()
    common = (
        "package",
        "build",
        DEMO / "round.json",
        "--bureau",
        bureau.folder,
        "--out",
        out_dir,
        "--panel",
        "P1",
        "--passphrase-file",
        bureau.passphrase_file,
        "--format",
        "json",
    )

    for lang, words in (("zh", "--replace"), ("en", "Add --replace")):
        code, out, err = run(capsys, "--lang", lang, *common)
        assert code == 2 and out == "" and "P1.ticpkg" in err and words in err
    assert package.read_bytes() == p1.file.read_bytes()  # untouched
    assert everything_in(out_dir) == ["P1.ticpkg"]
    assert bureau.workspace.registry() == registry_before

    code, out, err = run(capsys, *common, "--replace")
    assert code == 0, err
    result = json.loads(out)
    assert (
        result["replaced"] == [str(package)] and result["new_credentials"] == []
    )  # the same credentials
    [rebuilt] = result["packages"]
    assert rebuilt["package_sha256"] != p1.sha256
    assert everything_in(out_dir) == ["P1.ticpkg"]

    # The old package's entry stays in packages.json, so a return made from it still verifies; but
    # the panel was rebuilt, so for the same expert the return on the newer package counts, in any
    # order.
    opened = open_package(package, {bureau.workspace.fingerprint})
    try:
        new_return = sec.make_return(
            opened,
            members["E04"],
            sec.sheet_model(sec.score_sheet(opened.manifest, "E04", offset=1)),
            tmp_path / "new.ticreturn",
            db,
        ).file
    finally:
        opened.close()
    for files in ([old_return, new_return], [new_return, old_return]):
        items = {
            i.file: i for i in receive_returns(files, bureau.workspace, bureau.keys, review.round)
        }
        assert (items[old_return].status, items[new_return].status) == ("superseded", "accepted")
        assert items[old_return].package_sha256 == p1.sha256
        assert items[new_return].package_sha256 == rebuilt["package_sha256"]
        assert "重新生成" in items[old_return].detail
