"""Disk full while scoring (issue #11): the screen said 20 and a new opinion, the database kept 14
and the old one, and the signed return carried 14. (Here 14 → 17.5: 20 of 20 would need a
written reason before signing.)

The database lives on a small filesystem that the test fills for real:

- as root (or with CAP_SYS_ADMIN), a 24 MB tmpfs is mounted for the test and filled with a file;
  SQLite then fails with SQLITE_FULL when it appends to its write-ahead log (emptied first with
  ``PRAGMA wal_checkpoint(TRUNCATE)``, so every commit needs new space);
- otherwise (no mount allowed), the last resort the issue names: every connection gets
  ``PRAGMA max_page_count`` at the file's current size, and the audit table is filled up to it,
  so the next edit fails with a real SQLITE_FULL from SQLite.

Which of the two ran is printed (``-s``) and named in the failure message of each assertion.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import event, select
from test_score_entry import complete_everything, stored_score
from window_helpers import choose_application, open_window, type_chinese

from tic_desktop.errors import DatabaseError
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.storage import open_database
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.models import OpinionEntry

pytestmark = pytest.mark.gui

APP = "LC-2026-001"
ORANGE = "#e65100"


class TmpfsDisk:
    """A real filesystem of a few megabytes, filled with one file and freed by deleting it."""

    how = "tmpfs filled to the last byte"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler = folder / "filler"

    def fill(self, db) -> None:
        raw = db.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        with open(self.filler, "wb", buffering=0) as out:
            for size in (1 << 20, 1 << 12, 1):
                try:
                    while True:
                        out.write(b"\0" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
        assert shutil.disk_usage(self.folder).free < 4096

    def free(self, db) -> None:
        self.filler.unlink()


class PageLimitDisk:
    """SQLite's own size limit (``max_page_count``), with the free room in the file used up."""

    how = "PRAGMA max_page_count at the file's size"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._limit = None

    def fill(self, db) -> None:
        with db.engine.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

        def limit(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        self._limit = limit
        event.listen(db.engine, "connect", limit)
        db.engine.dispose()
        failures = 0
        while failures < 20:  # the last page of the audit table is full
            try:
                with db.session() as session:
                    append_audit_event(session, "test", "filler", {})
                failures = 0
            except DatabaseError:
                failures += 1

    def free(self, db) -> None:
        event.remove(db.engine, "connect", self._limit)
        db.engine.dispose()


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    mount = shutil.which("mount")
    mounted = (
        mount is not None
        and subprocess.run(
            [mount, "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", str(folder)],
            capture_output=True,
        ).returncode
        == 0
    )
    disk = TmpfsDisk(folder) if mounted else PageLimitDisk(folder)
    print(f"disk full made with: {disk.how}")
    yield disk
    if mounted:
        subprocess.run([shutil.which("umount") or "umount", "-l", str(folder)], check=True)


def stored_opinion(db, expert_id: str, app_id: str) -> str | None:
    with db.session() as session:
        row = session.scalar(
            select(OpinionEntry).where(
                OpinionEntry.expert_id == expert_id, OpinionEntry.application_id == app_id
            )
        )
        return None if row is None else row.opinion


def test_a_failed_save_is_shown_at_the_field_blocks_signing_and_is_retried(
    qapp, qtbot, built_p1, unlocked, small_disk, tmp_path
):
    how = small_disk.how
    db = open_database(small_disk.folder / "expert.sqlite3")
    window = open_window(
        qapp, qtbot, db, built_p1["package"].file, unlocked("E02"), tmp_path / "prefs.ini"
    )
    try:
        complete_everything(window.desk)
        window.desk.set_score(APP, "foundation", Decimal("14"))
        window.desk.set_opinion(APP, "原意见：基础较好。")
        choose_application(window, "LC-2026-002")
        choose_application(window, APP)  # the form as the database now holds it
        window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
        form = window.scoring
        entry = form.entries["foundation"]
        assert Decimal(entry.text()) == Decimal("14")

        small_disk.fill(db)

        # The score: typed, the save fails, the box says so and stays marked.
        window.ui.scoringScroll.ensureWidgetVisible(entry)
        qtbot.mouseClick(entry.lineEdit(), Qt.MouseButton.LeftButton)
        entry.lineEdit().selectAll()
        QTest.keyClicks(entry, "17.5")
        with qtbot.waitSignal(form.problem, timeout=5000):
            QTest.keyClick(entry, Qt.Key.Key_Return)
        status = form.statuses["foundation"]
        assert entry.text() == "17.5", how
        assert form.frames["foundation"].mark_colour() == ORANGE, how
        assert status.isVisible() and "磁盘已满" in status.text(), how
        assert "依托单位基础条件" in status.text()
        assert status.retry_button.isVisible()
        assert stored_score(db, "E02", APP, "foundation") == Decimal("14"), how
        assert "1 of them could not be saved" in form.total.text()

        # The opinion: its save fails after the typing pause, at the field too.
        window.ui.scoringScroll.ensureWidgetVisible(form.opinion)
        qtbot.mouseClick(form.opinion.viewport(), Qt.MouseButton.LeftButton)
        QTest.keyClick(form.opinion, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        type_chinese(form.opinion, "补充：建议现场核实。")
        qtbot.waitUntil(lambda: form.opinion_status.retry_button.isVisible(), timeout=5000)
        assert "磁盘已满" in form.opinion_status.text(), how
        assert form.opinion_frame.mark_colour() == ORANGE
        assert form.opinion.toPlainText().endswith("补充：建议现场核实。")
        assert stored_opinion(db, "E02", APP) == "原意见：基础较好。", how

        unsaved = form.unsaved_or_invalid()
        assert any("依托单位基础条件" in text for text in unsaved)
        assert any("评审意见" in text for text in unsaved)
        with qtbot.waitSignal(window.sign_blocked, timeout=5000) as blocked:
            window.sign_and_export(tmp_path / "usb")
        assert any("评审意见" in str(problem) for problem in blocked.args[0])
        assert not list((tmp_path / "usb").glob("*.ticreturn"))

        # Space freed: editing the box again saves it; 重试保存 saves the opinion.
        small_disk.free(db)
        qtbot.mouseClick(entry.lineEdit(), Qt.MouseButton.LeftButton)
        QTest.keyClick(entry, Qt.Key.Key_End)
        QTest.keyClick(entry, Qt.Key.Key_Backspace)
        QTest.keyClicks(entry, "5")
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(entry, Qt.Key.Key_Return)
        assert stored_score(db, "E02", APP, "foundation") == Decimal("17.5"), how
        assert form.frames["foundation"].mark_colour() is None and not status.isVisible()
        window.ui.scoringScroll.ensureWidgetVisible(form.opinion_status.retry_button)
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            qtbot.mouseClick(form.opinion_status.retry_button, Qt.MouseButton.LeftButton)
        assert stored_opinion(db, "E02", APP) == form.opinion.toPlainText(), how
        assert not form.opinion_status.isVisible()
        assert form.unsaved_or_invalid() == []

        # Now it signs, and the signed return carries what the screen shows.
        shown_opinion = form.opinion.toPlainText()
        with qtbot.waitSignal(window.exported, timeout=60_000) as exported:
            window.sign_and_export(tmp_path / "usb")
        made, _pdfs = exported.args[0]
        received = receive_returns(
            [made.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
        )
        sheet = {s.application: s for s in received[0].sheet.scores}[APP]
        assert Decimal(str(sheet.criteria["foundation"])) == Decimal("17.5")
        assert sheet.opinion == shown_opinion
    finally:
        window.close()
        db.close()
