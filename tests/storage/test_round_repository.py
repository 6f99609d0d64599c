"""Saving loaded rounds with their verdicts: round trip, replacement, all-or-nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tic_desktop.storage import Database
from tic_desktop.storage.models import LoadedRound, PanelResult, StoredVerdict
from tic_desktop.storage.repository import (
    list_rounds,
    load_panel_results,
    load_round_verdicts,
    save_round_verdicts,
)

SHA = "0123456789abcdef" * 4
CHECKS: list[dict[str, Any]] = [
    {
        "id": "rd.expense_total",
        "clause": "第八条（二）",
        "result": "pass",
        "value": "10200000.00",
        "threshold": "10000000",
        "message": "研发经费达标",
    },
    {"id": "org.uscc", "clause": "第七条（一）", "result": "review", "message": "需现场核实"},
]


def _save(db: Database, verdicts: dict[str, tuple[str, list[dict[str, Any]]]], **kw: Any) -> None:
    save_round_verdicts(
        db,
        "2026-TIC-01",
        "2026 年度聊城市技术创新中心",
        "establishment",
        "/data/round.json",
        SHA,
        verdicts,
        **kw,
    )


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_round_and_verdicts_round_trip(db: Database) -> None:
    panel = {
        "panel": "P1",
        "application": "LC-2026-001",
        "members": 7,
        "scorers": 6,
        "checks": [{"id": "panel.quorum", "result": "pass"}],
    }
    _save(
        db,
        {"LC-2026-001": ("eligible", CHECKS[:1]), "LC-2026-002": ("needs_judgement", CHECKS)},
        panel_results=[panel],
    )
    [loaded] = list_rounds(db)
    assert (loaded.round_id, loaded.kind) == ("2026-TIC-01", "establishment")
    assert loaded.file_sha256 == SHA
    assert loaded.title == "2026 年度聊城市技术创新中心"
    assert loaded.loaded_at.tzinfo is not None
    assert load_round_verdicts(db, "2026-TIC-01") == {
        "LC-2026-001": ("eligible", CHECKS[:1]),
        "LC-2026-002": ("needs_judgement", CHECKS),
    }
    assert load_panel_results(db, "2026-TIC-01") == [panel]


def test_reloading_a_round_replaces_its_verdicts(db: Database) -> None:
    _save(db, {"LC-2026-001": ("eligible", []), "LC-2026-002": ("ineligible", [])})
    _save(db, {"LC-2026-002": ("eligible", [])})
    assert load_round_verdicts(db, "2026-TIC-01") == {"LC-2026-002": ("eligible", [])}
    assert len(list_rounds(db)) == 1


def test_failure_midway_leaves_no_round(db: Database) -> None:
    verdicts = {"LC-2026-001": ("eligible", CHECKS), "LC-2026-002": ("maybe", CHECKS)}
    with pytest.raises(ValueError, match="maybe"):
        _save(db, verdicts)
    assert list_rounds(db) == []
    assert _count(db, StoredVerdict) == 0


def test_failure_while_writing_keeps_the_previous_load(db: Database) -> None:
    _save(db, {"LC-2026-001": ("eligible", CHECKS)})
    # A float in the checks is refused when the row is written, after the round was updated
    # and the old verdicts deleted: all of that must be undone.
    bad = [{"id": "rd.ratio", "value": 0.1}]
    with pytest.raises(Exception, match="floating-point"):
        _save(
            db,
            {"LC-2026-003": ("eligible", []), "LC-2026-004": ("eligible", bad)},
            panel_results=[{"panel": "P1", "application": "LC-2026-003"}],
        )
    assert load_round_verdicts(db, "2026-TIC-01") == {"LC-2026-001": ("eligible", CHECKS)}
    assert _count(db, PanelResult) == 0
    with db.session() as session:
        assert session.get(LoadedRound, "2026-TIC-01") is not None


def test_unknown_kind_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="kind"):
        save_round_verdicts(db, "R", "t", "annual", "/r.json", SHA, {})
    assert list_rounds(db) == []
