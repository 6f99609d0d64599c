"""An expert's review session over one opened package, every edit saved as it is made.

Each edit is one SQLite transaction that also appends to the hash-chained audit log; the
session publishes ``Event.SAVED`` only after the commit, so "已保存" in the status bar means
the edit is on disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import delete, select

from tic_desktop.errors import InputError, TicError
from tic_desktop.events import Event, EventBus
from tic_desktop.expert.formal_review import FormalJudgements, report_from_json, require_open_item
from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.manifest import ApplicationEntry
from tic_desktop.packages.opening import OpenedPackage
from tic_desktop.returns.making import ReturnMade, make_return
from tic_desktop.returns.opinion_pdfs import write_opinion_pdfs
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.rules.results import EligibilityReport
from tic_desktop.security import age_files
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage.audit import append_audit_event, audit_head_hash
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import CoiCertification, OpinionEntry, ScoreEntry

# A score this far from the middle of the scale needs a short written reason (issue 5).
HIGH_SHARE, LOW_SHARE = Decimal("0.9"), Decimal("0.4")
CHAIR_COPY_SUFFIX = ".chaircopy"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
        self._criteria = {c.id: c for c in self.manifest.rubric.criteria}
        self.judgements = FormalJudgements(db, self.round_id, self.expert_id)
        self._reports: dict[str, EligibilityReport] = {}
        self._certification: CoiCertification | None = None
        self._certification_loaded = False

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
                row = session.scalar(
                    select(CoiCertification).where(
                        CoiCertification.round_id == self.round_id,
                        CoiCertification.expert_id == self.expert_id,
                    )
                )
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
        """Record the certification with any further conflicts the expert declares (reason required)."""
        for app_id, reason in declared.items():
            if self.manifest.application(app_id) is None:
                raise InputError(
                    "回避声明", app_id, "本专家组没有该申报", "no such application in this panel"
                )
            if not reason.strip():
                raise InputError("回避声明", app_id, "请填写回避理由", "a reason is required")
        entries = [{"application": a, "reason": r.strip()} for a, r in declared.items()]
        with self.db.session() as session:
            session.execute(
                delete(CoiCertification).where(
                    CoiCertification.round_id == self.round_id,
                    CoiCertification.expert_id == self.expert_id,
                )
            )
            session.add(
                CoiCertification(
                    round_id=self.round_id,
                    expert_id=self.expert_id,
                    package_sha256=self.package.package_sha256,
                    declared=entries,
                    certified_at=_now(),
                )
            )
            append_audit_event(
                session,
                self.expert_id,
                "coi_certified",
                {"round": self.round_id, "declared": entries},
            )
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
        return self.package.read_member(
            self.manifest.application(application_id).data, self.credential
        )

    def _require_certified(self) -> None:
        if not self.certified:
            raise TicError("请先完成回避声明", "certify your conflicts of interest first")

    def require_unlocked(self, application_id: str) -> None:
        self._require_certified()
        if self.manifest.application(application_id) is None:
            raise InputError(
                "评分", application_id, "本专家组没有该申报", "no such application in this panel"
            )
        if self.locked(application_id):
            raise TicError(
                f"您须回避申报 {application_id}，不能查看材料或评分",
                f"you are recused from {application_id}: no materials, no scoring",
            )

    # --- formal review ------------------------------------------------------------------------
    def formal_review(self, application_id: str) -> EligibilityReport:
        if application_id not in self._reports:
            self._reports[application_id] = report_from_json(
                self.read_application_data(application_id)
            )
        return self._reports[application_id]

    def judge(self, application_id: str, check_id: str, agrees: bool, reason: str = "") -> None:
        """Agree with the engine on an open item, or record a different judgement (with a reason)."""
        require_open_item(self.formal_review(application_id), check_id)
        self.judgements.record(application_id, check_id, agrees, reason)
        self.bus.publish(Event.SAVED, f"judgement:{application_id}:{check_id}")

    def formal_record(self) -> dict[str, dict[str, dict]]:
        """The judgements that go into the signed return, per application and check."""
        return {
            a.id: {
                c: {"agrees": j.agrees, "reason": j.reason}
                for c, j in self.judgements.of(a.id).items()
            }
            for a in self.scorable()
        }

    # --- scoring, autosaved --------------------------------------------------------------------
    def check_score(self, criterion_id: str, value: Decimal) -> None:
        criterion = self._criteria.get(criterion_id)
        where = f"{criterion_id}"
        if criterion is None:
            raise InputError("评分", where, "没有该评分项", "no such criterion")
        step = self.manifest.rubric.step
        try:
            on_step = value % step == 0
        except InvalidOperation:
            on_step = False
        if not (Decimal(0) <= value <= criterion.max):
            raise InputError(
                "评分",
                where,
                f"分数应在 0–{criterion.max} 之间",
                f"score must be within 0–{criterion.max}",
            )
        if not on_step:
            raise InputError(
                "评分", where, f"分数应为 {step} 的整数倍", f"score must be a multiple of {step}"
            )

    def needs_reason(self, criterion_id: str, value: Decimal) -> bool:
        maximum = self._criteria[criterion_id].max
        return value > maximum * HIGH_SHARE or value < maximum * LOW_SHARE

    def set_score(
        self, application_id: str, criterion_id: str, value: Decimal | None, note: str | None = None
    ) -> None:
        """Save one criterion's score (None clears it); committed before this returns."""
        self.require_unlocked(application_id)
        if value is not None:
            self.check_score(criterion_id, value)
        with self.db.session() as session:
            row = session.scalar(
                select(ScoreEntry).where(
                    ScoreEntry.round_id == self.round_id,
                    ScoreEntry.expert_id == self.expert_id,
                    ScoreEntry.application_id == application_id,
                    ScoreEntry.criterion_id == criterion_id,
                )
            )
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    ScoreEntry(
                        round_id=self.round_id,
                        expert_id=self.expert_id,
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
            append_audit_event(
                session,
                self.expert_id,
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
        self.require_unlocked(application_id)
        with self.db.session() as session:
            row = session.scalar(
                select(ScoreEntry).where(
                    ScoreEntry.round_id == self.round_id,
                    ScoreEntry.expert_id == self.expert_id,
                    ScoreEntry.application_id == application_id,
                    ScoreEntry.criterion_id == criterion_id,
                )
            )
            if row is None:
                raise InputError(
                    "评分",
                    criterion_id,
                    "请先打分再填写理由",
                    "score the criterion before giving a reason",
                )
            row.note = note
            append_audit_event(
                session,
                self.expert_id,
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
                select(OpinionEntry).where(
                    OpinionEntry.round_id == self.round_id,
                    OpinionEntry.expert_id == self.expert_id,
                    OpinionEntry.application_id == application_id,
                )
            )
            if row is None:
                row = OpinionEntry(
                    round_id=self.round_id,
                    expert_id=self.expert_id,
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
            append_audit_event(
                session,
                self.expert_id,
                "opinion",
                {"application": application_id, "opinion": opinion, "recommend": recommend},
            )
        self.bus.publish(Event.SAVED, f"opinion:{application_id}")

    def form(self, application_id: str) -> ApplicationForm:
        with self.db.session() as session:
            scores = session.scalars(
                select(ScoreEntry).where(
                    ScoreEntry.round_id == self.round_id,
                    ScoreEntry.expert_id == self.expert_id,
                    ScoreEntry.application_id == application_id,
                )
            ).all()
            opinion = session.scalar(
                select(OpinionEntry).where(
                    OpinionEntry.round_id == self.round_id,
                    OpinionEntry.expert_id == self.expert_id,
                    OpinionEntry.application_id == application_id,
                )
            )
            return ApplicationForm(
                scores={s.criterion_id: s.score for s in scores},
                notes={s.criterion_id: s.note for s in scores if s.note},
                opinion=opinion.opinion if opinion else "",
                recommend=opinion.recommend if opinion else None,
            )

    # --- signing ----------------------------------------------------------------------------
    def problems(self, application_id: str | None = None) -> list[tuple[str, str, str]]:
        """Everything that blocks signing (or, given an id, that application's): (id, Chinese, English)."""
        if not self.certified:
            return [("", "尚未完成回避声明", "conflict-of-interest certification missing")]
        found = []
        for entry in self.scorable():
            if application_id is not None and entry.id != application_id:
                continue
            form = self.form(entry.id)
            for criterion in self.manifest.rubric.criteria:
                value = form.scores.get(criterion.id)
                if value is None:
                    found.append(
                        (entry.id, f"“{criterion.title}”尚未评分", f"{criterion.id} not scored")
                    )
                elif (
                    self.needs_reason(criterion.id, value)
                    and not form.notes.get(criterion.id, "").strip()
                ):
                    found.append(
                        (
                            entry.id,
                            f"“{criterion.title}”得分 {value} 偏离评分指引，请填写简要理由",
                            f"{criterion.id} score {value} is far from the guidance: give a short reason",
                        )
                    )
            if not form.opinion.strip():
                found.append((entry.id, "评审意见为空", "the opinion is empty"))
            for zh, en in FormalJudgements.problems(
                self.formal_review(entry.id), self.judgements.of(entry.id)
            ):
                found.append((entry.id, zh, en))
            if form.recommend is None:
                found.append((entry.id, "尚未选择是否推荐", "no recommendation chosen"))
        return found

    def score_sheet(self) -> ScoreSheet:
        declared = self.declared_conflicts()
        scores = []
        for entry in self.scorable():
            form = self.form(entry.id)
            scores.append(
                {
                    "application": entry.id,
                    "criteria": {k: format(v, "f") for k, v in form.scores.items()},
                    "opinion": form.opinion,
                    "recommend": bool(form.recommend),
                }
            )
        return ScoreSheet.model_validate(
            {
                "expert": self.expert_id,
                "coi": {
                    "certified": self.certified,
                    "declared": [{"application": a, "reason": r} for a, r in declared.items()],
                },
                "scores": scores,
            }
        )

    def sign_and_export(self, folder: Path) -> tuple[ReturnMade, list[Path]]:
        """The signed, encrypted return and the signed opinion PDFs, into ``folder`` (e.g. a USB stick)."""
        blocking = self.problems()
        if blocking:
            app_id, zh, en = blocking[0]
            raise TicError(
                f"还不能签名：{app_id} {zh}（共 {len(blocking)} 处未完成）",
                f"cannot sign yet: {app_id} {en} ({len(blocking)} items incomplete)",
            )
        folder = Path(folder)
        sheet = self.score_sheet()
        with self.db.session() as session:
            head = audit_head_hash(session)
        target = folder / f"{self.round_id}-{self.manifest.panel_id}-{self.expert_id}.ticreturn"
        made = make_return(
            self.package,
            self.credential,
            sheet,
            target,
            self.db,
            "评分表",
            audit_head=head,
            extra={"formal_review": self.formal_record()},
        )
        pdfs = write_opinion_pdfs(self.manifest, self.credential, sheet, folder)
        chair = self.manifest.member(self.manifest.chair)
        # The return is for the bureau's eyes; the chair gets the same signed scores encrypted to them.
        write_atomically(
            target.with_suffix(CHAIR_COPY_SUFFIX),
            age_files.encrypt_to(made.token, [chair.age_recipient]),
        )
        with self.db.session() as session:
            append_audit_event(
                session,
                self.expert_id,
                "signed",
                {"revision": made.revision, "return_sha256": made.file_sha256},
            )
        self.bus.publish(Event.SAVED, "signed")
        return made, pdfs
