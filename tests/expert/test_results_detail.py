"""The ranking sorts on numbers and the detail pane shows each application's figures, checked
against an independent calculation from the raw scores of real, signed returns."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from unittest import mock

import pytest
from PySide6.QtCore import QPoint, Qt

from tic_desktop.gui.results_window import ResultsWindow

pytestmark = pytest.mark.gui

BASE_SHARE = {
    "E01": "0.92",
    "E02": "0.8",
    "E03": "0.7",
    "E04": "0.85",
    "E05": "0.62",
    "E06": "0.75",
    "E07": "0.55",
}
LOW_APPLICATION = (
    "LC-2026-002"  # totals under 10: "8.50" sorts above "81.00" as text, below it as a number
)


def _raw_scores(review_round, expert: str, application: str) -> dict[str, Decimal]:
    """Varied per criterion: the expert's share of each maximum, a step lower on every other
    criterion."""
    step = review_round.rubric.step
    share = Decimal("0.08") if application == LOW_APPLICATION else Decimal(BASE_SHARE[expert])
    scores = {}
    for position, criterion in enumerate(review_round.rubric.criteria):
        value = (criterion.max * share / step).to_integral_value() * step
        scores[criterion.id] = max(Decimal(0), value - (step if position % 2 else 0))
    return scores


@pytest.fixture
def signed_returns(built_p1, unlocked, tmp_path):
    """Every P1 member's signed return, plus two a careless client let through: E04 scoring
    LC-2026-001, from which the round recuses them, and E07 leaving a criterion of LC-2026-004
    unscored."""
    from tic_desktop.packages.opening import open_package
    from tic_desktop.returns import making
    from tic_desktop.returns.making import make_return
    from tic_desktop.returns.scoring import ScoreSheet
    from tic_desktop.rules.eligibility import evaluate
    from tic_desktop.storage import open_database

    review_round = built_p1["review"].round
    package = open_package(built_p1["package"].file)
    raw: dict[str, dict[str, dict[str, Decimal]]] = {}
    out = tmp_path / "usb"
    out.mkdir()
    try:
        for expert in BASE_SHARE:
            applications = [a.id for a in package.manifest.applications if expert not in a.recused]
            if expert == "E04":
                applications.insert(0, "LC-2026-001")
            raw[expert] = {a: _raw_scores(review_round, expert, a) for a in applications}
            written = {a: {c: format(v, "f") for c, v in s.items()} for a, s in raw[expert].items()}
            if expert == "E07":
                del written["LC-2026-004"]["funding"]
            sheet = ScoreSheet.from_json(
                {
                    "expert": expert,
                    "coi": {"certified": True, "declared": []},
                    "scores": [
                        {
                            "application": a,
                            "criteria": c,
                            "reasons": {k: "理由" for k in c},
                            "judgements": {
                                check.id: {"agrees": True, "reason": ""}
                                for check in evaluate(review_round.applications[a]).checks
                                if check.result.value == "review"
                            },
                            "opinion": "意见",
                            "recommend": True,
                        }
                        for a, c in written.items()
                    ],
                }
            )
            with open_database(tmp_path / f"{expert}.sqlite3") as db:
                careless = expert in ("E04", "E07")
                with (
                    mock.patch.object(making, "check_score_sheet", lambda *a: None)
                    if careless
                    else mock.MagicMock()
                ):
                    make_return(package, unlocked(expert), sheet, out / f"{expert}.ticreturn", db)
    finally:
        package.close()
    del raw["E04"]["LC-2026-001"], raw["E07"]["LC-2026-004"]  # what may count
    return out, raw


def _expected(review_round, raw, application: str):
    """Totals, dropped experts, final and criterion means worked out here from formats.md."""
    totals = {
        e: sum(scores[application].values()) for e, scores in raw.items() if application in scores
    }
    ordered = sorted(totals.items(), key=lambda item: item[1])
    counted = [t for _, t in ordered[1:-1]] if len(ordered) >= 5 else [t for _, t in ordered]
    dropped = {ordered[0][0], ordered[-1][0]} if len(ordered) >= 5 else set()
    means = {
        c.id: sum(raw[e][application][c.id] for e in totals) / len(totals)
        for c in review_round.rubric.criteria
    }
    return totals, dropped, sum(counted) / len(counted), means


def _two(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")


def _click_header(qtbot, window, title: str) -> None:
    header = window.ranking.horizontalHeader()
    section = next(
        s
        for s in range(header.count())
        if window.sorted_ranking.headerData(s, Qt.Orientation.Horizontal) == title
    )
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _column(window, title: str) -> list[str]:
    model = window.sorted_ranking
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    )
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_ranking_sorts_numerically_and_detail_matches_the_raw_scores(
    qapp, qtbot, qtmodeltester, built_p1, signed_returns
):
    folder, raw = signed_returns
    review_round = built_p1["review"].round
    window = ResultsWindow(built_p1["review"], built_p1["workspace"], built_p1["keys"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.received, timeout=60_000):
        window.add_paths([folder])
    assert all(item.status == "accepted" for item in window.items) and len(window.items) == 7
    qtmodeltester.check(window.ranking_model)
    qtmodeltester.check(window.sorted_ranking)

    # Clicking "Final" sorts by the number, highest first; the unranked (no final) come last.
    _click_header(qtbot, window, "Final")
    qtbot.waitUntil(
        lambda: (
            window.ranking.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        )
    )
    shown = _column(window, "Final")
    finals = [Decimal(v) for v in shown if v != "—"]
    assert len(finals) == 4 and finals == sorted(finals, reverse=True)
    assert shown[:4] == [_two(f) for f in finals] and set(shown[4:]) == {"—"}
    assert (
        _column(window, "Application")[3] == LOW_APPLICATION
    )  # as text "8.xx" would have come first
    expected = {a: _expected(review_round, raw, a)[2] for a in review_round.panels[0].applications}
    # the ranked rows come first: the column's first len(finals) entries
    assert [
        (a, _two(f)) for a, f in zip(_column(window, "Application"), finals, strict=False)
    ] == sorted(((a, _two(f)) for a, f in expected.items()), key=lambda item: -expected[item[0]])
    # LC-2026-003 and LC-2026-004 keep the same four totals after trimming: equal finals share
    # rank 1 and stay in the round's order, whichever way the column sorts.
    assert expected["LC-2026-003"] == expected["LC-2026-004"] == max(expected.values())
    assert _column(window, "Rank")[:4] == ["1", "1", "3", "4"]
    assert _column(window, "Application")[:2] == ["LC-2026-003", "LC-2026-004"]
    # Again: lowest first; still numeric, still no figure last, the tie still in rank order.
    _click_header(qtbot, window, "Final")
    qtbot.waitUntil(
        lambda: (
            window.ranking.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        )
    )
    ascending = [Decimal(v) for v in _column(window, "Final") if v != "—"]
    assert ascending == sorted(finals) and _column(window, "Final")[4:] == ["—"] * 8
    assert _column(window, "Application")[2:4] == ["LC-2026-003", "LC-2026-004"]
    _click_header(qtbot, window, "Valid")
    qtbot.waitUntil(
        lambda: (
            window.ranking.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        )
    )
    valid = [int(v) for v in _column(window, "Valid")]
    assert valid == sorted(valid, reverse=True)
    ranks = [r for r, v in zip(_column(window, "Rank"), valid, strict=True) if v == 6]
    assert ranks == ["1", "1", "3", "4"]

    # LC-2026-001: six valid totals (trimmed), E04 excluded as recused, a wide spread.
    with qtbot.waitSignal(window.application_shown) as shown_signal:
        window.ranking.selectRow(window.ranking_row_of("LC-2026-001"))
    assert shown_signal.args == ["LC-2026-001"]
    totals, dropped, final, means = _expected(review_round, raw, "LC-2026-001")
    detail = window.detail
    rows = detail.expert_rows()
    valid_rows = {e: (t, s) for e, t, s in rows if not s.startswith("Excluded")}
    assert {e: t for e, (t, _) in valid_rows.items()} == {e: _two(t) for e, t in totals.items()}
    assert {e for e, (_, s) in valid_rows.items() if s.startswith("Dropped")} == dropped
    assert valid_rows[max(totals, key=totals.get)][1] == "Dropped (highest)"
    assert [r for r in rows if r[2].startswith("Excluded")] == [("E04", "—", "Excluded: recused")]
    assert [(title, mx, mean) for title, mx, mean in detail.criterion_rows()] == [
        (c.title, format(c.max, "f"), _two(means[c.id])) for c in review_round.rubric.criteria
    ]
    assert _two(final) in detail.heading.text()
    assert max(totals.values()) - min(totals.values()) > 20
    assert "Wide spread" in detail.flags.text() and detail.flags.isVisible()
    assert _two(max(totals.values()) - min(totals.values())) in detail.flags.text()
    plotted = detail.chart.plotted()
    assert len(plotted) == len(totals) == 6
    assert {e: Decimal(str(x)) for e, x, _ in plotted} == totals
    assert {e for e, _, was_dropped in plotted if was_dropped} == dropped
    assert "LC-2026-001" in detail.chart.accessibleName() and detail.chart.accessibleDescription()
    assert detail.chart.focusPolicy() == Qt.FocusPolicy.NoFocus

    # LC-2026-004: E07 left a criterion out, so their score is excluded as incomplete.
    with qtbot.waitSignal(window.application_shown):
        window.select_application("LC-2026-004")
    totals, dropped, final, _ = _expected(review_round, raw, "LC-2026-004")
    assert [r for r in detail.expert_rows() if r[2].startswith("Excluded")] == [
        ("E07", "—", "Excluded: incomplete scores")
    ]
    assert len(detail.chart.plotted()) == len(totals) == 6
    assert _two(final) in detail.heading.text()
    # the reasons and judgements that travelled in the signed returns stand beside each total
    explained = [detail.experts.item(r, 3).text() for r in range(len(totals))]
    assert all("依托单位基础条件：理由" in text for text in explained)
    assert all("科研用房面积：agrees" in text for text in explained)  # this window is in English

    # An application no one in this inbox could score: no points, not ranked, the quorum flag in
    # words.
    with qtbot.waitSignal(window.application_shown):
        window.select_application("LC-2026-008")
    assert detail.chart.plotted() == []
    # every member of its panel is accounted for: recused, or no return in this inbox
    panel = next(p for p in review_round.panels if "LC-2026-008" in p.applications)
    rows = detail.expert_rows()
    assert sorted(e for e, _, _ in rows) == sorted(panel.members)
    assert {s for _, _, s in rows} <= {"Excluded: recused", "Excluded: not returned"}
    assert "Too few valid scores" in detail.flags.text() and "not ranked" in detail.heading.text()
    flagged = window.sorted_ranking.index(window.ranking_row_of("LC-2026-008"), 0)
    assert flagged.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_performance_rounds_show_the_grade_column(qtmodeltester, tmp_path):
    import json
    import shutil
    from pathlib import Path

    from tic_desktop.aggregation import aggregate
    from tic_desktop.domain.loading import load_round
    from tic_desktop.gui.ranking_model import RankingModel
    from tic_desktop.paths import demo_round_file
    from tic_desktop.returns.receiving import ReceivedReturn
    from tic_desktop.returns.scoring import ScoreSheet

    folder = tmp_path / "round"
    shutil.copytree(demo_round_file().parent, folder)
    data = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    data["kind"] = "performance"
    (folder / "round.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    review_round = load_round(folder / "round.json")
    criteria = {c.id: format(c.max, "f") for c in review_round.rubric.criteria}
    item = ReceivedReturn(Path("E01.ticreturn"), "0" * 64)
    item.status, item.expert, item.revision = "accepted", "E01", 1
    item.panel, item.document = "P1", {"round": review_round.id, "panel": "P1"}
    item.sheet = ScoreSheet.from_json(
        {
            "expert": "E01",
            "coi": {"certified": True, "declared": []},
            "scores": [
                {
                    "application": "LC-2026-004",
                    "criteria": criteria,
                    "opinion": "意见",
                    "recommend": True,
                }
            ],
        }
    )
    model = RankingModel(review_round)
    model.set_results(aggregate(review_round, [item]))
    qtmodeltester.check(model)
    grade = model.columns.index("grade")
    assert model.headerData(grade, Qt.Orientation.Horizontal) == "Grade"
    row = next(
        r for r in range(model.rowCount()) if model.result_at(r).application_id == "LC-2026-004"
    )
    assert model.index(row, grade).data() == "优秀"
