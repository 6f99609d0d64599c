"""What the returns inbox hands out (:mod:`tic_desktop.returns.inbox`): the snapshot and the records
in it (received files, the bureau's choices, each panel member's state). No Qt here.

A snapshot is never changed after it is made, so a window can show one while the next job runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from tic_desktop.aggregation import ApplicationResult
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.errors import TicError
from tic_desktop.returns.receiving import ReceivedReturn, ReturnStatus


class MemberState(StrEnum):
    """Where a panel member's return stands, for the clerk chasing them before the meeting ends."""

    NOT_RETURNED = "not_returned"
    RECEIVED = "received"
    CONFLICT = "conflict"
    REJECTED = "rejected"


MEMBER_STATE_TEXT: dict[str, str] = {
    MemberState.NOT_RETURNED: "未提交",
    MemberState.RECEIVED: "已接收",
    MemberState.CONFLICT: "有冲突",
    MemberState.REJECTED: "拒收",
}


@dataclass
class InboxEntry:
    """One received file: its verified and classified return, its original name and arrival."""

    item: ReceivedReturn  # ``item.file`` is the original file name (what people recognise)
    original_name: str
    received_at: dt.datetime
    copy: Path  # the copy kept in the workspace
    row_id: int | None = None
    # A rejected return whose signature verified: the panel it names (the core's ReceivedReturn
    # keeps a panel only for returns that verified).
    claimed_panel: str | None = None

    @property
    def file_sha256(self) -> str:
        return self.item.file_sha256

    @property
    def panel(self) -> str | None:
        return self.item.panel if self.item.verified else self.claimed_panel


@dataclass(frozen=True)
class Choice:
    """The bureau chose ``file_sha256`` among the conflicting returns of (panel, expert)."""

    panel: str
    expert: str
    file_sha256: str
    chosen_by: str
    os_user: str
    chosen_at: dt.datetime


@dataclass(frozen=True)
class MemberStatus:
    """One member of one panel: their state and every return received from them for that panel."""

    panel: str
    expert: str
    name: str
    state: MemberState
    entries: tuple[InboxEntry, ...] = ()
    choice: Choice | None = None

    @property
    def last_received(self) -> dt.datetime | None:
        return max((e.received_at for e in self.entries), default=None)


@dataclass(frozen=True)
class AddReport:
    """What one call to :meth:`ReturnsInbox.add_files` did."""

    given: int = 0  # files found in what was given
    new: int = 0  # copied and verified now
    already: int = 0  # received before (same SHA-256): not verified again
    unreadable: tuple[str, ...] = ()  # empty, too large, or not a regular file: not kept
    cancelled: bool = False


@dataclass(frozen=True)
class InboxSnapshot:
    """The inbox at one moment: every entry, the ranking, every member's state, every choice."""

    round_id: str
    entries: tuple[InboxEntry, ...]
    results: tuple[ApplicationResult, ...]
    members: tuple[MemberStatus, ...]
    choices: tuple[Choice, ...]
    report: AddReport | None = None
    missing_copies: tuple[str, ...] = ()  # SHA-256s whose copy is no longer in the workspace
    counts: dict[str, int] = field(default_factory=dict)

    @cached_property
    def items(self) -> list[ReceivedReturn]:
        return [e.item for e in self.entries]

    def entry(self, file_sha256: str) -> InboxEntry | None:
        return self._by_sha.get(file_sha256)

    @cached_property
    def _by_sha(self) -> dict[str, InboxEntry]:
        return {e.file_sha256: e for e in self.entries}

    def conflicts(self) -> dict[tuple[str, str], list[InboxEntry]]:
        """(panel, expert) -> their returns in conflict, waiting for the bureau's choice."""
        return self._conflicts

    @cached_property
    def _conflicts(self) -> dict[tuple[str, str], list[InboxEntry]]:
        found: dict[tuple[str, str], list[InboxEntry]] = {}
        for entry in self.entries:
            if entry.item.status == ReturnStatus.CONFLICT:
                found.setdefault((str(entry.item.panel), str(entry.item.expert)), []).append(entry)
        return found

    def contested(self, panel: str, expert: str) -> list[InboxEntry]:
        """The distinct verified returns of (panel, expert) the bureau may choose between."""
        return [
            e
            for e in self.entries
            if e.item.verified
            and e.item.panel == panel
            and e.item.expert == expert
            and e.item.status != ReturnStatus.DUPLICATE
        ]


class InboxError(TicError):
    """A request the inbox cannot carry out (a choice where there is nothing to choose)."""


def member_statuses(
    review_round: ReviewRound,
    entries: list[InboxEntry],
    latest: dict[tuple[str, str], Choice],
) -> tuple[MemberStatus, ...]:
    """Every member of every panel: their state, their returns for that panel, the choice that
    counts (``latest``: by (panel, expert))."""
    panels_of: dict[str, list[str]] = {}
    for panel in review_round.panels:
        for member in panel.members:
            panels_of.setdefault(member, []).append(panel.id)
    by_member: dict[tuple[str, str], list[InboxEntry]] = {}
    for entry in entries:
        expert = entry.item.expert
        if expert is None:
            continue  # unsigned or unreadable: nobody's return
        # a rejected return names its panel if its signature verified; else the expert's panels
        panels = [entry.panel] if entry.panel is not None else panels_of.get(expert, [])
        for panel_id in panels:
            by_member.setdefault((panel_id, expert), []).append(entry)
    experts = review_round.experts
    members = []
    for panel in review_round.panels:
        for member in panel.members:
            found = tuple(by_member.get((panel.id, member), ()))
            statuses = {e.item.status for e in found}
            if ReturnStatus.ACCEPTED in statuses:
                state = MemberState.RECEIVED
            elif ReturnStatus.CONFLICT in statuses:
                state = MemberState.CONFLICT
            elif found:
                state = MemberState.REJECTED
            else:
                state = MemberState.NOT_RETURNED
            known = experts.get(member)
            members.append(
                MemberStatus(
                    panel.id,
                    member,
                    known.name if known is not None else "",
                    state,
                    found,
                    latest.get((panel.id, member)),
                )
            )
    return tuple(members)


__all__ = [
    "AddReport",
    "Choice",
    "InboxEntry",
    "InboxError",
    "InboxSnapshot",
    "MEMBER_STATE_TEXT",
    "MemberState",
    "MemberStatus",
    "member_statuses",
]
