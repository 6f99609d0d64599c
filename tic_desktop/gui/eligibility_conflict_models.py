"""Item models that show the engine's findings, with problems highlighted."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from tic_desktop.review import EvaluatedRound
from tic_desktop.rules.conflicts import PanelConflicts
from tic_desktop.rules.display import shown_value
from tic_desktop.rules.messages import (
    CHECK_TITLES,
    KIND_NAMES_ZH,
    RESULT_LABELS,
    VERDICT_LABELS,
    label,
)
from tic_desktop.rules.results import Check, EligibilityReport, Result, Verdict

# Soft backgrounds keep black text readable (contrast > 7:1) while the state stands out.
FAIL_BG, REVIEW_BG, PASS_BG = QColor("#f8d7da"), QColor("#fff3cd"), QColor("#d1e7dd")
RESULT_BG = {
    Result.FAIL: FAIL_BG,
    Result.REVIEW: REVIEW_BG,
    Result.MISSING: REVIEW_BG,
    Result.PASS: PASS_BG,
}
VERDICT_BG = {
    Verdict.INELIGIBLE: FAIL_BG,
    Verdict.NEEDS_JUDGEMENT: REVIEW_BG,
    Verdict.ELIGIBLE: PASS_BG,
}
ResultRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class _TableModel(QAbstractTableModel):
    """Rows of tuples with bilingual headers; subclasses say what each cell shows."""

    HEADERS: tuple[object, ...] = ()
    """Column titles in English, marked for lupdate in the class's translation context
    (QT_TRANSLATE_NOOP returns its text; PySide6's stub types it as object)."""

    def __init__(self, language: str = "zh", parent=None) -> None:
        super().__init__(parent)
        self.language = language

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.HEADERS):
            return None
        return QCoreApplication.translate(type(self).__name__, str(self.HEADERS[section]))

    def set_language(self, language: str) -> None:
        self.beginResetModel()
        self.language = language
        self.endResetModel()


class ApplicationsModel(_TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ApplicationsModel", "ID"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Center"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Verdict"),
        QT_TRANSLATE_NOOP("ApplicationsModel", "Problems"),
    )
    VERDICT_COLUMN = 2

    def __init__(self, language: str = "zh", parent=None) -> None:
        super().__init__(language, parent)
        self._rows: list[tuple] = []

    def set_review(self, review: EvaluatedRound | None) -> None:
        self.beginResetModel()
        self._rows = []
        if review is not None:
            for app_id, app in review.round.applications.items():
                self._rows.append((app, review.reports[app_id]))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def report_at(self, row: int) -> EligibilityReport:
        return self._rows[row][1]

    def _problems(self, report: EligibilityReport) -> str:
        failed = sum(1 for c in report.checks if c.result is Result.FAIL)
        to_judge = sum(1 for c in report.checks if c.result in (Result.REVIEW, Result.MISSING))
        parts = []
        if failed:
            parts.append(f"{failed} 项不通过" if self.language == "zh" else f"{failed} failed")
        if to_judge:
            parts.append(
                f"{to_judge} 项待研判" if self.language == "zh" else f"{to_judge} to judge"
            )
        return ("，" if self.language == "zh" else ", ").join(parts) or "—"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        app, report = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                app.id,
                app.center_name,
                label(VERDICT_LABELS, report.verdict.value, self.language),
                self._problems(report),
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.BackgroundRole and column == self.VERDICT_COLUMN:
            return QBrush(VERDICT_BG[report.verdict])
        if role == Qt.ItemDataRole.ForegroundRole and column == self.VERDICT_COLUMN:
            return QBrush(QColor("#000000"))
        if role == ResultRole:
            return report.verdict.value
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = app.lead_unit.kind
            kind_text = KIND_NAMES_ZH.get(kind, kind) if self.language == "zh" else kind
            return f"{app.center_name}\n{app.lead_unit.name}（{kind_text}）"
        return None


class ChecksModel(_TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ChecksModel", "Check"),
        QT_TRANSLATE_NOOP("ChecksModel", "Result"),
        QT_TRANSLATE_NOOP("ChecksModel", "Value"),
        QT_TRANSLATE_NOOP("ChecksModel", "Threshold"),
        QT_TRANSLATE_NOOP("ChecksModel", "Explanation"),
    )
    MESSAGE_COLUMN = 4

    def __init__(self, language: str = "zh", parent=None) -> None:
        super().__init__(language, parent)
        self._checks: list[Check] = []

    def set_checks(self, checks: list[Check]) -> None:
        self.beginResetModel()
        self._checks = list(checks)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._checks)

    def check_at(self, row: int) -> Check:
        return self._checks[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._checks):
            return None
        check = self._checks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                label(CHECK_TITLES, check.id, self.language),
                label(RESULT_LABELS, check.result.value, self.language),
                shown_value(check.id, check.value, self.language),
                shown_value(check.id, check.threshold, self.language),
                check.message(self.language),
            )
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and check.result in RESULT_BG
            and check.result is not Result.PASS
        ):
            return QBrush(RESULT_BG[check.result])
        if role == Qt.ItemDataRole.ForegroundRole and check.result is not Result.PASS:
            return QBrush(QColor("#000000"))
        if role == ResultRole:
            return check.result.value
        if role == Qt.ItemDataRole.ToolTipRole:
            clause = check.clause if self.language == "zh" else check.clause_en
            return f"{check.id} · {clause}\n{check.message(self.language)}"
        return None


class PanelResultsModel(_TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("PanelResultsModel", "Panel"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Application"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Members"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Affiliated"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Recused"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Scorers"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Host share ≤ 1/3"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Chair independent"),
        QT_TRANSLATE_NOOP("PanelResultsModel", "Quorum"),
    )
    CHECK_COLUMNS = {6: 0, 7: 1, 8: 2}

    def __init__(self, language: str = "zh", parent=None) -> None:
        super().__init__(language, parent)
        self._results: list[PanelConflicts] = []

    def set_results(self, results: list[PanelConflicts]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._results)

    def result_at(self, row: int) -> PanelConflicts:
        return self._results[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        column = index.column()
        check = result.checks[self.CHECK_COLUMNS[column]] if column in self.CHECK_COLUMNS else None
        if role == Qt.ItemDataRole.DisplayRole:
            if check is not None:
                return label(RESULT_LABELS, check.result.value, self.language)
            values = (
                result.panel_id,
                result.application_id,
                len(result.members),
                "、".join(result.affiliated) or "—",
                "、".join(result.recused) or "—",
                len(result.scorers),
            )
            return values[column] if 0 <= column < len(values) else None
        if check is not None and check.result is not Result.PASS:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(RESULT_BG.get(check.result, REVIEW_BG))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and check is not None:
            return check.message(self.language)
        if role == ResultRole and check is not None:
            return check.result.value
        return None
