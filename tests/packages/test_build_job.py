"""The worker side of building packages, run in this process: a failure half-way leaves nothing
behind."""

from __future__ import annotations

import errno
import queue
import threading

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.packages import build, build_job
from tic_desktop.packages.build_job import (
    PREPARING,
    UNLOCKING,
    BuildRequest,
    Failed,
    panel_refusals,
    run_build_job,
)
from tic_desktop.paths import demo_round_file
from tic_desktop.progress import Progress
from tic_desktop.review import evaluate_round

PASSPHRASE = "bureau passphrase for tests"


def _messages(box: queue.Queue) -> list:
    items = []
    while not box.empty():
        items.append(box.get_nowait())
    return items


def test_disk_full_while_encrypting_aborts_the_package_and_removes_the_new_credentials(
    tmp_path, monkeypatch
):
    bureau = init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)
    out = tmp_path / "out"
    real_encrypt = build.age_files.encrypt_stream
    calls = []

    def encrypt_then_fill_the_disk(source, target, recipients):
        calls.append(1)
        if len(calls) == 2:  # the second attachment: the package file is half written
            target.write(b"\0" * 100_000)
            raise OSError(errno.ENOSPC, "No space left on device", str(out / ".P1.ticpkg.partial"))
        real_encrypt(source, target, recipients)

    monkeypatch.setattr(build.age_files, "encrypt_stream", encrypt_then_fill_the_disk)
    real_abort = build.PackageWriter.abort
    aborted = []

    def abort_and_look(writer):
        real_abort(writer)
        aborted.append((writer.target.name, writer._partial.exists(), writer.target.exists()))

    monkeypatch.setattr(build.PackageWriter, "abort", abort_and_look)
    box: queue.Queue = queue.Queue()
    request = BuildRequest(str(demo_round_file()), str(bureau.folder), str(out), ["P1"], PASSPHRASE)
    run_build_job(request, box, threading.Event())
    messages = _messages(box)
    assert isinstance(messages[-1], Failed)
    assert "No space left on device" in messages[-1].message_en
    assert "no package was written" in messages[-1].message_en
    assert Progress(0, 0, "unlocking keys") in messages
    assert aborted == [
        ("P1.ticpkg", False, False)
    ]  # the package's own abort removed its partial file
    assert (
        not out.exists()
    )  # no .ticpkg, no .partial, no staging folder, no sheet, not even the folder
    assert not list((bureau.folder / "credentials").rglob("*.age"))


def test_a_broken_panel_is_refused_before_the_keys_are_unlocked(tmp_path):
    bureau = init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)
    box: queue.Queue = queue.Queue()
    run_build_job(
        BuildRequest(
            str(demo_round_file()), str(bureau.folder), str(tmp_path / "out"), ["P2"], None
        ),
        box,
        threading.Event(),
    )
    messages = _messages(box)
    assert (
        messages[0] == Progress(0, 0, PREPARING) and len(messages) == 2
    )  # refused before unlocking
    message = messages[-1]
    assert isinstance(message, Failed)
    assert "P2" in message.message_en and "Fix the panel" in message.message_en
    assert not (tmp_path / "out").exists()
    review = evaluate_round(demo_round_file())
    assert panel_refusals(review, "P1", "zh") == []
    assert panel_refusals(review, "P3", "en") == [
        "LC-2026-008 · Chair independent: The chair is affiliated with this application "
        "(from 山东高唐华纺纺织科技有限公司): choose another chair."
    ]


def test_packages_already_in_the_folder_are_replaced_only_when_asked(tmp_path):
    bureau = init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "P1.ticpkg").write_bytes(b"handed out already")
    box: queue.Queue = queue.Queue()
    run_build_job(
        BuildRequest(str(demo_round_file()), str(bureau.folder), str(out), ["P1"], PASSPHRASE),
        box,
        threading.Event(),
    )
    messages = _messages(box)
    assert (
        isinstance(messages[-1], Failed)
        and "P1.ticpkg" in messages[-1].message_zh
        and "--replace" in messages[-1].message_en
    )
    assert Progress(0, 0, UNLOCKING) not in messages  # refused before the keys were unlocked
    assert sorted(p.name for p in out.iterdir()) == ["P1.ticpkg"]
    assert (out / "P1.ticpkg").read_bytes() == b"handed out already"
    assert not (bureau.folder / "credentials").exists()


def test_a_failure_writing_the_sheets_removes_the_credentials_and_every_file_of_the_build(
    tmp_path, monkeypatch
):
    bureau = init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)
    sheets = []

    def sheet_then_fail(**fields):
        if len(sheets) == 3:
            raise OSError(28, "No space left on device")
        sheets.append(fields["expert_id"])
        return b"%PDF-1.4 sheet"

    monkeypatch.setattr(build_job, "passphrase_sheet", sheet_then_fail)
    out = tmp_path / "out" / "round"
    box: queue.Queue = queue.Queue()
    run_build_job(
        BuildRequest(
            str(demo_round_file()),
            str(bureau.folder),
            str(out),
            ["P1"],
            PASSPHRASE,
            passphrases_json=str(tmp_path / "passphrases.json"),
        ),
        box,
        threading.Event(),
    )
    assert isinstance(_messages(box)[-1], Failed) and len(sheets) == 3
    assert not (
        tmp_path / "out"
    ).exists()  # sheets, staged package and the folders the build made: gone
    assert not (
        bureau.folder / "credentials"
    ).exists()  # the seven credentials, whose sheets never came out
    assert bureau.registry() == {} and not (tmp_path / "passphrases.json").exists()
