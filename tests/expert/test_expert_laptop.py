"""The expert's workstation on a real laptop (issue #15): 1366×768 and 1024×600 screens, keyboard
only, wrong passphrases, the materials at once, PDF search and zoom, the formal-review page."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
from tic_desktop.gui.expert_window import LAST_PACKAGE_FOLDER, ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui

PANEL = 30
LAPTOPS = {
    "1366x768": QRect(0, 0, 1366, 768 - PANEL),
    "1024x600": QRect(0, 0, 1024, 600 - PANEL),
}


@pytest.fixture
def preferences(tmp_path):
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qapp, qtbot, tmp_path, preferences, zh):
    apply_font(qapp, 11, register_bundled_fonts())
    made = []

    def make(available: QRect = LAPTOPS["1366x768"]) -> ExpertWindow:
        db = open_database(tmp_path / f"expert{len(made)}.sqlite3")
        window = ExpertWindow(db, preferences, "zh", set_language=zh.use)
        qtbot.addWidget(window)
        window.restore_geometry(preferences, available)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, db))
        return window

    yield make
    for window, db in made:
        window.close()
        db.close()


def _signed_in(window, qtbot, built_p1, unlocked, expert_id: str) -> None:
    from tic_desktop.packages.opening import open_package

    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        window._signed_in(
            open_package(built_p1["package"].file), unlocked(expert_id), expert_id, ""
        )


def _type_chinese(widget, text: str) -> None:
    """Chinese arrives from the input method as a committed string (QTest.keyClicks is ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


# --- the window fits the screen --------------------------------------------------------------
@pytest.mark.parametrize("laptop", LAPTOPS)
def test_a_size_saved_on_a_big_monitor_is_brought_back_onto_the_laptop(
    qtbot, make_window, preferences, laptop
):
    big = make_window(QRect(0, 0, 1920, 1080))
    big.setGeometry(100, 120, 1800, 1000)
    big.save_geometry(preferences)

    window = make_window(LAPTOPS[laptop])
    available = LAPTOPS[laptop]
    assert _inside(window.geometry(), available)
    # The bottom edge, where the status line is, is on the screen; nothing needs more room.
    status = window.statusBar()
    bottom_left = status.mapTo(window, status.rect().bottomLeft())
    assert window.geometry().top() + bottom_left.y() <= available.bottom()
    assert window.minimumSizeHint().height() <= available.height() - 36
    assert window.minimumSizeHint().width() <= available.width()


def test_with_nothing_saved_the_window_takes_its_size_from_the_screen(make_window):
    window = make_window(LAPTOPS["1024x600"])
    assert window.width() <= 1024 and window.height() <= 600 - PANEL - 30
    assert window.width() >= 1000  # the whole laptop screen, not a fixed 1366×768


# --- feedback inside the window ----------------------------------------------------------------
def test_a_damaged_package_is_reported_in_the_window_in_chinese(make_window, tmp_path, qtbot):
    window = make_window(LAPTOPS["1024x600"])
    damaged = tmp_path / "damaged.ticpkg"
    damaged.write_bytes(b"PK\x03\x04 this is not a package")
    with qtbot.waitSignal(window.error_shown):
        window.open_with_dialog(damaged)
    assert window.ui.messageFrame.isVisible()
    text = window.message_text()
    assert "无法打开评审包" in text and "zip" not in text.lower()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    # The strip is inside the window's visible area.
    frame = window.ui.messageFrame
    top_left = frame.mapTo(window, frame.rect().topLeft())
    assert 0 <= top_left.y() < window.height() // 3


# --- sign-in: a wrong passphrase keeps the dialog open ------------------------------------------
def test_wrong_passphrase_keeps_the_dialog_open_for_a_retry(
    make_window, qtbot, built_p1, preferences
):
    window = make_window()
    package = built_p1["package"].file
    with qtbot.waitSignal(window.sign_in_dialog_shown, timeout=30_000) as shown_dialog:
        window.open_with_dialog(package)
    dialog = shown_dialog.args[0]
    # Before unlocking: the round, the panel and the bureau's fingerprint, and who is who.
    shown = dialog.package_info.text()
    assert "2026-TIC-01" in shown and "P1" in shown and "聊城市科学技术局" in shown
    from tic_desktop.security.fingerprints import short_fingerprint

    assert short_fingerprint(built_p1["workspace"].fingerprint) in shown
    names = [dialog.member.itemText(i) for i in range(dialog.member.count())]
    assert any("（组长）" in name for name in names)

    dialog.choose_member("E02")
    # Empty passphrase: said in the dialog, which stays open.
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.ok_button.isEnabled())
    assert "口令" in dialog.message.text()
    assert dialog.isVisible()
    # Wrong passphrase, typed: the dialog says so and keeps the expert's choice.
    QTest.keyClicks(dialog.passphrase, "1111-2222-3333")
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert not dialog.ok_button.isEnabled()  # unlocking
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=60_000)
    assert dialog.isVisible() and "口令不正确" in dialog.message.text()
    assert dialog.expert_id() == "E02"
    # The right one, in the same dialog.
    dialog.passphrase.clear()
    QTest.keyClicks(dialog.passphrase, built_p1["credentials"]["E02"].passphrase)
    with qtbot.waitSignal(window.signed_in, timeout=60_000):
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert preferences.get(LAST_PACKAGE_FOLDER) == str(package.parent)


def test_file_dialogs_start_in_the_folder_of_the_last_package(
    make_window, preferences, tmp_path, monkeypatch
):
    window = make_window()
    usb = tmp_path / "usb"
    usb.mkdir()
    preferences.set(LAST_PACKAGE_FOLDER, str(usb))
    seen = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kw: (seen.append(args[2]), ("", ""))[1]
    )
    window.ui.openPackageAction.trigger()
    assert seen == [str(usb)]


# --- conflict of interest: keyboard-complete, confirmed ---------------------------------------
def test_the_declaration_can_be_made_with_the_keyboard_and_is_confirmed(
    make_window, qtbot, built_p1, unlocked
):
    window = make_window(LAPTOPS["1024x600"])
    _signed_in(window, qtbot, built_p1, unlocked, "E04")
    assert window.ui.pages.currentWidget() is window.ui.coiPage
    table = window.ui.coiTable
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    # Tab leaves the table: through each row's box and reason, then to the certify button.
    reached = []
    for _ in range(2 * table.rowCount() + 1):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    boxes = [table.cellWidget(row, 3) for row in range(table.rowCount())]
    reasons = [table.cellWidget(row, 4) for row in range(table.rowCount())]
    enabled_boxes = [b for b in boxes if b.isEnabled()]
    assert enabled_boxes and all(b in reached for b in enabled_boxes)
    assert all(r in reached for r in reasons)
    assert window.ui.certifyButton in reached
    # Declare a conflict with the second application by keyboard alone.
    row = next(r for r in range(table.rowCount()) if boxes[r].isEnabled() and r > 0)
    app_id = table.item(row, 0).text()
    boxes[row].setFocus()
    QTest.keyClick(boxes[row], Qt.Key.Key_Space)
    assert boxes[row].isChecked()
    QTest.keyClick(boxes[row], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is reasons[row]
    _type_chinese(reasons[row], "近三年有合作项目")
    window.ui.certifyButton.setFocus()
    QTest.keyClick(window.ui.certifyButton, Qt.Key.Key_Space)
    box = window.confirm_box
    assert box is not None and box.isVisible()
    assert "您声明与以下申报存在利益冲突" in box.text() and app_id in box.text()
    assert "近三年有合作项目" in box.text() and "确认后不能更改" in box.text()
    assert not window.desk.certified  # nothing recorded before the answer
    # The default answer goes back to the table; confirming is a deliberate choice.
    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.confirm_box is None)
    assert not window.desk.certified and window.ui.pages.currentWidget() is window.ui.coiPage
    QTest.keyClick(window.ui.certifyButton, Qt.Key.Key_Space)
    confirm = next(b for b in window.confirm_box.buttons() if b.text() == "确认")
    with qtbot.waitSignal(window.certified):
        QTest.keyClick(confirm, Qt.Key.Key_Space)
    assert window.desk.declared_conflicts() == {app_id: "近三年有合作项目"}


def test_a_ticked_conflict_without_reason_is_pointed_at_before_asking(
    make_window, qtbot, built_p1, unlocked
):
    window = make_window()
    _signed_in(window, qtbot, built_p1, unlocked, "E05")
    table = window.ui.coiTable
    row = next(r for r in range(table.rowCount()) if table.cellWidget(r, 3).isEnabled())
    table.cellWidget(row, 3).setChecked(True)
    window.ui.certifyButton.click()
    assert window.confirm_box is None
    assert table.item(row, 0).text() in window.message_text()
    assert window.focusWidget() is table.cellWidget(row, 4)


# --- materials -----------------------------------------------------------------------------------
@pytest.mark.parametrize("laptop, share", [("1366x768", 0.6), ("1024x600", 0.45)])
def test_the_materials_tab_shows_the_first_document_at_once_with_most_of_the_height(
    make_window, qtbot, built_p1, unlocked, laptop, share
):
    window = make_window(LAPTOPS[laptop])
    _signed_in(window, qtbot, built_p1, unlocked, "E03")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        window.certify()
    window.clear_message()
    with qtbot.waitSignal(window.attachment_shown, timeout=60_000) as shown:
        window.ui.applicationList.setCurrentRow(0)
        window.ui.workTabs.setCurrentWidget(window.ui.materialsTab)
    assert shown.args[0] == "申报书"
    assert window.viewer.page_count >= 1
    qtbot.waitUntil(lambda: window.viewer.page_view.pixmap() is not None)
    assert not window.viewer.page_view.pixmap().isNull()
    assert window.viewer.scroll.height() >= share * window.height()


def test_a_recused_application_has_no_materials_tab(make_window, qtbot, built_p1, unlocked):
    window = make_window()
    _signed_in(window, qtbot, built_p1, unlocked, "E02")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        window.set_declaration("LC-2026-004", "近三年与申报单位有合作项目")
        window.certify()
    tabs = window.ui.workTabs
    items = [window.ui.applicationList.item(i) for i in range(window.ui.applicationList.count())]
    recused = next(i for i, item in enumerate(items) if "LC-2026-004" in item.text())
    window.ui.applicationList.setCurrentRow(recused)
    assert not tabs.isTabVisible(tabs.indexOf(window.ui.materialsTab))
    assert tabs.currentWidget() is not window.ui.materialsTab
    window.ui.applicationList.setCurrentRow(0)
    assert tabs.isTabVisible(tabs.indexOf(window.ui.materialsTab))


# --- the PDF viewer --------------------------------------------------------------------------
def _pdf(pages: int, word_on: int | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        pdf.drawString(72, A4[1] - 72, f"Page {page + 1}")
        if page == word_on:
            pdf.drawString(300, 60, "needle")  # near the bottom of the page
        pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture
def viewer(qtbot, qapp, zh):
    from tic_desktop.gui.pdf_viewer import PdfViewer

    widget = PdfViewer()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def test_search_scrolls_the_match_into_view(viewer, qtbot):
    with qtbot.waitSignal(viewer.document_shown, timeout=10_000):
        viewer.load(_pdf(3, word_on=1), "test")
    assert viewer.scroll.verticalScrollBar().value() == 0
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000) as found:
        QTest.keyClicks(viewer.search, "needle")
        QTest.keyClick(viewer.search, Qt.Key.Key_Return)
    assert found.args[0] == 1
    qtbot.waitUntil(lambda: viewer.current_page == 1)
    # The page is taller than the view at 100 %; the match at its bottom is scrolled to.
    qtbot.waitUntil(lambda: viewer.scroll.verticalScrollBar().value() > 0)
    bar = viewer.scroll.verticalScrollBar()
    page_height = viewer.page_view.pixmap().height()
    match_y = page_height - 60 * 96 / 72
    assert bar.value() <= match_y <= bar.value() + viewer.scroll.viewport().height()
    assert "第 1 处，共 1 处" in viewer.page_label.text()


def test_only_the_thumbnails_in_view_are_rendered(viewer, qtbot):
    with qtbot.waitSignal(viewer.document_shown, timeout=10_000):
        viewer.load(_pdf(80), "many pages")
    assert viewer.page_count == 80
    qtbot.waitUntil(lambda: len(viewer._thumbs_done) > 0)
    qtbot.wait(200)
    assert 0 < len(viewer._thumbs_done) < 20
    viewer.thumbnails.scrollToBottom()
    qtbot.waitUntil(lambda: 79 in viewer._thumbs_done)
    assert len(viewer._thumbs_done) < 40
    assert 40 not in viewer._thumbs_done  # the rows scrolled past were not rendered


def test_ctrl_plus_zooms_the_document_and_ctrl_alt_plus_the_interface(
    make_window, qtbot, built_p1, unlocked
):
    window = make_window()
    _signed_in(window, qtbot, built_p1, unlocked, "E06")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        window.certify()
    with qtbot.waitSignal(window.attachment_shown, timeout=60_000):
        window.ui.applicationList.setCurrentRow(1)
        window.ui.workTabs.setCurrentWidget(window.ui.materialsTab)
    # One meaning per key in the whole window.
    keys = []
    for action in window.findChildren(type(window.ui.largerTextAction)):
        keys += [s.toString() for s in action.shortcuts()]
    viewer_keys = [s.key().toString() for s in window.viewer.findChildren(QShortcut)]
    assert not set(keys) & set(viewer_keys)
    assert {"Ctrl++", "Ctrl+-"} <= set(viewer_keys)
    assert "Ctrl+Alt++" in [s.toString() for s in window.ui.largerTextAction.shortcuts()]
    window.viewer.page_view.setFocus()
    before = window.viewer.zoom_label.text()
    QTest.keyClick(window.viewer.scroll, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.viewer.zoom_label.text() != before
    assert window.viewer.zoom_label.text() == "125%"
    QTest.keyClick(window.viewer.scroll, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.viewer.zoom_label.text() == "100%"
    assert QKeySequence("Ctrl+Alt+-") in window.ui.smallerTextAction.shortcuts()


# --- formal review ---------------------------------------------------------------------------
def test_formal_review_rows_have_headers_colours_and_say_what_is_agreed(
    make_window, qtbot, built_p1, unlocked
):
    window = make_window(LAPTOPS["1024x600"])
    _signed_in(window, qtbot, built_p1, unlocked, "E06")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        window.certify()
    items = [window.ui.applicationList.item(i) for i in range(window.ui.applicationList.count())]
    row = next(i for i, item in enumerate(items) if "LC-2026-004" in item.text())
    window.ui.applicationList.setCurrentRow(row)
    window.ui.workTabs.setCurrentWidget(window.ui.formalTab)
    panel = window.formal_panel
    texts = [label.text() for label in panel.findChildren(type(window.ui.titleLabel))]
    assert any("系统结论" in t for t in texts) and any("您的意见" in t for t in texts)
    choice = next(iter(panel.choices.values()))
    assert choice.itemText(1).startswith("同意系统结论：")
    assert choice.itemText(1) != "同意"
    assert "不同意" in choice.itemText(2)
    html = window.ui.formalView.toHtml()
    assert "检查项" in html and "#fff2cc" in html.lower()
    # Each judgement row is reachable: the panel scrolls instead of cutting rows off.
    assert window.formal_scroll.widget() is panel
    reason = next(iter(panel.reasons.values()))
    assert isinstance(reason, QLineEdit)
    window.formal_scroll.ensureWidgetVisible(reason)
    top_left = reason.mapTo(window.formal_scroll.viewport(), reason.rect().topLeft())
    assert 0 <= top_left.y() <= window.formal_scroll.viewport().height()
