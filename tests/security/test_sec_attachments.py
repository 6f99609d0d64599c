"""Issue #12 items 1 and 2 at the build: nothing of the bureau's disk is packed through an
applicant's attachment path, and an application is never packed for two panels.

``tic package build`` refuses before the keys are unlocked (exit 2, the file and field named,
nothing written, no credential issued); and since files can change between loading the round and
reading them, the build opens each attachment again without following links and only if it is
still a regular file (the race is simulated by changing the file right before it is encrypted).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from tic_desktop.cli.main import main
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.errors import InputError
from tic_desktop.packages import build
from tic_desktop.packages.build import build_packages, check_build
from tic_desktop.review import EvaluatedRound, evaluate_round

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
SECRET = b"BUREAU-ONLY the bureau's own file, never to be packed"


def round_copy(folder: Path, round_id: str) -> Path:
    shutil.copytree(DEMO, folder)
    round_file = folder / "round.json"
    data = json.loads(round_file.read_text(encoding="utf-8"))
    data["id"] = round_id
    round_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return round_file


def set_attachment(round_folder: Path, app_id: str, file: str) -> Path:
    app_file = round_folder / "apps" / f"{app_id}.json"
    data = json.loads(app_file.read_text(encoding="utf-8"))
    data["attachments"][0]["file"] = file
    app_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return app_file


def everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def build_command(capsys, bureau, round_file: Path, out: Path, passphrases: Path):
    code = main(
        [
            "package",
            "build",
            str(round_file),
            "--bureau",
            str(bureau.folder),
            "--out",
            str(out),
            "--passphrase-file",
            str(bureau.passphrase_file),
            "--passphrases-json",
            str(passphrases),
        ]
    )
    out_text, err = capsys.readouterr()
    return code, out_text, err


@pytest.mark.parametrize("kind", ["passphrase-sheet", "absolute", "link-out", "fifo"])
def test_package_build_refuses_an_attachment_from_elsewhere_and_writes_nothing(
    capsys, tmp_path, bureau, kind
):
    """The report's case: attachments ``../../packages/passphrase-sheets/E01.pdf`` or an absolute
    path made ``tic package build`` encrypt those files into the package."""
    round_file = round_copy(tmp_path / "round", "2026-TIC-81")
    sheets = tmp_path / "packages" / "passphrase-sheets"
    sheets.mkdir(parents=True)
    (sheets / "E01.pdf").write_bytes(SECRET)
    file = {
        "passphrase-sheet": "../../packages/passphrase-sheets/E01.pdf",
        "absolute": str(sheets / "E01.pdf"),
        "link-out": "LC-2026-001/申报书.pdf",
        "fifo": "LC-2026-001/申报书.pdf",
    }[kind]
    app_file = set_attachment(tmp_path / "round", "LC-2026-001", file)
    planted = tmp_path / "round" / "apps" / "LC-2026-001" / "申报书.pdf"
    if kind == "link-out":
        planted.unlink()
        planted.symlink_to(sheets / "E01.pdf")
    elif kind == "fifo":
        planted.unlink()
        os.mkfifo(planted)
    before = everything_in(bureau.folder)
    out, passphrases = tmp_path / "out", tmp_path / "passphrases.json"
    code, out_text, err = build_command(capsys, bureau, round_file, out, passphrases)
    assert (code, out_text) == (2, ""), err
    assert str(app_file) in err and "attachments[0].file" in err and "Traceback" not in err
    assert everything_in(bureau.folder) == before  # no credential issued, no registry entry
    assert not out.exists() and not passphrases.exists()


def _swap_before_encrypting(monkeypatch, swap) -> list[Path]:
    """Change the first attachment the build is about to encrypt (after every check passed)."""
    original = build._add_encrypted_file
    swapped: list[Path] = []

    def add_encrypted_file(writer, name, attachment, recipients, advanced):
        if not swapped:
            swapped.append(attachment.path)
            swap(attachment.path)
        return original(writer, name, attachment, recipients, advanced)

    monkeypatch.setattr(build, "_add_encrypted_file", add_encrypted_file)
    return swapped


def _build_in_time(review, bureau, out: Path) -> BaseException | None:
    """build_packages for P1 in a thread that must finish within a minute (a FIFO must not
    block)."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            build_packages(review, bureau.workspace, bureau.keys, out, ["P1"], register=False)
            outcome.append(None)
        except BaseException as error:  # handed to the test
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert outcome, "the build hung on the planted file"
    return outcome[0]


@pytest.mark.parametrize("change", ["link-to-a-secret", "folder-made-a-link", "fifo"])
def test_an_attachment_changed_after_the_checks_is_refused_when_the_build_opens_it(
    monkeypatch, tmp_path, bureau, p1, change
):
    """The demo round (whose credentials the session's build issued already): the first attachment
    is replaced right before encryption; the build refuses it, and leaves no package."""
    shutil.copytree(DEMO, tmp_path / "round")
    review = evaluate_round(tmp_path / "round" / "round.json")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.pdf").write_bytes(SECRET)

    def swap(path: Path) -> None:
        if change == "link-to-a-secret":
            path.unlink()
            path.symlink_to(elsewhere / "secret.pdf")
        elif change == "folder-made-a-link":
            (elsewhere / path.name).write_bytes(SECRET)
            shutil.rmtree(path.parent)
            path.parent.symlink_to(elsewhere)
        else:
            path.unlink()
            os.mkfifo(path)

    swapped = _swap_before_encrypting(monkeypatch, swap)
    before = everything_in(bureau.folder)
    out = tmp_path / "out"
    error = _build_in_time(review, bureau, out)
    assert swapped, "no attachment was encrypted"
    assert isinstance(error, InputError), error
    assert error.field and error.field.startswith("attachments[")
    assert ("不是普通文件" if change == "fifo" else "链接") in error.message_zh
    assert not out.exists()
    assert everything_in(bureau.folder) == before


def test_the_confined_file_refuses_a_link_planted_after_the_check(tmp_path):
    from tic_desktop.domain.files import confined_attachment

    folder = tmp_path / "apps"
    (folder / "LC").mkdir(parents=True)
    (folder / "LC" / "a.pdf").write_bytes(b"%PDF-1.4 the real attachment\n")
    (tmp_path / "secret.pdf").write_bytes(SECRET)
    checked = confined_attachment(folder, "LC/a.pdf", "app.json", "attachments[0].file")
    handle, size = checked.open()
    with handle:
        assert handle.read() == b"%PDF-1.4 the real attachment\n" and size == 29
    (folder / "LC" / "a.pdf").unlink()
    (folder / "LC" / "a.pdf").symlink_to(tmp_path / "secret.pdf")
    with pytest.raises(InputError) as raised:
        checked.open()
    assert (raised.value.file, raised.value.field) == ("app.json", "attachments[0].file")


# --- item 2: one application, one panel -----------------------------------------------------------


def test_package_build_refuses_an_application_in_two_panels(capsys, tmp_path, bureau):
    round_file = round_copy(tmp_path / "round", "2026-TIC-82")
    data = json.loads(round_file.read_text(encoding="utf-8"))
    data["panels"][1]["applications"].append("LC-2026-002")  # also in P1
    round_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = everything_in(bureau.folder)
    out, passphrases = tmp_path / "out", tmp_path / "passphrases.json"
    code, out_text, err = build_command(capsys, bureau, round_file, out, passphrases)
    assert (code, out_text) == (2, ""), err
    assert str(round_file) in err and "panels[1].applications[4]" in err
    assert "LC-2026-002" in err and "P1" in err and "P2" in err
    assert everything_in(bureau.folder) == before
    assert not out.exists() and not passphrases.exists()


def test_the_build_itself_refuses_a_round_that_shares_an_application(tmp_path):
    """An EvaluatedRound put together without load_round (which would refuse it) is refused as
    well."""
    review = evaluate_round(DEMO / "round.json")
    spec = review.round.spec
    panels = list(spec.panels)
    panels[2] = panels[2].model_copy(
        update={"applications": [*panels[2].applications, "LC-2026-001"]}
    )
    shared = ReviewRound(
        review.round.path,
        spec.model_copy(update={"panels": panels}),
        review.round.rubric,
        review.round.applications,
        review.round.application_files,
    )
    doctored = EvaluatedRound(shared, review.reports, review.panels, review.file_sha256)
    with pytest.raises(InputError) as raised:
        check_build(doctored, ["P1"], tmp_path / "out")
    assert "LC-2026-001" in raised.value.message_zh
    assert "P1" in raised.value.message_en and "P3" in raised.value.message_en
