"""Aggregation against an independent calculation written here from formats.md."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tic_desktop.aggregation import ApplicationResult, Method, aggregate, assign_ranks, final_score
from tic_desktop.domain.loading import load_round
from tic_desktop.paths import demo_round_file
from tic_desktop.returns.receiving import ReceivedReturn
from tic_desktop.returns.scoring import ScoreSheet

totals = st.lists(
    st.integers(min_value=0, max_value=200).map(lambda n: Decimal(n) / 2), min_size=1, max_size=12
)


def reference_final(values: list[Decimal]) -> Decimal:
    ordered = sorted(values)
    if len(ordered) >= 5:
        ordered = ordered[1:-1]
    return sum(ordered) / len(ordered)


@given(totals)
def test_final_is_trimmed_mean_from_five_totals_up(values):
    mean, final = final_score(values, 5)
    assert mean == sum(values) / len(values)
    assert final == reference_final(values)


def test_trimming_drops_exactly_one_highest_and_one_lowest_even_when_tied():
    values = [Decimal(x) for x in ("90", "90", "80", "70", "70")]
    assert final_score(values, 5)[1] == Decimal("80")  # (90 + 80 + 70) / 3
    assert final_score(values[:4], 5)[1] == Decimal("82.5")  # four totals: plain mean


@given(st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=15))
def test_ranks_are_competition_ranks_on_unrounded_finals(finals):
    results = [ApplicationResult(f"A{i}", final=Decimal(f) / 3) for i, f in enumerate(finals)]
    assign_ranks(results)
    for result in results:
        better = sum(1 for other in results if other.final > result.final)
        assert result.rank == better + 1


def test_rank_uses_unrounded_value_when_rounded_outputs_tie():
    a = ApplicationResult("A", final=Decimal("80.004"))
    b = ApplicationResult("B", final=Decimal("80.001"))
    assign_ranks([a, b])
    assert (a.rank, b.rank) == (1, 2)


def _accepted(
    expert: str, panel: str, scores: dict[str, dict[str, str]], declared=()
) -> ReceivedReturn:
    sheet = ScoreSheet.from_json(
        {
            "expert": expert,
            "coi": {
                "certified": True,
                "declared": [{"application": a, "reason": "合作"} for a in declared],
            },
            "scores": [
                {"application": a, "criteria": c, "opinion": "意见", "recommend": True}
                for a, c in scores.items()
            ],
        }
    )
    item = ReceivedReturn(Path(f"{expert}.ticreturn"), expert)
    item.status, item.expert, item.revision, item.sheet = "accepted", expert, 1, sheet
    item.panel, item.document = panel, {"round": "2026-TIC-01", "panel": panel}
    return item


def _criteria(review_round, fraction: Decimal) -> dict[str, str]:
    step = review_round.rubric.step
    return {
        c.id: str((c.max * fraction / step).to_integral_value() * step)
        for c in review_round.rubric.criteria
    }


def test_demo_panel_p1_recusals_incomplete_and_flags():
    review_round = load_round(demo_round_file())
    fractions = {
        "E01": "0.9",
        "E02": "0.8",
        "E03": "0.7",
        "E04": "0.85",
        "E05": "0.6",
        "E06": "0.75",
        "E07": "0.5",
    }
    returns = []
    for expert, fraction in fractions.items():
        scores = {"LC-2026-001": _criteria(review_round, Decimal(fraction))}
        returns.append(_accepted(expert, "P1", scores))
    # E07 leaves a criterion out; E04 is from a co-builder unit of LC-2026-001 (recused in the
    # round).
    del returns[-1].sheet.scores[0].criteria[review_round.rubric.criteria[0].id]
    results = {r.application_id: r for r in aggregate(review_round, returns)}
    first = results["LC-2026-001"]
    assert ("E04", "recused") in first.excluded
    assert ("E07", "incomplete") in first.excluded
    expected_totals = [
        sum(Decimal(v) for v in _criteria(review_round, Decimal(fractions[e])).values())
        for e in ("E01", "E02", "E03", "E05", "E06")
    ]
    assert sorted(first.totals.values()) == sorted(expected_totals)
    assert first.final == reference_final(expected_totals)
    assert first.rank == 1
    assert (
        first.flags == ["wide_spread"]
        if max(expected_totals) - min(expected_totals) > 20
        else first.flags == []
    )
    assert results["LC-2026-002"].flags == ["below_quorum"] and results["LC-2026-002"].rank is None
    out = first.as_json(False)
    assert out["final"] == format(
        reference_final(expected_totals).quantize(Decimal("0.01"), ROUND_HALF_UP), "f"
    )


def test_a_declared_conflict_in_the_return_excludes_that_score():
    review_round = load_round(demo_round_file())
    item = _accepted(
        "E02",
        "P1",
        {"LC-2026-004": _criteria(review_round, Decimal("0.8"))},
        declared=["LC-2026-004"],
    )
    result = {r.application_id: r for r in aggregate(review_round, [item])}["LC-2026-004"]
    assert ("E02", "recused") in result.excluded and result.valid == 0
    # every other member of P1 is accounted for too: no return from them
    panel = next(p for p in review_round.panels if "LC-2026-004" in p.applications)
    assert len(result.excluded) == len(panel.members)


def test_wide_spread_threshold_is_a_parameter():
    review_round = load_round(demo_round_file())
    returns = [
        _accepted(e, "P1", {"LC-2026-004": _criteria(review_round, Decimal(f))})
        for e, f in (("E01", "0.9"), ("E02", "0.6"))
    ]
    spread = {
        r.application_id: r
        for r in aggregate(review_round, returns, Method(wide_spread_points=Decimal(40)))
    }
    assert "wide_spread" not in spread["LC-2026-004"].flags
    narrow = {
        r.application_id: r
        for r in aggregate(review_round, returns, Method(wide_spread_points=Decimal(10)))
    }
    assert "wide_spread" in narrow["LC-2026-004"].flags


def test_performance_rounds_get_grades_by_the_default_bands(tmp_path):
    import json
    import shutil

    folder = tmp_path / "round"
    shutil.copytree(demo_round_file().parent, folder)
    data = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    data["kind"] = "performance"
    (folder / "round.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    review_round = load_round(folder / "round.json")
    # 0.85 of every criterion lands at 85 or just below it after stepping: check against the bands
    # by hand.
    cases = {"LC-2026-001": "0.9", "LC-2026-002": "0.7", "LC-2026-003": "0.5"}
    returns = [
        _accepted(
            "E01",
            "P1",
            {a: _criteria(review_round, Decimal(f)) for a, f in cases.items()},
        )
    ]
    results = {r.application_id: r for r in aggregate(review_round, returns)}
    for app_id in cases:
        final = results[app_id].final
        expected = "优秀" if final >= 85 else "合格" if final >= 60 else "不合格"
        assert results[app_id].grade == expected
        assert results[app_id].as_json(True)["grade"] == expected
    assert {results[a].grade for a in cases} == {"优秀", "合格", "不合格"}
