"""Formal review checks at every boundary word of rules.md (property tests with exact Decimals)."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tic_builders import (
    COB_ENT_NAME,
    COB_ENT_USCC,
    COB_NAME,
    COB_USCC,
    JINAN_ENT_USCC,
    LEAD_NAME,
    LEAD_USCC,
    base_application,
    committee,
    make_uscc,
    staff,
    university_application,
    with_finance,
)

from tic_desktop.domain.application import Application
from tic_desktop.rules.eligibility import evaluate

FAST = settings(max_examples=150, deadline=None)

RULES_ORDER = [
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
]


def run(app: dict):
    return evaluate(Application.model_validate(app))


def result(app: dict, check_id: str) -> str:
    return run(app).check(check_id).result.value


def cents(n: int) -> str:
    """Integer cents -> decimal yuan string with exactly 2 places."""
    return format(Decimal(n).scaleb(-2), "f")


def split3(total: int, a: int, b: int) -> list[int]:
    """Split total cents into three non-negative parts using two fractions in [0, 1000]."""
    x = total * a // 1000
    y = (total - x) * b // 1000
    return [x, y, total - x - y]


# --- base ------------------------------------------------------------------------------------


def test_base_application_is_eligible_and_lists_every_check_in_order():
    report = run(base_application())
    assert [c.id for c in report.checks] == RULES_ORDER
    bad = {
        c.id: c.result.value
        for c in report.checks
        if c.result.value not in ("pass", "not_applicable")
    }
    assert bad == {}
    assert report.verdict.value == "eligible"


def test_university_base_is_eligible():
    report = run(university_application())
    assert [c.id for c in report.checks] == RULES_ORDER
    assert report.verdict.value == "eligible", {c.id: c.result.value for c in report.checks}


# --- rd.expense_total: 不少于 1000 万元 -------------------------------------------------------


@pytest.mark.parametrize(
    "total, expected",
    [
        ("10000000.00", "pass"),
        ("9999999.99", "fail"),
        ("10000000.01", "pass"),
        ("10000000", "pass"),
    ],
)
def test_rd_total_exact_boundary(total, expected):
    app = with_finance(
        base_application(), [total, "0", "0"], ["100000000", "100000000", "100000000"]
    )
    check = run(app).check("rd.expense_total")
    assert check.result.value == expected
    assert check.value == format(Decimal(total).quantize(Decimal("0.01")), "f")


@FAST
@given(
    st.integers(1_000_000_000 - 500, 1_000_000_000 + 500),
    st.integers(0, 1000),
    st.integers(0, 1000),
)
def test_rd_total_boundary_property(total_cents, a, b):
    parts = split3(total_cents, a, b)
    app = with_finance(base_application(), [cents(p) for p in parts], ["1000000000.00"] * 3)
    expected = "pass" if total_cents >= 1_000_000_000 else "fail"
    assert result(app, "rd.expense_total") == expected


def test_rd_total_fewer_than_three_years_is_missing():
    app = with_finance(base_application(), ["9000000", "9000000"], ["100000000", "100000000"])
    assert result(app, "rd.expense_total") == "missing"
    assert result(app, "rd.expense_ratio") == "missing"
    app["finance"] = None
    assert result(app, "rd.expense_total") == "missing"
    assert result(app, "rd.expense_ratio") == "missing"


def test_rd_checks_not_applicable_to_universities():
    app = university_application()
    app = with_finance(app, ["1", "1", "1"], ["1000", "1000", "1000"])
    assert result(app, "rd.expense_total") == "not_applicable"
    assert result(app, "rd.expense_ratio") == "not_applicable"


# --- rd.expense_ratio: 不低于 3%, exactly 3*revenue <= 100*rd ------------------------------------


@pytest.mark.parametrize("rd, expected", [("3000000.00", "pass"), ("2999999.99", "fail")])
def test_ratio_exact_three_percent(rd, expected):
    app = with_finance(base_application(), [rd, "0", "0"], ["100000000.00", "0", "0"])
    assert result(app, "rd.expense_ratio") == expected


@FAST
@given(
    st.integers(1, 10**12),
    st.integers(-3, 3),
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.integers(0, 1000),
)
def test_ratio_boundary_property(revenue_cents, delta, a, b, c, d):
    rd_cents = max(0, -(-3 * revenue_cents // 100) + delta)  # ceil(3% of revenue) + delta
    rd_parts = split3(rd_cents, a, b)
    rev_parts = split3(revenue_cents, c, d)
    app = with_finance(
        base_application(), [cents(p) for p in rd_parts], [cents(p) for p in rev_parts]
    )
    expected = "pass" if 3 * revenue_cents <= 100 * rd_cents else "fail"
    assert result(app, "rd.expense_ratio") == expected


def test_ratio_uses_three_year_totals_not_average_of_yearly_ratios():
    # yearly ratios 10%, 0%, 0% average 3.33% but the three-year ratio is 1/1020 < 3%
    app = with_finance(base_application(), ["1", "0", "0"], ["10", "1000", "10"])
    assert result(app, "rd.expense_ratio") == "fail"


def test_ratio_zero_revenue_is_review():
    app = with_finance(base_application(), ["5000000", "5000000", "5000000"], ["0", "0", "0"])
    assert result(app, "rd.expense_ratio") == "review"


# --- transfer.cases: 5 例以上 -------------------------------------------------------------------


@FAST
@given(st.integers(0, 40), st.sampled_from(["university", "institute"]))
def test_transfer_cases_property(n, kind):
    app = university_application()
    app["lead_unit"]["kind"] = kind
    app["transfer_cases"] = n
    assert result(app, "transfer.cases") == ("pass" if n >= 5 else "fail")


@pytest.mark.parametrize("n, expected", [(5, "pass"), (4, "fail")])
def test_transfer_cases_boundary(n, expected):
    app = university_application()
    app["transfer_cases"] = n
    assert result(app, "transfer.cases") == expected


def test_transfer_cases_not_applicable_to_enterprise_and_missing_when_absent():
    app = base_application()
    app["transfer_cases"] = 0
    assert result(app, "transfer.cases") == "not_applicable"
    app = university_application()
    del app["transfer_cases"]
    assert result(app, "transfer.cases") == "missing"


# --- premises: 不少于 500 m², 不少于 500 万元, software exception ---------------------------------


@FAST
@given(st.integers(50000 - 300, 50000 + 300), st.booleans())
def test_rd_space_property(area_cents, special):
    app = base_application()
    app["rd_space_m2"] = cents(area_cents)
    app["special_industry"] = special
    if area_cents >= 50000:
        expected = "pass"
    else:
        expected = "review" if special else "fail"
    assert result(app, "premises.rd_space") == expected


@pytest.mark.parametrize(
    "area, special, expected",
    [
        ("500", False, "pass"),
        ("500.00", False, "pass"),
        ("499.99", False, "fail"),
        ("499.99", True, "review"),
        (500, False, "pass"),
        (499, False, "fail"),
        ("0", True, "review"),
    ],
)
def test_rd_space_boundary(area, special, expected):
    app = base_application()
    app["rd_space_m2"] = area
    app["special_industry"] = special
    assert result(app, "premises.rd_space") == expected


@FAST
@given(st.integers(500_000_000 - 300, 500_000_000 + 300), st.booleans())
def test_equipment_property(value_cents, special):
    app = base_application()
    app["equipment_value"] = cents(value_cents)
    app["special_industry"] = special
    if value_cents >= 500_000_000:
        expected = "pass"
    else:
        expected = "review" if special else "fail"
    assert result(app, "premises.equipment_value") == expected


@pytest.mark.parametrize(
    "value, expected", [("5000000", "pass"), ("5000000.00", "pass"), ("4999999.99", "fail")]
)
def test_equipment_boundary(value, expected):
    app = base_application()
    app["equipment_value"] = value
    assert result(app, "premises.equipment_value") == expected


@pytest.mark.parametrize("declared, expected", [(True, "pass"), (False, "fail")])
def test_pilot_capability(declared, expected):
    app = base_application()
    app["pilot_capability"] = declared
    assert result(app, "premises.pilot_capability") == expected


def test_premises_missing():
    app = base_application()
    for key in ("rd_space_m2", "equipment_value", "pilot_capability"):
        del app[key]
    report = run(app)
    for cid in ("premises.rd_space", "premises.equipment_value", "premises.pilot_capability"):
        assert report.check(cid).result.value == "missing"


# --- team.full_time_staff: 超过 183 天, 不少于 20 人 ----------------------------------------------


@pytest.mark.parametrize("days, counted", [(183, False), (184, True), (0, False), (366, True)])
def test_staff_day_boundary(days, counted):
    app = base_application()
    app["staff"] = staff(19, [(True, days)])
    assert result(app, "team.full_time_staff") == ("pass" if counted else "fail")


@pytest.mark.parametrize("n, expected", [(20, "pass"), (19, "fail"), (0, "fail"), (35, "pass")])
def test_staff_count_boundary(n, expected):
    app = base_application()
    app["staff"] = staff(n)
    check = run(app).check("team.full_time_staff")
    assert check.result.value == expected
    assert check.value == str(n)


@FAST
@given(st.lists(st.tuples(st.booleans(), st.integers(170, 200)), max_size=40))
def test_staff_property(roster):
    app = base_application()
    app["staff"] = staff(0, roster)
    counted = sum(1 for full_time, days in roster if full_time and days > 183)
    check = run(app).check("team.full_time_staff")
    assert check.result.value == ("pass" if counted >= 20 else "fail")
    assert check.value == str(counted)


def test_staff_not_full_time_not_counted():
    app = base_application()
    app["staff"] = staff(19, [(False, 300)])
    assert result(app, "team.full_time_staff") == "fail"


def test_staff_roster_absent_is_missing():
    app = base_application()
    del app["staff"]
    assert result(app, "team.full_time_staff") == "missing"


# --- team.director_title ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "level, expected",
    [
        ("senior", "pass"),
        ("associate_senior", "pass"),
        ("intermediate", "review"),
        ("junior", "review"),
        ("none", "review"),
    ],
)
def test_director_title(level, expected):
    app = base_application()
    app["director"]["title_level"] = level
    assert result(app, "team.director_title") == expected


def test_director_absent_is_missing():
    app = base_application()
    del app["director"]
    assert result(app, "team.director_title") == "missing"


# --- lead unit ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("enterprise", "pass"),
        ("university", "pass"),
        ("institute", "pass"),
        ("new_rd_institution", "pass"),
        ("government", "fail"),
        ("Enterprise", "fail"),
        ("", "fail"),
    ],
)
def test_lead_kind(kind, expected):
    app = base_application()
    app["lead_unit"]["kind"] = kind
    assert result(app, "lead_unit.kind") == expected


def test_registered_locally():
    app = base_application()
    assert result(app, "lead_unit.registered_locally") == "pass"
    app["lead_unit"]["uscc"] = JINAN_ENT_USCC
    assert result(app, "lead_unit.registered_locally") == "fail"
    # a Liaocheng division code with a wrong check character: invalid, fails
    good = make_uscc("91371500MA3C0AB99")
    app["lead_unit"]["uscc"] = good[:17] + ("0" if good[17] != "0" else "1")
    check = run(app).check("lead_unit.registered_locally")
    assert check.result.value == "fail"
    del app["lead_unit"]["uscc"]
    assert result(app, "lead_unit.registered_locally") == "missing"


@pytest.mark.parametrize("kind", ["university", "institute"])
def test_registered_locally_not_applicable_to_universities(kind):
    app = university_application()
    app["lead_unit"]["kind"] = kind
    app["lead_unit"]["uscc"] = JINAN_ENT_USCC
    assert result(app, "lead_unit.registered_locally") == "not_applicable"


@pytest.mark.parametrize("flag, expected", [(True, "pass"), (False, "fail"), (None, "missing")])
def test_independent_legal_person(flag, expected):
    app = base_application()
    if flag is None:
        del app["lead_unit"]["independent_legal_person"]
    else:
        app["lead_unit"]["independent_legal_person"] = flag
    assert result(app, "lead_unit.independent_legal_person") == expected


# --- co-building ----------------------------------------------------------------------------------


def _co_builders(n: int) -> list[dict]:
    return [
        {
            "name": f"共建单位{i}",
            "uscc": make_uscc(f"1237150000000{i:04d}"),
            "kind": "institute",
            "agreement_signed": True,
        }
        for i in range(n)
    ]


@pytest.mark.parametrize("strategic", [False, True])
@pytest.mark.parametrize("n, expected", [(0, "pass"), (3, "pass"), (4, "fail"), (6, "fail")])
def test_cobuild_count(n, expected, strategic):
    app = base_application()
    app["co_builders"] = _co_builders(n)
    app["strategic_priority"] = strategic
    assert result(app, "cobuild.count") == expected


def test_local_enterprise_for_university_lead():
    app = university_application()
    assert result(app, "cobuild.local_enterprise") == "pass"
    app["co_builders"][0]["uscc"] = JINAN_ENT_USCC  # enterprise outside Liaocheng
    assert result(app, "cobuild.local_enterprise") == "fail"
    app["co_builders"] = [
        {"name": COB_NAME, "uscc": COB_USCC, "kind": "university", "agreement_signed": True}
    ]
    assert (
        result(app, "cobuild.local_enterprise") == "fail"
    )  # a local university is not an enterprise
    app["co_builders"] = []
    assert result(app, "cobuild.local_enterprise") == "fail"


def test_local_enterprise_not_applicable_to_enterprise_lead():
    app = base_application()
    app["co_builders"] = []
    assert result(app, "cobuild.local_enterprise") == "not_applicable"


def test_agreement():
    app = base_application()
    assert result(app, "cobuild.agreement") == "pass"
    app["co_builders"].append(
        {
            "name": COB_ENT_NAME,
            "uscc": COB_ENT_USCC,
            "kind": "enterprise",
            "agreement_signed": False,
        }
    )
    assert result(app, "cobuild.agreement") == "fail"
    app["co_builders"] = []
    assert result(app, "cobuild.agreement") == "not_applicable"
    assert result(app, "cobuild.lead_share") == "not_applicable"


SHARE_KEYS = ["conditions", "staff", "projects", "achievements"]


@pytest.mark.parametrize("key", SHARE_KEYS)
@pytest.mark.parametrize(
    "value, expected",
    [
        ("60", "pass"),
        ("60.00", "pass"),
        ("59.99", "fail"),
        (60, "pass"),
        ("100", "pass"),
        ("0", "fail"),
    ],
)
def test_lead_share_each_dimension(key, value, expected):
    app = base_application()
    app["lead_share_percent"] = {k: "90" for k in SHARE_KEYS}
    app["lead_share_percent"][key] = value
    assert result(app, "cobuild.lead_share") == expected


@FAST
@given(st.fixed_dictionaries({k: st.integers(5900, 6100) for k in SHARE_KEYS}))
def test_lead_share_property(shares):
    app = base_application()
    app["lead_share_percent"] = {k: cents(v) for k, v in shares.items()}
    expected = "pass" if all(v >= 6000 for v in shares.values()) else "fail"
    assert result(app, "cobuild.lead_share") == expected


def test_lead_share_missing():
    app = base_application()
    del app["lead_share_percent"]
    assert result(app, "cobuild.lead_share") == "missing"
    app["lead_share_percent"] = {"conditions": "70", "staff": "70", "projects": "70"}
    assert result(app, "cobuild.lead_share") == "missing"


# --- compliance.incidents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "safety, env, expected",
    [(False, False, "pass"), (True, False, "fail"), (False, True, "fail"), (True, True, "fail")],
)
def test_incidents(safety, env, expected):
    app = base_application()
    app["incidents"] = {"safety_accident": safety, "environmental_case": env}
    assert result(app, "compliance.incidents") == expected


def test_incidents_missing():
    app = base_application()
    del app["incidents"]
    assert result(app, "compliance.incidents") == "missing"


# --- committee: 不超过 1/3, chair not from the lead unit ----------------------------------------


@pytest.mark.parametrize(
    "count, total, expected",
    [
        (3, 9, "pass"),
        (4, 11, "fail"),
        (1, 3, "pass"),
        (4, 12, "pass"),
        (1, 2, "fail"),
        (0, 1, "pass"),
    ],
)
def test_committee_share_examples(count, total, expected):
    app = base_application()
    app["committee"] = committee(total, count)
    assert result(app, "committee.host_share") == expected


@FAST
@given(
    st.integers(1, 30).flatmap(lambda total: st.tuples(st.integers(0, total), st.just(total))),
    st.booleans(),
    st.booleans(),
)
def test_committee_share_property(count_total, via_co_builder, strategic):
    count, total = count_total
    app = base_application()
    app["strategic_priority"] = strategic
    if via_co_builder:
        app["committee"] = committee(total, count, host_uscc=COB_USCC, host_name=COB_NAME)
    else:
        app["committee"] = committee(total, count)
    assert result(app, "committee.host_share") == ("pass" if 3 * count <= total else "fail")


def test_committee_chair_from_lead_fails_from_co_builder_passes():
    app = base_application()
    app["committee"] = committee(9, 1, chair=0)
    assert result(app, "committee.chair_independent") == "fail"
    app["committee"] = committee(9, 1, chair=0, host_uscc=COB_USCC, host_name=COB_NAME)
    assert result(app, "committee.chair_independent") == "pass"


def test_committee_identity_is_the_uscc():
    app = base_application()
    members = committee(9)["members"]
    # same name as the lead, different USCC: not the lead unit
    members[0] = {"name": "甲", "unit_name": LEAD_NAME, "unit_uscc": make_uscc("91110000MA0000001")}
    # different name, the lead's USCC: the lead unit
    for i in (1, 2, 3):
        members[i] = {"name": f"乙{i}", "unit_name": "另一个名字有限公司", "unit_uscc": LEAD_USCC}
    app["committee"] = {"members": members, "chair": 0}
    report = run(app)
    assert report.check("committee.chair_independent").result.value == "pass"
    assert report.check("committee.host_share").result.value == "pass"  # 3 of 9
    members[4] = {"name": "丙", "unit_name": "x", "unit_uscc": LEAD_USCC}
    app["committee"] = {"members": members, "chair": 4}
    report = run(app)
    assert report.check("committee.host_share").result.value == "fail"  # 4 of 9
    assert report.check("committee.chair_independent").result.value == "fail"


@pytest.mark.parametrize(
    "spelling", [LEAD_NAME, " 山东某某轴承 股份有限公司 ", "山东某某轴承股份有限公司　"]
)
def test_committee_member_without_uscc_matched_by_name_is_review(spelling):
    app = base_application()
    app["committee"] = committee(9)
    app["committee"]["members"][1] = {"name": "丁", "unit_name": spelling}
    app["committee"]["chair"] = 1
    report = run(app)
    assert report.check("committee.host_share").result.value == "review"
    assert report.check("committee.chair_independent").result.value == "review"


def test_committee_without_uscc_cannot_rescue_a_sure_failure():
    app = base_application()
    app["committee"] = committee(9, 4)
    app["committee"]["members"][8] = {"name": "戊", "unit_name": "某外部单位"}
    assert result(app, "committee.host_share") == "fail"


def test_committee_absent_is_missing():
    app = base_application()
    del app["committee"]
    report = run(app)
    assert report.check("committee.host_share").result.value == "missing"
    assert report.check("committee.chair_independent").result.value == "missing"


# --- missing optional blocks never crash ---------------------------------------------------------

OPTIONAL = [
    "field",
    "co_builders",
    "lead_share_percent",
    "finance",
    "transfer_cases",
    "rd_space_m2",
    "equipment_value",
    "pilot_capability",
    "special_industry",
    "strategic_priority",
    "staff",
    "director",
    "committee",
    "incidents",
    "attachments",
]


@FAST
@given(
    st.sets(st.sampled_from(OPTIONAL)),
    st.sampled_from(["enterprise", "university", "institute", "new_rd_institution", "other"]),
)
def test_missing_optional_blocks_never_crash(removed, kind):
    app = base_application()
    app["lead_unit"]["kind"] = kind
    for key in removed:
        del app[key]
    report = run(app)
    assert [c.id for c in report.checks] == RULES_ORDER


def test_lead_unit_copy_is_independent():
    # guard for the builders: tests must not share state
    a, b = base_application(), base_application()
    a["lead_unit"]["kind"] = "x"
    assert b["lead_unit"]["kind"] == "enterprise"
    assert copy.deepcopy(a) == a


def test_committee_member_without_uscc_not_matching_is_still_review():
    # rules.md: "a member without a USCC is matched on the normalised unit name and the result is
    # review"
    app = base_application()
    app["committee"] = committee(9)
    app["committee"]["members"][3] = {"name": "己", "unit_name": "某外部单位"}
    report = run(app)
    assert report.check("committee.host_share").result.value == "review"
    assert report.check("committee.chair_independent").result.value == "pass"


def test_strategic_priority_does_not_touch_missing():
    app = base_application()
    app["strategic_priority"] = True
    for key in ("finance", "staff", "rd_space_m2", "equipment_value"):
        del app[key]
    report = run(app)
    for cid in (
        "rd.expense_total",
        "rd.expense_ratio",
        "team.full_time_staff",
        "premises.rd_space",
        "premises.equipment_value",
    ):
        assert report.check(cid).result.value == "missing"
