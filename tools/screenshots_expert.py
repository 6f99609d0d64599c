"""Render the expert's screens at 1366×768 into docs/screenshots/ (builds a throwaway bureau and package).

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_expert.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TEMP = Path(tempfile.mkdtemp(prefix="tic-shots-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(_TEMP / variable.lower())

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tic_desktop.bureau.workspace import init_workspace  # noqa: E402
from tic_desktop.gui.appearance import apply_font, register_bundled_fonts  # noqa: E402
from tic_desktop.gui.expert_window import ExpertWindow  # noqa: E402
from tic_desktop.gui.i18n import Translations  # noqa: E402
from tic_desktop.gui.settings import Preferences  # noqa: E402
from tic_desktop.packages.build import build_packages  # noqa: E402
from tic_desktop.paths import demo_round_file  # noqa: E402
from tic_desktop.review import review_round  # noqa: E402
from tic_desktop.storage import open_database  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    families = register_bundled_fonts()
    apply_font(app, 11, families)
    Translations(app).use("zh")
    workspace = init_workspace(_TEMP / "bureau", passphrase="screenshots only")
    built, credentials = build_packages(
        review_round(demo_round_file()),
        workspace,
        workspace.keys("screenshots only"),
        _TEMP / "packages",
        ["P1"],
    )
    db = open_database(_TEMP / "expert.sqlite3")
    window = ExpertWindow(
        db,
        Preferences(QSettings(str(_TEMP / "prefs.ini"), QSettings.Format.IniFormat)),
        set_point_size=lambda size: apply_font(app, size, families),
    )
    window.resize(1366, 768)
    window.show()
    loop = QEventLoop()
    window.signed_in.connect(loop.quit)
    window.open_package_as(built[0].file, "E02", credentials["E02"].passphrase)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(OUT / name))
        print(OUT / name)

    window.set_declaration("LC-2026-003", "近三年与申报单位有合作项目")
    shot("expert-coi-certification.png")
    window.certify()
    window.ui.applicationList.setCurrentRow(0)
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    desk = window.desk
    for criterion in desk.manifest.rubric.criteria[:4]:
        window.scoring.spins[criterion.id].setValue(float(criterion.max * Decimal("0.8")))
    window.scoring.spins[desk.manifest.rubric.criteria[0].id].setValue(19.5)
    window.scoring.opinion.setPlainText("依托单位在高端轴承领域研发基础扎实，建设目标明确。")
    shot("expert-scoring.png")
    for _ in range(3):
        window.ui.largerTextAction.trigger()
    shot("expert-scoring-large-text.png")
    for _ in range(3):
        window.ui.smallerTextAction.trigger()
    window.ui.applicationList.setCurrentRow(3)
    window.ui.workTabs.setCurrentWidget(window.ui.formalTab)
    window.formal_panel.choices["premises.rd_space"].setCurrentIndex(1)
    shot("expert-formal-review.png")
    window.ui.applicationList.setCurrentRow(0)
    window.ui.workTabs.setCurrentWidget(window.ui.materialsTab)
    loop = QEventLoop()
    window.attachment_shown.connect(loop.quit)
    window.show_attachment(0)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    window.viewer.find("研发")
    shot("expert-materials.png")
    window.ui.applicationList.setCurrentRow(0)
    window.ui.workTabs.setCurrentWidget(window.inspection_scroll)
    panel = window.inspection_panel
    for combo in list(panel.results.values())[:4]:
        combo.setCurrentIndex(1)
    panel.measured["premises.area"].setText("实测 512 平方米")
    shot("expert-inspection.png")
    window.ui.applicationList.setCurrentRow(2)
    shot("expert-recused.png")
    # The bureau's side: E02 finishes and signs, the bureau drops the USB stick's folder in.
    step = desk.manifest.rubric.step
    for entry in desk.scorable():
        for criterion in desk.manifest.rubric.criteria:
            desk.set_score(
                entry.id,
                criterion.id,
                (criterion.max * Decimal("0.8") / step).to_integral_value() * step,
            )
        desk.set_opinion(entry.id, "依托单位基础较好，建设方案可行。", True)
        for check in [
            c
            for c in desk.formal_review(entry.id).checks
            if c.result.value in ("review", "missing")
        ]:
            desk.judge(entry.id, check.id, True)
    desk.sign_and_export(_TEMP / "usb")
    (_TEMP / "usb" / "别人的回执.ticreturn").write_bytes(b"not a return")
    from tic_desktop.gui.results_window import ResultsWindow

    results = ResultsWindow(
        review_round(demo_round_file()), workspace, workspace.keys("screenshots only")
    )
    results.show()
    loop = QEventLoop()
    results.received.connect(loop.quit)
    results.add_paths([_TEMP / "usb"])
    loop.exec()
    for _ in range(5):
        app.processEvents()
    results.grab().save(str(OUT / "bureau-returns-results.png"))
    print(OUT / "bureau-returns-results.png")
    window.scoring = None
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
