"""The expert's view of the formal review: the engine's verdicts, and the expert's own judgement
on every item the rules leave to people (``review``) or could not decide (``missing``)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from tic_desktop.catalogue import t
from tic_desktop.domain.application import Application
from tic_desktop.domain.decimals import JsonFloat
from tic_desktop.errors import InputError
from tic_desktop.returns.scoring import OPEN_RESULTS, Judgement, check_title
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.results import Check, EligibilityReport
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import FormalJudgement


def report_from_json(data: bytes) -> EligibilityReport:
    """Formal review of an application as decrypted from a package."""
    return evaluate(Application.model_validate(json.loads(data, parse_float=JsonFloat)))


def open_items(report: EligibilityReport) -> list[Check]:
    return [c for c in report.checks if c.result in OPEN_RESULTS]


class FormalJudgements:
    """Stores one expert's judgements; every change is its own transaction with an audit entry."""

    def __init__(
        self, db: Database, round_id: str, expert_id: str, package_sha256: str = ""
    ) -> None:
        self.db, self.round_id, self.expert_id = db, round_id, expert_id
        self.package_sha256 = package_sha256

    def of(self, application_id: str) -> dict[str, Judgement]:
        with self.db.session() as session:
            rows = session.scalars(
                select(FormalJudgement).where(
                    FormalJudgement.package_sha256 == self.package_sha256,
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
                    FormalJudgement.package_sha256 == self.package_sha256,
                    FormalJudgement.round_id == self.round_id,
                    FormalJudgement.expert_id == self.expert_id,
                    FormalJudgement.application_id == application_id,
                    FormalJudgement.check_id == check_id,
                )
            )
            if row is None:
                row = FormalJudgement(
                    package_sha256=self.package_sha256,
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
                    "package": self.package_sha256,
                    "application": application_id,
                    "check": check_id,
                    "agrees": agrees,
                    "reason": reason,
                },
            )


def require_open_item(report: EligibilityReport, check_id: str) -> None:
    if check_id not in {c.id for c in open_items(report)}:
        raise InputError(
            "形式审查",
            check_title(check_id),
            t("this item is not left to the experts"),
        )
