"""The JSON output contract of `tic eligibility` and `tic panel-check` (formats.md)."""

from __future__ import annotations

import copy
import json

import pytest
from tic_builders import (
    COB_NAME,
    COB_USCC,
    LEAD_NAME,
    LEAD_USCC,
    base_application,
    expert,
    make_uscc,
    outside_unit,
    university_application,
    write_json,
    write_round,
)

from tic_desktop.cli.main import main

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
RESULTS = {"pass", "fail", "review", "missing", "not_applicable"}


def run_json(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


@pytest.mark.parametrize("builder", [base_application, university_application])
@pytest.mark.parametrize("lang", [None, "en"])
def test_eligibility_json_contract(tmp_path, capsys, builder, lang):
    path = write_json(tmp_path / "app.json", builder())
    argv = (["--lang", lang] if lang else []) + ["eligibility", str(path), "--format", "json"]
    data, err = run_json(capsys, *argv)
    assert set(data) == {"application", "verdict", "checks"}
    assert data["application"] == builder()["id"]
    assert data["verdict"] == "eligible"
    assert [c["id"] for c in data["checks"]] == RULES_ORDER
    for check in data["checks"]:
        assert set(check) == {"id", "clause", "result", "value", "threshold", "message"}
        assert check["result"] in RESULTS
        assert isinstance(check["clause"], str) and check["clause"]
        assert isinstance(check["message"], str) and check["message"]
        assert check["value"] is None or isinstance(check["value"], str)
        assert check["threshold"] is None or isinstance(check["threshold"], str)


def test_eligibility_json_figures_as_formats_md(tmp_path, capsys):
    app = base_application()
    app["finance"][0]["rd_expense"] = "3800000"
    path = write_json(tmp_path / "app.json", app)
    data, _ = run_json(capsys, "eligibility", str(path), "--format", "json")
    checks = {c["id"]: c for c in data["checks"]}
    total = checks["rd.expense_total"]
    assert total["clause"] == "第八条（二）"
    assert total["result"] == "pass"
    assert total["value"] == "10200000.00"
    assert total["threshold"] == "10000000"
    assert checks["lead_unit.kind"]["clause"] == "第七条"
    assert checks["team.director_title"]["clause"] == "第十一条"


def test_eligibility_exit_zero_whatever_the_verdict(tmp_path, capsys):
    app = base_application()
    app["lead_unit"]["kind"] = "association"  # unknown kind: kept, fails, not a load error
    app["rd_space_m2"] = "1"
    path = write_json(tmp_path / "app.json", app)
    data, _ = run_json(capsys, "eligibility", str(path), "--format", "json")
    assert data["verdict"] == "ineligible"
    kinds = {c["id"]: c["result"] for c in data["checks"]}
    assert kinds["lead_unit.kind"] == "fail"
    assert [c["id"] for c in data["checks"]] == RULES_ORDER


def test_eligibility_table_is_default_and_exit_zero(tmp_path, capsys):
    path = write_json(tmp_path / "app.json", base_application())
    assert main(["eligibility", str(path)]) == 0
    out, _ = capsys.readouterr()
    for cid in RULES_ORDER:
        assert cid in out


def _round(tmp_path):
    other = ("聊城另一家企业有限公司", make_uscc("91371500MA3C0CD34"))
    a = base_application("LC-2026-002")
    b = base_application("LC-2026-001")
    b["lead_unit"]["name"], b["lead_unit"]["uscc"] = other
    b["co_builders"] = []
    experts = [expert(f"E{i:02d}", outside_unit(i)) for i in range(1, 8)]
    experts[4] = expert("E05", (LEAD_NAME, LEAD_USCC))
    experts[5] = expert("E06", (COB_NAME, COB_USCC))
    # Each application is scored by exactly one panel (formats.md): P1 scores copies of the two.
    c = copy.deepcopy(b)
    c["id"] = "LC-2026-003"
    d = copy.deepcopy(a)
    d["id"] = "LC-2026-004"
    panels = [
        {
            "id": "P2",
            "members": ["E01", "E02", "E03", "E04", "E05", "E06", "E07"],
            "chair": "E01",
            "applications": ["LC-2026-002", "LC-2026-001"],
        },
        {
            "id": "P1",
            "members": ["E07", "E06", "E05", "E04", "E03"],
            "chair": "E03",
            "applications": ["LC-2026-003", "LC-2026-004"],
        },
    ]
    declared = [
        {"expert": "E03", "application": app_id, "reason": "近三年曾在申报单位任职"}
        for app_id in ("LC-2026-001", "LC-2026-003")
    ]
    return write_round(tmp_path, [a, b, c, d], experts=experts, panels=panels, declared=declared)


@pytest.mark.parametrize("lang", [None, "en"])
def test_panel_check_json_contract(tmp_path, capsys, lang):
    path = _round(tmp_path)
    argv = (["--lang", lang] if lang else []) + ["panel-check", str(path), "--format", "json"]
    data, _ = run_json(capsys, *argv)
    assert set(data) == {"round", "results"}
    assert data["round"] == "2026-TIC-01"
    pairs = [(r["panel"], r["application"]) for r in data["results"]]
    assert pairs == [
        ("P2", "LC-2026-002"),
        ("P2", "LC-2026-001"),
        ("P1", "LC-2026-003"),
        ("P1", "LC-2026-004"),
    ]
    for r in data["results"]:
        assert set(r) == {
            "panel",
            "application",
            "members",
            "affiliated",
            "recused",
            "scorers",
            "checks",
        }
        assert [c["id"] for c in r["checks"]] == [
            "panel.host_share",
            "panel.chair_independent",
            "panel.quorum",
        ]
        for c in r["checks"]:
            assert {"id", "result"} <= set(c)
            assert c["result"] in RESULTS
        assert isinstance(r["members"], int) and isinstance(r["scorers"], int)
    by_pair = {(r["panel"], r["application"]): r for r in data["results"]}
    r = by_pair[("P2", "LC-2026-002")]  # E05 lead, E06 co-builder
    assert (
        r["members"] == 7 and r["affiliated"] == ["E05", "E06"] and r["recused"] == ["E05", "E06"]
    )
    assert r["scorers"] == 5
    assert [c["result"] for c in r["checks"]] == ["pass", "pass", "pass"]
    r = by_pair[("P2", "LC-2026-001")]  # only the declared E03
    assert r["affiliated"] == ["E03"] and r["scorers"] == 6
    r = by_pair[("P1", "LC-2026-003")]  # chair E03 declared; 4 of 5 can score
    assert r["members"] == 5 and r["affiliated"] == ["E03"] and r["scorers"] == 4
    assert [c["result"] for c in r["checks"]] == ["pass", "fail", "fail"]
    r = by_pair[("P1", "LC-2026-004")]  # E06, E05 affiliated (member order), 2 of 5 > 1/3
    assert r["affiliated"] == ["E06", "E05"] and r["scorers"] == 3
    assert [c["result"] for c in r["checks"]] == ["fail", "pass", "fail"]


def test_panel_check_table_default(tmp_path, capsys):
    path = _round(tmp_path)
    assert main(["panel-check", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "P1" in out and "P2" in out
