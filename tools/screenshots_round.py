"""Render the bureau's round preparation to docs/screenshots/ (offscreen, Chinese UI).

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_round.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tic_desktop.bureau.excel_template import write_workbook
from tic_desktop.domain.loading import load_round
from tic_desktop.gui.app import DesktopApp
from tic_desktop.gui.settings import Preferences
from tic_desktop.paths import demo_round_file

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    scratch = Path(tempfile.mkdtemp())
    desktop = DesktopApp(
        app, Preferences(QSettings(str(scratch / "prefs.ini"), QSettings.Format.IniFormat))
    )
    window = desktop.window
    window.open_round(demo_round_file())

    def shot(widget, name: str) -> None:
        widget.resize(1366, 768)
        for _ in range(6):
            app.processEvents()
        widget.grab().save(str(OUT / name))
        print(OUT / name)

    editor = window.edit_round()
    editor.panels.select_panel("P2")
    editor.panels.checks.selectRow(0)
    shot(editor, "panel-builder-violation.png")
    editor.tabs.setCurrentWidget(editor.rubric)
    shot(editor, "rubric-editor.png")
    editor.reject()

    demo = load_round(demo_round_file())
    excel = scratch / "excel"
    excel.mkdir()
    for app_id in demo.applications:
        shutil.copytree(demo.application_files[app_id].parent / app_id, excel / app_id)
    write_workbook(
        excel / "申报材料.xlsx", list(demo.applications.values()), list(demo.experts.values())
    )
    wizard = window.new_round()
    wizard.basics.round_id.setText("2027-TIC-01")
    wizard.basics.round_title.setText("2027年度聊城市技术创新中心组建评审")
    wizard.basics.folder.setText(str(scratch / "round"))
    shot(wizard, "wizard-basics.png")
    wizard.next()
    wizard.applications.import_excel(excel / "申报材料.xlsx")
    shot(wizard, "wizard-applications.png")
    wizard.next()
    shot(wizard, "wizard-experts.png")
    wizard.reject()
    window.close()
    del wizard, editor, window, desktop
    return 0


if __name__ == "__main__":
    sys.exit(main())
