"""Never stuck: cancelling or closing the build dialog at any stage ends within 2 s, leaves no file,
no credential and no process behind; killing the app kills its build workers too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.gui.build_dialog import BuildPackagesDialog
from tic_desktop.packages.build_job import ENCRYPTING, ISSUING, PREPARING, SHEETS, UNLOCKING
from tic_desktop.packages.worker_processes import descendants
from tic_desktop.paths import demo_round_file
from tic_desktop.review import evaluate_round

pytestmark = pytest.mark.gui

PASSPHRASE = "bureau passphrase for tests"
BUILD_TIMEOUT = 120_000
LIMIT = 2.0  # seconds from the click to a dialog that is idle (or closed) and a clean folder


def living(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting for its parent to reap it is not)."""
    alive = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rfind(")") + 2] != "Z":
            alive.append(pid)
    return alive


def worker_processes(root: int | None = None) -> list[int]:
    """Our living descendants, without multiprocessing's resource tracker (it serves the whole
    app)."""
    found = []
    for pid in living(descendants(root or os.getpid())):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in command:
            found.append(pid)
    return found


@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    """One bureau: a cancelled build must leave it as it was, which every test checks."""
    return init_workspace(tmp_path_factory.mktemp("cancel") / "bureau", passphrase=PASSPHRASE)


@pytest.fixture
def dialog(qtbot, preferences, bureau, tmp_path):
    opened = BuildPackagesDialog(evaluate_round(demo_round_file()), preferences, "zh")
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    assert opened.set_workspace_folder(str(bureau.folder))
    opened.passphrase_edit.setText(PASSPHRASE)
    opened.out_edit.setText(str(tmp_path / "out" / "round"))
    return opened


def _nothing_left(bureau, tmp_path) -> None:
    assert not (tmp_path / "out").exists()  # no package, staging folder, sheet, not even the folder
    assert not (
        bureau.folder / "credentials"
    ).exists()  # no credential whose sheet was never printed
    assert "packages.json" not in os.listdir(bureau.folder)
    assert worker_processes() == []


def _stop_at(qtbot, dialog, stage: str, how: str) -> float:
    """Start a build, then at the first report of ``stage`` cancel it (``how``); seconds it took."""
    clicked = {}

    def at_stage(done, total, reported):
        if reported != stage or clicked:
            return
        if stage == ISSUING and not done:
            return  # one credential written: the pool is busy with the others
        if stage == ENCRYPTING and not done:
            return
        clicked["at"] = time.monotonic()
        clicked["workers"] = worker_processes()
        if how == "button":
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        elif how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.close()  # the window's X

    dialog.progress_reported.connect(at_stage)
    with qtbot.waitSignal(dialog.cancelled, timeout=BUILD_TIMEOUT):
        assert dialog.start_build()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=1000)
    took = time.monotonic() - clicked["at"]
    assert clicked["workers"], "the build ran in a worker process"
    return took


@pytest.mark.parametrize(
    ("stage", "how"),
    [
        (PREPARING, "button"),
        (UNLOCKING, "escape"),
        (ISSUING, "button"),
        (ISSUING, "close"),
        (ENCRYPTING, "button"),
        (SHEETS, "escape"),
    ],
)
def test_cancel_and_close_end_within_two_seconds_at_every_stage_leaving_nothing(
    qtbot, dialog, bureau, tmp_path, stage, how
):
    took = _stop_at(qtbot, dialog, stage, how)
    print(f"{stage} / {how}: {took:.2f} s")
    assert took < LIMIT
    _nothing_left(bureau, tmp_path)
    assert "已取消" in dialog.stage_label.text() or "Cancelled" in dialog.stage_label.text()
    assert dialog.results.topLevelItemCount() == 0 and not dialog.print_button.isEnabled()
    if how == "button":
        assert dialog.isVisible() and dialog.build_button.isEnabled()
    else:
        assert not dialog.isVisible()


def test_a_worker_that_does_not_stop_is_killed_with_its_pool_and_undone_here(
    qtbot, dialog, bureau, tmp_path, monkeypatch
):
    """The worker ignores the cancel (as one stuck in scrypt would): the dialog kills it and its
    pool after the grace period and removes the credentials it had written."""
    from tic_desktop.gui import build_worker

    class Deaf:  # an Event the worker never sees set
        def __init__(self):
            self.flag = False

        def set(self):
            self.flag = True

        def is_set(self):
            return self.flag

    original_start = dialog.start_build
    real_events = []

    def start_with_a_deaf_worker():
        started = original_start()
        # The worker holds its own copy of the event: replace ours, so that the worker never hears.
        # The real one is kept alive (its semaphore must outlive the worker's start).
        run = dialog.worker._run
        real_events.append(run.cancel)
        run.cancel = Deaf()
        return started

    monkeypatch.setattr(dialog, "start_build", start_with_a_deaf_worker)
    written = {}

    def at_issuing(done, total, stage):
        if stage == ISSUING and done and not written:
            written["credentials"] = list((bureau.folder / "credentials").rglob("*.age"))
            written["workers"] = worker_processes()
            written["at"] = time.monotonic()
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    dialog.progress_reported.connect(at_issuing)
    with qtbot.waitSignal(dialog.cancelled, timeout=BUILD_TIMEOUT):
        assert dialog.start_build()
    took = time.monotonic() - written["at"]
    assert written["credentials"] and len(written["workers"]) >= 2  # the worker and its pool
    assert build_worker.CANCEL_GRACE_MS / 1000 <= took < LIMIT
    _nothing_left(bureau, tmp_path)
    # killed, not asked: SIGKILL takes a moment to land in processes that are not ours to wait for
    qtbot.waitUntil(lambda: living(written["workers"]) == [], timeout=500)


APP_SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from tic_desktop.gui.build_dialog import BuildPackagesDialog
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.paths import demo_round_file
    from tic_desktop.review import evaluate_round

    bureau, out, prefs = sys.argv[1:4]
    app = QApplication([])
    dialog = BuildPackagesDialog(
        evaluate_round(demo_round_file()),
        Preferences(QSettings(prefs, QSettings.Format.IniFormat)),
        "zh",
    )
    dialog.show()
    dialog.set_workspace_folder(bureau)
    dialog.passphrase_edit.setText(sys.argv[4])
    dialog.out_edit.setText(out)

    def report(done, total, stage):
        if stage == "issuing credentials" and done:
            print("issuing", flush=True)

    dialog.progress_reported.connect(report)
    dialog.start_build()
    app.exec()
    """
)


def test_killing_the_app_kills_its_build_worker_and_the_workers_pool(bureau, tmp_path):
    app = subprocess.Popen(
        [
            sys.executable,
            "-c",
            APP_SCRIPT,
            str(bureau.folder),
            str(tmp_path / "out"),
            str(tmp_path / "prefs.ini"),
            PASSPHRASE,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout.readline().strip() == "issuing"
        workers = worker_processes(app.pid)
        assert len(workers) >= 2  # the build worker and its scrypt pool
        app.send_signal(signal.SIGKILL)
        app.wait()
        deadline = time.monotonic() + LIMIT
        while living(workers) and time.monotonic() < deadline:
            time.sleep(0.05)  # a poll of other processes: no Qt event to wait on here
        assert living(workers) == [], "a build worker outlived the app"
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        app.stdout.close()


def test_quitting_the_app_while_issuing_cancels_first_and_closes_within_two_seconds(
    desktop, qtbot, bureau, tmp_path
):
    window = desktop.window
    assert window.open_round(demo_round_file())
    dialog = window.build_packages()
    qtbot.waitExposed(dialog)
    assert dialog.set_workspace_folder(str(bureau.folder))
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.out_edit.setText(str(tmp_path / "out" / "round"))
    quit_at = {}

    def quit_while_issuing(done, total, stage):
        if stage == ISSUING and done and not quit_at:
            quit_at["at"] = time.monotonic()
            window.ui.quitAction.trigger()  # Ctrl+Q

    dialog.progress_reported.connect(quit_while_issuing)
    assert dialog.start_build()
    qtbot.waitUntil(lambda: bool(quit_at), timeout=BUILD_TIMEOUT)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=int(LIMIT * 1000))
    assert time.monotonic() - quit_at["at"] < LIMIT
    assert not dialog.is_running() and not dialog.isVisible()
    _nothing_left(bureau, tmp_path)
