"""Saving and reading loaded rounds with their verdicts and panel results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from tic_desktop.storage.database import Database
from tic_desktop.storage.models import (
    ROUND_KINDS,
    VERDICTS,
    LoadedRound,
    PanelResult,
    StoredVerdict,
)

Checks = list[dict[str, Any]]


def save_round_verdicts(
    db: Database,
    round_id: str,
    title: str,
    kind: str,
    source_path: str,
    file_sha256: str,
    verdicts: Mapping[str, tuple[str, Checks]],
    *,
    panel_results: Sequence[Mapping[str, Any]] = (),
) -> LoadedRound:
    """Record a loaded round and its results, replacing what was stored for it before.

    ``verdicts`` maps application id → (verdict, checks) as the eligibility rules produced them;
    ``panel_results`` are ``tic panel-check`` results (each with ``panel`` and ``application``).
    Everything happens in one transaction: if any part is refused, nothing is changed.
    Raises ``ValueError`` for an unknown kind or verdict (a bug in the caller).
    """
    if kind not in ROUND_KINDS:
        raise ValueError(f"unknown round kind {kind!r}; expected one of {ROUND_KINDS}")
    now = datetime.now(UTC)
    with db.session() as session:
        loaded = session.get(LoadedRound, round_id)
        if loaded is None:
            loaded = LoadedRound(round_id=round_id)
            session.add(loaded)
        loaded.title = title
        loaded.kind = kind
        loaded.source_path = str(source_path)
        loaded.file_sha256 = file_sha256
        loaded.loaded_at = now
        session.flush()
        # Old results are replaced wholesale: an application dropped from the round file must
        # not keep a verdict from an earlier load.
        session.execute(delete(StoredVerdict).where(StoredVerdict.round_id == round_id))
        session.execute(delete(PanelResult).where(PanelResult.round_id == round_id))
        for application_id, (verdict, checks) in verdicts.items():
            if verdict not in VERDICTS:
                raise ValueError(
                    f"application {application_id}: unknown verdict {verdict!r}; "
                    f"expected one of {VERDICTS}"
                )
            session.add(
                StoredVerdict(
                    round_id=round_id,
                    application_id=application_id,
                    verdict=verdict,
                    checks=list(checks),
                    computed_at=now,
                )
            )
        for result in panel_results:
            session.add(
                PanelResult(
                    round_id=round_id,
                    panel_id=result["panel"],
                    application_id=result["application"],
                    result=dict(result),
                )
            )
        # Flush inside the block so that a value the database refuses rolls everything back
        # here rather than surfacing later.
        session.flush()
    return loaded


def list_rounds(db: Database) -> list[LoadedRound]:
    """All loaded rounds, most recently loaded first."""
    with db.session() as session:
        statement = select(LoadedRound).order_by(LoadedRound.loaded_at.desc(), LoadedRound.round_id)
        return list(session.scalars(statement))


def load_round_verdicts(db: Database, round_id: str) -> dict[str, tuple[str, Checks]]:
    """The stored verdicts of a round as application id → (verdict, checks), in saved order."""
    with db.session() as session:
        statement = (
            select(StoredVerdict)
            .where(StoredVerdict.round_id == round_id)
            .order_by(StoredVerdict.id)
        )
        return {row.application_id: (row.verdict, row.checks) for row in session.scalars(statement)}


def load_panel_results(db: Database, round_id: str) -> list[dict[str, Any]]:
    """The stored panel-check results of a round, in saved order."""
    with db.session() as session:
        statement = (
            select(PanelResult).where(PanelResult.round_id == round_id).order_by(PanelResult.id)
        )
        return [row.result for row in session.scalars(statement)]
