"""The returns inbox as lazy item models: every received file, and every member of every panel.

Lazy: a cell's text is made when the view asks for it (only the rows on screen), rows are never
measured one by one, and the models sort themselves (:mod:`tic_desktop.gui.sorted_table`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from tic_desktop.gui.sorted_table import Index, SortedTableModel
from tic_desktop.returns.explaining import return_reason
from tic_desktop.returns.inbox_records import (
    MEMBER_STATE_TEXT,
    InboxEntry,
    InboxSnapshot,
    MemberState,
    MemberStatus,
)
from tic_desktop.returns.receiving import STATUS_TEXT

UNSET = "—"
BLACK = QColor("#000000")  # on every background below, above 7:1 contrast
STATUS_BG = {
    "accepted": QColor("#d1e7dd"),
    "superseded": QColor("#e9ecef"),
    "duplicate": QColor("#e9ecef"),
    "conflict": QColor("#ffe5b4"),
    "rejected": QColor("#f8d7da"),
}
STATE_BG = {
    MemberState.RECEIVED: QColor("#d1e7dd"),
    MemberState.NOT_RETURNED: QColor("#fff3cd"),
    MemberState.CONFLICT: QColor("#ffe5b4"),
    MemberState.REJECTED: QColor("#f8d7da"),
}
STATUS_EN = {
    "accepted": "accepted",
    "superseded": "superseded",
    "duplicate": "duplicate",
    "conflict": "in conflict",
    "rejected": "rejected",
}
STATE_EN = {
    MemberState.NOT_RETURNED: "not returned",
    MemberState.RECEIVED: "received",
    MemberState.CONFLICT: "in conflict",
    MemberState.REJECTED: "rejected",
}
STATE_ORDER = {state: number for number, state in enumerate(MemberState)}


def local_time(when: dt.datetime | None) -> str:
    """A time as the clerk reads it: local, to the second."""
    if when is None:
        return UNSET
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def status_text(status: str, language: str) -> str:
    return STATUS_EN.get(status, status) if language == "en" else STATUS_TEXT.get(status, status)


def state_text(state: MemberState, language: str) -> str:
    return STATE_EN[state] if language == "en" else MEMBER_STATE_TEXT[state]


def why_text(entry: InboxEntry, language: str) -> str:
    """The reason for the status, in the language shown."""
    item = entry.item
    if item.reason:  # said once: the general wording and the detail are not repeated
        return return_reason(item, language)
    return item.detail_en if language == "en" else item.detail


class _SortedTable(SortedTableModel):
    """Rows of a snapshot, with headers; sorting as :class:`SortedTableModel` does it."""

    def __init__(self, language: str = "zh", parent=None) -> None:
        super().__init__(parent)
        self.language = language

    def headers(self) -> dict[str, str]:
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[self.columns[section]]
        return None

    def key(self, row: Any, column: str) -> Any:
        raise NotImplementedError

    def keys(self, rows: Sequence[Any], column: str) -> list[Any]:
        """Every row's sort key for ``column`` (None: no value); subclasses add fast paths."""
        return [self.key(row, column) for row in rows]


class ReturnsModel(_SortedTable):
    """One row per received file (newest arrivals last until the clerk sorts)."""

    columns = ("file", "received", "expert", "panel", "revision", "signed", "status", "why")

    def headers(self) -> dict[str, str]:
        return {
            "file": self.tr("File"),
            "received": self.tr("Received"),
            "expert": self.tr("Expert"),
            "panel": self.tr("Panel"),
            "revision": self.tr("Revision"),
            "signed": self.tr("Signed"),
            "status": self.tr("Status"),
            "why": self.tr("Why"),
        }

    def set_snapshot(self, snapshot: InboxSnapshot, presorted=None) -> None:
        self.set_rows(snapshot.entries, presorted)

    def entry_at(self, row: int) -> InboxEntry:
        return self.rows[row]

    def text(self, entry: InboxEntry, column: str) -> str:
        item = entry.item
        if column == "file":
            return entry.original_name
        if column == "received":
            return local_time(entry.received_at)
        if column == "expert":
            return item.expert or UNSET
        if column == "panel":
            return entry.panel or UNSET
        if column == "revision":
            return str(item.revision) if item.revision is not None else UNSET
        if column == "signed":
            return local_time(item.signed_at)
        if column == "status":
            return status_text(item.status, self.language)
        return why_text(entry, self.language)

    def keys(self, rows: Sequence[Any], column: str) -> list[Any]:
        if column == "file":
            return [e.original_name for e in rows]
        if column == "received":
            return [e.received_at for e in rows]
        if column == "expert":
            return [e.item.expert for e in rows]
        if column == "revision":
            return [e.item.revision for e in rows]
        if column == "signed":
            return [e.item.signed_at for e in rows]
        if column == "status":
            return [str(e.item.status) for e in rows]
        if column == "why":  # the reason's code, then its detail: the order the texts group in
            return [(e.item.reason or "", e.item.detail) for e in rows]
        if column == "panel":
            return [e.panel for e in rows]
        return super().keys(rows, column)

    def key(self, entry: InboxEntry, column: str) -> Any:
        if column == "received":
            return entry.received_at
        if column == "revision":
            return entry.item.revision
        if column == "signed":
            return entry.item.signed_at
        if column == "status":
            return str(entry.item.status)
        text = self.text(entry, column)
        return None if text == UNSET else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.valid(index):
            return None
        entry, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("file", "why"):
            return self.text(entry, column) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATUS_BG[str(entry.item.status)])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(BLACK)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "revision":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MembersModel(_SortedTable):
    """One row per member of each panel, with where their return stands."""

    columns = ("panel", "expert", "name", "state", "returns", "last", "note")

    def __init__(self, language: str = "zh", parent=None) -> None:
        super().__init__(language, parent)
        self.note_for: Callable[[MemberStatus], str] = lambda member: ""

    def headers(self) -> dict[str, str]:
        return {
            "panel": self.tr("Panel"),
            "expert": self.tr("Expert"),
            "name": self.tr("Name"),
            "state": self.tr("Return"),
            "returns": self.tr("Files"),
            "last": self.tr("Last received"),
            "note": self.tr("Note"),
        }

    def set_snapshot(self, snapshot: InboxSnapshot, presorted=None) -> None:
        self.set_rows(snapshot.members, presorted)

    def member_at(self, row: int) -> MemberStatus:
        return self.rows[row]

    def text(self, member: MemberStatus, column: str) -> str:
        if column == "panel":
            return member.panel
        if column == "expert":
            return member.expert
        if column == "name":
            return member.name
        if column == "state":
            return state_text(member.state, self.language)
        if column == "returns":
            return str(len(member.entries))
        if column == "last":
            return local_time(member.last_received)
        return self.note_for(member)

    def keys(self, rows: Sequence[Any], column: str) -> list[Any]:
        if column == "state":
            return [STATE_ORDER[m.state] for m in rows]
        if column in ("panel", "expert", "name"):
            return [getattr(m, column) for m in rows]
        if column == "returns":
            return [len(m.entries) for m in rows]
        return super().keys(rows, column)

    def key(self, member: MemberStatus, column: str) -> Any:
        if column == "state":
            return STATE_ORDER[member.state]
        if column == "returns":
            return len(member.entries)
        if column == "last":
            return member.last_received
        return self.text(member, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.valid(index):
            return None
        member, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(member, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "note":
            return self.text(member, column) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATE_BG[member.state])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(BLACK)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "returns":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
