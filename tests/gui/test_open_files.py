"""Files given to ``tic-desktop`` (what a double-click on them runs, issue #15): review packages
open in expert windows, returned files in the returns inbox of the bureau's round, each once the
inbox is open (workspace chosen, passphrase typed).

``main()`` runs in this process up to its event loop, which is replaced by the steps a person
takes in it (as tests/gui/test_reopen_last_round.py does).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from screen_checks import delete_windows

from tic_desktop.gui import app as app_module
from tic_desktop.gui.main_window import RECENT_ROUNDS, MainWindow
from tic_desktop.gui.results_opening import ResultsOpener, workspace_setting
from tic_desktop.gui.settings import LAST_ROUND, Preferences

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bureau"))
from inbox_returns import PASSPHRASE, ROUND_ID, make_bureau

pytestmark = pytest.mark.gui

SLOW = 60_000


@pytest.fixture
def close_windows():
    """Closes what ``main()`` left open and restores the round it remembers (Qt reads its
    settings file once a process, so the preferences outlive the test's user folders)."""
    preferences = Preferences()
    before = {setting: preferences.get(setting) for setting in (LAST_ROUND, RECENT_ROUNDS)}
    yield preferences
    delete_windows()
    for setting, value in before.items():
        preferences.set(setting, value)
    preferences.sync()


def bureau_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_returned_files_open_the_inbox_of_the_round_with_them_added(
    qapp, qtbot, tmp_path, monkeypatch, close_windows
):
    bureau = make_bureau(tmp_path)
    first = bureau.make_return(tmp_path / "usb" / "E101.ticreturn", "E101", "7")
    second = bureau.make_return(tmp_path / "usb" / "E102.ticreturn", "E102", "8")
    asked: list[str] = []

    def choose_workspace(*_args, **_kwargs):
        asked.append("workspace")
        return str(bureau.workspace.folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose_workspace))
    seen: dict = {}

    def event_loop(*_args):
        """What the bureau's clerk does after the double-click: types the passphrase."""
        [window] = bureau_windows()
        assert window.review.round.id == ROUND_ID
        dialog = window.findChild(ResultsOpener).unlock_dialog
        assert dialog is not None and dialog.isVisible()
        QTest.keyClicks(dialog.passphrase, PASSPHRASE)
        with qtbot.waitSignal(window.results_opened, timeout=SLOW) as opened:
            QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        results = opened.args[0]
        qtbot.waitUntil(lambda: len(results.items) == 2 and not results.is_busy(), timeout=SLOW)
        seen["items"] = {(item.file.name, item.expert, item.status) for item in results.items}
        seen["title"] = results.windowTitle()
        results.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    preferences = close_windows
    try:
        assert app_module.main([str(bureau.round_file), str(first), str(second)]) == 0
    finally:
        preferences.set(workspace_setting(ROUND_ID), "")
        preferences.sync()
    assert asked == ["workspace"]  # asked once, then remembered for the round
    assert ROUND_ID in seen["title"]
    # Both files were received (copied into the workspace, verified, counted).
    assert {(expert, status) for _name, expert, status in seen["items"]} == {
        ("E101", "accepted"),
        ("E102", "accepted"),
    }


def test_packages_open_one_expert_window_each(qapp, qtbot, tmp_path, monkeypatch, close_windows):
    from tic_desktop.gui.expert_window import ExpertWindow

    packages = [tmp_path / "P1.ticpkg", tmp_path / "P2.TICPKG"]
    given: list[tuple[ExpertWindow, Path]] = []
    monkeypatch.setattr(
        ExpertWindow, "open_with_dialog", lambda window, path: given.append((window, path))
    )

    def event_loop(*_args):
        qtbot.waitUntil(lambda: len(given) == 2, timeout=SLOW)
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert app_module.main([str(p) for p in packages]) == 0
    assert [path for _window, path in given] == packages
    windows = {window for window, _path in given}
    assert len(windows) == 2 and all(w.isVisible() and w.db is not None for w in windows)
    assert not bureau_windows()  # the bureau's side is not started for packages


def test_opened_report_names_the_window_each_file_went_to(
    qapp, qtbot, tmp_path, monkeypatch, close_windows
):
    """TIC_OPENED_REPORT (the .deb test's probe): which window, which round; nothing opened."""
    report = tmp_path / "opened.txt"
    monkeypatch.setenv(app_module.OPENED_REPORT, str(report))
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    returned = tmp_path / "E02.ticreturn"
    returned.write_bytes(b"x")
    close_windows.set(LAST_ROUND, "")  # the demo round opens
    assert app_module.main([str(returned)]) == 0
    assert report.read_text(encoding="utf-8") == f"returns inbox 2026-TIC-01\t{returned}\n"
    [window] = bureau_windows()
    assert window.findChild(ResultsOpener) is None  # no workspace asked for, no inbox opened

    report.unlink()
    package = tmp_path / "P1.ticpkg"

    def event_loop(*_args):
        qtbot.waitUntil(report.exists, timeout=SLOW)
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert app_module.main([str(package)]) == 0
    assert report.read_text(encoding="utf-8") == f"expert\t{package}\n"


def test_more_than_one_round_is_refused(capsys):
    with pytest.raises(SystemExit) as exited:
        app_module.main(["a.json", "b.json"])
    assert exited.value.code == 2
    assert "one review round at a time" in capsys.readouterr().err
