"""Aggregating verified returns into final scores and ranks (formats.md, ``tic aggregate``).

Exact decimals throughout; rounding (half-up, 2 places) only when figures are written out.
final = mean after dropping one highest and one lowest total when there are at least
``trim_from`` valid totals (default 5), otherwise the plain mean. Ranks use the unrounded
final; equal finals share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, overload

from tic_desktop.catalogue import tc
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.domain.round import Panel
from tic_desktop.returns.receiving import ReceivedReturn, ReturnStatus
from tic_desktop.returns.scoring import ApplicationScore, ScoreSheet
from tic_desktop.rules.conflicts import PanelConflicts, round_panel_conflicts
from tic_desktop.rules.messages import pairs

# How flags and exclusion reasons read to people (the JSON output keeps the codes): (zh, en) from
# the core's catalogue for windows (rules.messages.label), Chinese alone for the bureau's documents.
FLAG_LABELS = pairs(
    {
        "below_quorum": tc("result flag", "Too few valid scores"),
        "wide_spread": tc("result flag", "Wide spread"),
    }
)
EXCLUSION_LABELS = pairs(
    {
        "recused": tc("exclusion", "recused"),
        "incomplete": tc("exclusion", "incomplete scores"),
        "no_return": tc("exclusion", "not returned"),
        "conflict": tc("exclusion", "conflicting returns, to be chosen"),
    }
)
FLAG_TEXT = {code: zh for code, (zh, _en) in FLAG_LABELS.items()}
EXCLUSION_TEXT = {code: zh for code, (zh, _en) in EXCLUSION_LABELS.items()}


@dataclass(frozen=True)
class Method:
    """The method's parameters (a round may set them under ``aggregation``)."""

    trim_from: int = 5
    wide_spread_points: Decimal = Decimal(20)
    grade_bands: tuple[tuple[Decimal, str], ...] = ((Decimal(85), "优秀"), (Decimal(60), "合格"))
    lowest_grade: str = "不合格"

    def describe(self) -> str:
        return (
            f"有效评分不少于 {self.trim_from} 个时去掉一个最高分和一个最低分后取算术平均，"
            "否则取算术平均；"
            f"最高分与最低分之差超过 {self.wide_spread_points} 分标记为分差过大"
        )

    def parameters(self) -> dict[str, str]:
        """The method's parameters as the signed summary prints them, labelled in Chinese (the
        round file's keys are in formats.md: trim_from, wide_spread_points, grade_bands)."""
        bands = [f"{grade} ≥ {low}" for low, grade in self.grade_bands]
        if self.grade_bands:
            bands.append(f"{self.lowest_grade} < {self.grade_bands[-1][0]}")
        return {
            "去掉最高分和最低分的最少有效评分数": str(self.trim_from),
            "分差预警分数": str(self.wide_spread_points),
            "等次分档": "，".join(bands),
        }


def round_method(review_round: ReviewRound) -> Method:
    settings = review_round.spec.aggregation
    if settings is None:
        return Method()
    bands = (
        tuple(sorted(((Decimal(b.min), b.grade) for b in settings.grade_bands), reverse=True))
        if settings.grade_bands
        else Method.grade_bands
    )
    return Method(
        trim_from=settings.trim_from,
        wide_spread_points=settings.wide_spread_points,
        grade_bands=bands,
        lowest_grade=settings.lowest_grade,
    )


@overload
def money2(value: Decimal) -> str: ...


@overload
def money2(value: None) -> None: ...


@overload
def money2(value: Decimal | None) -> str | None: ...


def money2(value: Decimal | None) -> str | None:
    return (
        None
        if value is None
        else format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")
    )


@dataclass
class ApplicationResult:
    application_id: str
    totals: dict[str, Decimal] = field(default_factory=dict)  # expert -> total, valid ones only
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (expert, reason)
    criterion_scores: dict[str, list[Decimal]] = field(default_factory=dict)
    # the counted experts' signed entries (reasons and judgements for the detail and the exports)
    entries: dict[str, ApplicationScore] = field(default_factory=dict)
    mean: Decimal | None = None
    final: Decimal | None = None
    rank: int | None = None
    flags: list[str] = field(default_factory=list)
    grade: str | None = None

    @property
    def valid(self) -> int:
        return len(self.totals)

    @property
    def minimum(self) -> Decimal | None:
        return min(self.totals.values()) if self.totals else None

    @property
    def maximum(self) -> Decimal | None:
        return max(self.totals.values()) if self.totals else None

    def criterion_means(self) -> dict[str, Decimal]:
        """Unrounded mean of each criterion over the valid totals (criteria nobody scored validly
        are absent)."""
        return {
            cid: sum(values, Decimal(0)) / len(values)
            for cid, values in self.criterion_scores.items()
            if values
        }

    def as_json(self, with_grade: bool) -> dict[str, Any]:
        result: dict[str, Any] = {
            "id": self.application_id,
            "valid": self.valid,
            "mean": money2(self.mean),
            "final": money2(self.final),
            "rank": self.rank,
            "min": money2(self.minimum),
            "max": money2(self.maximum),
            "excluded": [{"expert": e, "reason": r} for e, r in self.excluded],
            "flags": list(self.flags),
        }
        if with_grade:
            result["grade"] = self.grade
        return result


def trims(count: int, trim_from: int) -> bool:
    """Whether the final drops one highest and one lowest of ``count`` valid totals."""
    return count >= trim_from and count >= 3


def trimmed_experts(totals: dict[str, Decimal], trim_from: int) -> tuple[str, ...]:
    """The experts whose totals ``final_score`` drops: (lowest, highest), or () when it does not
    trim.

    Among equal totals any one gives the same final; the expert id decides which is named, so the
    display is stable.
    """
    if not trims(len(totals), trim_from):
        return ()
    ordered = sorted(totals, key=lambda expert: (totals[expert], expert))
    return ordered[0], ordered[-1]


def final_score(totals: list[Decimal], trim_from: int) -> tuple[Decimal, Decimal]:
    """(plain mean, final) of ``totals``; final drops one highest and one lowest from
    ``trim_from`` up."""
    mean = sum(totals, Decimal(0)) / len(totals)
    if trims(len(totals), trim_from):
        trimmed = sorted(totals)[1:-1]
        return mean, sum(trimmed, Decimal(0)) / len(trimmed)
    return mean, mean


def assign_ranks(results: list[ApplicationResult]) -> None:
    """Competition ranking on the unrounded final: 1, 2, 2, 4."""
    scored = sorted(
        ((r.final, r) for r in results if r.final is not None),
        key=lambda scored_result: scored_result[0],
        reverse=True,
    )
    for position, (final, result) in enumerate(scored, start=1):
        previous = scored[position - 2] if position > 1 else None
        result.rank = (
            previous[1].rank if previous is not None and previous[0] == final else position
        )


class Exclusion(StrEnum):
    """Why a member of the application's panel is not counted (formats.md ``excluded``)."""

    RECUSED = "recused"
    INCOMPLETE = "incomplete"
    NO_RETURN = "no_return"
    CONFLICT = "conflict"


def member_outcome(
    member: str,
    application_id: str,
    recused: set[str] | frozenset[str],
    sheet: ScoreSheet | None,
    in_conflict: bool,
    rubric_ids: list[str],
) -> Decimal | Exclusion:
    """One panel member's total for an application, or why it is not counted.

    Shared by the bureau's ranking and the chair's picture of the panel. A member recused by the
    bureau is excluded whatever the return says; conflicting returns count for nothing until the
    bureau chooses; a member's own declared conflict recuses too.
    """
    if member in recused:
        return Exclusion.RECUSED
    if in_conflict:
        return Exclusion.CONFLICT
    if sheet is None:
        return Exclusion.NO_RETURN
    if application_id in sheet.coi.declared_ids():
        return Exclusion.RECUSED
    entry = sheet.entry(application_id)
    if entry is None or any(c not in entry.criteria for c in rubric_ids):
        return Exclusion.INCOMPLETE
    return sum((entry.criteria[c] for c in rubric_ids), Decimal(0))


def aggregate(
    review_round: ReviewRound, returns: list[ReceivedReturn], method: Method | None = None
) -> list[ApplicationResult]:
    """Final scores, ranks and flags for every application of the round, in round-file order.

    Each application is scored by the one panel it is in; a member's scores count only from an
    accepted return on a package of that panel (the package a return was made on decides).
    Every member of the panel is either counted or listed in ``excluded`` with the reason.
    """
    return aggregate_with(review_round, returns, round_panel_conflicts(review_round), method)


def aggregate_with(
    review_round: ReviewRound,
    returns: list[ReceivedReturn],
    conflicts: list[PanelConflicts],
    method: Method | None = None,
) -> list[ApplicationResult]:
    """:func:`aggregate` given the round's panel conflicts already worked out
    (``round_panel_conflicts(review_round)``, e.g. ``EvaluatedRound.panels``): an inbox ranks again
    after every file added and need not redo them."""
    method = method or round_method(review_round)
    rubric_ids = [c.id for c in review_round.rubric.criteria]
    recused = {(r.panel_id, r.application_id): set(r.recused) for r in conflicts}
    accepted: dict[tuple[str, str], ReceivedReturn] = {}
    in_conflict: set[tuple[str, str]] = set()
    for item in returns:
        if item.sheet is None or item.panel is None or item.expert is None:
            continue
        if item.document.get("round") != review_round.id:
            continue
        if item.status == ReturnStatus.ACCEPTED:
            accepted[(item.panel, item.expert)] = item
        elif item.status == ReturnStatus.CONFLICT:
            in_conflict.add((item.panel, item.expert))
    panel_of: dict[str, Panel] = {}
    for round_panel in review_round.panels:
        for app_id in round_panel.applications:
            panel_of.setdefault(app_id, round_panel)
    results = {app_id: ApplicationResult(app_id) for app_id in review_round.applications}
    for app_id, result in results.items():
        panel = panel_of.get(app_id)
        if panel is None:
            continue
        for member in panel.members:
            counted = accepted.get((panel.id, member))
            outcome = member_outcome(
                member,
                app_id,
                recused.get((panel.id, app_id), set()),
                counted.sheet if counted is not None else None,
                (panel.id, member) in in_conflict and counted is None,
                rubric_ids,
            )
            if isinstance(outcome, Exclusion):
                result.excluded.append((member, outcome.value))
                continue
            assert counted is not None and counted.sheet is not None
            entry = counted.sheet.entry(app_id)
            assert entry is not None
            result.totals[member] = outcome
            result.entries[member] = entry
            for cid in rubric_ids:
                result.criterion_scores.setdefault(cid, []).append(entry.criteria[cid])

    quorum = review_round.spec.quorum
    for result in results.values():
        if result.totals:
            totals = list(result.totals.values())
            result.mean, result.final = final_score(totals, method.trim_from)
            if max(totals) - min(totals) > method.wide_spread_points:
                result.flags.append("wide_spread")
        if result.valid < quorum:
            result.flags.insert(0, "below_quorum")
        if review_round.spec.kind == "performance" and result.final is not None:
            result.grade = next(
                (g for low, g in method.grade_bands if result.final >= low), method.lowest_grade
            )
    ordered = [results[a] for a in review_round.applications]
    assign_ranks(ordered)
    return ordered
