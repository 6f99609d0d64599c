"""Date boundaries of the register's rules, checked over many dates (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from register_builders import make_center

from tic_desktop.register import AnnualReport, assess
from tic_desktop.register.domain import add_years
from tic_desktop.register.rules import (
    DEFAULT_POLICY,
    DueKind,
    RegisterPolicy,
    missing_reports_trigger,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
approvals = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@given(days, st.integers(min_value=1, max_value=5))
def test_period_ends_on_the_corresponding_day_or_the_months_last_day(
    start: date, years: int
) -> None:
    end = add_years(start, years)
    assert (end.year, end.month) == (start.year + years, start.month)
    if (start.month, start.day) == (2, 29) and not calendar.isleap(end.year):
        assert end.day == 28
    else:
        assert end.day == start.day


@given(days)
def test_two_years_is_730_or_731_days(start: date) -> None:
    assert (add_years(start, 2) - start).days in (730, 731)


@given(days, days)
def test_later_approval_never_ends_earlier(first: date, second: date) -> None:
    if first <= second:
        assert add_years(first, 2) <= add_years(second, 2)


@given(approvals)
def test_preparation_is_over_exactly_the_day_after_two_years(approved: date) -> None:
    center = make_center(approved)
    end = center.preparation_end
    assert not assess(center, end).preparation_over
    assert assess(center, end + timedelta(days=1)).preparation_over


@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=2024, max_value=2060),
)
def test_any_configured_deadline_is_a_real_day(month: int, day: int, year: int) -> None:
    due = RegisterPolicy(report_deadline=(month, day)).report_due(year)
    assert (due.year, due.month) == (year + 1, month) and due.day <= day


# A report year maps to "not received" or a receipt day up to four years after that year ends.
receipts = st.dictionaries(
    st.integers(min_value=2024, max_value=2031),
    st.one_of(st.none(), st.integers(min_value=0, max_value=4 * 366)),
    max_size=8,
)


def _center(approved: date, received: dict[int, int | None]):
    reports = tuple(
        AnnualReport(year, date(year + 1, 1, 1) + timedelta(days=offset))
        for year, offset in received.items()
        if offset is not None and year >= approved.year
    )
    return make_center(approved, reports=reports)


def _oracle(center, today: date) -> bool:
    """Art. 19(1) by brute force: was there a finished day on which two consecutive reports were
    overdue?"""
    first = max(center.approved_on.year, DEFAULT_POLICY.reports_from_year)

    def outstanding(year: int, day: date) -> bool:
        report = center.report_for(year)
        return DEFAULT_POLICY.report_due(year) <= day and (
            report is None or report.received_on > day
        )

    day = DEFAULT_POLICY.report_due(first)
    while day < today:
        if any(
            outstanding(year, day) and outstanding(year + 1, day) for year in range(first, day.year)
        ):
            return True
        day += timedelta(days=1)
    return False


@settings(max_examples=60, deadline=None)
@given(approvals, receipts, st.dates(min_value=date(2025, 1, 1), max_value=date(2031, 12, 31)))
def test_art_19_1_matches_a_day_by_day_reading(
    approved: date, received: dict[int, int | None], today: date
) -> None:
    center = _center(approved, received)
    as_of_today = make_center(
        approved, reports=tuple(r for r in center.reports if r.received_on <= today)
    )
    assert (missing_reports_trigger(as_of_today, today) is not None) == _oracle(center, today)


@settings(max_examples=80, deadline=None)
@given(
    approvals,
    receipts,
    st.dates(min_value=date(2025, 1, 1), max_value=date(2032, 12, 31)),
    st.integers(min_value=1, max_value=800),
)
def test_once_art_19_1_applies_it_keeps_applying(
    approved: date, received, today: date, later: int
) -> None:
    center = _center(approved, received)

    def applies(day: date) -> bool:
        return any(t.clause.en == "Art. 19(1)" for t in assess(center, day).triggers)

    if applies(today):
        assert applies(today + timedelta(days=later))


@settings(max_examples=80, deadline=None)
@given(approvals, st.integers(min_value=2024, max_value=2030))
def test_consecutive_trigger_flips_exactly_after_the_second_deadline(
    approved: date, gap: int
) -> None:
    # Every report on time except two consecutive years from ``gap`` on: the trigger appears on
    # the day after the second of those deadlines, not a day earlier.
    first = max(approved.year, DEFAULT_POLICY.reports_from_year)
    gap = max(gap, first)
    reports = tuple(
        AnnualReport(year, DEFAULT_POLICY.report_due(year))
        for year in range(first, 2035)
        if year not in (gap, gap + 1)
    )
    center = make_center(approved, reports=reports)
    second_deadline = DEFAULT_POLICY.report_due(gap + 1)
    assert not any(t.clause.en == "Art. 19(1)" for t in assess(center, second_deadline).triggers)
    assert any(
        t.clause.en == "Art. 19(1)"
        for t in assess(center, second_deadline + timedelta(days=1)).triggers
    )


@settings(max_examples=80, deadline=None)
@given(approvals, st.dates(min_value=date(2025, 1, 1), max_value=date(2032, 12, 31)))
def test_report_overdue_exactly_after_its_deadline(approved: date, today: date) -> None:
    for item in assess(make_center(approved), today).due:
        if item.kind is DueKind.ANNUAL_REPORT:
            assert item.overdue == (today > item.due_by)
            assert item.due_by == DEFAULT_POLICY.report_due(item.year)
