"""The attachment job in the core, without Qt (issue #13): one kept worker process decrypts into
shared memory (never a file), with typed progress, cancel and result."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tic_desktop.expert.attachments import (
    AttachmentRequest,
    AttachmentWorker,
    DecryptCancelled,
    Plaintext,
)
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.packages.opening import OpenedPackage, open_package
from tic_desktop.processes import WorkerShutDown
from tic_desktop.progress import Progress
from tic_desktop.storage import open_database

APP = "LC-2026-001"
SHM = Path("/dev/shm")


@pytest.fixture
def desk(built_p1, unlocked, tmp_path):
    package = open_package(built_p1["package"].file)
    db = open_database(tmp_path / "expert.sqlite3")
    desk = ExpertDesk(db, package, unlocked("E03"))
    desk.certify({})
    yield desk
    package.close()
    db.close()


@pytest.fixture
def worker():
    worker = AttachmentWorker()
    yield worker
    worker.shutdown()


def _segment_file(plaintext: Plaintext) -> Path:
    assert plaintext.segment is not None
    return SHM / plaintext.segment.name.lstrip("/")


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_an_attachment_is_decrypted_into_shared_memory_by_one_kept_process(desk, worker, tmp_path):
    request = AttachmentRequest.of(desk, APP, 0)
    assert request.title == "申报书" and request.plaintext_size > 0
    worker.warm_up(request.package_file)
    pid = worker.run(os.getpid)
    assert pid != os.getpid()
    before = _files_under(tmp_path)

    job = worker.job(request)
    assert job.progress() == Progress(0, request.stored_size)
    plaintext = job.run()
    try:
        data = bytes(plaintext.array())
        assert data.startswith(b"%PDF-") and len(data) == request.plaintext_size
        assert job.progress() == Progress(request.stored_size, request.stored_size)
        assert job.progress().per_mille == 1000
        # In memory (tmpfs), not in any folder of the expert's.
        assert _segment_file(plaintext).exists()
        assert _files_under(tmp_path) == before
    finally:
        segment = _segment_file(plaintext)
        plaintext.release()
    assert not segment.exists()  # gone on release
    # The next attachment goes to the same process (forked once per window).
    second = worker.job(request).run()
    second.release()
    assert worker.run(os.getpid) == pid


def test_a_job_cancelled_before_it_starts_leaves_nothing(desk, worker):
    job = worker.job(AttachmentRequest.of(desk, APP, 0))
    segment = _segment_file(job.plaintext)
    job.cancel()
    with pytest.raises(DecryptCancelled):
        job.run()
    assert not segment.exists()
    assert job.cancelled


def test_a_job_cancelled_while_decrypting_stops_and_zeroes_what_it_wrote(
    desk, worker, tmp_path, monkeypatch
):
    """The worker stops at its next block; what it wrote is zeroed, the segment unlinked."""
    gate = tmp_path / "go"
    original = OpenedPackage.read_member

    def read_member(self, member, credential, what="材料", on_read=None, sink=None):
        def reported(done: int) -> None:
            on_read(done)  # the progress the window sees
            while not gate.exists():  # hold the worker after its first block
                time.sleep(0.01)
            on_read(done)  # where the worker looks for the cancel flag again

        return original(self, member, credential, what, reported, sink)

    # Patched before the worker process is forked: the worker has it too.
    monkeypatch.setattr(OpenedPackage, "read_member", read_member)
    job = worker.job(AttachmentRequest.of(desk, APP, 0))
    segment = _segment_file(job.plaintext)
    outcome: list[BaseException | Plaintext] = []

    def run() -> None:
        try:
            outcome.append(job.run())
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    while job.progress().done == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert 0 < job.progress().done
    job.cancel()
    gate.touch()
    thread.join(60)
    assert isinstance(outcome[0], DecryptCancelled)
    assert not segment.exists()
    # The worker is still there for the next attachment.
    again = worker.job(AttachmentRequest.of(desk, APP, 0)).run()
    assert bytes(again.array()).startswith(b"%PDF-")
    again.release()


def test_a_recused_application_is_not_even_asked_for(built_p1, unlocked, tmp_path):
    from tic_desktop.errors import TicError

    package = open_package(built_p1["package"].file)
    try:
        with open_database(tmp_path / "e02.sqlite3") as db:
            desk = ExpertDesk(db, package, unlocked("E02"))
            desk.certify({"LC-2026-004": "近三年有合作项目"})
            with pytest.raises(TicError, match="回避"):
                AttachmentRequest.of(desk, "LC-2026-004", 0)
    finally:
        package.close()


def test_a_warm_up_that_loses_the_race_with_closing_forks_no_process(tmp_path):
    """The window's warm-up runs on a thread; when the window closed first, the warm-up must not
    start a worker process that nothing would end (it outlived the window before)."""
    before = set(_children())
    worker = AttachmentWorker()
    worker.shutdown()  # the window closed
    with pytest.raises(WorkerShutDown):
        worker.warm_up(str(tmp_path / "any.ticpkg"))
    assert set(_children()) - before == set()


def _children() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rfind(")") + 2 :].split()[1]) == os.getpid():
            found.append(int(entry.name))
    return found
