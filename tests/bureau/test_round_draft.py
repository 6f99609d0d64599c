"""The round being prepared: live panel checks, what blocks building, writing all or nothing.

Expected outcomes come from rules.md (at most one third affiliated, chair not from the host,
quorum after recusals) computed here with fractions, not from the engine.
"""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))
from tic_builders import LEAD_NAME, LEAD_USCC, base_application, outside_unit

from tic_desktop.bureau.round_draft import (
    ApplicationEntry,
    PanelDraft,
    RoundDraft,
    criterion,
    save_round_in_place,
    write_round,
)
from tic_desktop.domain.application import Application
from tic_desktop.domain.loading import load_round
from tic_desktop.domain.round import DeclaredConflict, Expert
from tic_desktop.errors import InputError
from tic_desktop.paths import demo_round_file

APP_ID = "LC-2026-003"


def draft_with(
    n_members: int, n_host: int, quorum: int = 5, chair_from_host: bool = False
) -> RoundDraft:
    data = base_application(APP_ID)
    data.pop("attachments", None)
    experts = [
        Expert(id=f"H{i}", name=f"关联{i}", unit_name=LEAD_NAME, unit_uscc=LEAD_USCC)
        for i in range(n_host)
    ]
    experts += [
        Expert(
            id=f"O{i}", name=f"独立{i}", unit_name=outside_unit(i)[0], unit_uscc=outside_unit(i)[1]
        )
        for i in range(n_members - n_host)
    ]
    chair = experts[0].id if chair_from_host and n_host else experts[-1].id
    draft = RoundDraft(
        id="R1",
        title="测试批次",
        quorum=quorum,
        criteria=[criterion("a", "甲", "60"), criterion("b", "乙", "40")],
        applications={APP_ID: ApplicationEntry(Application.model_validate(data), data, Path("."))},
        experts=experts,
    )
    draft.panels.append(PanelDraft("P1", [e.id for e in experts], chair, [APP_ID]))
    return draft


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=3, max_value=15).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n))
    )
)
def test_one_third_cap_blocks_exactly_when_more_than_a_third_are_affiliated(case):
    n, k = case
    if k == n:  # the chair must come from outside for this property
        k = n - 1
    draft = draft_with(n, k, quorum=1)
    ids = {b.check_id for b in draft.blockers()}
    assert ("panel.host_share" in ids) == (Fraction(k, n) > Fraction(1, 3))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=3, max_value=12).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n // 3), st.integers(1, 12))
    )
)
def test_quorum_counts_only_the_members_who_may_score(case):
    n, k, quorum = case
    draft = draft_with(n, k, quorum=quorum)
    ids = {b.check_id for b in draft.blockers()}
    assert ("panel.quorum" in ids) == (n - k < quorum)


def test_chair_from_the_host_unit_blocks_and_changing_the_chair_clears_it():
    draft = draft_with(7, 2, chair_from_host=True)
    assert [b.check_id for b in draft.blockers()] == ["panel.chair_independent"]
    draft.panels[0].chair = "O0"
    assert draft.blockers() == []


def test_a_declared_conflict_recuses_and_counts_towards_the_cap():
    draft = draft_with(6, 2, quorum=3)
    assert draft.blockers() == []
    draft.declared_conflicts.append(
        DeclaredConflict(expert="O0", application=APP_ID, reason="近三年曾任职")
    )
    (result,) = draft.panel_checks(draft.panels[0])
    assert "O0" in result.recused and "近三年曾任职" in result.reason("O0")
    assert [b.check_id for b in draft.blockers()] == ["panel.host_share"]  # 3 of 6 > 1/3


def test_unfinished_rounds_say_what_is_missing():
    draft = RoundDraft()
    ids = {b.check_id for b in draft.blockers()}
    assert {
        "round.id",
        "round.title",
        "round.applications",
        "rubric.criteria",
        "round.panels",
    } <= ids
    draft = draft_with(6, 0)
    draft.criteria = [criterion("a", "甲", "60"), criterion("b", "乙", "35")]
    assert [b.check_id for b in draft.blockers()] == ["rubric.total"]
    draft.criteria.append(criterion("c", "丙", "5.2"))  # 100.2 and not a multiple of 0.5
    assert {b.check_id for b in draft.blockers()} == {"rubric.total", "rubric.criteria"}
    draft = draft_with(6, 0)
    draft.panels.append(PanelDraft("P2", ["O0"], "O0", [APP_ID]))
    assert "round.two_panels" in {b.check_id for b in draft.save_blockers()}
    draft.panels[0].applications = []
    draft.panels.pop()
    messages = [b.message("en") for b in draft.blockers()]
    assert any("no applications" in m for m in messages) and any(
        "not in any panel" in m for m in messages
    )


def test_the_demo_round_is_blocked_by_exactly_its_two_broken_panels():
    draft = RoundDraft.from_round(load_round(demo_round_file()))
    found = {(b.panel_id, b.application_id, b.check_id) for b in draft.blockers()}
    # The demo was made so: P2's LC-2026-011 has 3 of 7 affiliated, leaving 4 < 5 to score;
    # P3's chair E15 comes from LC-2026-008's lead unit.
    assert found == {
        ("P2", "LC-2026-011", "panel.host_share"),
        ("P2", "LC-2026-011", "panel.quorum"),
        ("P3", "LC-2026-008", "panel.chair_independent"),
    }


def test_writing_a_round_loads_back_the_same_round(tmp_path):
    original = load_round(demo_round_file())
    draft = RoundDraft.from_round(original)
    written = write_round(draft, tmp_path / "copy")
    assert written.spec == original.spec.model_copy(
        update={"applications": written.spec.applications}
    )
    assert written.applications == original.applications | {
        a: written.applications[a].model_copy(
            update={"attachments": written.applications[a].attachments}
        )
        for a in written.applications
    }
    for app_id, application in written.applications.items():
        for mine, theirs in zip(
            application.attachments, original.applications[app_id].attachments, strict=True
        ):
            copied = written.application_files[app_id].parent / mine.file
            source = original.application_files[app_id].parent / theirs.file
            assert copied.read_bytes() == source.read_bytes()
    assert written.rubric == original.rubric


def test_writing_refuses_a_non_empty_folder_and_leaves_nothing_on_failure(tmp_path):
    draft = RoundDraft.from_round(load_round(demo_round_file()))
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("x")
    with pytest.raises(InputError, match="not empty"):
        write_round(draft, busy)
    entry = draft.applications["LC-2026-001"]
    entry.data["attachments"][0]["file"] = "missing.pdf"
    with pytest.raises(InputError) as raised:
        write_round(draft, tmp_path / "new")
    assert raised.value.field == "attachments[0].file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"]  # no folder, no .partial left


def test_a_round_that_would_not_load_is_not_written(tmp_path):
    draft = draft_with(6, 0)
    draft.panels[0].members.append("NOBODY")  # the loader refuses an unknown member
    with pytest.raises(InputError):
        write_round(draft, tmp_path / "r")
    assert list(tmp_path.iterdir()) == []


def test_saving_in_place_rewrites_panels_and_rubric_and_keeps_applications(tmp_path):
    shutil.copytree(demo_round_file().parent, tmp_path / "demo")
    draft = RoundDraft.from_round(load_round(tmp_path / "demo" / "round.json"))
    p3 = draft.panel("P3")
    p3.chair = "E16"
    draft.criteria[0] = criterion(draft.criteria[0].id, "改过的名称", draft.criteria[0].max)
    saved = save_round_in_place(draft)
    assert next(p for p in saved.panels if p.id == "P3").chair == "E16"
    assert saved.rubric.criteria[0].title == "改过的名称"
    assert saved.rubric.total_max == Decimal(100)
    data = json.loads((tmp_path / "demo" / "round.json").read_text(encoding="utf-8"))
    assert data["applications"][0] == "apps/LC-2026-001.json"


def test_ids_that_cannot_be_file_names_block_the_round():
    draft = draft_with(6, 0)
    draft.id = "2027/TIC-01"
    draft.panels[0].id = "P/1"
    ids = {b.check_id for b in draft.save_blockers()}
    assert {"round.id", "panel.id"} <= ids


def test_checks_run_before_a_chair_is_chosen_without_the_chair_check():
    draft = draft_with(6, 3, quorum=3)
    draft.panels[0].chair = ""
    (result,) = draft.panel_checks(draft.panels[0])
    assert [c.id for c in result.checks] == ["panel.host_share", "panel.quorum"]
    assert len(result.recused) == 3
    assert "panel.chair" in {b.check_id for b in draft.save_blockers()}


def test_removing_an_application_or_expert_leaves_no_dangling_references():
    draft = draft_with(6, 0)
    draft.declared_conflicts.append(
        DeclaredConflict(expert="O1", application=APP_ID, reason="合作项目")
    )
    draft.forget_expert("O5")  # the chair
    assert "O5" not in draft.panels[0].members and draft.panels[0].chair == ""
    draft.remove_application(APP_ID)
    assert draft.declared_conflicts == [] and draft.panels[0].applications == []


def test_an_unsaveable_draft_is_refused_with_the_plain_reason(tmp_path):
    draft = draft_with(6, 0)
    draft.panels[0].chair = ""
    with pytest.raises(InputError) as raised:
        write_round(draft, tmp_path / "r")
    assert "还没有指定组长" in raised.value.message_zh and "no chair yet" in raised.value.message_en
    assert list(tmp_path.iterdir()) == []
