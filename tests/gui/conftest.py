"""A real DesktopApp per test, with preferences in a temporary INI file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tic_desktop.gui.app import DesktopApp
from tic_desktop.gui.settings import Preferences


@pytest.fixture
def preferences(tmp_path):
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def desktop(qapp, qtbot, preferences):
    app = DesktopApp(qapp, preferences)
    qtbot.addWidget(app.window)
    app.window.resize(1366, 768)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.translations.remove()
    app.bridge.close()


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, with the app's wheel guard installed as tic_desktop.gui.app does."""
    from tic_desktop.gui.wheel_guard import install_wheel_guard

    install_wheel_guard(qapp)
    return qapp
