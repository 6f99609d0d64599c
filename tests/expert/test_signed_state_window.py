"""Issue #11 in the expert window: the signed state is visible, and leaving asks first.

Driven through the real window (in Chinese): an edit after signing marks the application
需重新签名 in the list and the title and closing asks (naming it); signing again unchanged says so
and writes the signed files again; a file that cannot be written is named and written again with
one click, without a new revision; moving on or closing with an invalid entry is refused with the
list; the chair's tab shows her own scores after she signs; a hand-edited score is a persistent
banner and signing stays refused. What is stored and signed is read back each time.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from test_score_entry import complete_everything, stored_score
from window_helpers import certify, choose_application, close_window

from tic_desktop.expert.desk import SignState
from tic_desktop.gui.expert_window import ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.packages.opening import open_package
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.signing.pdf_verification import verify_pdf
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui

APP = "LC-2026-001"
EDITED = "LC-2026-003"


@pytest.fixture
def make_window(qtbot, tmp_path, built_p1, unlocked, zh):
    made = []

    def make(expert_id: str = "E02", complete: bool = True, db=None):
        db = db or open_database(tmp_path / f"{expert_id}.sqlite3")
        certify(db, built_p1["package"].file, unlocked(expert_id))
        preferences = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
        window = ExpertWindow(db, preferences, "zh", set_language=zh.use)
        qtbot.addWidget(window)
        window.resize(1366, 738)
        window.show()
        qtbot.waitExposed(window)
        package = open_package(built_p1["package"].file)
        with qtbot.waitSignal(window.signed_in, timeout=10_000):
            window._signed_in(package, unlocked(expert_id), expert_id, "")
        if complete:
            complete_everything(window.desk)
            window.refresh_list()
        made.append((window, db))
        return window

    yield make
    for window, _db in made:
        if window.isVisible():
            close_window(window)
    for db in {id(db): db for _w, db in made}.values():
        db.close()


def item_text(window, app_id: str) -> str:
    listing = window.ui.applicationList
    return next(
        listing.item(r).text()
        for r in range(listing.count())
        if listing.item(r).data(Qt.ItemDataRole.UserRole) == app_id
    )


def sign(window, qtbot, folder):
    with qtbot.waitSignal(window.exported, timeout=60_000) as exported:
        window.sign_and_export(folder)
    return exported.args[0]


def button(window, text: str):
    return next(b for b in window.message_actions() if b.text() == text)


def received(built_p1, file):
    [item] = receive_returns(
        [file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )
    return item


def retype(qtbot, entry, text: str) -> None:
    qtbot.mouseClick(entry.lineEdit(), Qt.MouseButton.LeftButton)
    entry.lineEdit().selectAll()
    QTest.keyClicks(entry, text)


def test_an_edit_after_signing_is_marked_and_closing_names_it(
    make_window, qtbot, built_p1, tmp_path, monkeypatch
):
    window = make_window()
    usb = tmp_path / "usb"
    first = sign(window, qtbot, usb)
    assert first.complete and first.made.revision == 1
    # Signed: the message strip says so, with the folder and every file written.
    shown = window.message_text()
    assert "第 1 版已签名" in shown and str(usb) in shown
    assert all(path.name in shown for path in first.files.written)
    assert {p.suffix for p in first.files.written} == {".ticreturn", ".chaircopy", ".pdf"}
    assert all("已签名" in item_text(window, a) for a in (APP, EDITED))
    assert "需重新签名" not in window.windowTitle()

    # The expert changes one score through the form.
    choose_application(window, EDITED)
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    entry = window.scoring.entries["team"]
    window.ui.scoringScroll.ensureWidgetVisible(entry)
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        retype(qtbot, entry, "11.5")
        QTest.keyClick(entry, Qt.Key.Key_Return)
    assert stored_score(window.db, "E02", EDITED, "team") == Decimal("11.5")
    assert window.desk.sign_state(EDITED) == SignState.CHANGED
    assert "需重新签名" in item_text(window, EDITED)
    assert "需重新签名" not in item_text(window, APP) and "已签名" in item_text(window, APP)
    assert "需重新签名" in window.windowTitle() and EDITED in window.windowTitle()

    # Closing asks first, naming the application; the default answer goes back.
    with qtbot.waitSignal(window.close_question_shown) as asked:
        window.close()
    box = asked.args[0]
    assert EDITED in box.text() and "重新签名" in box.text() and APP not in box.text()
    assert window.isVisible()
    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.close_box is None)
    assert window.isVisible() and window.desk is not None
    # Back in the window, the strip offers to sign.
    assert EDITED in window.message_text()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    with qtbot.waitSignal(window.exported, timeout=60_000) as exported:
        button(window, "签名并导出…").click()
    second = exported.args[0]
    assert second.made.revision == 2
    assert received(built_p1, second.made.file).sheet.entry(EDITED).criteria["team"] == Decimal(
        "11.5"
    )
    assert "需重新签名" not in window.windowTitle() and "已签名" in item_text(window, EDITED)
    window.close()  # nothing left to ask about
    assert not window.isVisible()


def test_signing_again_unchanged_says_so_and_writes_the_signed_files_again(
    make_window, qtbot, built_p1, tmp_path
):
    window = make_window()
    usb = tmp_path / "usb"
    first = sign(window, qtbot, usb)
    original = first.made.file.read_bytes()
    with qtbot.waitSignal(
        window.message_shown, timeout=60_000, check_params_cb=lambda k, t: "没有" in t
    ):
        window.sign_and_export(usb)
    shown = window.message_text()
    assert "自第 1 版签名以来没有任何修改" in shown
    assert not list(usb.glob("*.ticreturn.*"))  # nothing new was signed
    # The stick lost the return meanwhile: one click writes the signed files again.
    first.made.file.unlink()
    with qtbot.waitSignal(window.written_again, timeout=60_000) as written:
        button(window, "重新写出已签名文件").click()
    again = written.args[0]
    assert again.complete and again.made.revision == 1
    assert first.made.file.read_bytes() == original  # byte for byte, no new revision
    assert received(built_p1, first.made.file).revision == 1
    shown = window.message_text()
    assert "已重新写入" in shown and str(usb) in shown and first.made.file.name in shown


def test_a_file_that_cannot_be_written_is_named_and_written_again_with_one_click(
    make_window, qtbot, built_p1, tmp_path, monkeypatch
):
    window = make_window()
    usb = tmp_path / "usb"
    usb.mkdir()
    blocker = usb / "专家评审意见表-LC-2026-002-E02.pdf"
    blocker.mkdir()  # a folder where the PDF must go: its write fails as on a full stick
    result = sign(window, qtbot, usb)
    assert not result.complete and result.made.file.is_file()
    shown = window.message_text()
    assert blocker.name in shown and "未能写出" in shown and "第 1 版已签名" in shown
    assert window.ui.messageFrame.isVisible() and not window._message_timer.isActive()
    # Still in the way: said again, nothing else changes.
    with qtbot.waitSignal(window.written_again, timeout=60_000) as written:
        button(window, "重新写出").click()
    assert not written.args[0].complete and blocker.name in window.message_text()
    # The blocker removed: one click, and the PDF is there, signed, revision unchanged.
    blocker.rmdir()
    with qtbot.waitSignal(window.written_again, timeout=60_000) as written:
        button(window, "重新写出").click()
    again = written.args[0]
    assert again.complete and again.made.revision == 1
    assert blocker.is_file()
    assert all(r.valid for r in verify_pdf(blocker.read_bytes(), built_p1["workspace"].ca_pem))
    assert received(built_p1, again.made.file).revision == 1
    assert blocker.name in window.message_text()
    # Or into another folder, from the File menu.
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(other))
    with qtbot.waitSignal(window.written_again, timeout=60_000) as written:
        window.ui.writeAgainAction.trigger()
    assert written.args[0].complete and (other / blocker.name).is_file()
    assert received(built_p1, other / result.made.file.name).revision == 1


def test_moving_on_or_closing_with_an_invalid_score_is_refused_with_the_list(make_window, qtbot):
    window = make_window(complete=False)
    choose_application(window, APP)
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    form = window.scoring
    entry = form.entries["foundation"]
    window.ui.scoringScroll.ensureWidgetVisible(entry)
    retype(qtbot, entry, "17.3")  # the step is 0.5: shown, marked, not saved
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    assert form.unsaved_or_invalid()
    # A click on another application: the window stays on this one and says why.
    listing = window.ui.applicationList
    other = next(
        listing.item(r)
        for r in range(listing.count())
        if listing.item(r).data(Qt.ItemDataRole.UserRole) == "LC-2026-002"
    )
    with qtbot.waitSignal(window.error_shown) as refused:
        qtbot.mouseClick(
            listing.viewport(),
            Qt.MouseButton.LeftButton,
            pos=listing.visualItemRect(other).center(),
        )
    qtbot.waitUntil(lambda: listing.currentItem().data(Qt.ItemDataRole.UserRole) == APP)
    assert window.scoring is form and form.application_id == APP
    assert "依托单位基础条件" in refused.args[0] and "17.3" in refused.args[0]
    assert entry.text() == "17.3"  # what the expert typed is still there to correct
    assert stored_score(window.db, "E02", APP, "foundation") is None
    # Closing: asked, with the same list; going back keeps everything.
    with qtbot.waitSignal(window.close_question_shown) as asked:
        window.close()
    assert "依托单位基础条件" in asked.args[0].text()
    QTest.keyClick(asked.args[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.close_box is None)
    assert window.isVisible()
    # Corrected: it saves, and moving on works.
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        retype(qtbot, entry, "17.5")
        QTest.keyClick(entry, Qt.Key.Key_Return)
    choose_application(window, "LC-2026-002")
    assert window.scoring.application_id == "LC-2026-002"
    assert stored_score(window.db, "E02", APP, "foundation") == Decimal("17.5")


def test_leaving_an_application_saves_the_inspection_notes_typed_just_now(make_window, qtbot):
    window = make_window(complete=False)
    choose_application(window, APP)
    panel = window.inspection_panel
    panel.site.setText("聊城市东昌府区")  # within the typing pause: not saved yet
    inspection = panel.inspection
    assert inspection.report_fields(APP).site_address == ""
    choose_application(window, "LC-2026-002")
    assert inspection.report_fields(APP).site_address == "聊城市东昌府区"


def test_the_chair_sees_her_own_scores_after_signing(make_window, qtbot, tmp_path):
    window = make_window("E01")
    panel = window.chair_panel
    members = [m.id for m in window.desk.manifest.members]
    column = members.index("E01")
    row = next(r for r, p in enumerate(panel.pictures) if p.application_id == APP)
    before = panel.table.item(row, column).text()
    sign(window, qtbot, tmp_path / "usb")
    after = panel.table.item(row, column).text()
    total = sum(window.desk.form(APP).scores.values())
    assert before != after and Decimal(after) == total


def test_a_hand_edited_score_is_a_persistent_banner_and_signing_stays_refused(
    make_window, qtbot, built_p1, tmp_path
):
    db = open_database(tmp_path / "edited.sqlite3")
    window = make_window(db=db)
    close_window(window)
    connection = sqlite3.connect(db.path)
    connection.execute(
        "UPDATE score_entry SET score = '20' WHERE application_id = ? AND criterion_id = ?",
        (APP, "foundation"),
    )
    connection.commit()
    connection.close()
    window = make_window(db=db, complete=False)
    banner = window.integrity_text()
    assert "拒绝签名" in banner and f"{APP} foundation" in banner
    assert not window.ui.signAction.isEnabled()
    window.clear_message()
    window.notify("另一条消息", "ok")
    assert window.integrity_text() == banner  # not a message that goes away
    usb = tmp_path / "usb"
    with qtbot.waitSignal(window.sign_blocked) as blocked:
        window.sign_and_export(usb)
    assert "foundation" in str(blocked.args[0]) and not usb.exists()
    assert "拒绝签名" in window.message_text()
    assert window.desk.integrity is not None


def test_the_close_question_answers_close_anyway(make_window, qtbot, tmp_path):
    window = make_window()
    sign(window, qtbot, tmp_path / "usb")
    window.desk.set_opinion(APP, "签名后改过的意见")
    with qtbot.waitSignal(window.close_question_shown) as asked:
        window.close()
    box = asked.args[0]
    leave = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    assert leave.text() == "仍然关闭" and box.defaultButton() is not leave
    leave.click()
    qtbot.waitUntil(lambda: not window.isVisible())
