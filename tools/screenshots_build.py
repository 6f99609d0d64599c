"""Render the package-building dialog (Chinese, after building P1 of the demo round) to
docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_build.py

Builds in a throwaway bureau workspace and output folder; P2 and P3 show why they cannot be built.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    # Qt and the app are imported here, not at module level: the build's worker process is spawned
    # and imports this file again, and needs none of them.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    temp = Path(tempfile.mkdtemp(prefix="tic-shots-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(temp / variable.lower())
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
    from tic_desktop.gui.build_dialog import BuildPackagesDialog
    from tic_desktop.gui.i18n import Translations
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.paths import demo_round_file
    from tic_desktop.review import evaluate_round

    app = QApplication(sys.argv[:1])
    apply_font(app, 11, register_bundled_fonts())
    Translations(app).use("zh")
    workspace = init_workspace(temp / "评审局", passphrase="screenshots only")
    preferences = Preferences(QSettings(str(temp / "prefs.ini"), QSettings.Format.IniFormat))
    dialog = BuildPackagesDialog(evaluate_round(demo_round_file()), preferences, "zh")
    dialog.show()
    dialog.set_workspace_folder(str(workspace.folder))
    dialog.passphrase_edit.setText("screenshots only")
    dialog.out_edit.setText(str(temp / "评审包"))
    loop = QEventLoop()
    dialog.built.connect(loop.quit)
    dialog.error_shown.connect(lambda text: (print(text, file=sys.stderr), loop.quit()))
    dialog.start_build()
    QTimer.singleShot(300_000, loop.quit)
    loop.exec()
    for _ in range(5):
        app.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "build-packages.png"
    dialog.grab().save(str(target))
    print(target)
    return 0 if dialog.outcome else 1


if __name__ == "__main__":
    sys.exit(main())
