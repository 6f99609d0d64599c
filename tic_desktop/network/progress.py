"""The progress board's figures: each panel member's state and the ranking so far (Qt-free)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from tic_desktop.aggregation import ApplicationResult, aggregate
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.returns.receiving import ReceivedReturn, ReturnStatus


class MemberState(StrEnum):
    NOT_SUBMITTED = "not_submitted"  # 未提交
    DELIVERED = "delivered"  # 已送达: arrived, being verified (or refused: see ``note``)
    SIGNED = "signed"  # 已签名 第 n 版: the counted return is revision n
    CONFLICT = "conflict"  # 冲突: revisions disagree, the bureau must choose


@dataclass
class MemberProgress:
    expert: str
    name: str
    state: MemberState = MemberState.NOT_SUBMITTED
    revision: int | None = None
    note: str = ""  # e.g. why the last file was refused
    chair: bool = False


@dataclass
class PanelProgress:
    panel_id: str
    members: list[MemberProgress] = field(default_factory=list)

    @property
    def signed(self) -> int:
        return sum(1 for m in self.members if m.state == MemberState.SIGNED)

    @property
    def conflicts(self) -> int:
        return sum(1 for m in self.members if m.state == MemberState.CONFLICT)


@dataclass
class ProgressSnapshot:
    round_id: str
    panels: list[PanelProgress]
    results: list[ApplicationResult]
    returns: int  # verified returns stored
    at: dt.datetime

    def member(self, expert: str) -> MemberProgress | None:
        for panel in self.panels:
            for member in panel.members:
                if member.expert == expert:
                    return member
        return None


def progress_snapshot(
    review_round: ReviewRound,
    items: list[ReceivedReturn],
    arriving: dict[str, str] | None = None,
) -> ProgressSnapshot:
    """The board's state from the classified returns; ``arriving`` maps experts whose file is in
    flight (or was just refused) to a note."""
    arriving = arriving or {}
    accepted: dict[tuple[str, str], ReceivedReturn] = {}
    conflicted: set[tuple[str, str]] = set()
    for item in items:
        if item.panel is None or item.expert is None:
            continue
        key = (item.panel, item.expert)
        if item.status == ReturnStatus.ACCEPTED:
            accepted[key] = item
        elif item.status == ReturnStatus.CONFLICT:
            conflicted.add(key)
    panels = []
    experts = review_round.experts
    for panel in review_round.panels:
        progress = PanelProgress(panel.id)
        for member_id in panel.members:
            expert = experts.get(member_id)
            member = MemberProgress(
                member_id, expert.name if expert else member_id, chair=member_id == panel.chair
            )
            key = (panel.id, member_id)
            if key in conflicted:
                member.state = MemberState.CONFLICT
            elif key in accepted:
                member.state, member.revision = MemberState.SIGNED, accepted[key].revision
            elif member_id in arriving:
                member.state = MemberState.DELIVERED
            if member_id in arriving:
                member.note = arriving[member_id]
            progress.members.append(member)
        panels.append(progress)
    # what the board shows of the ranking: the signed entries stay with the returns (the snapshot
    # crosses from the collector's process with every arrival)
    results = [
        dataclasses.replace(r, entries={}, criterion_scores={})
        for r in aggregate(review_round, items)
    ]
    return ProgressSnapshot(
        review_round.id,
        panels,
        results,
        sum(1 for i in items if i.verified),
        dt.datetime.now(dt.UTC),
    )
