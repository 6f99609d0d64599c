"""The application chosen in the ranking: every expert's total, who was dropped or excluded and why,
criterion means, its flags in words, and the score chart."""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import (
    EXCLUSION_LABELS,
    FLAG_LABELS,
    ApplicationResult,
    Method,
    money2,
    trimmed_experts,
)
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.gui.i18n import shown_language
from tic_desktop.gui.score_chart import ScoreChart
from tic_desktop.returns.scoring import check_title
from tic_desktop.rules.messages import label

DROPPED_BG, EXCLUDED_BG, FLAG_BG = QColor("#e9ecef"), QColor("#f8d7da"), QColor("#fff3cd")


def _cell(text: str, background: QColor | None = None, numeric: bool = False) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    if background is not None:
        cell.setBackground(QBrush(background))
        cell.setForeground(QBrush(QColor("#000000")))
    if numeric:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _row_texts(table: QTableWidget, row: int) -> tuple[str, str, str]:
    """The texts of the first three cells of ``row``."""
    first, second, third = (table.item(row, column) for column in range(3))
    assert first is not None and second is not None and third is not None  # rows are set whole
    return first.text(), second.text(), third.text()


@contextmanager
def _filling(table: QTableWidget):
    """Rows measured once, after the fill: with rows sized to their contents, every setItem
    measured the table again (140 items took ≈ 40 ms)."""
    header = table.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.setUpdatesEnabled(False)
    try:
        yield
    finally:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setUpdatesEnabled(True)


class ApplicationDetail(QWidget):
    """Read-only; ``show_result`` fills it for one application, ``clear`` empties it."""

    def __init__(self, review_round: ReviewRound, method: Method, parent=None) -> None:
        super().__init__(parent)
        self.review_round, self.method = review_round, method
        self.criteria = list(review_round.rubric.criteria)
        self.full_marks = sum((c.max for c in self.criteria), Decimal(0))
        self.result: ApplicationResult | None = None
        self.dropped: tuple[str, ...] = ()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.flags = QLabel()
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet(
            "QLabel { background: #fff3cd; color: #000000; border: 1px solid #c69500;"
            " padding: 4px; }"
        )
        self.method_note = QLabel()
        self.method_note.setWordWrap(True)
        self.chart = ScoreChart()
        self.experts = _table(
            [
                self.tr("Expert"),
                self.tr("Total"),
                self.tr("In the final score"),
                self.tr("Reasons and judgements"),
            ]
        )
        self.experts.setAccessibleName(self.tr("Each expert's total"))
        self.criterion_table = _table([self.tr("Criterion"), self.tr("Max"), self.tr("Mean")])
        self.criterion_table.setAccessibleName(self.tr("Criterion means"))
        self.criterion_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.criterion_table.horizontalHeader().setStretchLastSection(False)
        # one line per expert (the reasons joined; all of them, a line each, in the tooltip):
        # wrapped, a column of reasons made each row taller than the pane
        self.experts.setWordWrap(False)
        tables = QVBoxLayout()
        tables.addWidget(self.experts, 1)
        tables.addWidget(self.criterion_table, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.flags, self.method_note):
            layout.addWidget(widget)
        layout.addWidget(self.chart, 4)
        layout.addLayout(tables, 5)
        self.clear()

    def clear(self) -> None:
        self.result, self.dropped = None, ()
        self.heading.setText(self.tr("Choose an application in the ranking to see its scores."))
        self.flags.hide()
        self.method_note.clear()
        self.experts.setRowCount(0)
        self.experts.resizeColumnsToContents()
        self.criterion_table.setRowCount(0)
        self.chart.show_totals({}, (), None, self.full_marks)

    def show_result(self, result: ApplicationResult) -> None:
        self.result = result
        self.dropped = trimmed_experts(result.totals, self.method.trim_from)
        application = self.review_round.applications.get(result.application_id)
        parts = [
            result.application_id
            + (f" {application.center_name}" if application is not None else "")
        ]
        if result.final is not None:
            parts.append(self.tr("final %1").replace("%1", money2(result.final)))
        parts.append(
            self.tr("rank %1").replace("%1", str(result.rank))
            if result.rank is not None
            else self.tr("not ranked")
        )
        if result.grade:
            parts.append(self.tr("grade %1").replace("%1", result.grade))
        self.heading.setText(" · ".join(parts))
        flag_lines = [self.flag_explanation(result, flag) for flag in result.flags]
        self.flags.setText("\n".join(flag_lines))
        self.flags.setVisible(bool(flag_lines))
        self.method_note.setText(self.method_text(result))
        self._fill_experts(result)
        self._fill_criteria(result)
        self.chart.setAccessibleName(
            self.tr("Score distribution of %1").replace("%1", result.application_id)
        )
        self.chart.show_totals(result.totals, self.dropped, result.final, self.full_marks)

    def flag_explanation(self, result: ApplicationResult, flag: str) -> str:
        flag_name = label(FLAG_LABELS, flag, shown_language())
        if flag == "below_quorum":
            return (
                self.tr("%1: only %2 valid totals; the round asks for at least %3.")
                .replace("%1", flag_name)
                .replace("%2", str(result.valid))
                .replace("%3", str(self.review_round.spec.quorum))
            )
        if flag == "wide_spread":
            highest, lowest = result.maximum, result.minimum
            assert highest is not None and lowest is not None  # flagged only when there are totals
            spread = highest - lowest
            return (
                self.tr("%1: the highest and lowest totals differ by %2 points, more than %3.")
                .replace("%1", flag_name)
                .replace("%2", money2(spread))
                .replace("%3", str(self.method.wide_spread_points))
            )
        return flag_name

    def method_text(self, result: ApplicationResult) -> str:
        if not result.totals:
            return self.tr("No valid totals: no final score.")
        if self.dropped:
            return (
                self.tr(
                    "Final = mean of %1 totals after dropping one highest and one lowest (%2 valid)."  # noqa: E501
                )
                .replace("%1", str(result.valid - 2))
                .replace("%2", str(result.valid))
            )
        return (
            self.tr("Final = plain mean of %1 totals (fewer than %2 valid, nothing dropped).")
            .replace("%1", str(result.valid))
            .replace("%2", str(self.method.trim_from))
        )

    def _fill_experts(self, result: ApplicationResult) -> None:
        with _filling(self.experts):
            self._put_experts(result)
        self.experts.resizeColumnsToContents()

    def _put_experts(self, result: ApplicationResult) -> None:
        ordered = sorted(result.totals, key=lambda expert: (-result.totals[expert], expert))
        lowest, highest = self.dropped if self.dropped else (None, None)
        self.experts.setRowCount(len(ordered) + len(result.excluded))
        for row, expert in enumerate(ordered):
            if expert == highest:
                status, background = self.tr("Dropped (highest)"), DROPPED_BG
            elif expert == lowest:
                status, background = self.tr("Dropped (lowest)"), DROPPED_BG
            else:
                status, background = self.tr("Counted"), None
            explained = self.explanations(result, expert)
            reasons = _cell(explained.replace("\n", "；"), background)
            reasons.setToolTip(explained)
            for column, cell in enumerate(
                (
                    _cell(expert, background),
                    _cell(money2(result.totals[expert]), background, True),
                    _cell(status, background),
                    reasons,
                )
            ):
                self.experts.setItem(row, column, cell)
        for row, (expert, reason) in enumerate(result.excluded, start=len(ordered)):
            status = self.tr("Excluded: %1").replace(
                "%1", label(EXCLUSION_LABELS, reason, shown_language())
            )
            for column, cell in enumerate(
                (
                    _cell(expert, EXCLUDED_BG),
                    _cell("—", EXCLUDED_BG, True),
                    _cell(status, EXCLUDED_BG),
                    _cell("", EXCLUDED_BG),
                )
            ):
                self.experts.setItem(row, column, cell)

    def _fill_criteria(self, result: ApplicationResult) -> None:
        with _filling(self.criterion_table):
            self._put_criteria(result)
        self.criterion_table.resizeColumnToContents(1)
        self.criterion_table.resizeColumnToContents(2)

    def _put_criteria(self, result: ApplicationResult) -> None:
        means = result.criterion_means()
        self.criterion_table.setRowCount(len(self.criteria))
        for row, criterion in enumerate(self.criteria):
            mean = means.get(criterion.id)
            cells = (
                _cell(criterion.title),
                _cell(format(criterion.max, "f"), numeric=True),
                _cell(money2(mean) if mean is not None else "—", numeric=True),
            )
            for column, cell in enumerate(cells):
                self.criterion_table.setItem(row, column, cell)

    def explanations(self, result: ApplicationResult, expert: str) -> str:
        """The expert's written reasons and formal-review judgements, as signed, one per line
        (shown joined in the table, a line each in its tooltip)."""
        entry = result.entries.get(expert)
        if entry is None:
            return ""
        titles = {c.id: c.title for c in self.criteria}
        lines = [f"{titles.get(k, k)}：{v}" for k, v in entry.reasons.items()]
        for check_id, judgement in entry.judgements.items():
            verdict = self.tr("agrees") if judgement.agrees else self.tr("disagrees")
            reason = f"，{judgement.reason}" if judgement.reason else ""
            lines.append(f"{check_title(check_id)}：{verdict}{reason}")
        return "\n".join(lines)

    def expert_rows(self) -> list[tuple[str, str, str]]:
        """(expert, total, status) as shown, for tests and for reading back."""
        return [_row_texts(self.experts, r) for r in range(self.experts.rowCount())]

    def criterion_rows(self) -> list[tuple[str, str, str]]:
        """(title, max, mean) as shown."""
        return [_row_texts(self.criterion_table, r) for r in range(self.criterion_table.rowCount())]
