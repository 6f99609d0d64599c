"""Help, About, the welcome screen and opening a package, from the bureau window's menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tic_desktop import __version__
from tic_desktop.paths import demo_round_file

pytestmark = pytest.mark.gui


def test_f1_opens_the_user_guide_and_about_names_the_version(desktop, qtbot):
    window = desktop.window
    assert window.ui.userGuideAction.shortcut().toString() == "F1"
    window.ui.userGuideAction.trigger()
    guide = window.guide_window
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    about = window.show_about()
    texts = " ".join(w.text() for w in about.findChildren(type(window.ui.summaryLabel)))
    assert __version__ in texts
    about.close()


def test_the_welcome_screen_opens_the_demo_round(desktop, qtbot):
    window = desktop.window
    welcome = window.show_welcome()
    with qtbot.waitSignal(desktop.bridge.round_opened) as opened:
        welcome.open_demo.emit()
    assert opened.args[0].round.path == demo_round_file()


def test_open_package_hands_the_chosen_file_to_the_app(desktop, qtbot, monkeypatch, tmp_path):
    package = tmp_path / "P1.ticpkg"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    with qtbot.waitSignal(desktop.window.package_requested) as requested:
        desktop.window.ui.openPackageAction.trigger()
    assert requested.args == [Path(package)]
