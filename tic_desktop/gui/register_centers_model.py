"""The register window's table of centers: one row per center with its status, what is due next,
how many clauses apply and which reports came late, coloured by what needs the bureau's attention.

The assessments come from :func:`tic_desktop.register.rules.assess`; this model only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from tic_desktop.gui.eligibility_conflict_models import FAIL_BG, PASS_BG, REVIEW_BG
from tic_desktop.register.domain import STATUS_TEXT, Center, Status
from tic_desktop.register.rules import Assessment, Consequence, DueKind

REVOKED_BG = QColor("#e2e3e5")
SERIOUS = (Consequence.REVOKE, Consequence.DISQUALIFY, Consequence.NOT_ADMITTED)
"""Consequences that end a center's place in the system: its row (and trigger) shown in red."""
Index = QModelIndex | QPersistentModelIndex


class CentersModel(QAbstractTableModel):
    """One row per center: name, lead unit, approved, status, next due, number of triggers, late
    reports."""

    NAME, LEAD_UNIT, APPROVED, STATUS, NEXT_DUE, TRIGGERS, LATE = range(7)
    COLUMNS = 7

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: list[tuple[Center, Assessment]] = []

    def set_rows(self, rows: list[tuple[Center, Assessment]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> tuple[Center, Assessment]:
        return self._rows[row]

    def rows(self) -> list[tuple[Center, Assessment]]:
        return list(self._rows)

    def row_of(self, center_id: str) -> int:
        return next((i for i, (center, _) in enumerate(self._rows) if center.id == center_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            role != Qt.ItemDataRole.DisplayRole
            or orientation != Qt.Orientation.Horizontal
            or not 0 <= section < self.COLUMNS
        ):
            return None
        translate = QCoreApplication.translate
        return (
            translate("CentersModel", "Center"),
            translate("CentersModel", "Lead unit"),
            translate("CentersModel", "Approved"),
            translate("CentersModel", "Status"),
            translate("CentersModel", "Next due"),
            translate("CentersModel", "Clauses applying"),
            translate("CentersModel", "Reports received late"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        center, assessment = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(center, assessment, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self._background(assessment, column))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TRIGGERS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(
        self, center: Center, assessment: Assessment, column: int, tooltip: bool
    ) -> str | None:
        lang = self.language
        if column == self.NAME:
            return f"{center.name}（{center.id}）" if tooltip else center.name
        if column == self.LEAD_UNIT:
            return f"{center.lead_unit} · {center.lead_uscc}" if tooltip else center.lead_unit
        if column == self.APPROVED:
            return center.approved_on.isoformat()
        if column == self.STATUS:
            if tooltip and assessment.status in (
                Status.NOT_ADMITTED,
                Status.TO_BE_DISQUALIFIED,
            ):  # why
                return "\n".join(
                    f"{t.clause.get(lang)} {t.message.get(lang)}" for t in assessment.triggers
                )
            return STATUS_TEXT[assessment.status].get(lang)
        if column == self.LATE:
            if tooltip:
                return "\n".join(late.text.get(lang) for late in assessment.late_reports) or None
            return "、".join(str(late.year) for late in assessment.late_reports) or "—"
        if column == self.NEXT_DUE:
            if assessment.action is not None:
                return QCoreApplication.translate(
                    "CentersModel", "Bureau: record the cancellation of qualification"
                )
            item = assessment.next_due
            if item is None:
                return "—"
            shown = _short_due(item.kind, item.year) + " " + item.due_by.isoformat()
            overdue = QCoreApplication.translate("CentersModel", "Overdue: %1")
            return overdue.replace("%1", shown) if item.overdue else shown
        if tooltip:
            return (
                "\n".join(
                    f"{t.clause.get(lang)} {t.message.get(lang)}" for t in assessment.triggers
                )
                or None
            )
        return "—" if assessment.closed else str(len(assessment.triggers))

    @staticmethod
    def _background(assessment: Assessment, column: int) -> QColor:
        if assessment.closed:
            return REVOKED_BG
        if any(t.consequence in SERIOUS for t in assessment.triggers):
            return FAIL_BG
        if assessment.needs_attention:
            return REVIEW_BG
        return (
            PASS_BG
            if column == CentersModel.STATUS and assessment.status is Status.IN_SYSTEM
            else QColor("#ffffff")
        )


def _short_due(kind: DueKind, year: int) -> str:
    # in the language of the installed catalogue (Translations.use)
    if kind is DueKind.ANNUAL_REPORT:
        return QCoreApplication.translate("CentersModel", "Report %1").replace("%1", str(year))
    if kind is DueKind.COMPREHENSIVE:
        return QCoreApplication.translate("CentersModel", "Comprehensive evaluation")
    return QCoreApplication.translate("CentersModel", "Biennial evaluation %1").replace(
        "%1", str(year)
    )
