"""Strategic relaxation (Art. 8 (七)) and the overall verdict, from rules.md."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tic_builders import (
    COB_NAME,
    COB_USCC,
    JINAN_ENT_USCC,
    base_application,
    committee,
    make_uscc,
    staff,
    university_application,
    with_finance,
)

from tic_desktop.domain.application import Application
from tic_desktop.rules.eligibility import evaluate

RELAXABLE = {
    "rd.expense_total",
    "rd.expense_ratio",
    "transfer.cases",
    "premises.rd_space",
    "premises.equipment_value",
    "team.full_time_staff",
}


def run(app: dict):
    return evaluate(Application.model_validate(app))


def _set(path, value):
    def mutate(app):
        target = app
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return app

    return mutate


def _university(extra):
    def mutate(app):
        uni = university_application(app["id"])
        uni["strategic_priority"] = app.get("strategic_priority", False)
        return extra(uni)

    return mutate


def _finance(rd, revenue):
    return lambda app: with_finance(app, rd, revenue)


def _remove_local_enterprise(app):
    app["co_builders"] = [
        {"name": COB_NAME, "uscc": COB_USCC, "kind": "university", "agreement_signed": True}
    ]
    return app


def _add_unsigned(app):
    app["co_builders"][0]["agreement_signed"] = False
    return app


def _four_co_builders(app):
    app["co_builders"] = [
        {
            "name": f"共建{i}",
            "uscc": make_uscc(f"1237150000000{i:04d}"),
            "kind": "institute",
            "agreement_signed": True,
        }
        for i in range(4)
    ]
    return app


# One mutation per check that makes exactly that check fail.
FAILING = {
    "lead_unit.kind": _set(("lead_unit", "kind"), "government"),
    "lead_unit.registered_locally": _set(("lead_unit", "uscc"), JINAN_ENT_USCC),
    "lead_unit.independent_legal_person": _set(("lead_unit", "independent_legal_person"), False),
    "rd.expense_total": _finance(
        ["3000000", "3000000", "3999999.99"], ["10000000", "10000000", "10000000"]
    ),
    "rd.expense_ratio": _finance(
        ["4000000", "4000000", "4000000"], ["400000000", "400000000", "400000001"]
    ),
    "transfer.cases": _university(_set(("transfer_cases",), 4)),
    "premises.rd_space": _set(("rd_space_m2",), "499.99"),
    "premises.equipment_value": _set(("equipment_value",), "4999999.99"),
    "premises.pilot_capability": _set(("pilot_capability",), False),
    "team.full_time_staff": _set(("staff",), staff(19, [(True, 183)])),
    "cobuild.count": _four_co_builders,
    "cobuild.local_enterprise": _university(_remove_local_enterprise),
    "cobuild.agreement": _add_unsigned,
    "cobuild.lead_share": _set(("lead_share_percent", "staff"), "59.99"),
    "compliance.incidents": _set(("incidents", "environmental_case"), True),
    "committee.host_share": _set(("committee",), committee(11, 4, chair=5)),
    "committee.chair_independent": _set(("committee",), committee(9, 1, chair=0)),
}


def build(check_id: str, strategic: bool) -> dict:
    app = base_application()
    app["strategic_priority"] = strategic
    app = FAILING[check_id](app)
    app["strategic_priority"] = strategic
    return app


@pytest.mark.parametrize("check_id", sorted(FAILING))
def test_each_mutation_fails_its_check_without_relaxation(check_id):
    report = run(build(check_id, strategic=False))
    results = {c.id: c.result.value for c in report.checks}
    assert results[check_id] == "fail"
    assert report.verdict.value == "ineligible"


@pytest.mark.parametrize("check_id", sorted(FAILING))
def test_strategic_relaxation_only_for_the_six_quantitative_checks(check_id):
    report = run(build(check_id, strategic=True))
    got = report.check(check_id).result.value
    if check_id in RELAXABLE:
        assert got == "review"
    else:
        assert got == "fail"
        assert report.verdict.value == "ineligible"


def test_four_co_builders_still_fail_with_strategic_priority():
    report = run(build("cobuild.count", strategic=True))
    assert report.check("cobuild.count").result.value == "fail"
    assert report.verdict.value == "ineligible"


@pytest.mark.parametrize("check_id", sorted(RELAXABLE))
def test_relaxed_application_needs_judgement(check_id):
    report = run(build(check_id, strategic=True))
    assert report.verdict.value == "needs_judgement"


@settings(max_examples=120, deadline=None)
@given(st.sets(st.sampled_from(sorted(FAILING)), max_size=6))
def test_relaxation_changes_exactly_relaxable_fails(mutations):
    plain_app = base_application()
    for cid in sorted(mutations):
        plain_app = FAILING[cid](plain_app)
    plain_app["strategic_priority"] = False
    relaxed_app = copy.deepcopy(plain_app)
    relaxed_app["strategic_priority"] = True
    before = {c.id: c.result.value for c in run(plain_app).checks}
    after = {c.id: c.result.value for c in run(relaxed_app).checks}
    for cid, res in before.items():
        if cid in RELAXABLE and res == "fail":
            assert after[cid] == "review", cid
        else:
            assert after[cid] == res, cid


# --- verdict ------------------------------------------------------------------------------------


def expected_verdict(results: list[str]) -> str:
    if "fail" in results:
        return "ineligible"
    if "review" in results or "missing" in results:
        return "needs_judgement"
    return "eligible"


def test_verdict_examples():
    assert run(base_application()).verdict.value == "eligible"
    app = base_application()
    app["director"]["title_level"] = "intermediate"  # review
    assert run(app).verdict.value == "needs_judgement"
    app = base_application()
    del app["incidents"]  # missing
    assert run(app).verdict.value == "needs_judgement"
    app = base_application()
    app["director"]["title_level"] = "none"
    app["pilot_capability"] = False  # fail beats review
    assert run(app).verdict.value == "ineligible"
    app = base_application()
    app["co_builders"] = []  # not_applicable checks do not spoil eligibility
    report = run(app)
    assert "not_applicable" in {c.result.value for c in report.checks}
    assert report.verdict.value == "eligible"


@settings(max_examples=120, deadline=None)
@given(
    st.sets(st.sampled_from(sorted(FAILING)), max_size=4),
    st.booleans(),
    st.booleans(),
    st.sets(st.sampled_from(["incidents", "director", "staff", "finance", "committee"])),
    st.sampled_from(["senior", "intermediate"]),
)
def test_verdict_follows_results(mutations, strategic, special, removed, level):
    app = base_application()
    for cid in sorted(mutations):
        app = FAILING[cid](app)
    app["strategic_priority"] = strategic
    app["special_industry"] = special
    for key in removed:
        app.pop(key, None)
    if "director" in app:
        app["director"]["title_level"] = level
    report = run(app)
    results = [c.result.value for c in report.checks]
    assert report.verdict.value == expected_verdict(results)
    assert report.as_json()["verdict"] == report.verdict.value
