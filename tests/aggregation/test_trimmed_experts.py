"""Which experts' totals the trimmed mean drops, and criterion means, against formats.md by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tic_desktop.aggregation import ApplicationResult, final_score, trimmed_experts

half_points = st.integers(min_value=0, max_value=200).map(lambda n: Decimal(n) / 2)
expert_totals = st.dictionaries(
    st.from_regex(r"E[0-9]{2}", fullmatch=True), half_points, min_size=1, max_size=12
)


@given(expert_totals, st.integers(min_value=1, max_value=8))
def test_the_final_is_the_mean_of_the_totals_that_were_not_dropped(totals, trim_from):
    dropped = trimmed_experts(totals, trim_from)
    kept = [total for expert, total in totals.items() if expert not in dropped]
    assert final_score(list(totals.values()), trim_from)[1] == sum(kept) / len(kept)
    if len(totals) >= max(trim_from, 3):
        lowest, highest = dropped
        assert totals[lowest] == min(totals.values()) and totals[highest] == max(totals.values())
        assert lowest != highest
    else:
        assert dropped == ()


def test_ties_name_one_expert_each_way_by_id():
    totals = {
        "E05": Decimal(90),
        "E01": Decimal(90),
        "E02": Decimal(80),
        "E04": Decimal(70),
        "E03": Decimal(70),
    }
    assert trimmed_experts(totals, 5) == ("E03", "E05")
    assert trimmed_experts(dict(list(totals.items())[:4]), 5) == ()


def test_all_equal_totals_still_drop_two_distinct_experts():
    totals = {f"E0{i}": Decimal("75.5") for i in range(1, 6)}
    assert trimmed_experts(totals, 5) == ("E01", "E05")


def test_criterion_means_are_exact_and_skip_unscored_criteria():
    result = ApplicationResult(
        "A",
        criterion_scores={
            "team": [Decimal("12"), Decimal("13.5"), Decimal("14")],
            "plan": [],
            "funding": [Decimal("7")],
        },
    )
    assert result.criterion_means() == {"team": Decimal("39.5") / 3, "funding": Decimal(7)}
