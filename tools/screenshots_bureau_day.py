"""Render the bureau's windows on a 1366×768 and a 1024×600 screen into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_bureau_day.py \\
        [--out FOLDER] [--only NAME]

Each window is opened as on a laptop whose usable desktop (without the panel) is that size: the
windows size themselves from the available screen area, which is set here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())  # never touch the real preferences
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())

from PySide6.QtCore import QEventLoop, QRect, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tic_desktop.gui import geometry
from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
from tic_desktop.gui.i18n import Translations
from tic_desktop.gui.settings import Preferences

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PANEL = 30  # a desktop panel takes this much of the screen's height
SCREENS = {"1366x768": QRect(0, 0, 1366, 768 - PANEL), "1024x600": QRect(0, 0, 1024, 600 - PANEL)}
TODAY = date(2027, 4, 15)


def use_screen(available: QRect) -> None:
    """Windows size themselves from ``geometry.available_geometry``: make it this screen."""
    geometry.available_geometry = lambda _widget=None: QRect(available)


def settle(app: QApplication) -> None:
    for _ in range(8):
        app.processEvents()


def shot(app: QApplication, widget: QWidget, out: Path, name: str) -> Path:
    settle(app)
    target = out / name
    widget.grab().save(str(target))
    print(target)
    return target


def wait_for(signal, seconds: int = 120) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(seconds * 1000, loop.quit)
    loop.exec()


def render(app: QApplication, size: str, out: Path, only: str | None) -> None:
    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.domain.loading import load_round
    from tic_desktop.gui.about import AboutDialog
    from tic_desktop.gui.build_dialog import BuildPackagesDialog
    from tic_desktop.gui.help_window import UserGuideWindow
    from tic_desktop.gui.register_window import RegisterWindow
    from tic_desktop.gui.round_wizard import RoundEditorDialog, RoundWizard
    from tic_desktop.gui.welcome import WelcomeDialog
    from tic_desktop.paths import demo_round_file
    from tic_desktop.register import store
    from tic_desktop.review import evaluate_round
    from tic_desktop.storage import open_database

    use_screen(SCREENS[size])
    scratch = Path(tempfile.mkdtemp())
    preferences = Preferences(QSettings(str(scratch / "prefs.ini"), QSettings.Format.IniFormat))
    review = evaluate_round(demo_round_file())
    wanted = lambda name: only is None or only in name  # noqa: E731

    if wanted("wizard"):
        wizard = RoundWizard("zh")
        wizard.show()
        wizard.basics.round_id.setText("2027-TIC-01")
        wizard.basics.round_title.setText("2027年度聊城市技术创新中心组建评审")
        wizard.basics.folder.setText(str(scratch / "rounds" / "2027-TIC-01"))
        shot(app, wizard, out, f"wizard-basics-{size}.png")
        wizard.next()
        apps = demo_round_file().parent / "apps"
        wizard.applications.import_json([apps / f"LC-2026-00{i}.json" for i in (1, 2, 3, 4)])
        wizard.next()
        demo = load_round(demo_round_file())
        pool = wizard.experts
        for expert_id in [f"E0{i}" for i in range(1, 8)]:
            expert = demo.experts[expert_id]
            pool.add_expert()
            row = pool.table.rowCount() - 1
            values = (
                expert.id,
                expert.name,
                expert.unit_name,
                expert.unit_uscc or "",
                expert.title or "",
            )
            for column, value in enumerate(values):
                pool.table.item(row, column).setText(value)
        wizard.next()
        wizard.next()
        builder = wizard.panels
        builder.add_panel("P1")
        for expert_id in [f"E0{i}" for i in range(1, 8)]:
            builder.set_member(expert_id, True)
        builder.set_chair("E01")
        for i in (1, 2, 3, 4):
            builder.set_application(f"LC-2026-00{i}", True)
        shot(app, wizard, out, f"wizard-{size}.png")
        wizard.reject()

    if wanted("round-editor"):
        editor = RoundEditorDialog(
            review.round, preferences, "zh", issued={"P2": ["P2.ticpkg（2026-12-03）"]}
        )
        editor.show()
        editor.panels.select_panel("P2")
        shot(app, editor, out, f"round-editor-{size}.png")
        question = editor.panels.delete_current_panel()
        shot(app, question, out, f"panel-delete-question-{size}.png")
        question.reject()
        editor.reject()

    if wanted("build-packages"):
        bureau = init_workspace(scratch / "评审局", passphrase="screenshots only")
        dialog = BuildPackagesDialog(review, preferences, "zh")
        dialog.show()
        dialog.set_workspace_folder(str(bureau.folder))
        dialog.passphrase_edit.setText("screenshots only")
        dialog.out_edit.setText(str(scratch / "评审包"))
        dialog.start_build()
        wait_for(dialog.built)
        shot(app, dialog, out, f"build-packages-{size}.png")
        dialog.reject()

    if wanted("register"):
        sys.path.insert(0, str(Path(__file__).parent))
        from screenshots_register import demo_register

        db = open_database(scratch / "register.sqlite3")
        demo_register(db)
        store.edit_center(
            db,
            "LC-TIC-2025-01",
            "聊城市高端轴承技术创新中心",
            "山东聊城某轴承股份有限公司",
            "91371500MA3C1234XL",
            "高端装备制造",
            date(2025, 3, 10),
            2,
            reason="按批复文件更正领域名称",
            today=TODAY,
        )
        window = RegisterWindow(db, "zh", preferences, today=lambda: TODAY)
        window.show()
        window.refresh(select="LC-TIC-2025-01")
        shot(app, window, out, f"register-{size}.png")
        window.close()
        db.close()

    if wanted("about"):
        about = AboutDialog("zh", None)
        about.show()
        shot(app, about, out, f"about-{size}.png")
        about.reject()

    if wanted("welcome"):
        welcome = WelcomeDialog(preferences, "zh")
        welcome.show()
        shot(app, welcome, out, f"welcome-{size}.png")
        welcome.reject()

    if wanted("user-guide"):
        guide = UserGuideWindow("zh", preferences)
        guide.show()
        settle(app)
        guide.search_edit.setText("口令单")
        guide.find_next()
        shot(app, guide, out, f"user-guide-{size}.png")
        guide.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--only")
    parser.add_argument("--size", choices=sorted(SCREENS))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    families = register_bundled_fonts()
    apply_font(app, 11, families)
    Translations(app).use("zh")
    for size in [args.size] if args.size else SCREENS:
        render(app, size, args.out, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
