"""The bureau's whole round through the real windows, with every expert's return made by
`tic return make`.

Excel template → new-round wizard → the build dialog refuses the broken panels → fixed in the
round editor → packages built → returns (with a recused attempt, a tampered file, a duplicate and a
superseded revision) → returns inbox → ranking compared with a calculation written here from the
raw scores → CSV, XLSX and the signed result summary, which verifies.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from tic_desktop.bureau.excel_template import write_workbook
from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.cli.main import main as tic
from tic_desktop.domain.loading import load_round
from tic_desktop.gui.results_opening import ResultsOpener
from tic_desktop.paths import demo_round_file
from tic_desktop.reports.exports import TABLE_ROW
from tic_desktop.signing.pdf_verification import verify_pdf

pytestmark = pytest.mark.gui

PASSPHRASE = "bureau passphrase for the end-to-end test"
SLOW = 600_000  # ms: scrypt for the bureau's keys and 21 credentials on two shared cores
TWO = Decimal("0.01")


def passphrase_on_sheet(sheet: Path) -> str:
    document = pdfium.PdfDocument(str(sheet))
    text = document[0].get_textpage().get_text_range()
    document.close()
    return "-".join(
        re.search(r"(\d{4})\s+(\d{4})\s+(\d{4})\s+(\d{4})\s+(\d{4})\s+(\d{4})", text).groups()
    )


def criterion_scores(expert: str, application: str, rubric, salt: str = "") -> dict[str, Decimal]:
    """Deterministic scores between 50 % and 85 % of each maximum, on the rubric's step."""
    scores = {}
    for criterion in rubric.criteria:
        ticks = int(criterion.max / rubric.step)
        low, high = -(-ticks // 2), (ticks * 85) // 100
        digest = int(
            hashlib.sha256(f"{expert}|{application}|{criterion.id}|{salt}".encode()).hexdigest(), 16
        )
        scores[criterion.id] = (low + digest % (high - low + 1)) * rubric.step
    return scores


@functools.cache
def judged_checks(application_id: str) -> tuple[str, ...]:
    """The demo application's formal-review items left to the experts: each needs a judgement."""
    from tic_desktop.domain.loading import load_round
    from tic_desktop.paths import demo_round_file
    from tic_desktop.rules.eligibility import evaluate

    application = load_round(demo_round_file()).applications[application_id]
    return tuple(c.id for c in evaluate(application).checks if c.result.value == "review")


def score_file(
    folder: Path, expert: str, applications: list[str], rubric, salt: str = ""
) -> tuple[Path, dict]:
    given = {a: criterion_scores(expert, a, rubric, salt) for a in applications}
    sheet = {
        "expert": expert,
        "coi": {"certified": True, "declared": []},
        "scores": [
            {
                "application": a,
                "criteria": {k: str(v) for k, v in c.items()},
                "judgements": {check: {"agrees": True, "reason": ""} for check in judged_checks(a)},
                "opinion": f"{a} 的建设方案总体可行，建议加强产学研合作。",
                "recommend": True,
            }
            for a, c in given.items()
        ],
    }
    path = folder / f"scores-{expert}{salt}.json"
    path.write_text(json.dumps(sheet, ensure_ascii=False), encoding="utf-8")
    return path, {a: sum(c.values(), Decimal(0)) for a, c in given.items()}


def expected_ranking(totals: dict[str, list[Decimal]]) -> dict[str, tuple[int, Decimal, set[str]]]:
    """formats.md's method, written out: trimmed mean from 5 totals, ranks 1, 2, 2, 4, flags."""
    finals = {}
    for app, values in totals.items():
        ordered = sorted(values)
        kept = ordered[1:-1] if len(ordered) >= 5 else ordered
        finals[app] = sum(kept, Decimal(0)) / len(kept)
    result = {}
    for app, final in finals.items():
        rank = 1 + sum(1 for other in finals.values() if other > final)
        flags = set()
        if len(totals[app]) < 5:
            flags.add("below_quorum")
        if max(totals[app]) - min(totals[app]) > 20:
            flags.add("wide_spread")
        result[app] = (rank, final, flags)
    return result


def build_demo_panels(builder, demo) -> None:
    for panel in demo.panels:
        assert builder.add_panel(panel.id)
        for member in panel.members:
            builder.set_member(member, True)
        builder.set_chair(panel.chair)
        for application in panel.applications:
            builder.set_application(application, True)
    for conflict in demo.spec.declared_conflicts:
        builder.add_declared_conflict(conflict)


def fill_build_dialog(dialog, bureau_folder: Path, out: Path) -> None:
    assert dialog.set_workspace_folder(str(bureau_folder))
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.out_edit.setText(str(out))


def test_a_round_from_the_excel_template_to_the_signed_result_summary(
    desktop, qtbot, tmp_path, monkeypatch
):
    window = desktop.window
    demo = load_round(demo_round_file())

    # 1. The bureau's colleague filled in the Excel template; attachments lie beside the workbook.
    excel = tmp_path / "excel"
    excel.mkdir()
    for app_id in demo.applications:
        shutil.copytree(demo.application_files[app_id].parent / app_id, excel / app_id)
    workbook = excel / "申报材料.xlsx"
    write_workbook(workbook, list(demo.applications.values()), list(demo.experts.values()))

    window.ui.newRoundAction.trigger()
    wizard = window.round_wizard
    wizard.basics.round_id.setText("2026-TIC-01")
    wizard.basics.round_title.setText("2026年度聊城市技术创新中心组建评审")
    wizard.basics.folder.setText(str(tmp_path / "round"))
    wizard.next()
    assert wizard.applications.import_excel(workbook)
    assert len(wizard.draft.applications) == 12 and len(wizard.draft.experts) == 21
    for _ in range(3):
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        wizard.next()
    build_demo_panels(wizard.panels, demo)
    assert {b.panel_id for b in wizard.draft.blockers()} == {"P2", "P3"}
    with qtbot.waitSignal(desktop.bridge.round_opened) as opened:
        wizard.accept()  # a round with broken panels may be saved; its packages may not be built
    assert opened.args[0].round.path == tmp_path / "round" / "round.json"

    # 2. The build dialog refuses the broken panels.
    bureau = init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)
    dialog = window.build_packages()
    qtbot.waitExposed(dialog)
    fill_build_dialog(dialog, bureau.folder, tmp_path / "packages")
    for panel_id in ("P2", "P3"):
        assert not dialog.panel_item(panel_id).flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.chosen_panels() == ["P1"]
    dialog.reject()

    # 3. Fixed in the round editor: P3 gets an independent chair, LC-2026-011 moves to P1.
    editor = window.edit_round()
    builder = editor.panels
    builder.select_panel("P3")
    builder.set_chair("E16")
    builder.select_panel("P2")
    builder.set_application("LC-2026-011", False)
    builder.select_panel("P1")
    builder.set_application("LC-2026-011", True)
    assert editor.draft.blockers() == []
    with qtbot.waitSignal(desktop.bridge.round_opened) as opened:
        assert editor.save()  # saved over the round's own files
    review = opened.args[0]
    assert review.round.path == tmp_path / "round" / "round.json"

    # 4. All three packages.
    out = tmp_path / "packages"
    dialog = window.build_packages()
    qtbot.waitExposed(dialog)
    fill_build_dialog(dialog, bureau.folder, out)
    assert dialog.chosen_panels() == ["P1", "P2", "P3"]
    with qtbot.waitSignal(dialog.built, timeout=SLOW) as built:
        assert dialog.start_build()
    packages = {p.panel_id: p.file for p in built.args[0]}
    dialog.accept()

    # 5. Every expert makes a return with `tic return make`.
    rubric = review.round.rubric
    usb, work = tmp_path / "usb", tmp_path / "work"
    usb.mkdir()
    work.mkdir()
    recused = {(r.panel_id, r.application_id): set(r.recused) for r in review.panels}
    totals: dict[str, list[Decimal]] = {a: [] for a in review.round.applications}
    passphrase_files = {}
    for panel in review.round.panels:
        for member in panel.members:
            passphrase_files[member] = work / f"{member}.pass"
            passphrase_files[member].write_text(
                passphrase_on_sheet(out / "passphrase-sheets" / f"{member}.pdf")
            )
            mine = [a for a in panel.applications if member not in recused[(panel.id, a)]]
            make = [
                "return",
                "make",
                str(packages[panel.id]),
                "",
                "--out",
                str(usb / f"{member}.ticreturn"),
                "--passphrase-file",
                str(passphrase_files[member]),
            ]
            if member == "E02":  # a first revision, superseded below
                first, _ = score_file(work, member, mine, rubric, salt="-v1")
                assert (
                    tic([*make[:3], str(first), "--out", str(usb / "E02-v1.ticreturn"), *make[6:]])
                    == 0
                )
            scores, member_totals = score_file(work, member, mine, rubric)
            make[3] = str(scores)
            assert tic(make) == 0
            for app, total in member_totals.items():
                totals[app].append(total)

    # A score for an application the expert is recused from is refused, and nothing is written.
    p1 = next(p for p in review.round.panels if p.id == "P1")
    recused_member = next(m for m in p1.members if m in recused[("P1", "LC-2026-003")])
    attempt, _ = score_file(work, recused_member, ["LC-2026-003"], rubric, salt="-recused")
    assert (
        tic(
            [
                "return",
                "make",
                str(packages["P1"]),
                str(attempt),
                "--out",
                str(work / "recused.ticreturn"),
                "--passphrase-file",
                str(passphrase_files[recused_member]),
            ]
        )
        == 2
    )
    assert not (work / "recused.ticreturn").exists()
    # A duplicate copy and a tampered copy on the stick.
    (usb / "copies").mkdir()
    shutil.copyfile(usb / "E03.ticreturn", usb / "copies" / "E03 - 副本.ticreturn")
    tampered = bytearray((usb / "E04.ticreturn").read_bytes())
    tampered[len(tampered) // 2] ^= 0x01
    (usb / "copies" / "E04-tampered.ticreturn").write_bytes(bytes(tampered))

    # 6. The returns inbox, opened from the bureau window, takes the whole stick.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(bureau.folder))
    window.ui.resultsAction.trigger()
    unlock = window.findChild(ResultsOpener).unlock_dialog
    unlock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.results_opened, timeout=SLOW) as opened_results:
        unlock.submit()
    results = opened_results.args[0]
    qtbot.addWidget(results)
    with qtbot.waitSignal(results.received, timeout=SLOW) as received:
        results.add_paths([usb])
    statuses = {item.file.name: item.status for item in received.args[0]}
    assert statuses.pop("E02-v1.ticreturn") == "superseded"
    # a byte-identical copy is the same file: recognised as already received, not verified again
    assert "E03 - 副本.ticreturn" not in statuses
    shown = results.statusBar().currentMessage()
    assert "already received 1 " in shown or "已收到过 1 份" in shown
    assert statuses.pop("E04-tampered.ticreturn") == "rejected"
    assert statuses == {f"{m}.ticreturn": "accepted" for m in review.round.experts}
    status = results.returns_model.columns.index("status")
    shown = [
        results.returns_model.index(r, status).data()
        for r in range(results.returns_model.rowCount())
    ]
    assert sorted(set(shown)) == sorted({"接收", "已被取代", "拒收"})

    # 7. The ranking equals the method written out above, from the raw scores.
    expected = expected_ranking(totals)
    model, columns = results.ranking.model(), results.ranking_model.columns
    shown_ranking = {}
    for row in range(model.rowCount()):
        cell = {
            name: model.index(row, columns.index(name)).data()
            for name in ("application", "rank", "final")
        }
        shown_ranking[cell["application"]] = (cell["rank"], cell["final"])
    assert shown_ranking == {
        app: (str(rank), str(final.quantize(TWO, ROUND_HALF_UP)))
        for app, (rank, final, _) in expected.items()
    }
    assert {r.application_id: set(r.flags) for r in results.results} == {
        a: f for a, (_, _, f) in expected.items()
    }

    # 8. Exports, and the signed summary verifies; `tic aggregate` recomputes the same ranking
    # offline.
    with (results.export(tmp_path / "ranking.csv")).open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        csv_rows = list(csv.reader(handle))
    assert {row[1] for row in csv_rows[1:]} == set(expected)
    xlsx = load_workbook(results.export(tmp_path / "ranking.xlsx"))
    # One row per counted (application, expert), the criteria as columns; the table under row 4.
    assert len(list(xlsx["评分明细"].iter_rows(min_row=TABLE_ROW + 1))) == sum(
        len(v) for v in totals.values()
    )
    summary = results.sign_summary(tmp_path / "summary.pdf")
    assert [(r.role, r.valid) for r in verify_pdf(summary.read_bytes(), bureau.ca_pem)] == [
        ("评审结果签发", True)
    ]
    assert tic(["pdf", "verify", str(summary), "--bureau", str(bureau.folder)]) == 0

    accepted = sorted(str(usb / name) for name in statuses)
    passphrase_file = work / "bureau.pass"
    passphrase_file.write_text(PASSPHRASE)
    capture = tmp_path / "aggregate.json"
    with capture.open("w", encoding="utf-8") as handle:
        monkeypatch.setattr("sys.stdout", handle)
        assert (
            tic(
                [
                    "aggregate",
                    str(review.round.path),
                    *accepted,
                    "--bureau",
                    str(bureau.folder),
                    "--passphrase-file",
                    str(passphrase_file),
                    "--format",
                    "json",
                ]
            )
            == 0
        )
    monkeypatch.undo()
    offline = json.loads(capture.read_text(encoding="utf-8"))
    assert {a["id"]: (a["rank"], a["final"]) for a in offline["applications"]} == {
        app: (rank, str(final.quantize(TWO, ROUND_HALF_UP)))
        for app, (rank, final, _) in expected.items()
    }
