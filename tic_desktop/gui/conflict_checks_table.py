"""The panel builder's live table of conflict-of-interest checks: every check of every application
of one panel, worst first, and the experts recused from each application.

The checks are the round draft's own (:meth:`RoundDraft.panel_checks`), the same engine that later
refuses to build a broken panel's package.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tic_desktop.bureau.round_draft import PanelDraft, RoundDraft
from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label
from tic_desktop.rules.results import Result

RESULT_BG = {
    Result.PASS: QColor("#d1e7dd"),
    Result.FAIL: QColor("#f8d7da"),
    Result.REVIEW: QColor("#fff3cd"),
    Result.MISSING: QColor("#fff3cd"),
}
SEVERITY = {Result.FAIL: 0, Result.REVIEW: 1, Result.MISSING: 1}
"""Rows in this order: what breaks a rule, then what a person must confirm, then what passes."""


class ConflictChecksTable(QTableWidget):
    """Application, check, result, explanation: one row per check (and per recused expert), each
    row coloured by its result, which every item also holds as its ``UserRole`` data."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        # Part of the panel builder: its words are in the catalogue under PanelBuilder (literal
        # calls, so that lupdate finds them there).
        translate = QCoreApplication.translate
        self.setHorizontalHeaderLabels(
            [
                translate("PanelBuilder", "Application"),
                translate("PanelBuilder", "Check"),
                translate("PanelBuilder", "Result"),
                translate("PanelBuilder", "Explanation"),
            ]
        )
        self.setAccessibleName(translate("PanelBuilder", "Conflict-of-interest checks"))
        # Row numbers mean nothing here; the text needs the width.
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # explanations wrap, never end in "…"
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_panel(self, draft: RoundDraft, panel: PanelDraft | None, language: str) -> None:
        """The checks of ``panel`` as the draft stands now (no rows without a panel)."""
        self.setRowCount(0)
        if panel is None:
            return
        experts = draft.experts_by_id
        # What breaks a rule comes first: that is what the bureau has to fix.
        worst_first = sorted(
            draft.panel_checks(panel),
            key=lambda r: min((SEVERITY.get(c.result, 2) for c in r.checks), default=2),
        )
        translate = QCoreApplication.translate
        for result in worst_first:
            for check in sorted(result.checks, key=lambda c: SEVERITY.get(c.result, 2)):
                self._add_row(
                    result.application_id,
                    label(CHECK_TITLES, check.id, language),
                    check.result,
                    label(RESULT_LABELS, check.result.value, language),
                    check.message(language),
                )
            for member in result.affiliated:
                who = experts[member].name if member in experts else member
                self._add_row(
                    result.application_id,
                    translate("PanelBuilder", "Recused: %1").replace("%1", who),
                    Result.REVIEW,
                    translate("PanelBuilder", "recused"),
                    result.reason(member, language),
                )

    def _add_row(
        self, application_id: str, title: str, result: Result, result_text: str, message: str
    ) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, text in enumerate((application_id, title, result_text, message)):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, result.value)
            if result in RESULT_BG:
                item.setBackground(QBrush(RESULT_BG[result]))
            self.setItem(row, column, item)
