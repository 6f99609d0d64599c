"""Render the bureau's results view at 1366×768 into docs/screenshots/ (Chinese UI, offscreen).

Builds a throwaway bureau, panel P1's package and every member's signed return in a temp folder
(the demo round's P2 and P3 break conflict-of-interest rules on purpose, so they get no package),
plus what a real inbox also gets: a superseded revision, a duplicate copy, a tampered file, a stray
file, and a return from a careless client that scores an application its expert is recused from.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_results.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TEMP = Path(tempfile.mkdtemp(prefix="tic-results-shots-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(_TEMP / variable.lower())

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tic_desktop.bureau.workspace import init_workspace  # noqa: E402
from tic_desktop.gui.appearance import DEFAULT_POINT_SIZE, apply_font, register_bundled_fonts  # noqa: E402
from tic_desktop.gui.i18n import Translations  # noqa: E402
from tic_desktop.gui.results_window import ResultsWindow  # noqa: E402
from tic_desktop.packages.build import build_packages  # noqa: E402
from tic_desktop.packages.opening import open_package  # noqa: E402
from tic_desktop.paths import demo_round_file  # noqa: E402
from tic_desktop.returns import making  # noqa: E402
from tic_desktop.returns.scoring import ScoreSheet, needs_reason  # noqa: E402
from tic_desktop.review import evaluate_round  # noqa: E402
from tic_desktop.rules.eligibility import evaluate  # noqa: E402
from tic_desktop.storage import open_database  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PASSPHRASE = "screenshots only"
# Each expert's share of every maximum; LC-2026-001's panel disagrees widely (a wide-spread flag).
SHARE = {
    "E01": "0.93",
    "E02": "0.81",
    "E03": "0.72",
    "E04": "0.86",
    "E05": "0.64",
    "E06": "0.77",
    "E07": "0.58",
}


def _share(expert: str, application: str) -> Decimal:
    if application == "LC-2026-001":
        return Decimal(SHARE[expert])
    # elsewhere the panel agrees more: between its share and 0.8, shifted a little per application
    return (Decimal(SHARE[expert]) + Decimal("0.8")) / 2 + Decimal(
        int(application[-3:]) % 4 - 1
    ) / 50


def _sheet(round_, expert: str, applications: list[str], nudge: Decimal = Decimal(0)) -> ScoreSheet:
    step = round_.rubric.step
    scores = []
    for application in applications:
        criteria, reasons = {}, {}
        for position, criterion in enumerate(round_.rubric.criteria):
            value = (
                criterion.max * (_share(expert, application) + nudge) / step
            ).to_integral_value() * step
            value = min(criterion.max, max(Decimal(0), value - (step if position % 3 == 1 else 0)))
            criteria[criterion.id] = format(value, "f")
            if needs_reason(criterion, value):  # the score rule: far from the guidance, say why
                reasons[criterion.id] = "依据申报材料与现场核实情况评定。"
        scores.append(
            {
                "application": application,
                "criteria": criteria,
                "reasons": reasons,
                # each formal-review item left to the experts needs a judgement
                "judgements": {
                    check.id: {"agrees": True, "reason": ""}
                    for check in evaluate(round_.applications[application]).checks
                    if check.result.value == "review"
                },
                "opinion": "评审意见",
                "recommend": True,
            }
        )
    return ScoreSheet.from_json(
        {"expert": expert, "coi": {"certified": True, "declared": []}, "scores": scores}
    )


def make_returns(built, credentials, round_) -> dict[str, Path]:
    """One folder per panel (a USB stick each) with every member's return; P1's has the odd files
    too."""
    folders = {}
    for package_built in built:
        package = open_package(package_built.file)
        folder = _TEMP / "usb" / package.manifest.panel_id
        folder.mkdir(parents=True)
        folders[package.manifest.panel_id] = folder
        for member in package.manifest.members:
            expert = member.id
            credential = package.unlock(expert, credentials[expert].passphrase)
            applications = [a.id for a in package.manifest.applications if expert not in a.recused]
            with open_database(_TEMP / f"{expert}.sqlite3") as db:
                if (
                    expert == "E02"
                ):  # a first revision, then a corrected one: the first is superseded
                    making.make_return(
                        package,
                        credential,
                        _sheet(round_, expert, applications, Decimal("-0.05")),
                        folder / "E02-第1版.ticreturn",
                        db,
                    )
                if (
                    expert == "E04"
                ):  # a careless client let E04 score LC-2026-001, from which they are recused
                    with mock.patch.object(making, "check_score_sheet", lambda *a: None):
                        making.make_return(
                            package,
                            credential,
                            _sheet(round_, expert, ["LC-2026-001", *applications]),
                            folder / f"{expert}.ticreturn",
                            db,
                        )
                    continue
                making.make_return(
                    package,
                    credential,
                    _sheet(round_, expert, applications),
                    folder / f"{expert}.ticreturn",
                    db,
                )
        package.close()
    p1 = folders["P1"]
    shutil.copyfile(
        p1 / "E03.ticreturn", p1 / "E03_副本.ticreturn"
    )  # the same file twice: a duplicate
    tampered = bytearray((p1 / "E05.ticreturn").read_bytes())
    tampered[len(tampered) // 2] ^= 0x01
    (p1 / "E05-改动.ticreturn").write_bytes(bytes(tampered))
    (p1 / "说明.ticreturn").write_bytes("这不是回执文件".encode())
    return folders


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    apply_font(app, DEFAULT_POINT_SIZE, register_bundled_fonts())
    Translations(app).use("zh")
    review = evaluate_round(demo_round_file())
    workspace = init_workspace(_TEMP / "bureau", passphrase=PASSPHRASE)
    keys = workspace.keys(PASSPHRASE)
    built, credentials = build_packages(review, workspace, keys, _TEMP / "packages", ["P1"])
    folders = make_returns(built, credentials, review.round)

    window = ResultsWindow(review, workspace, keys)
    window.resize(1366, 768)
    window.show()

    def receive(paths: list[Path]) -> None:
        loop = QEventLoop()
        window.received.connect(loop.quit)
        window.add_paths(paths)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        window.received.disconnect(loop.quit)

    def shot(name: str) -> None:
        for _ in range(5):  # layout and the chart settle over several event-loop turns
            app.processEvents()
        window.grab().save(str(OUT / name))
        print(OUT / name)

    receive([folders["P1"]])
    window.splitter.setSizes([600, 120])
    shot("inbox-statuses.png")
    window.splitter.setSizes([120, 600])
    window.select_application("LC-2026-001")
    shot("results.png")
    # Delete the window while the application still exists, not in an arbitrary order at shutdown.
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 0


if __name__ == "__main__":
    sys.exit(main())
