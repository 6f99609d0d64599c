"""Render the welcome dialog, the user guide and About (Chinese) to docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_help.py

About shows the fingerprint of a throwaway bureau workspace; user data folders are temporary.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    temp = Path(tempfile.mkdtemp(prefix="tic-shots-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(temp / variable.lower())
    from PySide6.QtCore import QSettings, QUrl
    from PySide6.QtWidgets import QApplication

    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.gui.about import AboutDialog
    from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
    from tic_desktop.gui.help_window import UserGuideWindow
    from tic_desktop.gui.i18n import Translations
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.gui.welcome import WelcomeDialog

    app = QApplication(sys.argv[:1])
    apply_font(app, 11, register_bundled_fonts())
    Translations(app).use("zh")
    preferences = Preferences(QSettings(str(temp / "prefs.ini"), QSettings.Format.IniFormat))
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget, name: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        target = OUT / name
        widget.grab().save(str(target))
        print(target)

    welcome = WelcomeDialog(preferences, "zh")
    welcome.resize(900, 480)
    save(welcome, "welcome.png")

    guide = UserGuideWindow("zh", preferences)
    guide.resize(1100, 768)
    guide.show_guide("expert")
    guide.show()
    app.processEvents()
    guide.follow_link(QUrl("#二打开评审包"))
    save(guide, "user-guide.png")

    workspace = init_workspace(temp / "评审局", passphrase="screenshots only")
    about = AboutDialog("zh", workspace.folder)
    save(about, "about.png")
    for widget in (welcome, guide, about):
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
