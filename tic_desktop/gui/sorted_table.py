"""A table model holding its rows in a list and sorting them itself, off the GUI thread when large.

A ``QSortFilterProxyModel`` whose ``lessThan`` is Python would be called ≈ 300,000 times to sort
20,000 rows, on the GUI thread. Here a sort is one pass that makes every row's key (plain Python
values) and one ``list.sort`` on them (C comparisons). For a few thousand rows that is done at
once; for more, the order is worked out on the thread pool and applied when ready (the view keeps
the old order meanwhile), so the window never waits for it. New rows for a sorted model can come
with their order worked out already (:meth:`set_rows`), e.g. by the job that made them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from tic_desktop.gui.tasks import run_task

Index = QModelIndex | QPersistentModelIndex
Sorting = tuple[int, Qt.SortOrder]

SORT_IN_BACKGROUND_FROM = 2000  # rows


def order_of(keys: list[Any], descending: bool, start: Sequence[int] | None = None) -> list[int]:
    """Row numbers in sorted order: rows without a key (None) last either way, ties kept in the
    order of ``start`` (default: as they are)."""
    first = range(len(keys)) if start is None else start
    present = [i for i in first if keys[i] is not None]
    absent = [i for i in first if keys[i] is None]
    present.sort(key=keys.__getitem__, reverse=descending)
    return present + absent


class SortedTableModel(QAbstractTableModel):
    """Subclasses set ``columns`` and define ``keys(rows, column_name)`` (one key per row)."""

    sorted = Signal()
    """The rows are in the order last asked for by ``sort``."""

    columns: tuple[str, ...] | list[str] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.sorting: Sorting | None = None
        self._asked: object | None = None  # the sort being worked out in the background

    # --- to define ---------------------------------------------------------------------------
    def keys(self, rows: Sequence[Any], column: str) -> list[Any]:
        raise NotImplementedError

    def ordered(self, rows: Sequence[Any], sorting: Sorting) -> list[int]:
        """For each row of the sorted table, the row of ``rows`` it is (pure: any thread)."""
        column, order = sorting
        keys = self.keys(rows, self.columns[column])
        return order_of(keys, order == Qt.SortOrder.DescendingOrder)

    # --- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def valid(self, index: Index) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self.rows)
            and 0 <= index.column() < len(self.columns)
        )

    def set_rows(self, rows: Sequence[Any], presorted: tuple[Sorting, list[int]] | None = None):
        """New rows; ``presorted`` is (the sorting it was made for, its order) when known."""
        self._asked = None  # a background sort of the old rows no longer applies
        if self.sorting is None:
            order = None
        elif presorted is not None and presorted[0] == self.sorting:
            order = presorted[1]
        else:
            order = self.ordered(rows, self.sorting)
        self.beginResetModel()
        self.rows = list(rows) if order is None else [rows[i] for i in order]
        self.rows_changed()
        self.endResetModel()

    def rows_changed(self) -> None:
        """Called when ``rows`` was replaced or reordered (for caches built on it)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.sorting = sorting = (column, order)
        rows = self.rows
        if len(rows) < SORT_IN_BACKGROUND_FROM:
            self._apply(rows, self.ordered(rows, sorting))
            return
        self._asked = asked = object()

        def done(moved: list[int]) -> None:
            if self._asked is asked and self.rows is rows:
                self._asked = None
                self._apply(rows, moved)

        def failed(error: Exception) -> None:
            raise error

        run_task(lambda: self.ordered(rows, sorting), done, failed)

    def _apply(self, rows: list[Any], moved: list[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        self.rows = [rows[i] for i in moved]
        self.rows_changed()
        old = [index for index in self.persistentIndexList() if index.isValid()]
        # the few persistent indexes (the selection) follow their rows; list.index runs in C
        new = [self.index(moved.index(index.row()), index.column()) for index in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self.sorted.emit()
