"""``tic-desktop``: start the GUI, on the demo round unless a round file is given."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from tic_desktop.errors import DatabaseError
from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
from tic_desktop.gui.i18n import Translations
from tic_desktop.gui.settings import FONT_SIZE, LANGUAGE, Preferences
from tic_desktop.gui.wheel_guard import install_wheel_guard
from tic_desktop.paths import demo_round_file, resources_dir

# The bureau's window, the review engine and the database layer are imported where they are
# used: `tic-desktop P1.ticpkg` shows the expert's window without loading the bureau's side.
if TYPE_CHECKING:
    from tic_desktop.storage import Database

OPENED_REPORT = "TIC_OPENED_REPORT"
"""Set to a file path: the app notes which window each file it was given went to, and quits
(:func:`_report_opened`)."""


class DesktopApp:
    """Wires the core to the window; everything a window needs is passed to it, not looked up."""

    def __init__(
        self,
        qt_app: QApplication,
        preferences: Preferences | None = None,
        on_reviewed=None,
        database: Database | None = None,
    ) -> None:
        from tic_desktop.events import EventBus
        from tic_desktop.gui.bridge import QtEventBridge
        from tic_desktop.gui.main_window import MainWindow
        from tic_desktop.review import RoundDesk

        self.qt_app = qt_app
        self.preferences = preferences or Preferences()
        self.bus = EventBus()
        self.bridge = QtEventBridge(self.bus)
        self.desk = RoundDesk(self.bus, on_reviewed=on_reviewed)
        self.translations = Translations(qt_app)
        self.cjk_families = register_bundled_fonts()
        apply_font(qt_app, self.preferences.get(FONT_SIZE), self.cjk_families)
        self.translations.use(self.preferences.get(LANGUAGE))
        self.window = MainWindow(
            self.desk,
            self.bridge,
            self.preferences,
            set_language=self.translations.use,
            set_point_size=lambda size: apply_font(qt_app, size, self.cjk_families),
            database=database,
        )
        self._database = database
        self.expert_windows: list = []
        self.window.package_requested.connect(self.open_package)

    def open_package(self, package: Path):
        """An expert's window for ``package``, next to the bureau window (same preferences and
        language)."""
        from tic_desktop.gui.expert_window import ExpertWindow

        if self._database is None:
            from tic_desktop.storage import open_database

            self._database = open_database()
        language = self.preferences.get(LANGUAGE)
        window = ExpertWindow(
            self._database,
            self.preferences,
            language,
            set_language=self.translations.use,
            set_point_size=lambda size: apply_font(self.qt_app, size, self.cjk_families),
        )
        self.expert_windows.append(window)
        window.show()
        window.open_with_dialog(package)
        return window


def main(argv: list[str] | None = None) -> int:
    # The frozen Windows build starts worker processes through this executable.
    multiprocessing.freeze_support()
    parser = argparse.ArgumentParser(prog="tic-desktop", description="聊城市技术创新中心评审系统")
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="a review round JSON (default: the last one, or the demo round); review packages "
        "(.ticpkg) to open as an expert; returned files (.ticreturn) to add to the round's returns "
        "inbox (what a double-click on these files runs)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the round, then quit: exit 0 if it was shown, 2 if it was refused",
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="open the demo round in the window, then build and open a package, make and verify a "
        "return, draw and verify a signed PDF in a temp folder; exit 0 when all of it works",
    )
    args = parser.parse_args(argv)
    packages = [f for f in args.files if f.suffix.lower() == ".ticpkg"]
    returns = [f for f in args.files if f.suffix.lower() == ".ticreturn"]
    rounds = [f for f in args.files if f not in packages and f not in returns]
    if len(rounds) > 1:
        parser.error("one review round at a time")
    args.round = rounds[0] if rounds else None
    qt_app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    install_wheel_guard(qt_app)  # spin and combo boxes take the wheel only when focused
    qt_app.setApplicationName("tic-desktop")
    qt_app.setApplicationDisplayName("聊城市技术创新中心评审系统")
    qt_app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "tic-desktop.png")))
    if packages and not rounds and not returns:
        if _report_opened([("expert", package) for package in packages]):
            return 0  # before any event loop: ending one from a callback would end the next too
        return _run_expert(qt_app, packages)
    from tic_desktop.gui.welcome import welcome_wanted
    from tic_desktop.review import store_review
    from tic_desktop.storage import open_database

    try:
        database = open_database()
    except DatabaseError as error:
        print(error, file=sys.stderr)
        if not args.smoke_test:
            register_bundled_fonts()  # so the message itself is readable
            QMessageBox.critical(
                None, "无法打开本地数据库 / Cannot open the local database", str(error)
            )
        return 3
    try:
        desktop = DesktopApp(qt_app, on_reviewed=partial(store_review, database), database=database)
        desktop.window.show()
        reopen = None if args.selftest or args.smoke_test else desktop.window.last_round()
        opened = desktop.window.open_round(args.round or reopen or demo_round_file())
        if args.selftest:
            return _selftest(desktop.window.ui.summaryLabel.text() if opened else None)
        if args.smoke_test:
            print(
                "smoke test: "
                f"{desktop.window.ui.summaryLabel.text() if opened else 'round refused'}"
            )
            return 0 if opened else 2
        if packages or returns:  # returned files go to the inbox of the round shown
            if opened:
                assert desktop.window.review is not None  # opening a round sets it
                inbox = f"returns inbox {desktop.window.review.round.id}"
            else:
                inbox = "refused"
            if _report_opened([("expert", p) for p in packages] + [(inbox, r) for r in returns]):
                return 0
            for package in packages:
                desktop.open_package(package)
            if returns and opened:
                desktop.window.receive_files(returns)
        elif welcome_wanted(desktop.preferences):
            desktop.window.show_welcome()
        return qt_app.exec()
    finally:
        database.close()


def _selftest(summary: str | None) -> int:
    from tic_desktop.selftest import SelfTestFailed, run_selftest

    if summary is None:
        print("selftest: FAILED: the demo round was not shown", file=sys.stderr)
        return 1
    print(f"selftest: window shows the demo round: {summary}", flush=True)
    try:
        run_selftest(
            lambda step: print(
                f"selftest: {'ok' if step.ok else 'FAILED'} {step.name} "
                f"({step.seconds:.2f} s) {step.detail}",
                flush=True,
            )
        )
    except SelfTestFailed as failure:
        print(f"selftest: FAILED: {failure}", file=sys.stderr)
        return 1
    print("selftest: all steps passed")
    return 0


def _report_opened(files: list[tuple[str, Path]]) -> bool:
    """With ``TIC_OPENED_REPORT`` set to a file: append ``where<TAB>file`` for each file given and
    tell the caller to quit instead of opening them (how tests/test_frozen_build.py proves that a
    double-click reached the installed app, which window it chose and for which round)."""
    report = os.environ.get(OPENED_REPORT)
    if not report:
        return False
    with open(report, "a", encoding="utf-8") as out:
        out.writelines(f"{where}\t{file.resolve()}\n" for where, file in files)
    return True


def _run_expert(qt_app: QApplication, packages: list[Path]) -> int:
    """The expert's window (one per package) at once; the database opens on a worker thread, then
    the packages."""
    from tic_desktop.gui.expert_window import ExpertWindow
    from tic_desktop.gui.tasks import run_task

    preferences = Preferences()
    families = register_bundled_fonts()
    apply_font(qt_app, preferences.get(FONT_SIZE), families)
    translations = Translations(qt_app)
    translations.use(preferences.get(LANGUAGE))
    windows = [
        ExpertWindow(
            None,
            preferences,
            preferences.get(LANGUAGE),
            set_language=translations.use,
            set_point_size=lambda size: apply_font(qt_app, size, families),
        )
        for _ in packages
    ]
    for window in windows:
        window.show()
    opened: list = []

    def _open_database():
        from tic_desktop.storage import open_database

        return open_database()

    def ready(database) -> None:
        opened.append(database)
        for window, package in zip(windows, packages, strict=True):
            window.db = database
            window.open_with_dialog(package)

    def refused(error: Exception) -> None:
        if not isinstance(error, DatabaseError):
            raise error
        print(error, file=sys.stderr)
        QMessageBox.critical(
            windows[0], "无法打开本地数据库 / Cannot open the local database", str(error)
        )
        qt_app.exit(3)

    run_task(_open_database, ready, refused)
    try:
        return qt_app.exec()
    finally:
        for database in opened:
            database.close()


if __name__ == "__main__":
    sys.exit(main())
