"""On start the bureau's app reopens the round it had open last (not the demo), unless that round is
gone; --smoke-test and --selftest keep to the demo round (issue #14)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication
from screen_checks import delete_windows

from tic_desktop.gui import app as app_module
from tic_desktop.gui.main_window import MainWindow
from tic_desktop.gui.settings import LAST_ROUND, Preferences
from tic_desktop.paths import demo_round_file

pytestmark = pytest.mark.gui


@pytest.fixture
def started(qapp, monkeypatch):
    """Run ``tic-desktop`` up to its event loop; returns the rounds it opened."""
    opened = []
    original = MainWindow.open_round

    def recording(window, path):
        opened.append(path)
        return original(window, path)

    monkeypatch.setattr(MainWindow, "open_round", recording)
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    preferences = Preferences()
    before = preferences.get(LAST_ROUND)

    def start(*argv):
        opened.clear()
        assert app_module.main(list(argv)) == 0
        delete_windows()
        return list(opened)

    yield start, preferences
    preferences.set(LAST_ROUND, before)
    preferences.sync()


def test_the_last_round_is_reopened_on_start(started, tmp_path):
    start, preferences = started
    copy = tmp_path / "2026-TIC-01"
    shutil.copytree(demo_round_file().parent, copy)
    preferences.set(LAST_ROUND, str(copy / "round.json"))
    preferences.sync()
    assert start() == [copy / "round.json"]
    assert start("--smoke-test") == [demo_round_file()]  # the smoke test stays on the demo
    shutil.rmtree(copy)  # the round is gone: the demo opens instead, without an error
    assert start() == [demo_round_file()]
