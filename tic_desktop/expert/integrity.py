"""Is the expert's saved work what the app saved? Checked when a package is opened and before
signing.

Every edit the app makes is one transaction with an entry in the hash-chained audit log. Two
things are checked: the chain itself (:func:`audit_chain_break`), and that the score, reason,
opinion, recommendation, judgement and certification rows are exactly what replaying the log
gives. A row edited outside the app (e.g. with an SQLite tool) or a broken chain stops signing
with what changed and when the last good entry was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tic_desktop.errors import TicError
from tic_desktop.storage.audit import audit_chain_break
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import (
    AuditEvent,
    CoiCertification,
    FormalJudgement,
    OpinionEntry,
    ScoreEntry,
)


class WorkTampered(TicError):
    """The saved work differs from its audit log, or the log's chain is broken."""


# (application, criterion or check) as the log names them; None where an entry lacks one
_Key = tuple[str | None, str | None]


@dataclass
class _Expected:
    scores: dict[_Key, tuple[str, str | None]]  # (score, note)
    opinions: dict[str | None, tuple[str, bool | None]]
    judgements: dict[_Key, tuple[bool | None, str]]
    declared: list[Any] | None
    last_at: datetime | None


def _when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else "（无）"


def _replay(session: Session, package_sha256: str, expert_id: str) -> _Expected:
    expected = _Expected({}, {}, {}, None, None)
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.actor == expert_id).order_by(AuditEvent.id)
    )
    for event in events:
        payload = event.payload if isinstance(event.payload, dict) else {}
        if payload.get("package") != package_sha256:
            continue
        expected.last_at = event.at
        app: str | None = payload.get("application")
        if event.kind == "score":
            key: _Key = (app, payload.get("criterion"))
            if payload.get("score") is None:
                expected.scores.pop(key, None)
            else:
                note = payload.get("note")
                if note is None and key in expected.scores:
                    note = expected.scores[key][1]
                expected.scores[key] = (payload["score"], note)
        elif event.kind == "score_note":
            key = (app, payload.get("criterion"))
            if key in expected.scores:
                expected.scores[key] = (expected.scores[key][0], payload.get("note"))
        elif event.kind == "opinion":
            opinion, recommend = expected.opinions.get(app, ("", None))
            if payload.get("opinion") is not None:
                opinion = payload["opinion"]
            if payload.get("recommend") is not None:
                recommend = payload["recommend"]
            expected.opinions[app] = (opinion, recommend)
        elif event.kind == "formal_judgement":
            expected.judgements[(app, payload.get("check"))] = (
                payload.get("agrees"),
                payload.get("reason", ""),
            )
        elif event.kind == "coi_certified":
            expected.declared = payload.get("declared")
    return expected


def work_problem(
    db: Database, package_sha256: str, round_id: str, expert_id: str
) -> WorkTampered | None:
    """Why the saved work for this package cannot be trusted, or None when it checks out."""
    with db.session() as session:
        broken = audit_chain_break(session)
        if broken is not None:
            when = _when(broken.last_good_at)
            return WorkTampered(
                f"本机数据库的审计记录从第 {broken.event_id} 条起被改动或删除（最后一条完好的记录："
                f"{when}）。评分数据可能在本程序之外被修改，已停止签名。请联系评审局。",
                "The audit log of this computer's database was altered from entry "
                f"{broken.event_id} on (last intact entry: {when}). The scores may have been "
                "changed outside the app; signing is stopped. Please contact the bureau.",
            )
        expected = _replay(session, package_sha256, expert_id)
        scope = {"package_sha256": package_sha256, "round_id": round_id, "expert_id": expert_id}
        changes: list[tuple[str, str]] = []
        rows = session.scalars(select(ScoreEntry).filter_by(**scope)).all()
        seen = set()
        for row in rows:
            key = (row.application_id, row.criterion_id)
            seen.add(key)
            logged = expected.scores.get(key)
            stored = (format(row.score, "f"), row.note)
            if (
                logged is None
                or Decimal(logged[0]) != row.score
                or (logged[1] or "") != (row.note or "")
            ):
                shown = "（无记录）" if logged is None else logged[0]
                changes.append(
                    (
                        f"“{row.application_id} {row.criterion_id}”的分数在数据库中为 "
                        f"{stored[0]}，审计记录为 {shown}",
                        f"{row.application_id} {row.criterion_id}: {stored[0]} in the database, "
                        f"{shown} in the log",
                    )
                )
        for app_id, criterion_id in expected.scores.keys() - seen:
            changes.append(
                (
                    f"“{app_id} {criterion_id}”的分数已从数据库中删除",
                    f"{app_id} {criterion_id}: the score was deleted from the database",
                )
            )
        for opinion in session.scalars(select(OpinionEntry).filter_by(**scope)):
            logged_opinion = expected.opinions.get(opinion.application_id, ("", None))
            if (opinion.opinion, opinion.recommend) != logged_opinion:
                changes.append(
                    (
                        f"“{opinion.application_id}”的评审意见或推荐意见与审计记录不符",
                        f"{opinion.application_id}: "
                        "the opinion or recommendation differs from the log",
                    )
                )
        for judgement in session.scalars(select(FormalJudgement).filter_by(**scope)):
            if expected.judgements.get((judgement.application_id, judgement.check_id)) != (
                judgement.agrees,
                judgement.reason,
            ):
                changes.append(
                    (
                        f"“{judgement.application_id}”的形式审查研判与审计记录不符",
                        f"{judgement.application_id}: "
                        "a formal-review judgement differs from the log",
                    )
                )
        certification = session.scalar(select(CoiCertification).filter_by(**scope))
        if certification is not None and certification.declared != expected.declared:
            changes.append(
                (
                    "回避声明与审计记录不符",
                    "the conflict-of-interest declaration differs from the log",
                )
            )
    if not changes:
        return None
    when = _when(expected.last_at)
    return WorkTampered(
        "本机数据库中的评分数据与审计记录不符，可能在本程序之外被修改，已停止签名："
        + "；".join(z for z, _ in changes[:5])
        + f"。最后一条审计记录：{when}。请联系评审局。",
        "The saved scores differ from the audit log and may have been changed outside the app; "
        "signing is stopped: "
        + "; ".join(e for _, e in changes[:5])
        + f". Last log entry: {when}. Please contact "
        "the bureau.",
    )
