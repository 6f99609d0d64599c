"""Render the expert's screens on a 1366×768 and a 1024×600 laptop into docs/screenshots/.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_expert.py

Builds a throwaway bureau and package. Each screen is rendered in a window fitted to the
screen's available area (the screen less a 30 px panel), as the window opens on such a laptop:
``expert-<screen>-<width>x<height>.png``. The unsuffixed names the guides and the README show
(expert-scoring.png …) are the 1366×768 renders.
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

from PySide6.QtCore import QEventLoop, QRect, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from tic_desktop.bureau.workspace import init_workspace  # noqa: E402
from tic_desktop.gui.appearance import apply_font, register_bundled_fonts  # noqa: E402
from tic_desktop.gui.expert_window import ExpertWindow  # noqa: E402
from tic_desktop.gui.i18n import Translations  # noqa: E402
from tic_desktop.gui.settings import Preferences  # noqa: E402
from tic_desktop.packages.build import build_packages  # noqa: E402
from tic_desktop.paths import demo_round_file  # noqa: E402
from tic_desktop.review import evaluate_round  # noqa: E402
from tic_desktop.storage import open_database  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PANEL = 30  # a desktop panel takes this much of the screen's height
# The unsuffixed names the guides and the README show (1366×768 renders).
DOCUMENTED = {
    "expert-coi": "expert-coi-certification",
    "expert-materials-search": "expert-materials",
    "expert-scoring": "expert-scoring",
    "expert-scoring-large-text": "expert-scoring-large-text",
    "expert-formal-review": "expert-formal-review",
    "expert-inspection": "expert-inspection",
    "expert-recused": "expert-recused",
    "expert-signed": "expert-signed",
    "expert-resign-needed": "expert-resign-needed",
    "expert-missing-files": "expert-missing-files",
    "expert-pin-question": "expert-pin-question",
}
SCREENS = {"1366x768": QRect(0, 0, 1366, 768 - PANEL), "1024x600": QRect(0, 0, 1024, 600 - PANEL)}


def _wait(signal, seconds: int = 60) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(seconds * 1000, loop.quit)
    loop.exec()


def main() -> int:
    app = QApplication(sys.argv[:1])
    families = register_bundled_fonts()
    apply_font(app, 11, families)
    Translations(app).use("zh")
    workspace = init_workspace(_TEMP / "bureau", passphrase="screenshots only")
    built, credentials = build_packages(
        evaluate_round(demo_round_file()),
        workspace,
        workspace.keys("screenshots only"),
        _TEMP / "packages",
        ["P1"],
    )
    # A look-alike: another CA's package for the same round (the pinned-bureau question).
    other = init_workspace(_TEMP / "look-alike", "冒充的评审局", passphrase="another bureau")
    look_alike, _ = build_packages(
        evaluate_round(demo_round_file()),
        other,
        other.keys("another bureau"),
        _TEMP / "look-alike-packages",
        ["P1"],
    )
    for size, available in SCREENS.items():
        render(app, families, built[0].file, credentials, size, available, look_alike[0].file)
    return 0


def _complete(desk) -> None:
    """Every application the expert may score: scores, opinion, recommendation, judgements."""
    step = desk.manifest.rubric.step
    for entry in desk.scorable():
        for criterion in desk.manifest.rubric.criteria:
            value = (criterion.max * Decimal("0.8") / step).to_integral_value() * step
            desk.set_score(entry.id, criterion.id, value)
        desk.set_opinion(entry.id, "依托单位研发基础扎实，建设目标明确，建议通过。", True)
        for check in desk.open_checks(entry.id):
            desk.judge(entry.id, check.id, True)


def render(app, families, package, credentials, size: str, available: QRect, look_alike) -> None:
    folder = _TEMP / size
    folder.mkdir()
    db = open_database(folder / "expert.sqlite3")
    preferences = Preferences(QSettings(str(folder / "prefs.ini"), QSettings.Format.IniFormat))
    window = ExpertWindow(
        db, preferences, set_point_size=lambda points: apply_font(app, points, families)
    )
    window.resize(available.size())
    window.fit_to_screen(available)
    window.show()
    big = size == "1366x768"

    def shot(name: str, widget=None) -> None:
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)  # thumbnails and pages render on their own thread
        loop.exec()
        image = (widget or window).grab()
        image.save(str(OUT / f"{name}-{size}.png"))
        print(OUT / f"{name}-{size}.png", image.width(), "×", image.height())
        if big and widget is None and name in DOCUMENTED:
            image.save(str(OUT / f"{DOCUMENTED[name]}.png"))

    # The sign-in dialog after a wrong passphrase: it stays open, says why, shows the package.
    loop = QEventLoop()
    shown = []
    window.sign_in_dialog_shown.connect(lambda d: (shown.append(d), loop.quit()))
    window.open_with_dialog(package)
    loop.exec()
    dialog = shown[0]
    dialog.choose_member("E02")
    dialog.passphrase.setText("1234-5678")
    dialog.ok_button.click()
    loop = QEventLoop()
    QTimer.singleShot(60_000, loop.quit)
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: dialog.ok_button.isEnabled() and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    shot("expert-signin", dialog)
    dialog.passphrase.setText(credentials["E02"].passphrase)
    dialog.ok_button.click()
    _wait(window.signed_in)

    window.set_declaration("LC-2026-003", "近三年与申报单位有合作项目")
    shot("expert-coi")
    window.confirm_certification()
    for _ in range(5):
        app.processEvents()
    shot("expert-coi-confirm", window.confirm_box)
    window.confirm_box.buttons()[0].click()
    _wait(window.attachment_shown)
    shot("expert-materials")
    loop = QEventLoop()
    window.viewer.search_finished.connect(loop.quit)
    window.viewer.search.setText("研发")
    window.viewer.next_match()
    loop.exec()
    _wait(window.viewer.page_shown, 5)
    shot("expert-materials-search")
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    desk = window.desk
    for criterion in desk.manifest.rubric.criteria[:4]:
        window.scoring.spins[criterion.id].setValue(float(criterion.max * Decimal("0.8")))
    window.scoring.opinion.setPlainText("依托单位在高端轴承领域研发基础扎实，建设目标明确。")
    shot("expert-scoring")
    if big:
        for _ in range(3):
            window.ui.largerTextAction.trigger()
        shot("expert-scoring-large-text")
        for _ in range(3):
            window.ui.smallerTextAction.trigger()
    window.ui.applicationList.setCurrentRow(3)
    window.ui.workTabs.setCurrentWidget(window.ui.formalTab)
    if "premises.rd_space" in window.formal_panel.choices:
        window.formal_panel.choices["premises.rd_space"].setCurrentIndex(1)
    shot("expert-formal-review")
    window.ui.applicationList.setCurrentRow(0)
    window.ui.workTabs.setCurrentWidget(window.inspection_scroll)
    shot("expert-inspection")
    window.ui.applicationList.setCurrentRow(2)
    shot("expert-recused")
    window.sign_and_export(folder / "usb")
    shot("expert-not-ready")
    if big:
        signed_states(window, folder, shot)
    # The round is known here from the real bureau: a look-alike package asks first.
    window.clear_message()
    window.open_with_dialog(look_alike)
    _wait(window.bureau_question_shown)
    shot("expert-pin-question", window.bureau_question)
    window.bureau_question.refuse_button.click()
    window.close()
    db.close()


def signed_states(window, folder: Path, shot) -> None:
    """Signed; edited after signing (需重新签名, the close question); a file not written."""
    _complete(window.desk)
    window.ui.applicationList.setCurrentRow(1)
    window.ui.applicationList.setCurrentRow(0)  # the form as the database now holds it
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    window.sign_and_export(folder / "usb")
    _wait(window.exported)
    shot("expert-signed")
    window.ui.applicationList.setCurrentRow(1)
    form = window.scoring
    criterion = window.desk.manifest.rubric.criteria[1]
    form.spins[criterion.id].setValue(float(criterion.max * Decimal("0.7")))
    form.flush()
    window.close()  # asks first
    box = window.close_box
    shot("expert-close-question", box)
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole).click()
    shot("expert-resign-needed")
    blocked = folder / "usb2"
    blocked.mkdir()
    (blocked / f"专家评审意见表-{form.application_id}-E02.pdf").mkdir()
    window.sign_and_export(blocked)
    _wait(window.exported)
    shot("expert-missing-files")


if __name__ == "__main__":
    sys.exit(main())
