"""Asking before destroying: deleting a panel and importing into a round whose packages were issued
name what will be lost; 取消 keeps everything as it was (issue #14)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.gui.round_wizard import RoundEditorDialog, issued_packages
from tic_desktop.paths import demo_round_file
from tic_desktop.review import evaluate_round

pytestmark = pytest.mark.gui

ISSUED = {"P1": ["P1.ticpkg（2026-12-03）"]}


@pytest.fixture
def editor(qtbot, preferences):
    dialog = RoundEditorDialog(
        evaluate_round(demo_round_file()).round, preferences, "zh", issued=ISSUED
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_deleting_a_panel_with_issued_packages_asks_naming_them(qtbot, editor):
    builder = editor.panels
    builder.select_panel("P1")
    with qtbot.waitSignal(builder.question_asked) as asked:
        _click(qtbot, builder.delete_button)
    question = asked.args[0]
    assert "P1" in question.text()
    assert "P1.ticpkg（2026-12-03）" in question.informativeText()  # the package that goes astray
    assert "7" in question.informativeText()  # its members
    _click(qtbot, question.cancel_button)
    assert [p.id for p in editor.draft.panels] == ["P1", "P2", "P3"]
    with qtbot.waitSignal(builder.question_asked) as asked:
        builder.delete_current_panel()
    with qtbot.waitSignal(builder.changed):
        _click(qtbot, asked.args[0].action_button)
    assert [p.id for p in editor.draft.panels] == ["P2", "P3"]
    assert builder.panel_list.count() == 2


def test_a_panel_without_packages_is_still_asked_about_but_names_no_package(qtbot, editor):
    editor.panels.select_panel("P3")
    with qtbot.waitSignal(editor.panels.question_asked) as asked:
        editor.panels.delete_current_panel()
    assert "ticpkg" not in asked.args[0].informativeText()
    _click(qtbot, asked.args[0].cancel_button)


def test_importing_into_a_round_with_issued_packages_asks_first(qtbot, editor, monkeypatch):
    path = demo_round_file().parent / "apps" / "LC-2026-001.json"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(path)], ""))
    page = editor.applications
    import_button = next(b for b in page.findChildren(QPushButton) if "JSON" in b.text())
    before = list(editor.draft.applications)
    with qtbot.waitSignal(editor.question_asked) as asked:
        _click(qtbot, import_button)
    assert "P1.ticpkg" in asked.args[0].text()
    changed = []
    page.changed.connect(lambda: changed.append(1))
    _click(qtbot, asked.args[0].cancel_button)
    assert changed == [] and list(editor.draft.applications) == before
    with qtbot.waitSignal(editor.question_asked) as asked:
        _click(qtbot, import_button)
    with qtbot.waitSignal(page.changed):
        _click(qtbot, asked.args[0].action_button)


def test_issued_packages_are_read_from_the_bureau_registry(tmp_path):
    bureau = init_workspace(tmp_path / "bureau", passphrase="a passphrase for tests")
    bureau.register_package(
        "ab" * 32,
        {
            "round": "2026-TIC-01",
            "panel": "P1",
            "file": "P1.ticpkg",
            "built_at": "2026-12-03T09:00:00+00:00",
        },
    )
    bureau.register_package(
        "cd" * 32,
        {
            "round": "2027-TIC-01",
            "panel": "P1",
            "file": "P1.ticpkg",
            "built_at": "2027-01-03T09:00:00+00:00",
        },
    )
    assert issued_packages(str(bureau.folder), "2026-TIC-01") == {"P1": ["P1.ticpkg（2026-12-03）"]}
    assert issued_packages("", "2026-TIC-01") == {}
    assert issued_packages(str(tmp_path / "nowhere"), "2026-TIC-01") == {}
