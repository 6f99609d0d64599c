"""The center register's records: approved centers, their annual reports, evaluations, revocation.

Terms follow the regulation (聊城市技术创新中心管理办法（征求意见稿）): a center is approved
(批建) when the bureau publishes the list after the public notice (第八条（组建程序）（四）); its
preparation period (筹建期) is generally two years; it reports every year (第十七条); it is
evaluated at the end of preparation and every two years after (第二十条); it may be revoked
(第十九条) or lose its qualification (第二十二条).

The status is derived from the records, never stored, so it cannot disagree with them.
"""

from __future__ import annotations

import calendar
import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from tic_desktop.catalogue import InLanguage, Said, tc

DEFAULT_PREPARATION_YEARS = 2  # 第八条（组建程序）（四）：筹建期一般为2年
LEGACY_LAST_APPROVAL_YEAR = 2024  # 第二十二条：2024年（含）以前批复建设的技术创新中心


@dataclass(frozen=True)
class Bilingual:
    """A text for people, read in Chinese or English when it is shown (``text`` is a catalogue
    :class:`~tic_desktop.catalogue.Text`)."""

    text: Said

    zh = InLanguage("text", "zh")
    en = InLanguage("text", "en")

    def get(self, lang: str = "zh") -> str:
        return self.text.in_language(lang)


class Status(StrEnum):
    PREPARING = "preparing"  # 筹建中: approved, not (yet) admitted into the system
    IN_SYSTEM = "in_system"  # 纳入体系管理: comprehensive evaluation 合格 or better (第二十条)
    # 第二十条: comprehensive evaluation 不合格 → not admitted; nothing to revoke
    NOT_ADMITTED = "not_admitted"
    # 第二十二条: 不合格 → 取消资格; the bureau's decision not yet recorded
    TO_BE_DISQUALIFIED = "to_be_disqualified"
    DISQUALIFIED = "disqualified"  # 已取消资格: the bureau's decision under 第二十二条 recorded
    REVOKED = "revoked"  # 已撤销 (第十九条)


CLOSED_STATUSES = frozenset({Status.NOT_ADMITTED, Status.DISQUALIFIED, Status.REVOKED})
"""Nothing more is due from a center in these states (no reports, no evaluations)."""


class EvaluationKind(StrEnum):
    COMPREHENSIVE = "comprehensive"  # 建设期满综合绩效评价 (第二十条, 第二十二条)
    BIENNIAL = "biennial"  # 年度绩效评价，每两年开展 (第二十条)


class EvaluationResult(StrEnum):
    EXCELLENT = "excellent"  # 优秀
    PASS = "pass"  # 合格
    FAIL = "fail"  # 不合格
    ABSENT = (
        "absent"  # 无故不参加 (第十九条（二）); the bureau decides that there was no good reason
    )


PASSING = (EvaluationResult.EXCELLENT, EvaluationResult.PASS)


class RevocationClause(StrEnum):
    """The clause a revocation rests on."""

    NO_REPORTS = "19.1"  # 连续2年未报送年度报告
    SKIPPED_EVALUATION = "19.2"  # 无故不参加绩效评价
    MISCONDUCT = "19.3"  # 弄虚作假，出现违法或科研失信问题，造成不良影响
    ACCIDENT = "19.4"  # 发生重大质量、安全、环境事故造成严重影响
    LEAD_UNIT_UNABLE = "19.5"  # 依托单位停产、破产、被重组、收购等，不能保障正常运行
    VOLUNTARY = "19.6"  # 依托单位自愿提出撤销
    NOT_ADMITTED = (
        "20"  # kept only to read old records: 第二十条 names no revocation (see REVOCATION_GROUNDS)
    )
    DISQUALIFIED = "22"  # 2024年（含）以前批复的中心综合绩效评价不合格，取消资格


REVOCATION_GROUNDS = tuple(c for c in RevocationClause if c is not RevocationClause.NOT_ADMITTED)
"""The grounds the regulation gives for 撤销 (第十九条（一）–（六）) or 取消资格 (第二十二条)."""


STATUS_TEXT = {
    Status.PREPARING: Bilingual(tc("center status", "Preparing")),
    Status.IN_SYSTEM: Bilingual(tc("center status", "In the system")),
    Status.NOT_ADMITTED: Bilingual(tc("center status", "Failed: not admitted")),
    Status.TO_BE_DISQUALIFIED: Bilingual(tc("center status", "Failed: to lose qualification")),
    Status.DISQUALIFIED: Bilingual(tc("center status", "Qualification cancelled")),
    Status.REVOKED: Bilingual(tc("center status", "Revoked")),
}
KIND_TEXT = {
    EvaluationKind.COMPREHENSIVE: Bilingual(
        tc("evaluation kind", "End-of-preparation comprehensive evaluation")
    ),
    EvaluationKind.BIENNIAL: Bilingual(tc("evaluation kind", "Biennial performance evaluation")),
}
KIND_IN_A_SENTENCE = {
    EvaluationKind.COMPREHENSIVE: tc(
        "evaluation kind", "end-of-preparation comprehensive evaluation"
    ),
    EvaluationKind.BIENNIAL: tc("evaluation kind", "biennial performance evaluation"),
}
""":data:`KIND_TEXT` as said within a sentence."""
RESULT_TEXT = {
    EvaluationResult.EXCELLENT: Bilingual(tc("evaluation result", "Excellent")),
    EvaluationResult.PASS: Bilingual(tc("evaluation result", "Pass")),
    EvaluationResult.FAIL: Bilingual(tc("evaluation result", "Fail")),
    EvaluationResult.ABSENT: Bilingual(
        tc("evaluation result", "Did not take part without good reason")
    ),
}
CLAUSE_TEXT = {  # worded as in the regulation
    RevocationClause.NO_REPORTS: Bilingual(
        tc("revocation clause", "Art. 19(1) no annual report for two consecutive years")
    ),
    RevocationClause.SKIPPED_EVALUATION: Bilingual(
        tc(
            "revocation clause",
            "Art. 19(2) did not take part in a performance evaluation without good reason",
        )
    ),
    RevocationClause.MISCONDUCT: Bilingual(
        tc(
            "revocation clause",
            "Art. 19(3) fraud, illegal acts or research misconduct with adverse effects",
        )
    ),
    RevocationClause.ACCIDENT: Bilingual(
        tc(
            "revocation clause",
            "Art. 19(4) major quality, safety or environmental accident with serious effects",
        )
    ),
    RevocationClause.LEAD_UNIT_UNABLE: Bilingual(
        tc(
            "revocation clause",
            "Art. 19(5) the lead unit cannot keep the center running (stopped production, "
            "bankruptcy, restructuring, acquisition or the like)",
        )
    ),
    RevocationClause.VOLUNTARY: Bilingual(
        tc("revocation clause", "Art. 19(6) the lead unit asked for the center to be revoked")
    ),
    RevocationClause.NOT_ADMITTED: Bilingual(
        tc(
            "revocation clause",
            "Art. 20 failed the comprehensive evaluation (old record: Art. 20 names no revocation)",
        )
    ),
    RevocationClause.DISQUALIFIED: Bilingual(
        tc(
            "revocation clause",
            "Art. 22 approved in 2024 or earlier and failed the comprehensive evaluation: "
            "qualification cancelled",
        )
    ),
}


def add_years(start: date, years: int) -> date:
    """The last day of a period of ``years`` years beginning after ``start``.

    民法典第二百零一条、第二百零二条: the start day is not counted, the period ends on the
    corresponding day of the final month, or on that month's last day if it has no such day
    (approved on 29 February 2024 → preparation ends 28 February 2026).
    """
    return add_months(start, 12 * years)


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` months, clamped to the month's last day
    (see :func:`add_years`)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class AnnualReport:
    """The annual report (年度报告, 第十七条) for calendar year ``year``, received on a date."""

    year: int
    received_on: date


@dataclass(frozen=True)
class Evaluation:
    """A performance evaluation held in ``year`` with its result."""

    kind: EvaluationKind
    year: int
    result: EvaluationResult


@dataclass(frozen=True)
class Revocation:
    """The bureau's decision to revoke the center (or cancel its qualification)."""

    revoked_on: date
    clause: RevocationClause
    note: str = ""


@dataclass(frozen=True)
class RecordChange:
    """A correction of the register, as kept: which record, its fields before and after (``after``
    empty when it was removed), the reason given, and when it was made."""

    record: str
    """``center``, ``annual_report``, ``evaluation`` or ``revocation``."""
    action: str
    """``corrected`` or ``removed``."""
    before: dict[str, str]
    after: dict[str, str]
    reason: str
    at: datetime


@dataclass(frozen=True)
class Center:
    """An approved technology innovation center and everything the register knows about it."""

    id: str
    name: str
    lead_unit: str
    lead_uscc: str
    field: str
    approved_on: date
    preparation_years: int = DEFAULT_PREPARATION_YEARS
    reports: tuple[AnnualReport, ...] = dataclasses.field(default=())
    evaluations: tuple[Evaluation, ...] = dataclasses.field(default=())
    revocation: Revocation | None = None
    history: tuple[RecordChange, ...] = dataclasses.field(default=(), compare=False)
    """Corrections of this center's records, oldest first (nothing the status depends on)."""

    @property
    def preparation_end(self) -> date:
        """The last day of the preparation period (筹建期), by :func:`add_years`."""
        return add_years(self.approved_on, self.preparation_years)

    @property
    def legacy(self) -> bool:
        """Approved in 2024 or earlier: 第二十二条 governs its comprehensive evaluation."""
        return self.approved_on.year <= LEGACY_LAST_APPROVAL_YEAR

    def report_for(self, year: int) -> AnnualReport | None:
        return next((r for r in self.reports if r.year == year), None)

    def evaluations_of(self, kind: EvaluationKind) -> list[Evaluation]:
        """Evaluations of one kind, oldest first."""
        return sorted((e for e in self.evaluations if e.kind is kind), key=lambda e: e.year)

    def admission(self) -> Evaluation | None:
        """The comprehensive evaluation that admitted the center into the system
        (合格 or better)."""
        return next(
            (e for e in self.evaluations_of(EvaluationKind.COMPREHENSIVE) if e.result in PASSING),
            None,
        )

    def failed_comprehensive(self) -> Evaluation | None:
        """The graded comprehensive evaluation if it was 不合格 (and none admitted the center)."""
        if self.admission() is not None:
            return None
        return next(
            (
                e
                for e in self.evaluations_of(EvaluationKind.COMPREHENSIVE)
                if e.result is EvaluationResult.FAIL
            ),
            None,
        )

    def revocation_grounds(self) -> tuple[RevocationClause, ...]:
        """The clauses this center can be revoked on: 第十九条,
        and 第二十二条 only for a legacy center."""
        return tuple(
            c for c in REVOCATION_GROUNDS if c is not RevocationClause.DISQUALIFIED or self.legacy
        )

    @property
    def status(self) -> Status:
        if self.revocation is not None:
            return (
                Status.DISQUALIFIED
                if self.revocation.clause is RevocationClause.DISQUALIFIED
                else Status.REVOKED
            )
        if self.admission() is not None:
            return Status.IN_SYSTEM
        if self.failed_comprehensive() is not None:
            # 第二十二条 cancels a legacy center's qualification (the bureau records the decision);
            # 第二十条 admits only 合格（含）以上: a newer center is simply not admitted.
            return Status.TO_BE_DISQUALIFIED if self.legacy else Status.NOT_ADMITTED
        return Status.PREPARING
