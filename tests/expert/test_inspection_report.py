"""The on-site inspection report in the expert window (issue #11): its site, date, team and
conclusion are saved like everything else and survive switching application and a restart; every
problem is listed at once and shown at its field; photos are previewed, captioned and removed;
the declared figure stands beside each measured one."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateTimeEdit, QMessageBox
from sqlalchemy import select
from window_helpers import choose_application, open_window, type_chinese

from tic_desktop.expert.inspection import InspectionDesk
from tic_desktop.expert.inspection_records import ART8_ITEMS
from tic_desktop.storage import open_database
from tic_desktop.storage.audit import verify_audit_chain
from tic_desktop.storage.models import AuditEvent

pytestmark = pytest.mark.gui

APP = "LC-2026-001"
RED = "#c62828"


def _inspection_panel(window, app_id: str = APP):
    choose_application(window, app_id)
    window.ui.workTabs.setCurrentWidget(window.inspection_scroll)
    panel = window.inspection_panel
    assert panel is not None and panel.application_id == app_id
    return panel


def _audit(db, kind: str) -> list[dict]:
    with db.session() as session:
        assert verify_audit_chain(session)
        return [
            e.payload
            for e in session.scalars(select(AuditEvent).where(AuditEvent.kind == kind)).all()
        ]


def _open(qapp, qtbot, db, built_p1, unlocked, tmp_path):
    return open_window(
        qapp, qtbot, db, built_p1["package"].file, unlocked("E02"), tmp_path / "prefs.ini"
    )


def _photo(tmp_path, name: str, colour) -> object:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, "PNG")
    path = tmp_path / f"{name}.png"
    path.write_bytes(buffer.getvalue())
    return path


def test_report_fields_survive_switching_application_and_a_restart(
    qapp, qtbot, built_p1, unlocked, tmp_path
):
    path = tmp_path / "expert.sqlite3"
    db = open_database(path)
    window = _open(qapp, qtbot, db, built_p1, unlocked, tmp_path)
    try:
        panel = _inspection_panel(window)
        # The declared figure stands beside the measured one.
        assert "500 m²" in panel.declared_labels["premises.area"].text()
        assert "24 人" in panel.declared_labels["staff.roster"].text()
        window.inspection_scroll.ensureWidgetVisible(panel.measured["premises.area"])
        qtbot.mouseClick(panel.measured["premises.area"], Qt.MouseButton.LeftButton)
        type_chinese(panel.measured["premises.area"], "实测 512 平方米")
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(panel.measured["premises.area"], Qt.Key.Key_Tab)

        window.inspection_scroll.ensureWidgetVisible(panel.site)
        qtbot.mouseClick(panel.site, Qt.MouseButton.LeftButton)
        type_chinese(panel.site, "聊城市东昌府区兴华路 18 号")
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(panel.site, Qt.Key.Key_Tab)

        window.inspection_scroll.ensureWidgetVisible(panel.today_button)
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            qtbot.mouseClick(panel.today_button, Qt.MouseButton.LeftButton)
        # The day, one back with the keyboard, as in the date box itself.
        panel.visit_date.setFocus()
        panel.visit_date.setCurrentSection(QDateTimeEdit.Section.DaySection)
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(panel.visit_date, Qt.Key.Key_Down)
        visit = dt.date.today() - dt.timedelta(days=1)
        assert panel.chosen_date() == visit

        window.inspection_scroll.ensureWidgetVisible(panel.team)
        panel.team.setFocus()
        panel.team.setCurrentRow(0)
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(panel.team, Qt.Key.Key_Space)
        team_member = panel.team.item(0).data(Qt.ItemDataRole.UserRole)

        window.inspection_scroll.ensureWidgetVisible(panel.conclusion)
        qtbot.mouseClick(panel.conclusion.viewport(), Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            type_chinese(panel.conclusion, "现场情况与申报材料基本一致。")  # saved after the pause
        assert panel.unsaved_or_invalid() == []

        stored = InspectionDesk(window.desk).report_fields(APP)
        assert stored.site_address == "聊城市东昌府区兴华路 18 号"
        assert stored.visit_date == visit
        assert stored.team == (team_member,)
        assert stored.conclusion == "现场情况与申报材料基本一致。"
        edits = _audit(db, "inspection_report")
        assert {"site_address": "聊城市东昌府区兴华路 18 号"}.items() <= edits[0].items()
        assert any(e.get("visit_date") == visit.isoformat() for e in edits)
        assert any(e.get("team") == [team_member] for e in edits)
        assert any(e.get("conclusion") == "现场情况与申报材料基本一致。" for e in edits)

        # A few more words, and straight on to another application with a click in the list
        # (no pause): what was typed is saved as the conclusion box is left.
        qtbot.mouseClick(panel.conclusion.viewport(), Qt.MouseButton.LeftButton)
        QTest.keyClick(panel.conclusion, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        type_chinese(panel.conclusion, "建议通过。")
        applications = window.ui.applicationList
        row = next(
            i
            for i in range(applications.count())
            if applications.item(i).data(Qt.ItemDataRole.UserRole) == "LC-2026-002"
        )
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            qtbot.mouseClick(
                applications.viewport(),
                Qt.MouseButton.LeftButton,
                pos=applications.visualItemRect(applications.item(row)).center(),
            )
        conclusion = "现场情况与申报材料基本一致。建议通过。"
        assert InspectionDesk(window.desk).report_fields(APP).conclusion == conclusion
        other = _inspection_panel(window, "LC-2026-002")
        assert other.site.text() == "" and other.chosen_date() is None
        panel = _inspection_panel(window)
        assert panel.site.text() == "聊城市东昌府区兴华路 18 号"
        assert panel.chosen_date() == visit
        assert panel.chosen_team() == [team_member]
        assert panel.conclusion.toPlainText() == conclusion
        assert panel.measured["premises.area"].text() == "实测 512 平方米"
    finally:
        window.close()
        db.close()

    # A restart: the same database, a new window.
    db = open_database(path)
    window = _open(qapp, qtbot, db, built_p1, unlocked, tmp_path)
    try:
        panel = _inspection_panel(window)
        assert panel.site.text() == "聊城市东昌府区兴华路 18 号"
        assert panel.chosen_date() == visit
        assert panel.visit_date.text() == visit.isoformat()
        assert panel.chosen_team() == [team_member]
        assert panel.conclusion.toPlainText() == conclusion
    finally:
        window.close()
        db.close()


def test_signing_lists_every_problem_at_once_each_at_its_field(
    qapp, qtbot, built_p1, unlocked, tmp_path
):
    db = open_database(tmp_path / "expert.sqlite3")
    window = _open(qapp, qtbot, db, built_p1, unlocked, tmp_path)
    try:
        panel = _inspection_panel(window)
        first = ART8_ITEMS[0].id
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            panel.results[first].setCurrentIndex(2)  # 不符合, with nothing written about it
        refused = []
        panel.problem.connect(refused.append)
        sign = next(b for b in panel.findChildren(type(panel.today_button)) if "Sign" in b.text())
        window.inspection_scroll.ensureWidgetVisible(sign)
        qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)  # refused before any folder is asked

        assert refused and not list(tmp_path.glob("**/现场考察报告-*.pdf"))
        summary = panel.summary.text()
        assert panel.summary.isVisible()
        assert "11 items" in summary  # six items without a result, 不符合 unexplained, four fields
        for item in ART8_ITEMS[1:]:
            assert f"“{item.title}”尚未填写结果" in summary
            assert panel.frames[item.id].mark_colour() == RED
            assert panel.statuses[item.id].isVisible()
        assert "不符合" in panel.statuses[first].text()
        for field, words in (
            ("site_address", "考察地点"),
            ("visit_date", "考察日期"),
            ("team", "考察组成员"),
            ("conclusion", "考察结论"),
        ):
            assert words in summary
            assert words in panel.field_statuses[field].text()
            assert panel.field_frames[field].mark_colour() == RED

        # Fixing one field clears its mark at once; the others stay.
        window.inspection_scroll.ensureWidgetVisible(panel.site)
        qtbot.mouseClick(panel.site, Qt.MouseButton.LeftButton)
        type_chinese(panel.site, "临清市烟店镇")
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(panel.site, Qt.Key.Key_Tab)
        assert panel.field_frames["site_address"].mark_colour() is None
        assert not panel.field_statuses["site_address"].isVisible()
        assert "考察地点" not in panel.summary.text()
        assert panel.field_frames["conclusion"].mark_colour() == RED
    finally:
        window.close()
        db.close()


def test_photos_are_previewed_captioned_and_removed(qapp, qtbot, built_p1, unlocked, tmp_path):
    db = open_database(tmp_path / "expert.sqlite3")
    window = _open(qapp, qtbot, db, built_p1, unlocked, tmp_path)
    try:
        panel = _inspection_panel(window)
        with qtbot.waitSignal(panel.photos_changed, timeout=10_000):
            panel.add_photos(
                [
                    _photo(tmp_path, "IMG_0001", (200, 30, 30)),
                    _photo(tmp_path, "IMG_0002", (30, 30, 200)),
                ]
            )
        assert panel.photo_list.count() == 2
        assert not panel.photo_list.item(0).icon().isNull()  # a thumbnail

        panel.photo_list.setCurrentRow(0)
        window.inspection_scroll.ensureWidgetVisible(panel.preview_button)
        qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
        assert panel.preview is not None and panel.preview.isVisible()
        assert panel.preview.image.pixmap().width() == 320
        panel.preview.close()

        window.inspection_scroll.ensureWidgetVisible(panel.caption)
        qtbot.mouseClick(panel.caption, Qt.MouseButton.LeftButton)
        panel.caption.selectAll()
        type_chinese(panel.caption, "研发楼外景")
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            QTest.keyClick(panel.caption, Qt.Key.Key_Return)
        records = InspectionDesk(window.desk).photo_records(APP)
        assert [r.caption for r in records] == ["研发楼外景", "IMG_0002"]
        assert panel.photo_list.item(0).text().startswith("研发楼外景")
        assert _audit(db, "inspection_photo_caption")[0]["caption"] == "研发楼外景"

        panel.photo_list.setCurrentRow(1)
        removed_sha = records[1].sha256
        window.inspection_scroll.ensureWidgetVisible(panel.remove_button)
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
        box = panel.confirm_box
        assert box is not None and "IMG_0002" in box.text()
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        assert panel.photo_list.count() == 1
        assert [r.caption for r in InspectionDesk(window.desk).photo_records(APP)] == ["研发楼外景"]
        assert _audit(db, "inspection_photo_removed")[0]["sha256"] == removed_sha
    finally:
        window.close()
        db.close()
