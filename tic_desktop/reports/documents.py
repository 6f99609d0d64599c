"""What goes into each review document (plain data, filled by the callers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CaseHeader:
    """The round and application a document is about."""

    round_id: str
    round_title: str
    panel_id: str
    application_id: str
    center_name: str
    lead_unit: str
    field: str = ""


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: str
    title: str
    maximum: Decimal
    score: Decimal
    reason: str = ""  # the expert's written reason (required far from the guidance)


@dataclass(frozen=True)
class FormalJudgementLine:
    """An expert's judgement on a formal-review item the rules left to the experts."""

    title: str
    engine_result: str  # the engine's result in words (需专家研判, 数据缺失…)
    agrees: bool
    reason: str = ""


@dataclass(frozen=True)
class ExpertOpinion:
    """专家评审意见表: one expert's scores and opinion on one application."""

    case: CaseHeader
    expert_id: str
    expert_name: str
    expert_unit: str
    expert_title: str
    criteria: list[CriterionScore]
    opinion: str
    recommend: bool
    declared_conflicts: list[str]  # this expert's declared conflicts in the panel, for the record
    date: str
    judgements: list[FormalJudgementLine] = field(default_factory=list)
    signed_at: dt.datetime | None = None  # the PDF's CreationDate

    @property
    def total(self) -> Decimal:
        return sum((c.score for c in self.criteria), Decimal(0))


@dataclass(frozen=True)
class MemberTotal:
    expert_id: str
    name: str
    unit: str
    total: Decimal | None  # None: not counted, for the reason in ``status``
    recusal_reason: str = ""
    status: str = "回避"  # shown instead of a total: 回避 / 未提交 / 评分不完整 / 有冲突的版本


@dataclass(frozen=True)
class GroupOpinion:
    """专家组意见: the panel's figures for one application and its consensus opinion."""

    case: CaseHeader
    members: list[MemberTotal]
    valid_count: int
    mean: Decimal
    final: Decimal
    minimum: Decimal
    maximum: Decimal
    method: str
    consensus: str
    recommend: bool
    chair_id: str
    chair_name: str
    date: str


@dataclass(frozen=True)
class InspectionItem:
    title: str
    clause: str
    result: str  # 符合 / 不符合 / 不适用
    measured: str
    note: str


@dataclass(frozen=True)
class InspectionPhoto:
    caption: str
    jpeg_or_png: bytes
    sha256: str


@dataclass(frozen=True)
class InspectionReport:
    """现场考察报告: the checklist as found on site, with photos and the team."""

    case: CaseHeader
    site_address: str
    visit_date: str
    items: list[InspectionItem]
    photos: list[InspectionPhoto]
    team: list[tuple[str, str, str]]  # (expert id, name, unit); the first is the leader
    conclusion: str


@dataclass(frozen=True)
class RankingRow:
    rank: int | None  # None: no valid score, not ranked
    application_id: str
    center_name: str
    valid: int
    mean: str
    final: str
    minimum: str
    maximum: str
    flags: list[str]
    grade: str = ""


@dataclass(frozen=True)
class ResultSummary:
    """评审结果汇总表: the ranking with the method, its parameters and every input's hash."""

    round_id: str
    round_title: str
    method: str
    parameters: dict[str, str]
    rows: list[RankingRow]
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (file name, sha256)
    excluded: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (application, expert, reason)
    date: str = ""
    performance: bool = False  # a performance round (绩效评价): grades and their bands shown
