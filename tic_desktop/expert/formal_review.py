"""The expert's view of the formal review: the engine's verdicts, and the expert's own judgement
on every item the rules leave to people (``review``) or could not decide (``missing``)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from tic_desktop.domain.application import Application
from tic_desktop.domain.decimals import JsonFloat
from tic_desktop.errors import InputError
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.results import Check, EligibilityReport, Result
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import FormalJudgement

OPEN_RESULTS = (Result.REVIEW, Result.MISSING)


@dataclass(frozen=True)
class Judgement:
    agrees: bool
    reason: str


def report_from_json(data: bytes) -> EligibilityReport:
    """Formal review of an application as decrypted from a package."""
    return evaluate(Application.model_validate(json.loads(data, parse_float=JsonFloat)))


def open_items(report: EligibilityReport) -> list[Check]:
    return [c for c in report.checks if c.result in OPEN_RESULTS]


class FormalJudgements:
    """Stores one expert's judgements; every change is its own transaction with an audit entry."""

    def __init__(self, db: Database, round_id: str, expert_id: str) -> None:
        self.db, self.round_id, self.expert_id = db, round_id, expert_id

    def of(self, application_id: str) -> dict[str, Judgement]:
        with self.db.session() as session:
            rows = session.scalars(
                select(FormalJudgement).where(
                    FormalJudgement.round_id == self.round_id,
                    FormalJudgement.expert_id == self.expert_id,
                    FormalJudgement.application_id == application_id,
                )
            ).all()
            return {r.check_id: Judgement(r.agrees, r.reason) for r in rows}

    def record(self, application_id: str, check_id: str, agrees: bool, reason: str = "") -> None:
        with self.db.session() as session:
            row = session.scalar(
                select(FormalJudgement).where(
                    FormalJudgement.round_id == self.round_id,
                    FormalJudgement.expert_id == self.expert_id,
                    FormalJudgement.application_id == application_id,
                    FormalJudgement.check_id == check_id,
                )
            )
            if row is None:
                row = FormalJudgement(
                    round_id=self.round_id,
                    expert_id=self.expert_id,
                    application_id=application_id,
                    check_id=check_id,
                    agrees=agrees,
                    reason=reason,
                    updated_at=dt.datetime.now(dt.UTC),
                )
                session.add(row)
            row.agrees, row.reason, row.updated_at = agrees, reason, dt.datetime.now(dt.UTC)
            append_audit_event(
                session,
                self.expert_id,
                "formal_judgement",
                {
                    "application": application_id,
                    "check": check_id,
                    "agrees": agrees,
                    "reason": reason,
                },
            )

    @staticmethod
    def problems(
        report: EligibilityReport, judgements: dict[str, Judgement]
    ) -> list[tuple[str, str]]:
        """(Chinese, English) for each open item without a judgement, or a disagreement without a reason."""
        found = []
        for check in open_items(report):
            judgement = judgements.get(check.id)
            if judgement is None:
                found.append(
                    (
                        f"形式审查“{check.id}”尚未给出意见",
                        f"formal review {check.id}: no judgement yet",
                    )
                )
            elif not judgement.agrees and not judgement.reason.strip():
                found.append(
                    (
                        f"形式审查“{check.id}”不同意时须说明理由",
                        f"formal review {check.id}: give a reason",
                    )
                )
        return found


def require_open_item(report: EligibilityReport, check_id: str) -> None:
    if check_id not in {c.id for c in open_items(report)}:
        raise InputError(
            "形式审查", check_id, "该项无需专家研判", "this item is not left to the experts"
        )
