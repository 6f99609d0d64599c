"""The user guide window, the first-run welcome and About."""

from __future__ import annotations

from importlib import metadata

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from tic_desktop import __version__
from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.gui.about import LIBRARIES, AboutDialog, about_text, grouped_fingerprint
from tic_desktop.gui.help_window import (
    GUIDES,
    UserGuideWindow,
    guide_dir,
    guide_file,
    referenced_paths,
)
from tic_desktop.gui.settings import Preferences
from tic_desktop.gui.welcome import SHOW_WELCOME, WelcomeDialog, welcome_wanted
from tic_desktop.security.fingerprints import short_fingerprint

pytestmark = pytest.mark.gui


def _images_in_document(document: QTextDocument) -> list:
    found = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            if char_format.isImageFormat():
                found.append(char_format.toImageFormat())
            fragments += 1
        block = block.next()
    return found


@pytest.fixture
def guide_window(qtbot, preferences):
    window = UserGuideWindow("zh", preferences)
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


# --- the guides themselves ---------------------------------------------------------------------
@pytest.mark.parametrize("name", GUIDES)
def test_every_file_a_guide_names_exists_in_resources(name):
    text = guide_file(name).read_text(encoding="utf-8")
    targets = [t for t in referenced_paths(text) if not t.startswith(("#", "http://", "https://"))]
    assert any(t.startswith("images/") for t in targets)
    for target in targets:
        assert (guide_dir() / target.split("#")[0]).is_file(), target


def test_guide_images_are_small_enough_to_ship():
    images = sorted((guide_dir() / "images").iterdir())
    assert images
    assert all(image.stat().st_size <= 150 * 1024 for image in images)
    used = set()
    for name in GUIDES:
        used.update(
            t
            for t in referenced_paths(guide_file(name).read_text(encoding="utf-8"))
            if t.startswith("images/")
        )
    assert {f"images/{image.name}" for image in images} == used  # none missing, none unused


# --- the guide window ----------------------------------------------------------------------------
def test_both_guides_load_with_every_image_resolved(guide_window, qtbot):
    for index, name in enumerate(GUIDES):
        with qtbot.waitSignal(guide_window.guide_shown, timeout=1000):
            guide_window.show_guide(name)
        assert guide_window.current_guide == name and guide_window.tabs.currentIndex() == index
        document = guide_window.browser.document()
        markdown = guide_file(name).read_text(encoding="utf-8")
        assert document.toPlainText().startswith(markdown.splitlines()[0].lstrip("# "))
        expected = [t for t in referenced_paths(markdown) if t.startswith("images/")]
        images = _images_in_document(document)
        assert [image.name() for image in images] == expected
        viewport = guide_window.browser.viewport().width()
        for image in images:
            pixmap = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
            assert pixmap is not None and not pixmap.isNull(), image.name()
            assert 0 < image.width() <= viewport  # scaled to fit: no sideways scrolling


def test_links_between_guides_switch_the_tab(guide_window, qtbot):
    assert guide_window.current_guide == "bureau"
    with qtbot.waitSignal(
        guide_window.guide_shown, timeout=1000, check_params_cb=lambda n: n == "expert"
    ):
        guide_window.browser.anchorClicked.emit(QUrl("expert.md"))
    assert guide_window.tabs.currentIndex() == 1
    with qtbot.waitSignal(
        guide_window.guide_shown, timeout=1000, check_params_cb=lambda n: n == "bureau"
    ):
        guide_window.browser.anchorClicked.emit(QUrl("bureau.md"))
    assert guide_window.tabs.currentIndex() == 0


@pytest.mark.parametrize("name", GUIDES)
def test_every_contents_link_finds_its_heading(guide_window, name):
    guide_window.show_guide(name)
    anchors = [
        t
        for t in referenced_paths(guide_file(name).read_text(encoding="utf-8"))
        if t.startswith("#")
    ]
    assert len(anchors) >= 8
    for anchor in anchors:
        guide_window.browser.anchorClicked.emit(QUrl(anchor))
        block = guide_window.browser.textCursor().block()
        assert block.blockFormat().headingLevel() == 2, anchor
        assert (
            block.text()
            .lower()
            .replace("、", "")
            .replace("，", "")
            .replace("：", "")
            .replace(" ", "-")
            == anchor[1:]
        )


def test_keyboard_switches_guides_and_finds_text(guide_window, qtbot):
    qtbot.keyClick(guide_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert guide_window.current_guide == "expert"
    qtbot.keyClick(guide_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide_window.search_edit.hasFocus()
    guide_window.search_edit.setText("口令单")  # QTest cannot type Chinese
    qtbot.keyClick(guide_window.search_edit, Qt.Key.Key_Return)
    assert guide_window.browser.textCursor().selectedText() == "口令单"
    qtbot.keyClick(guide_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert guide_window.current_guide == "bureau"


def test_guide_window_reopens_at_the_size_it_was_left(qtbot, preferences):
    first = UserGuideWindow("zh", preferences)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(777, 555)
    first.close()
    second = UserGuideWindow("zh", preferences)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (777, 555)


# --- the welcome dialog --------------------------------------------------------------------------
@pytest.fixture
def welcome(qtbot, preferences):
    dialog = WelcomeDialog(preferences, "zh")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize(
    "button, signal",
    [
        ("demo_button", "open_demo"),
        ("package_button", "open_package"),
        ("new_round_button", "new_round"),
    ],
)
def test_each_start_button_emits_its_signal_and_closes(welcome, qtbot, button, signal):
    with qtbot.waitSignal(getattr(welcome, signal), timeout=1000):
        qtbot.mouseClick(getattr(welcome, button), Qt.MouseButton.LeftButton)
    assert not welcome.isVisible()


def test_the_guide_button_emits_and_keeps_the_welcome_open(welcome, qtbot):
    with qtbot.waitSignal(welcome.show_guide, timeout=1000):
        qtbot.mouseClick(welcome.guide_button, Qt.MouseButton.LeftButton)
    assert welcome.isVisible()


def test_do_not_show_again_is_stored(welcome, qtbot, preferences, tmp_path):
    assert welcome_wanted(preferences)
    assert not welcome.dont_show_box.isChecked()
    qtbot.mouseClick(welcome.dont_show_box, Qt.MouseButton.LeftButton)
    assert preferences.get(SHOW_WELCOME) == 0
    preferences.sync()
    reread = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    assert not welcome_wanted(reread)
    again = WelcomeDialog(reread, "zh")
    qtbot.addWidget(again)
    assert again.dont_show_box.isChecked()
    again.dont_show_box.setChecked(False)
    assert welcome_wanted(reread)


def test_welcome_speaks_chinese(qtbot, preferences, zh):
    dialog = WelcomeDialog(preferences, "zh")
    qtbot.addWidget(dialog)
    texts = [
        dialog.demo_button.text(),
        dialog.package_button.text(),
        dialog.new_round_button.text(),
        dialog.guide_button.text(),
        dialog.dont_show_box.text(),
    ]
    assert texts == ["打开演示批次", "打开评审包…", "新建评审批次…", "查看使用指南", "不再显示"]
    window = UserGuideWindow("zh")
    qtbot.addWidget(window)
    assert window.windowTitle() == "使用指南"
    assert [window.tabs.tabText(i) for i in range(2)] == ["评审局工作人员指南", "评审专家指南"]


# --- About ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    return init_workspace(
        tmp_path_factory.mktemp("about") / "bureau", passphrase="a passphrase for tests"
    )


def test_about_text_names_versions_libraries_and_the_bureau_fingerprint(bureau, tmp_path):
    html = about_text("zh", bureau.fingerprint, database_path=tmp_path / "tic.sqlite3")
    assert __version__ in html
    for library in LIBRARIES:
        assert f"{library}</td><td>&nbsp;&nbsp;{metadata.version(library)}" in html
    assert "PySide6" in html and "Qt" in html and "Python" in html
    assert short_fingerprint(bureau.fingerprint) in html
    assert (
        grouped_fingerprint(bureau.fingerprint)[:39] in html
    )  # the first eight groups, on one line
    assert grouped_fingerprint(bureau.fingerprint).startswith(short_fingerprint(bureau.fingerprint))
    assert str(tmp_path / "tic.sqlite3") in html


def test_about_text_without_a_bureau_says_so():
    assert "No bureau workspace" in about_text("en", None)


def test_about_dialog_reads_the_fingerprint_from_the_bureau_folder(bureau, qtbot):
    dialog = AboutDialog("zh", bureau.folder)
    qtbot.addWidget(dialog)
    assert dialog.fingerprint == bureau.fingerprint
    assert short_fingerprint(bureau.fingerprint) in dialog.text_label.text()
    dialog.copy_text()
    assert bureau.fingerprint.upper() in QApplication.clipboard().text()


def test_about_dialog_with_a_folder_that_is_not_a_bureau_explains(tmp_path, qtbot):
    dialog = AboutDialog("zh", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.fingerprint is None
    assert "bureau.json" in dialog.text_label.text()


def test_the_english_interface_says_the_guide_is_in_chinese(qtbot):
    window = UserGuideWindow("en")
    qtbot.addWidget(window)
    assert "The user guide is written in Chinese." in [
        label.text() for label in window.findChildren(QLabel)
    ]
