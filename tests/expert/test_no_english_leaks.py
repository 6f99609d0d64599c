"""In Chinese, the expert sees no English: every visible text of the expert window in each state
(sign-in dialog, conflict declaration, each work tab, the chair's tab, Qt's own file dialog) and
the messages of bad packages are checked for words in Latin letters.

Allowed: ids and codes with digits (LC-2026-001, E01, P1, SHA-256), file names with the app's
extensions, paths, key names (Ctrl, Alt), and a few words Chinese software writes in Latin
letters (PDF, USB, KB, MB).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tic_desktop.gui.expert_window import ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui

ALLOWED = {"PDF", "USB", "KB", "MB", "CTRL", "ALT", "SHIFT", "ENTER", "ESC"}
LANGUAGE_NAMES = {"English"}  # the View menu offers the other language by its own name
EXTENSIONS = (".ticpkg", ".ticreturn", ".chaircopy", ".pdf", ".json", ".sqlite3", ".jpg", ".png")
PATH = re.compile(r"\S*[/\\]\S*")
WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
FINGERPRINT_GROUP = re.compile(r"[0-9A-F]{4}")


def english_words(text: str) -> list[str]:
    """Words of Latin letters that are not ids, file names, paths or allowed words."""
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    text = PATH.sub(" ", text.replace("&&", "").replace("&", ""))
    found = []
    for match in WORD.finditer(text):
        word = match.group().rstrip(".-")
        letters = re.sub(r"[^A-Za-z]", "", word)
        if len(letters) < 2 or any(c.isdigit() for c in word):
            continue
        if FINGERPRINT_GROUP.fullmatch(word):
            continue  # a group of a fingerprint (6202 E23C … EEEE)
        if word.upper() in ALLOWED or word in LANGUAGE_NAMES:
            continue
        extension = ("." + word if text[match.start() - 1 : match.start()] == "." else word).lower()
        if extension.endswith(EXTENSIONS):
            continue  # a file name (the name itself may be Chinese)
        found.append(word)
    return found


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything the user can read in ``root`` as it is on screen."""
    texts: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text) -> None:
        if isinstance(text, str) and text:
            texts.append((f"{type(widget).__name__}({widget.objectName()}).{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if widget.isWindow():
            add(widget, "windowTitle", widget.windowTitle())
        add(widget, "toolTip", widget.toolTip())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(widget, "placeholder", widget.placeholderText())
            add(widget, "text", widget.toPlainText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, f"item{i}", widget.itemText(i))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                if widget.isTabVisible(i):
                    add(widget, f"tab{i}", widget.tabText(i))
                    add(widget, f"tabToolTip{i}", widget.tabToolTip(i))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(widget, "menu", action.text())
                if action.menu() is not None:
                    for item in action.menu().actions():
                        add(widget, f"menu {action.text()}", item.text())
                        add(widget, f"menu {action.text()} tip", item.toolTip())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root_index = widget.model(), QModelIndex()
            try:
                columns = model.columnCount(root_index)
            except TypeError:  # a list's model keeps columnCount private: one column
                columns = 1
            for column in range(columns):
                add(widget, "header", model.headerData(column, Qt.Orientation.Horizontal))
            for row in range(min(model.rowCount(root_index), 200)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            add(widget, f"cell{row},{column}", value)
    return texts


def leaks(root: QWidget) -> list[tuple[str, str, list[str]]]:
    found = []
    for where, text in visible_texts(root):
        # An action's tooltip defaults to its text with the shortcut; "Ctrl+O" is a key name.
        words = english_words(text)
        if words:
            found.append((where, text, words))
    return found


def test_the_word_check_itself():
    assert english_words("字段 team") == ["team"]
    assert english_words("premises.equipment_value 需研判") == ["premises.equipment_value"]
    assert english_words("File is not a zip file") != []
    assert english_words("(decryption error)") == ["decryption", "error"]
    assert english_words("LC-2026-001 · P1 · E02 · 2026-TIC-01 · SHA-256") == []
    assert english_words("打开(&O)… Ctrl+O · 申报书（58 KB） · P1.ticpkg · /tmp/x/y") == []
    assert english_words("<b>Look in:</b>") == ["Look", "in"]


@pytest.fixture
def window(qtbot, tmp_path, zh):
    preferences = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    db = open_database(tmp_path / "expert.sqlite3")
    win = ExpertWindow(db, preferences, "zh", set_language=zh.use)
    qtbot.addWidget(win)
    win.resize(1366, 738)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    db.close()


def test_every_state_of_the_expert_window_is_chinese(window, qtbot, built_p1, unlocked):
    seen: dict[str, list] = {"start": leaks(window)}
    with qtbot.waitSignal(window.sign_in_dialog_shown, timeout=30_000) as shown_dialog:
        window.open_with_dialog(built_p1["package"].file)
    dialog = shown_dialog.args[0]
    dialog.choose_member("E01")
    seen["sign-in"] = leaks(dialog)
    dialog.passphrase.setText("0000-1111-2222")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=60_000)
    assert dialog.message.isVisible()
    seen["sign-in, wrong passphrase"] = leaks(dialog)
    dialog.reject()

    from tic_desktop.packages.opening import open_package

    chair = "E01"  # P1's chair: the chair's tab too
    with qtbot.waitSignal(window.signed_in):
        window._signed_in(open_package(built_p1["package"].file), unlocked(chair), chair, "")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        seen["declaration"] = leaks(window)
        window.confirm_certification()
        seen["declaration, confirm"] = leaks(window.confirm_box)
        window.confirm_box.close()
        window.certify()
    tabs = window.ui.workTabs
    for row in range(window.ui.applicationList.count()):
        window.ui.applicationList.setCurrentRow(row)
        if tabs.isTabVisible(tabs.indexOf(window.ui.materialsTab)):
            with qtbot.waitSignal(window.attachment_shown, timeout=60_000):
                tabs.setCurrentWidget(window.ui.materialsTab)
            qtbot.waitUntil(lambda: window.viewer.page_view.pixmap() is not None)
        for index in range(tabs.count()):
            if tabs.isTabVisible(index):
                tabs.setCurrentIndex(index)
                seen[f"application {row}, tab {tabs.tabText(index)}"] = leaks(window)
    window.sign_and_export(Path("/nonexistent"))  # refused: the list of what is missing
    seen["not ready to sign"] = leaks(window)
    assert {state: found for state, found in seen.items() if found} == {}


def test_qt_own_file_dialog_is_chinese(qtbot, zh, tmp_path):
    dialog = QFileDialog(None, "打开评审包", str(tmp_path), "评审包 (*.ticpkg)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    found = leaks(dialog)
    assert found == []
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels


def _rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(info, change(name, data))
    return target


def test_bad_packages_are_reported_in_chinese(window, qtbot, built_p1, unlocked, tmp_path):
    package = built_p1["package"].file
    data = package.read_bytes()
    bad = {
        "不是压缩包": tmp_path / "不是压缩包.ticpkg",
        "截断": tmp_path / "截断.ticpkg",
        "清单被改": tmp_path / "清单被改.ticpkg",
    }
    bad["不是压缩包"].write_bytes(b"this is not a zip file at all")
    bad["截断"].write_bytes(data[: len(data) // 2])

    def touch_manifest(name: str, content: bytes) -> bytes:
        if name.endswith("manifest.jws") or name.startswith("manifest"):
            return content[:-8] + b"AAAAAAAA"
        return content

    _rewrite(package, bad["清单被改"], touch_manifest)
    messages = {}
    for what, file in bad.items():
        with qtbot.waitSignal(window.error_shown) as shown:
            window.open_with_dialog(file)
        messages[what] = shown.args[0]
        assert window.ui.messageFrame.isVisible()
        assert leaks(window) == [], what

    # An attachment altered inside an otherwise intact package: the decryption fails.
    from tic_desktop.packages.opening import open_package

    opened = open_package(package)
    attachment = opened.manifest.applications[0].attachments[0].file.path
    opened.close()

    def garble(name: str, content: bytes) -> bytes:
        if name == attachment:
            return content[:200] + bytes(len(content) - 200)
        return content

    altered = _rewrite(package, tmp_path / "附件被改.ticpkg", garble)
    with qtbot.waitSignal(window.signed_in):
        window._signed_in(open_package(altered), unlocked("E03"), "E03", "")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        window.certify()
    window.ui.applicationList.setCurrentRow(0)
    with qtbot.waitSignal(window.error_shown, timeout=60_000) as shown:
        window.ui.workTabs.setCurrentWidget(window.ui.materialsTab)
        window.show_attachment(0)
    messages["附件被改"] = shown.args[0]
    assert leaks(window) == []
    assert {what: english_words(text) for what, text in messages.items()} == {
        what: [] for what in messages
    }
    assert QApplication.activeModalWidget() is None
