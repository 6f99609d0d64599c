"""An expert's review session over one opened package, every edit saved as it is made.

Each edit is one SQLite transaction that also appends to the hash-chained audit log; the
session publishes ``Event.SAVED`` only after the commit, so "已保存" means the edit is on disk.
Work is kept per package (the bureau's signed manifest): a package of another bureau with the
same round id starts from nothing. The score rule is :mod:`tic_desktop.returns.scoring`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tic_desktop.catalogue import t
from tic_desktop.errors import InputError, TicError
from tic_desktop.events import Event, EventBus
from tic_desktop.expert.formal_review import (
    FormalJudgements,
    open_items,
    report_from_json,
    require_open_item,
)
from tic_desktop.expert.integrity import WorkTampered, work_problem
from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.manifest import ApplicationEntry
from tic_desktop.packages.opening import OpenedPackage
from tic_desktop.returns import scoring
from tic_desktop.returns.making import last_sent
from tic_desktop.returns.scoring import (
    ApplicationScore,
    Certification,
    DeclaredConflict,
    ScoreSheet,
    ScoringContext,
)
from tic_desktop.rules.results import Check, EligibilityReport
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import CoiCertification, OpinionEntry, ScoreEntry

if TYPE_CHECKING:
    from tic_desktop.expert.signing import SignResult


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SignState(StrEnum):
    """Where an application stands against the last signed return."""

    NOT_SIGNED = "not_signed"
    SIGNED = "signed"
    CHANGED = "changed"  # edited after signing: 需重新签名


@dataclass
class ApplicationForm:
    """What the expert has entered for one application so far."""

    scores: dict[str, Decimal] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    opinion: str = ""
    recommend: bool | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.scores.values(), Decimal(0))


class ExpertDesk:
    """One expert working through one package."""

    def __init__(
        self,
        db: Database,
        package: OpenedPackage,
        credential: Credential,
        bus: EventBus | None = None,
    ) -> None:
        package.check_credential(credential, credential.expert_id)
        self.db = db
        self.package = package
        self.credential = credential
        self.bus = bus or EventBus()
        self.manifest = package.manifest
        self.expert_id = credential.expert_id
        self.round_id = package.manifest.round.id
        self.package_sha256 = package.package_sha256
        self._criteria = {c.id: c for c in self.manifest.rubric.criteria}
        self.judgements = FormalJudgements(db, self.round_id, self.expert_id, self.package_sha256)
        self._reports: dict[str, EligibilityReport] = {}
        self._certification: CoiCertification | None = None
        self._certification_loaded = False
        self.integrity: WorkTampered | None = self.check_integrity()

    def _scope(self) -> dict[str, str]:
        return {
            "package_sha256": self.package_sha256,
            "round_id": self.round_id,
            "expert_id": self.expert_id,
        }

    def _audit(self, session: Session, kind: str, payload: dict[str, Any]) -> None:
        append_audit_event(
            session, self.expert_id, kind, {"package": self.package_sha256, **payload}
        )

    def check_integrity(self) -> WorkTampered | None:
        """The saved work checked against its audit log (on open, and again before signing)."""
        self.integrity = work_problem(self.db, self.package_sha256, self.round_id, self.expert_id)
        return self.integrity

    # --- conflicts of interest -----------------------------------------------------------------
    def known_conflicts(self) -> dict[str, str]:
        """Applications the bureau already knows this expert must recuse from (no key to them)."""
        return {
            a.id: a.recused[self.expert_id]
            for a in self.manifest.applications
            if self.expert_id in a.recused
        }

    def certification(self) -> CoiCertification | None:
        # Read once: every edit checks it, and only this desk writes it (certify() refreshes it).
        if not self._certification_loaded:
            with self.db.session() as session:
                row = session.scalar(select(CoiCertification).filter_by(**self._scope()))
                if row is not None:
                    session.expunge(row)
            self._certification, self._certification_loaded = row, True
        return self._certification

    @property
    def certified(self) -> bool:
        return self.certification() is not None

    def declared_conflicts(self) -> dict[str, str]:
        row = self.certification()
        return {d["application"]: d["reason"] for d in row.declared} if row else {}

    def certify(self, declared: dict[str, str]) -> None:
        """Record the certification with any further conflicts the expert declares (reason
        required)."""
        for app_id, reason in declared.items():
            if self.manifest.application(app_id) is None:
                raise InputError("回避声明", app_id, t("no such application in this panel"))
            if not reason.strip():
                raise InputError("回避声明", app_id, t("a reason is required"))
        entries = [{"application": a, "reason": r.strip()} for a, r in declared.items()]
        with self.db.session() as session:
            session.execute(delete(CoiCertification).filter_by(**self._scope()))
            session.add(CoiCertification(**self._scope(), declared=entries, certified_at=_now()))
            self._audit(session, "coi_certified", {"round": self.round_id, "declared": entries})
        self._certification_loaded = False
        self.bus.publish(Event.SAVED, "coi")

    def locked(self, application_id: str) -> bool:
        """No materials and no scoring: recused by the bureau or declared by the expert."""
        return (
            application_id in self.known_conflicts() or application_id in self.declared_conflicts()
        )

    def scorable(self) -> list[ApplicationEntry]:
        declared = self.declared_conflicts()
        known = self.known_conflicts()
        return [a for a in self.manifest.applications if a.id not in known and a.id not in declared]

    # --- reading materials --------------------------------------------------------------------
    def read_application_data(self, application_id: str) -> bytes:
        self.require_unlocked(application_id)
        entry = self.manifest.application(application_id)
        assert entry is not None
        return self.package.read_member(entry.data, self.credential)

    def _require_certified(self) -> None:
        if not self.certified:
            raise TicError(t("certify your conflicts of interest first"))

    def require_unlocked(self, application_id: str) -> None:
        self._require_certified()
        if self.manifest.application(application_id) is None:
            raise InputError("评分", application_id, t("no such application in this panel"))
        if self.locked(application_id):
            raise TicError(
                t(
                    "you are recused from {application}: no materials, no scoring",
                    application=application_id,
                )
            )

    # --- formal review ------------------------------------------------------------------------
    def formal_review(self, application_id: str) -> EligibilityReport:
        if application_id not in self._reports:
            self._reports[application_id] = report_from_json(
                self.read_application_data(application_id)
            )
        return self._reports[application_id]

    def open_checks(self, application_id: str) -> list[Check]:
        """The formal-review items of an application left to the experts (none when locked)."""
        return self.readable_open_checks(application_id) or []

    def readable_open_checks(self, application_id: str) -> list[Check] | None:
        """As :meth:`open_checks`, but None where this expert cannot read the application yet."""
        if not self.certified or self.locked(application_id):
            return None
        return open_items(self.formal_review(application_id))

    def judge(self, application_id: str, check_id: str, agrees: bool, reason: str = "") -> None:
        """Agree with the engine on an open item, or record a different judgement (with a
        reason)."""
        require_open_item(self.formal_review(application_id), check_id)
        self.judgements.record(application_id, check_id, agrees, reason)
        self.bus.publish(Event.SAVED, f"judgement:{application_id}:{check_id}")

    # --- scoring, autosaved --------------------------------------------------------------------
    def check_score(self, criterion_id: str, value: Decimal) -> None:
        """Raise InputError, naming the criterion by its title, unless ``value`` may be saved."""
        criterion = self._criteria.get(criterion_id)
        if criterion is None:
            raise InputError("评分", criterion_id, t("no such criterion"))
        wrong = scoring.score_problem(criterion, self.manifest.rubric.step, value)
        if wrong is not None:
            raise InputError("评分", criterion.title, wrong)

    def needs_reason(self, criterion_id: str, value: Decimal) -> bool:
        return scoring.needs_reason(self._criteria[criterion_id], value)

    def _score_row(
        self, session: Session, application_id: str, criterion_id: str
    ) -> ScoreEntry | None:
        return session.scalar(
            select(ScoreEntry).filter_by(
                **self._scope(), application_id=application_id, criterion_id=criterion_id
            )
        )

    def set_score(
        self,
        application_id: str,
        criterion_id: str,
        value: Decimal | None,
        note: str | None = None,
    ) -> None:
        """Save one criterion's score (None clears it); committed before this returns."""
        self.require_unlocked(application_id)
        if value is not None:
            self.check_score(criterion_id, value)
        with self.db.session() as session:
            row = self._score_row(session, application_id, criterion_id)
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    ScoreEntry(
                        **self._scope(),
                        application_id=application_id,
                        criterion_id=criterion_id,
                        score=value,
                        note=note,
                        updated_at=_now(),
                    )
                )
            else:
                row.score, row.updated_at = value, _now()
                if note is not None:
                    row.note = note
            self._audit(
                session,
                "score",
                {
                    "application": application_id,
                    "criterion": criterion_id,
                    "score": None if value is None else format(value, "f"),
                    "note": note,
                },
            )
        self.bus.publish(Event.SAVED, f"score:{application_id}:{criterion_id}")

    def set_note(self, application_id: str, criterion_id: str, note: str) -> None:
        """Save the written reason for a criterion's score (the score must be saved first)."""
        self.require_unlocked(application_id)
        with self.db.session() as session:
            row = self._score_row(session, application_id, criterion_id)
            if row is None:
                raise InputError(
                    "评分",
                    self._criteria[criterion_id].title
                    if criterion_id in self._criteria
                    else criterion_id,
                    t("score the criterion before giving a reason"),
                )
            row.note = note
            self._audit(
                session,
                "score_note",
                {"application": application_id, "criterion": criterion_id, "note": note},
            )
        self.bus.publish(Event.SAVED, f"note:{application_id}:{criterion_id}")

    def set_opinion(
        self, application_id: str, opinion: str | None = None, recommend: bool | None = None
    ) -> None:
        """Save the opinion text and/or the recommendation."""
        self.require_unlocked(application_id)
        with self.db.session() as session:
            row = session.scalar(
                select(OpinionEntry).filter_by(**self._scope(), application_id=application_id)
            )
            if row is None:
                row = OpinionEntry(
                    **self._scope(),
                    application_id=application_id,
                    opinion="",
                    recommend=None,
                    updated_at=_now(),
                )
                session.add(row)
            if opinion is not None:
                row.opinion = opinion
            if recommend is not None:
                row.recommend = recommend
            row.updated_at = _now()
            self._audit(
                session,
                "opinion",
                {"application": application_id, "opinion": opinion, "recommend": recommend},
            )
        self.bus.publish(Event.SAVED, f"opinion:{application_id}")

    def form(self, application_id: str) -> ApplicationForm:
        with self.db.session() as session:
            scores = session.scalars(
                select(ScoreEntry).filter_by(**self._scope(), application_id=application_id)
            ).all()
            opinion = session.scalar(
                select(OpinionEntry).filter_by(**self._scope(), application_id=application_id)
            )
            return ApplicationForm(
                scores={s.criterion_id: s.score for s in scores},
                notes={s.criterion_id: s.note for s in scores if s.note},
                opinion=opinion.opinion if opinion else "",
                recommend=opinion.recommend if opinion else None,
            )

    # --- the score sheet and the one rule -------------------------------------------------------
    def application_score(self, application_id: str) -> ApplicationScore:
        """What would be signed for one application (recommendation unchosen reads as False)."""
        form = self.form(application_id)
        open_ids = {c.id for c in self.open_checks(application_id)}
        judgements = {k: j for k, j in self.judgements.of(application_id).items() if k in open_ids}
        return ApplicationScore(
            application=application_id,
            criteria=dict(form.scores),
            opinion=form.opinion,
            recommend=bool(form.recommend),
            reasons={k: v for k, v in form.notes.items() if v.strip()},
            judgements=judgements,
        )

    def score_sheet(self) -> ScoreSheet:
        declared = self.declared_conflicts()
        return ScoreSheet(
            expert=self.expert_id,
            coi=Certification(
                self.certified,
                tuple(DeclaredConflict(a, r) for a, r in declared.items()),
            ),
            scores=tuple(self.application_score(entry.id) for entry in self.scorable()),
        )

    def scoring_context(self) -> ScoringContext:
        recused = {a.id: frozenset(a.recused) for a in self.manifest.applications}
        return ScoringContext(self.manifest.rubric, recused, self.open_checks)

    def problems(self, application_id: str | None = None) -> list[tuple[str, str, str]]:
        """Everything that blocks signing (or, given an id, that application's): (id, Chinese,
        English).

        The one score rule (:func:`scoring.entry_problems`), plus a recommendation to choose.
        """
        if not self.certified:
            return [("", *t("conflict-of-interest certification missing").pair())]
        found = []
        context = self.scoring_context()
        for index, entry in enumerate(self.scorable()):
            if application_id is not None and entry.id != application_id:
                continue
            score = self.application_score(entry.id)
            prefix_zh, prefix_en = t("{subject}: {problem}", subject=entry.id, problem="").pair()
            for problem in scoring.entry_problems(
                score, context, f"scores[{index}]", complete=True
            ):
                # said of the application: here without its id
                zh, en = problem.zh.removeprefix(prefix_zh), problem.en.removeprefix(prefix_en)
                found.append((entry.id, zh, en))
            if self.form(entry.id).recommend is None:
                found.append((entry.id, *t("no recommendation chosen").pair()))
        return found

    # --- signed state --------------------------------------------------------------------------
    def sign_state(self, application_id: str) -> SignState:
        """Not signed yet, signed as it stands, or edited since the last signing (需重新签名)."""
        sent = last_sent(self.db, self.package_sha256, self.expert_id)
        if sent is None or sent.sheet is None:
            return SignState.NOT_SIGNED
        signed = next(
            (s for s in sent.sheet.get("scores", []) if s.get("application") == application_id),
            None,
        )
        current = self.score_sheet()
        if signed is None:
            return SignState.NOT_SIGNED if current.entry(application_id) else SignState.SIGNED
        entry = current.entry(application_id)
        if (
            entry is None
            or entry.as_json() != signed
            or current.as_json()["coi"] != sent.sheet.get("coi")
        ):
            return SignState.CHANGED
        return SignState.SIGNED

    def changed_since_signing(self) -> list[str]:
        """Applications edited after the last signing (empty when nothing was ever signed)."""
        return [e.id for e in self.scorable() if self.sign_state(e.id) == SignState.CHANGED]

    def sign_and_export(self, folder: Path) -> SignResult:
        """The signed, encrypted return, the signed opinion PDFs and the chair's copy into
        ``folder``."""
        from tic_desktop.expert.signing import sign_and_export

        return sign_and_export(self, Path(folder))

    def write_signed_files_again(self, folder: Path) -> SignResult:
        """Write the last signed return's files again (e.g. after a full USB stick), no new
        revision."""
        from tic_desktop.expert.signing import write_signed_files_again

        return write_signed_files_again(self, Path(folder))
