"""Render the main screens to docs/screenshots/ at 1366×768 (offscreen), for the docs and for
looking at.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())  # never touch the real preferences

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from tic_desktop.gui.app import DesktopApp
from tic_desktop.gui.settings import Preferences
from tic_desktop.paths import demo_round_file

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _select(view, text: str) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == text or model.index(row, 1).data() == text:
            view.selectRow(row)
            return


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "prefs.ini"), QSettings.Format.IniFormat)
    desktop = DesktopApp(app, Preferences(settings))
    window = desktop.window
    # The offscreen screen is 800×800, so the window maximised itself: show the laptop size instead.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.show()
    window.open_round(demo_round_file())

    def shot(name: str) -> None:
        for _ in range(5):  # font and language changes re-lay out over several event-loop turns
            app.processEvents()
        window.grab().save(str(OUT / name))
        print(OUT / name)

    _select(window.ui.applicationsView, "LC-2026-007")
    shot("main-formal-review.png")
    _select(window.ui.applicationsView, "LC-2026-006")
    shot("main-formal-review-needs-judgement.png")
    window.ui.tabs.setCurrentWidget(window.ui.panelsTab)
    _select(window.ui.panelsView, "LC-2026-011")
    shot("main-panels.png")
    window.ui.englishAction.trigger()
    window.ui.tabs.setCurrentWidget(window.ui.eligibilityTab)
    _select(window.ui.applicationsView, "LC-2026-010")
    shot("main-formal-review-en.png")
    window.ui.chineseAction.trigger()
    for _ in range(3):
        window.ui.largerTextAction.trigger()
    _select(window.ui.applicationsView, "LC-2026-004")
    shot("main-formal-review-large-text.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
