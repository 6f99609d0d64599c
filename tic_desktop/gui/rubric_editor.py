"""The rubric editor: criteria with maximum, guidance and the round's step; the total must be
100."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.round_draft import (
    RUBRIC_TOTAL,
    RoundDraft,
    criterion,
    default_rubric,
    rubric_problems,
)

BAD = QColor("#f8d7da")


def parse_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class RubricEditor(QWidget):
    """Edits ``draft.criteria`` and ``draft.step`` in place; ``changed`` after every accepted
    edit."""

    changed = Signal()
    ID, TITLE, MAX, GUIDANCE = range(4)

    def __init__(self, draft: RoundDraft, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.language = language
        self._filling = False
        layout = QVBoxLayout(self)
        step_row = QHBoxLayout()
        step_label = QLabel(self.tr("Scoring s&tep (points):"))
        step_row.addWidget(step_label)
        self.step = QLineEdit(str(draft.step))
        self.step.setAccessibleName(self.tr("Scoring step"))
        self.step.setMaximumWidth(120)
        self.step.textEdited.connect(self._step_edited)
        step_label.setBuddy(self.step)
        step_row.addWidget(self.step)
        step_row.addStretch(1)
        default = QPushButton(self.tr("&Use the standard rubric"))
        default.clicked.connect(self.use_default)
        step_row.addWidget(default)
        layout.addLayout(step_row)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Id"),
                self.tr("Criterion"),
                self.tr("Maximum"),
                self.tr("Guidance for experts"),
            ]
        )
        self.table.setAccessibleName(self.tr("Rubric criteria"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.GUIDANCE, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._cell_edited)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Add criterion"), self.add_criterion),
            (self.tr("&Remove criterion"), self.remove_selected),
            (self.tr("Move u&p"), lambda: self._move(-1)),
            (self.tr("Move do&wn"), lambda: self._move(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.total = QLabel()
        self.total.setAccessibleName(self.tr("Rubric total"))
        buttons.addWidget(self.total)
        layout.addLayout(buttons)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #842029")
        layout.addWidget(self.problems)
        self._fill()

    # --- state ------------------------------------------------------------------------------
    def is_complete(self) -> bool:
        return (
            bool(self.draft.criteria)
            and self.draft.rubric_total == RUBRIC_TOTAL
            and not self._row_problems()
            and not rubric_problems(self.draft.step, self.draft.criteria)
        )

    def use_default(self) -> None:
        rubric = default_rubric()
        self.draft.rubric_id, self.draft.step, self.draft.criteria = (
            rubric.id,
            rubric.step,
            list(rubric.criteria),
        )
        self.step.setText(str(rubric.step))
        self._fill()
        self.changed.emit()

    def add_criterion(self) -> None:
        self._filling = True
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((f"c{row + 1}", "", "", "")):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self._filling = False
        self.table.setCurrentCell(row, self.TITLE)
        title = self.table.item(row, self.TITLE)
        assert title is not None  # set just above
        self.table.editItem(title)
        self._collect()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        self._collect()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type into a cell as a user would (used by tests and by paste)."""
        item = self.table.item(row, column)
        assert item is not None  # every cell of a row gets an item when the row is added
        item.setText(text)

    # --- internals ------------------------------------------------------------------------
    def _fill(self) -> None:
        self._filling = True
        self.table.setRowCount(0)
        for c in self.draft.criteria:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate((c.id, c.title, str(c.max), c.guidance)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._filling = False
        self.table.resizeRowsToContents()
        self._show_state()

    def _move(self, offset: int) -> None:
        row = self.table.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        criteria = self.draft.criteria
        if row < len(criteria) and target < len(criteria):
            criteria[row], criteria[target] = criteria[target], criteria[row]
            self._fill()
            self.table.setCurrentCell(target, 0)
            self.changed.emit()

    def _step_edited(self, text: str) -> None:
        value = parse_decimal(text)
        if value is not None and value > 0:
            self.draft.step = value
            self.changed.emit()
        self._show_state()

    def _cell_edited(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._collect()

    def _row_problems(self) -> list[int]:
        return [row for row in range(self.table.rowCount()) if self._row_criterion(row) is None]

    def _row_criterion(self, row: int):
        texts = [(item.text() if (item := self.table.item(row, c)) else "") for c in range(4)]
        maximum = parse_decimal(texts[self.MAX])
        if maximum is None or not texts[self.ID].strip() or not texts[self.TITLE].strip():
            return None
        return criterion(
            texts[self.ID].strip(), texts[self.TITLE].strip(), maximum, texts[self.GUIDANCE].strip()
        )

    def _collect(self) -> None:
        """Rows that read as criteria become the draft's criteria; the rest are marked."""
        rows = [self._row_criterion(row) for row in range(self.table.rowCount())]
        self.draft.criteria = [c for c in rows if c is not None]
        self._show_state()
        self.changed.emit()

    def _show_state(self) -> None:
        self._filling = True
        bad_rows = set(self._row_problems())
        for row in range(self.table.rowCount()):
            for column in range(4):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(BAD) if row in bad_rows else QBrush())
        self._filling = False
        total = self.draft.rubric_total
        self.total.setText(
            self.tr("Total %1 of 100 points").replace("%1", f"{total.normalize():f}")
        )
        self.total.setStyleSheet(
            "" if total == RUBRIC_TOTAL else "color: #842029; font-weight: bold"
        )
        lines = [
            (zh if self.language == "zh" else en)
            for zh, en in rubric_problems(self.draft.step, self.draft.criteria)
        ]
        if bad_rows:
            lines.insert(
                0,
                self.tr("Rows %1 need an id, a title and a number as maximum.").replace(
                    "%1", ", ".join(str(r + 1) for r in sorted(bad_rows))
                ),
            )
        if self.draft.criteria and total != RUBRIC_TOTAL:
            lines.append(self.tr("The maxima must add up to 100."))
        self.problems.setText("\n".join(lines))
