"""formats.md ``excluded``: every member of the application's panel is counted or listed with a
reason, whatever mix of returns arrived (hypothesis over the members' situations)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tic_desktop.aggregation import aggregate
from tic_desktop.domain.loading import load_round
from tic_desktop.paths import demo_round_file
from tic_desktop.returns.receiving import ReceivedReturn
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.rules.conflicts import round_panel_conflicts

ROUND = load_round(demo_round_file())
RECUSED = {(r.panel_id, r.application_id): set(r.recused) for r in round_panel_conflicts(ROUND)}
SITUATIONS = ("none", "complete", "incomplete", "declares", "conflict", "other_panel")


def _item(
    expert: str,
    panel: str,
    applications: list[str],
    status: str,
    *,
    drop: str | None = None,
    declared: tuple[str, ...] = (),
) -> ReceivedReturn:
    criteria = {c.id: format(c.max * Decimal("0.8"), "f") for c in ROUND.rubric.criteria}
    scores = []
    for app in applications:
        values = {k: v for k, v in criteria.items() if k != drop}
        scores.append(
            {"application": app, "criteria": values, "opinion": "意见", "recommend": True}
        )
    sheet = ScoreSheet.from_json(
        {
            "expert": expert,
            "coi": {
                "certified": True,
                "declared": [{"application": a, "reason": "合作"} for a in declared],
            },
            "scores": scores,
        }
    )
    item = ReceivedReturn(Path(f"{expert}-{status}.ticreturn"), f"{expert}{status}")
    item.status, item.expert, item.revision, item.sheet = status, expert, 1, sheet
    item.panel, item.document = panel, {"round": ROUND.id, "panel": panel}
    return item


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(SITUATIONS), min_size=7, max_size=7))
def test_every_panel_member_is_counted_or_excluded_with_a_reason(situations):
    panel = ROUND.panels[0]
    other_panel = ROUND.panels[1].id
    returns = []
    expected: dict[str, str] = {}
    for member, situation in zip(panel.members, situations, strict=True):
        apps = list(panel.applications)
        if situation == "complete":
            returns.append(_item(member, panel.id, apps, "accepted"))
        elif situation == "incomplete":
            returns.append(
                _item(member, panel.id, apps, "accepted", drop=ROUND.rubric.criteria[0].id)
            )
        elif situation == "declares":
            returns.append(_item(member, panel.id, apps, "accepted", declared=(apps[0],)))
        elif situation == "conflict":
            returns += [
                _item(member, panel.id, apps, "conflict"),
                _item(member, panel.id, apps, "conflict"),
            ]
        elif situation == "other_panel":  # a return on another panel's package counts nowhere here
            returns.append(_item(member, other_panel, apps, "accepted"))
        expected[member] = situation
    for result in aggregate(ROUND, returns):
        if result.application_id not in panel.applications:
            continue
        excluded = dict(result.excluded)
        assert result.valid + len(result.excluded) == len(panel.members)
        assert set(result.totals) | set(excluded) == set(panel.members)
        assert not set(result.totals) & set(excluded)
        for member, situation in expected.items():
            if member in RECUSED[(panel.id, result.application_id)]:
                assert excluded[member] == "recused"
            elif situation in ("none", "other_panel"):
                assert excluded[member] == "no_return"
            elif situation == "incomplete":
                assert excluded[member] == "incomplete"
            elif situation == "conflict":
                assert excluded[member] == "conflict"
            elif situation == "declares" and result.application_id == panel.applications[0]:
                assert excluded[member] == "recused"
            else:
                assert member in result.totals
