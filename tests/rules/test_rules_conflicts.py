"""Review panel conflicts of interest (回避), from rules.md."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tic_builders import (
    COB_NAME,
    COB_USCC,
    LEAD_NAME,
    LEAD_USCC,
    base_application,
    base_round,
    expert,
    make_uscc,
    outside_unit,
    ref_is_valid,
    write_round,
)

from tic_desktop.domain.application import Application
from tic_desktop.domain.loading import load_round
from tic_desktop.domain.round import Expert, Panel
from tic_desktop.rules.conflicts import panel_conflicts, round_panel_conflicts

PANEL_IDS = ["panel.host_share", "panel.chair_independent", "panel.quorum"]


def results(pc) -> dict[str, str]:
    assert [c.id for c in pc.checks] == PANEL_IDS
    return {c.id: c.result.value for c in pc.checks}


def make_panel(
    units: list[tuple[str, str | None]],
    chair: int = 0,
    declared: dict[str, str] | None = None,
    quorum: int = 5,
    app: dict | None = None,
):
    """Panel of len(units) experts E00.. with the given (unit_name, unit_uscc)."""
    experts = {}
    for i, unit in enumerate(units):
        data = expert(f"E{i:02d}", unit)
        experts[data["id"]] = Expert.model_validate(data)
    ids = list(experts)
    application = Application.model_validate(app or base_application())
    panel = Panel.model_validate(
        {"id": "P1", "members": ids, "chair": ids[chair], "applications": [application.id]}
    )
    return panel_conflicts(panel, application, experts, declared or {}, quorum)


LEAD = (LEAD_NAME, LEAD_USCC)
COB = (COB_NAME, COB_USCC)


def outsiders(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [outside_unit(i) for i in range(start, start + n)]


def test_seven_members_two_affiliated_pass_three_fail():
    pc = make_panel(outsiders(5) + [LEAD, COB])
    assert results(pc) == {
        "panel.host_share": "pass",
        "panel.chair_independent": "pass",
        "panel.quorum": "pass",
    }
    assert pc.affiliated == ["E05", "E06"]
    assert pc.recused == ["E05", "E06"]
    assert len(pc.scorers) == 5

    pc = make_panel(outsiders(4) + [LEAD, COB, LEAD])
    r = results(pc)
    assert r["panel.host_share"] == "fail"
    assert r["panel.quorum"] == "fail"  # 4 can score < 5
    assert pc.affiliated == ["E04", "E05", "E06"]
    assert len(pc.scorers) == 4


def test_chair_affiliated_fails():
    pc = make_panel([LEAD] + outsiders(6, 1), chair=0)
    assert results(pc)["panel.chair_independent"] == "fail"
    pc = make_panel(
        [COB] + outsiders(6, 1), chair=0
    )  # co-builder affiliation also counts for panels
    assert results(pc)["panel.chair_independent"] == "fail"


def test_chair_with_declared_conflict_fails():
    pc = make_panel(outsiders(7), chair=2, declared={"E02": "近三年曾在申报单位任职"})
    r = results(pc)
    assert r["panel.chair_independent"] == "fail"
    assert pc.affiliated == ["E02"] and pc.recused == ["E02"]


def test_declared_conflicts_count_as_affiliated_and_recused():
    declared = {"E01": "近三年曾在申报单位任职", "E03": "合作关系"}
    pc = make_panel(outsiders(6) + [LEAD], declared=declared)
    assert pc.affiliated == ["E01", "E03", "E06"]
    assert pc.recused == ["E01", "E03", "E06"]
    assert len(pc.scorers) == 4
    r = results(pc)
    assert r["panel.host_share"] == "fail"  # 3 of 7
    assert r["panel.quorum"] == "fail"


@pytest.mark.parametrize(
    "affiliated, quorum, expected",
    [(2, 5, "pass"), (3, 5, "fail"), (0, 7, "pass"), (1, 7, "fail"), (2, 3, "pass")],
)
def test_quorum(affiliated, quorum, expected):
    pc = make_panel(outsiders(7 - affiliated) + [LEAD] * affiliated, quorum=quorum)
    assert results(pc)["panel.quorum"] == expected


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 15).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n), st.integers(0, n))
    ),
    st.integers(1, 10),
    st.randoms(use_true_random=False),
)
def test_panel_property(n_k_d, quorum, rnd):
    n, k, d = n_k_d
    # k members from host units (lead or co-builder, by USCC), d of the remaining declared
    units = [LEAD if rnd.random() < 0.5 else COB for _ in range(k)] + outsiders(n - k)
    order = list(range(n))
    rnd.shuffle(order)
    units = [units[i] for i in order]
    host = {f"E{i:02d}" for i, u in enumerate(units) if u in (LEAD, COB)}
    free = [f"E{i:02d}" for i in range(n) if f"E{i:02d}" not in host]
    declared = {e: "声明" for e in free[: min(d, len(free))]}
    chair = rnd.randrange(n)
    pc = make_panel(units, chair=chair, declared=declared, quorum=quorum)
    affiliated = host | set(declared)
    assert set(pc.affiliated) == affiliated
    assert pc.recused == pc.affiliated
    assert pc.affiliated == sorted(pc.affiliated)  # member order
    assert len(pc.scorers) == n - len(affiliated)
    r = results(pc)
    assert r["panel.host_share"] == ("pass" if 3 * len(affiliated) <= n else "fail")
    assert r["panel.chair_independent"] == ("fail" if f"E{chair:02d}" in affiliated else "pass")
    assert r["panel.quorum"] == ("pass" if n - len(affiliated) >= quorum else "fail")
    as_json = pc.as_json()
    assert as_json["members"] == n
    assert as_json["scorers"] == n - len(affiliated)
    assert set(as_json["affiliated"]) == affiliated


def test_identity_is_the_uscc_not_the_name():
    same_name_other_code = (LEAD_NAME, make_uscc("91110000MA0000009"))
    other_name_same_code = ("完全不同的名字", LEAD_USCC)
    pc = make_panel([same_name_other_code] + outsiders(6, 1))
    assert pc.affiliated == []
    assert results(pc) == {c: "pass" for c in PANEL_IDS}
    pc = make_panel([other_name_same_code] + outsiders(6, 1))
    assert pc.affiliated == ["E00"]
    assert results(pc)["panel.chair_independent"] == "fail"


def test_uscc_comparison_ignores_case_and_surrounding_spaces():
    pc = make_panel([("x", " " + LEAD_USCC.lower() + " ")] + outsiders(6, 1))
    assert pc.affiliated == ["E00"]


@pytest.mark.parametrize(
    "spelling",
    [
        LEAD_NAME,
        "山东某某轴承 股份有限公司",
        "  山东某某轴承股份有限公司  ",
        "山东某某轴承股份有限公司\u3000",
    ],
)
def test_expert_without_uscc_matched_by_normalised_name_is_review(spelling):
    pc = make_panel(outsiders(6) + [(spelling, None)])
    assert pc.affiliated == ["E06"]
    r = results(pc)
    assert r["panel.host_share"] == "review"
    assert r["panel.chair_independent"] == "pass"


def test_full_width_and_half_width_names_match():
    app = base_application()
    app["lead_unit"]["name"] = "ABC(聊城)科技有限公司"
    pc = make_panel(outsiders(6) + [("ＡＢＣ（聊城）科技有限公司", None)], app=app)
    assert pc.affiliated == ["E06"]
    assert results(pc)["panel.host_share"] == "review"


def test_chair_without_uscc_matching_by_name_is_review():
    pc = make_panel([(LEAD_NAME, None)] + outsiders(6, 1), chair=0)
    assert results(pc)["panel.chair_independent"] == "review"


def _one_typo(code: str) -> str:
    """The same code with its last character changed, so the GB 32100 check character no longer
    fits."""
    wrong = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != code[-1])
    return code[:-1] + wrong


def test_an_expert_code_with_a_typo_falls_back_to_the_name_and_asks_for_confirmation():
    # A person from the applicant whose credit code was mistyped must not pass as independent.
    typo = _one_typo(LEAD_USCC)
    assert not ref_is_valid(typo)
    pc = make_panel([(LEAD_NAME, typo)] + outsiders(6, 1), chair=0)
    assert pc.affiliated == ["E00"]
    assert results(pc)["panel.chair_independent"] == "review"
    # With a different name the typo cannot be caught, but the match is marked as resting on names.
    pc = make_panel([("完全不同的名字", typo)] + outsiders(6, 1), chair=0)
    assert pc.affiliated == [] and results(pc)["panel.host_share"] == "review"


def test_name_matches_cannot_rescue_sure_failures():
    pc = make_panel(outsiders(3) + [LEAD, LEAD, LEAD] + [("无关单位", None)])
    assert results(pc)["panel.host_share"] == "fail"


# --- through load_round -----------------------------------------------------------------------


def _app(app_id: str, lead=LEAD) -> dict:
    app = base_application(app_id)
    app["lead_unit"]["name"], app["lead_unit"]["uscc"] = lead
    return app


def test_round_results_one_per_pair_in_round_file_order(tmp_path):
    other = ("聊城另一家企业有限公司", make_uscc("91371500MA3C0CD34"))
    apps = [_app("LC-B"), _app("LC-A", other), _app("LC-C")]
    experts = [expert(f"E{i:02d}", outside_unit(i)) for i in range(1, 8)]
    experts[6] = expert("E07", LEAD)
    panels = [
        {
            "id": "P2",
            "members": [e["id"] for e in experts],
            "chair": "E01",
            "applications": ["LC-C", "LC-A"],
        },
        {
            "id": "P1",
            "members": [e["id"] for e in experts],
            "chair": "E02",
            "applications": ["LC-B"],
        },
    ]
    declared = [{"expert": "E03", "application": "LC-A", "reason": "近三年曾在申报单位任职"}]
    path = write_round(
        tmp_path, apps, experts=experts, panels=panels, declared=declared, quorum=None
    )
    review_round = load_round(path)
    out = round_panel_conflicts(review_round)
    assert [(r.panel_id, r.application_id) for r in out] == [
        ("P2", "LC-C"),
        ("P2", "LC-A"),
        ("P1", "LC-B"),
    ]
    assert out[0].affiliated == ["E07"]
    assert out[1].affiliated == ["E03"]  # declared for LC-A only; E07 unrelated to LC-A
    assert out[2].affiliated == ["E07"]
    # quorum key absent: default 5; 6 scorers
    assert all(results(r)["panel.quorum"] == "pass" for r in out)


def test_round_own_quorum_is_used(tmp_path):
    apps = [_app("LC-1")]
    experts = [expert(f"E{i:02d}", outside_unit(i)) for i in range(1, 8)]
    path = write_round(tmp_path, apps, experts=experts, quorum=7)
    assert results(round_panel_conflicts(load_round(path))[0])["panel.quorum"] == "pass"
    experts[3] = expert("E04", COB)
    path = write_round(tmp_path, apps, experts=experts, quorum=7)
    out = round_panel_conflicts(load_round(path))[0]
    assert results(out)["panel.quorum"] == "fail"
    assert results(out)["panel.host_share"] == "pass"


def test_default_quorum_is_five(tmp_path):
    apps = [_app("LC-1")]
    experts = [expert(f"E{i:02d}", outside_unit(i)) for i in range(1, 6)]
    doc = base_round(apps, experts=experts, quorum=None)
    path = write_round(tmp_path, apps, round_doc=doc)
    assert results(round_panel_conflicts(load_round(path))[0])["panel.quorum"] == "pass"
    experts[0] = expert("E01", LEAD)
    doc = base_round(apps, experts=experts, quorum=None)
    doc["panels"][0]["chair"] = "E02"
    path = write_round(tmp_path, apps, round_doc=doc)
    assert results(round_panel_conflicts(load_round(path))[0])["panel.quorum"] == "fail"
