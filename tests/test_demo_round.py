"""The bundled demo round loads and is internally consistent (not its verdicts: see the rules
tests)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tic_desktop.domain.loading import ReviewRound, load_round
from tic_desktop.paths import demo_round_file
from tic_desktop.rules.uscc import is_valid_uscc

# The one application whose lead unit carries a deliberately wrong check character.
INVALID_USCC_APPLICATION = "LC-2026-010"


@pytest.fixture(scope="module")
def demo() -> ReviewRound:
    return load_round(demo_round_file())


def test_round_header(demo: ReviewRound) -> None:
    assert demo.id == "2026-TIC-01"
    assert demo.spec.title == "2026年度聊城市技术创新中心组建评审"
    assert demo.spec.kind == "establishment"
    assert demo.spec.quorum == 5


def test_sizes(demo: ReviewRound) -> None:
    assert len(demo.applications) >= 8
    assert len(demo.experts) >= 12
    assert len(demo.panels) == 3


def test_panels_cover_each_application_once(demo: ReviewRound) -> None:
    assigned = [app_id for panel in demo.panels for app_id in panel.applications]
    assert sorted(assigned) == sorted(demo.applications)
    for panel in demo.panels:
        assert len(panel.members) == 7
        assert 3 <= len(panel.applications) <= 4


def test_rubric_totals_100(demo: ReviewRound) -> None:
    assert demo.rubric.total_max == Decimal(100)
    assert demo.rubric.step == Decimal("0.5")
    assert 6 <= len(demo.rubric.criteria) <= 8


def test_attachments_are_pdfs(demo: ReviewRound) -> None:
    for app_id, application in demo.applications.items():
        assert application.attachments, app_id
        folder = demo.application_files[app_id].parent
        for attachment in application.attachments:
            path = folder / attachment.file
            assert path.is_file(), path
            assert path.read_bytes()[:4] == b"%PDF", path
            assert path.stat().st_size < 100_000, path


def _all_codes(demo: ReviewRound) -> list[tuple[str, str]]:
    """(where, code) for every USCC written in the round."""
    codes: list[tuple[str, str]] = []
    for app_id, application in demo.applications.items():
        if application.lead_unit.uscc is not None:
            codes.append((f"{app_id} lead_unit", application.lead_unit.uscc))
        for i, builder in enumerate(application.co_builders):
            if builder.uscc is not None:
                codes.append((f"{app_id} co_builders[{i}]", builder.uscc))
        if application.committee is not None:
            for i, member in enumerate(application.committee.members):
                if member.unit_uscc is not None:
                    codes.append((f"{app_id} committee.members[{i}]", member.unit_uscc))
    for expert in demo.experts.values():
        if expert.unit_uscc is not None:
            codes.append((f"expert {expert.id}", expert.unit_uscc))
    return codes


def test_every_uscc_is_valid_except_the_deliberate_one(demo: ReviewRound) -> None:
    deliberate = demo.applications[INVALID_USCC_APPLICATION].lead_unit.uscc
    assert deliberate is not None and not is_valid_uscc(deliberate)
    # The lead unit's own committee member repeats the same (invalid) code; nothing else may be
    # invalid.
    invalid = [
        (where, code)
        for where, code in _all_codes(demo)
        if code != deliberate and not is_valid_uscc(code)
    ]
    assert invalid == []


def test_expert_without_uscc_exists(demo: ReviewRound) -> None:
    assert any(expert.unit_uscc is None for expert in demo.experts.values())
