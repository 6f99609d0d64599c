"""The round's expert pool: who may sit on a panel, with the unit and its credit code."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.round_draft import RoundDraft
from tic_desktop.domain.round import Expert
from tic_desktop.rules.uscc import is_valid_uscc

WARN = QColor("#fff3cd")
BAD = QColor("#f8d7da")
FIELDS = ("id", "name", "unit_name", "unit_uscc", "title", "field")


class ExpertPool(QWidget):
    """Edits ``draft.experts`` in place; ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, draft: RoundDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self._filling = False
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "The unit's unified social credit code decides conflicts of interest: without it "
                "the app can only compare unit names, and such matches must be confirmed."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, len(FIELDS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Id"),
                self.tr("Name"),
                self.tr("Unit"),
                self.tr("Unit credit code"),
                self.tr("Title"),
                self.tr("Field"),
            ]
        )
        self.table.setAccessibleName(self.tr("Expert pool"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: None if self._filling else self._collect())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("&Add expert"))
        add.clicked.connect(self.add_expert)
        remove = QPushButton(self.tr("&Remove expert"))
        remove.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.status = QLabel()
        row.addWidget(self.status)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Show the draft's experts again (after an import)."""
        self._filling = True
        self.table.setRowCount(0)
        for expert in self.draft.experts:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, name in enumerate(FIELDS):
                self.table.setItem(row, column, QTableWidgetItem(getattr(expert, name) or ""))
        self._filling = False
        self._mark()

    def add_expert(self) -> None:
        self._filling = True
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(len(FIELDS)):
            self.table.setItem(
                row, column, QTableWidgetItem(f"E{row + 1:02d}" if column == 0 else "")
            )
        self._filling = False
        self.table.setCurrentCell(row, 1)
        cell = self.table.item(row, 1)
        assert cell is not None  # set just above
        self.table.editItem(cell)
        self._collect()

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            removed = self._row(row)["id"]
            self.table.removeRow(row)
            if removed:
                self.draft.forget_expert(removed)
        self._collect()

    def _row(self, row: int) -> dict[str, str]:
        return {
            name: (item.text().strip() if (item := self.table.item(row, column)) else "")
            for column, name in enumerate(FIELDS)
        }

    def _collect(self) -> None:
        experts, seen = [], set()
        for row in range(self.table.rowCount()):
            values = self._row(row)
            if not values["id"] or not values["name"] or values["id"] in seen:
                continue
            seen.add(values["id"])
            experts.append(
                Expert(
                    id=values["id"],
                    name=values["name"],
                    unit_name=values["unit_name"],
                    unit_uscc=values["unit_uscc"] or None,
                    title=values["title"] or None,
                    field=values["field"] or None,
                )
            )
        self.draft.experts = experts
        self._mark()
        self.changed.emit()

    def _mark(self) -> None:
        """Red: unusable row (no id or name, id twice); yellow: no or invalid credit code."""
        self._filling = True
        seen: set[str] = set()
        missing_code = 0
        for row in range(self.table.rowCount()):
            values = self._row(row)
            unusable = not values["id"] or not values["name"] or values["id"] in seen
            seen.add(values["id"])
            weak = not values["unit_uscc"] or not is_valid_uscc(values["unit_uscc"])
            missing_code += weak and not unusable
            for column in range(len(FIELDS)):
                item = self.table.item(row, column)
                assert item is not None  # every cell of a row gets an item when the row is added
                colour = BAD if unusable else (WARN if weak and column == 3 else None)
                item.setBackground(QBrush(colour) if colour else QBrush())
        self._filling = False
        self.status.setText(
            self.tr("%1 experts · %2 without a valid credit code")
            .replace("%1", str(len(self.draft.experts)))
            .replace("%2", str(missing_code))
        )
