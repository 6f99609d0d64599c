"""The returns window's table views: sized from a sample of rows, never by measuring them all
(20,000 returns would stall the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

SAMPLE_ROWS = 40  # rows measured to size a column: never all of them


def fit_columns(view: QTableView, widest_chars: int = 40) -> None:
    """Column widths from the header and the first rows' text (not every row: 20,000 would
    stall)."""
    model, metrics = view.model(), view.fontMetrics()
    padding, widest = 3 * metrics.averageCharWidth(), widest_chars * metrics.averageCharWidth()
    for column in range(model.columnCount()):
        texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
        texts += [
            str(model.index(row, column).data() or "")
            for row in range(min(SAMPLE_ROWS, model.rowCount()))
        ]
        width = max(metrics.horizontalAdvance(t.split("\n")[0]) for t in texts) + padding
        view.setColumnWidth(column, min(width, widest))


def inbox_table(model, name: str) -> QTableView:
    """A read-only, row-selecting, sortable view whose rows are never measured one by one."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's own order until a click
    header.setSortIndicatorClearable(True)
    view.setSortingEnabled(True)
    return view
