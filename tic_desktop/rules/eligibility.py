"""Formal review (形式审查): every condition of Art. 7, Art. 8 and Art. 11, in rules.md order."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_DOWN, Decimal

from tic_desktop.catalogue import Joined, Text, t, tc
from tic_desktop.domain.application import KNOWN_UNIT_KINDS, Application, FinanceYear
from tic_desktop.rules.boundaries import (
    more_than,
    not_less_than,
    not_more_than,
    ratio_at_least_percent,
)
from tic_desktop.rules.conflicts import committee_checks, make_check
from tic_desktop.rules.messages import KIND_NAMES_ZH, USCC_PROBLEMS, text
from tic_desktop.rules.results import Check, EligibilityReport, Result
from tic_desktop.rules.uscc import (
    division_code,
    is_registered_in_liaocheng,
    normalise_uscc,
    uscc_problem,
)

RD_TOTAL_MIN = Decimal("10000000")
RD_RATIO_MIN_PERCENT = 3
TRANSFER_CASES_MIN = 5
RD_SPACE_MIN = Decimal("500")
EQUIPMENT_MIN = Decimal("5000000")
STAFF_DAYS_OVER = 183
STAFF_MIN = 20
CO_BUILDERS_MAX = 3
LEAD_SHARE_MIN = Decimal("60")
SENIOR_LEVELS = ("senior", "associate_senior")

# Art. 8 (7): a strategic-priority application may be judged leniently on these only.
RELAXABLE = frozenset(
    {
        "rd.expense_total",
        "rd.expense_ratio",
        "transfer.cases",
        "premises.rd_space",
        "premises.equipment_value",
        "team.full_time_staff",
    }
)

CHECK_IDS = (
    "lead_unit.kind",
    "lead_unit.registered_locally",
    "lead_unit.independent_legal_person",
    "rd.expense_total",
    "rd.expense_ratio",
    "transfer.cases",
    "premises.rd_space",
    "premises.equipment_value",
    "premises.pilot_capability",
    "team.full_time_staff",
    "team.director_title",
    "cobuild.count",
    "cobuild.local_enterprise",
    "cobuild.agreement",
    "cobuild.lead_share",
    "compliance.incidents",
    "committee.host_share",
    "committee.chair_independent",
)


def money(amount: Decimal) -> str:
    return format(amount.quantize(Decimal("0.01")), "f")


def plain(amount: Decimal) -> str:
    """As written: 500 stays '500', 500.50 stays '500.50'."""
    return format(amount, "f")


def _not_applicable(check_id: str, kind: str) -> Check:
    return make_check(
        check_id,
        Result.NOT_APPLICABLE,
        "not_applicable_kind",
        kind=kind,
        kind_zh=KIND_NAMES_ZH.get(kind, f"“{kind}”"),
    )


def _by_outcome(
    check_id: str,
    ok: bool,
    value: str | None = None,
    threshold: str | None = None,
    **fields: object,
) -> Check:
    outcome = Result.PASS if ok else Result.FAIL
    return make_check(check_id, outcome, "pass" if ok else "fail", value, threshold, **fields)


def check_lead_kind(app: Application) -> Check:
    kind = app.lead_unit.kind
    return _by_outcome(
        "lead_unit.kind",
        kind in KNOWN_UNIT_KINDS,
        value=kind,
        kind=kind,
        kind_zh=KIND_NAMES_ZH.get(kind, kind),
    )


def check_registered_locally(app: Application) -> Check:
    check_id = "lead_unit.registered_locally"
    if app.lead_unit.kind != "enterprise":
        return _not_applicable(check_id, app.lead_unit.kind)
    code = normalise_uscc(app.lead_unit.uscc)
    if code is None:
        return make_check(check_id, Result.MISSING, "missing")
    problem = uscc_problem(code)
    if problem:
        return make_check(
            check_id,
            Result.FAIL,
            "invalid",
            value=code,
            threshold="3715",
            code=code,
            why=USCC_PROBLEMS[problem],
        )
    division = division_code(code)
    return _by_outcome(
        check_id,
        is_registered_in_liaocheng(code),
        value=division,
        threshold="3715",
        division=division,
    )


def check_independent_legal_person(app: Application) -> Check:
    check_id = "lead_unit.independent_legal_person"
    if app.lead_unit.kind != "enterprise":
        return _not_applicable(check_id, app.lead_unit.kind)
    flag = app.lead_unit.independent_legal_person
    if flag is None:
        return make_check(check_id, Result.MISSING, "missing")
    return _by_outcome(check_id, flag, value=str(flag).lower(), threshold="true")


def _last_three_years(app: Application) -> list[FinanceYear] | None:
    """The three latest finance years, or None when fewer than three are given."""
    years = sorted(app.finance or [], key=lambda entry: entry.year)[-3:]
    return years if len(years) == 3 else None


def check_rd_total(app: Application) -> Check:
    check_id = "rd.expense_total"
    if app.lead_unit.kind != "enterprise":
        return _not_applicable(check_id, app.lead_unit.kind)
    years = _last_three_years(app)
    given = sum(1 for e in app.finance or [] if e.rd_expense is not None)
    expenses = [e.rd_expense for e in years or () if e.rd_expense is not None]
    if years is None or len(expenses) < len(years):
        return make_check(
            check_id, Result.MISSING, "missing", threshold=plain(RD_TOTAL_MIN), years=min(given, 3)
        )
    total = sum(expenses, Decimal(0))
    return _by_outcome(
        check_id,
        not_less_than(total, RD_TOTAL_MIN),
        value=money(total),
        threshold=plain(RD_TOTAL_MIN),
    )


def check_rd_ratio(app: Application) -> Check:
    check_id = "rd.expense_ratio"
    if app.lead_unit.kind != "enterprise":
        return _not_applicable(check_id, app.lead_unit.kind)
    years = _last_three_years(app)
    threshold = str(RD_RATIO_MIN_PERCENT)
    given = sum(
        1 for e in app.finance or [] if e.rd_expense is not None and e.main_revenue is not None
    )
    figures = [
        (e.rd_expense, e.main_revenue)
        for e in years or ()
        if e.rd_expense is not None and e.main_revenue is not None
    ]
    if years is None or len(figures) < len(years):
        return make_check(
            check_id, Result.MISSING, "missing", threshold=threshold, years=min(given, 3)
        )
    rd = sum((expense for expense, _ in figures), Decimal(0))
    revenue = sum((main for _, main in figures), Decimal(0))
    if revenue == 0:
        return make_check(check_id, Result.REVIEW, "zero_revenue", threshold=threshold)
    # Shown truncated, never rounded up, so a failing ratio cannot display as "3.00".
    percent = (100 * rd / revenue).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    ok = ratio_at_least_percent(rd, revenue, RD_RATIO_MIN_PERCENT)
    return _by_outcome(check_id, ok, value=plain(percent), threshold=threshold)


def check_transfer_cases(app: Application) -> Check:
    check_id = "transfer.cases"
    if app.lead_unit.kind not in ("university", "institute"):
        return _not_applicable(check_id, app.lead_unit.kind)
    if app.transfer_cases is None:
        return make_check(check_id, Result.MISSING, "missing", threshold=str(TRANSFER_CASES_MIN))
    return _by_outcome(
        check_id,
        not_less_than(app.transfer_cases, TRANSFER_CASES_MIN),
        value=str(app.transfer_cases),
        threshold=str(TRANSFER_CASES_MIN),
    )


def _premises(check_id: str, amount: Decimal | None, minimum: Decimal, special: bool) -> Check:
    if amount is None:
        return make_check(check_id, Result.MISSING, "missing", threshold=plain(minimum))
    if not_less_than(amount, minimum):
        return make_check(
            check_id, Result.PASS, "pass", value=plain(amount), threshold=plain(minimum)
        )
    if special:
        return make_check(
            check_id, Result.REVIEW, "special", value=plain(amount), threshold=plain(minimum)
        )
    return make_check(check_id, Result.FAIL, "fail", value=plain(amount), threshold=plain(minimum))


def check_rd_space(app: Application) -> Check:
    return _premises("premises.rd_space", app.rd_space_m2, RD_SPACE_MIN, app.special_industry)


def check_equipment(app: Application) -> Check:
    return _premises(
        "premises.equipment_value", app.equipment_value, EQUIPMENT_MIN, app.special_industry
    )


def check_pilot(app: Application) -> Check:
    check_id = "premises.pilot_capability"
    if app.pilot_capability is None:
        return make_check(check_id, Result.MISSING, "missing")
    return _by_outcome(
        check_id, app.pilot_capability, value=str(app.pilot_capability).lower(), threshold="true"
    )


def check_staff(app: Application) -> Check:
    check_id = "team.full_time_staff"
    if app.staff is None:
        return make_check(check_id, Result.MISSING, "missing", threshold=str(STAFF_MIN))
    counted = sum(1 for s in app.staff if s.full_time and more_than(s.days_worked, STAFF_DAYS_OVER))
    return _by_outcome(
        check_id, not_less_than(counted, STAFF_MIN), value=str(counted), threshold=str(STAFF_MIN)
    )


def check_director(app: Application) -> Check:
    check_id = "team.director_title"
    director = app.director
    if director is None:
        return make_check(check_id, Result.MISSING, "missing")
    title = director.title or director.title_level
    if director.title_level in SENIOR_LEVELS:
        return make_check(
            check_id,
            Result.PASS,
            "pass",
            value=director.title_level,
            threshold="associate_senior",
            title=title,
        )
    return make_check(
        check_id,
        Result.REVIEW,
        "review",
        value=director.title_level,
        threshold="associate_senior",
        title=title,
    )


def check_cobuild_count(app: Application) -> Check:
    count = len(app.co_builders)
    return _by_outcome(
        "cobuild.count",
        not_more_than(count, CO_BUILDERS_MAX),
        value=str(count),
        threshold=str(CO_BUILDERS_MAX),
    )


def check_local_enterprise(app: Application) -> Check:
    check_id = "cobuild.local_enterprise"
    if app.lead_unit.kind not in ("university", "institute"):
        return _not_applicable(check_id, app.lead_unit.kind)
    enterprises = [c for c in app.co_builders if c.kind == "enterprise"]
    for c in enterprises:
        code = normalise_uscc(c.uscc)
        if code and is_registered_in_liaocheng(code):
            return make_check(check_id, Result.PASS, "pass", value=c.name, name=c.name)
    unknown = [c for c in enterprises if normalise_uscc(c.uscc) is None]
    if unknown:
        return make_check(check_id, Result.MISSING, "missing", name=unknown[0].name)
    return make_check(check_id, Result.FAIL, "fail", value=str(len(enterprises)), threshold="1")


def check_agreements(app: Application) -> Check:
    check_id = "cobuild.agreement"
    if not app.co_builders:
        return make_check(check_id, Result.NOT_APPLICABLE, "no_cobuilders")
    unsigned = [c.name for c in app.co_builders if c.agreement_signed is False]
    unknown = [c.name for c in app.co_builders if c.agreement_signed is None]
    if unsigned:
        return make_check(
            check_id,
            Result.FAIL,
            "fail",
            value=str(len(unsigned)),
            threshold="0",
            names="、".join(unsigned),
        )
    if unknown:
        return make_check(check_id, Result.MISSING, "missing", names="、".join(unknown))
    return make_check(
        check_id, Result.PASS, "pass", value="0", threshold="0", count=len(app.co_builders)
    )


_SHARE_PARTS = (
    ("conditions", tc("lead unit's share", "research conditions")),
    ("staff", tc("lead unit's share", "R&D staff")),
    ("projects", tc("lead unit's share", "research projects")),
    ("achievements", tc("lead unit's share", "achievements")),
)


def check_lead_share(app: Application) -> Check:
    check_id = "cobuild.lead_share"
    if not app.co_builders:
        return make_check(check_id, Result.NOT_APPLICABLE, "no_cobuilders")
    share = app.lead_share_percent
    parts: dict[str, Decimal | None] = {
        key: getattr(share, key) if share else None for key, _ in _SHARE_PARTS
    }
    values = {key: v for key, v in parts.items() if v is not None}
    if len(values) < len(parts):
        return make_check(check_id, Result.MISSING, "missing", threshold=plain(LEAD_SHARE_MIN))
    low = [
        t("{part} {share}%", part=part, share=plain(values[key]))
        for key, part in _SHARE_PARTS
        if not not_less_than(values[key], LEAD_SHARE_MIN)
    ]
    lowest = plain(min(values.values()))
    if low:
        return make_check(
            check_id,
            Result.FAIL,
            "fail",
            value=lowest,
            threshold=plain(LEAD_SHARE_MIN),
            parts=Joined(tuple(low), tc("list separator", ", ")),
        )
    return make_check(check_id, Result.PASS, "pass", value=lowest, threshold=plain(LEAD_SHARE_MIN))


def check_incidents(app: Application) -> Check:
    check_id = "compliance.incidents"
    incidents = app.incidents
    if (
        incidents is None
        or incidents.safety_accident is None
        or incidents.environmental_case is None
    ):
        return make_check(check_id, Result.MISSING, "missing")
    what: list[Text] = []
    if incidents.safety_accident:
        what.append(t("a work-safety liability accident"))
    if incidents.environmental_case:
        what.append(t("an environmental accountability case"))
    if not what:
        return make_check(check_id, Result.PASS, "pass", value="0", threshold="0")
    return make_check(
        check_id,
        Result.FAIL,
        "fail",
        value=str(len(what)),
        threshold="0",
        what=Joined(tuple(what), tc("list separator", " and ")),
    )


def _relax(check: Check, app: Application) -> Check:
    if not (app.strategic_priority and check.id in RELAXABLE and check.result is Result.FAIL):
        return check
    zh, _ = text(check.id, "relaxed", base=check.message_zh.rstrip("。"))
    _, en = text(check.id, "relaxed", base=check.message_en.rstrip("."))
    return replace(check, result=Result.REVIEW, message_zh=zh, message_en=en)


_CHECKS = (
    check_lead_kind,
    check_registered_locally,
    check_independent_legal_person,
    check_rd_total,
    check_rd_ratio,
    check_transfer_cases,
    check_rd_space,
    check_equipment,
    check_pilot,
    check_staff,
    check_director,
    check_cobuild_count,
    check_local_enterprise,
    check_agreements,
    check_lead_share,
    check_incidents,
)


def evaluate(app: Application) -> EligibilityReport:
    """Every check of rules.md, exactly once each, in rules.md order."""
    checks = [_relax(run(app), app) for run in _CHECKS] + committee_checks(app)
    assert tuple(c.id for c in checks) == CHECK_IDS
    return EligibilityReport(app.id, checks)
