"""The ranking as an item model: sorts on numbers (not their text), flagged rows stand out in colour
and words.

The model sorts itself (:mod:`tic_desktop.gui.sorted_table`): a proxy whose ``lessThan`` is Python
would be called ≈ 140,000 times to sort 10,000 applications, on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from tic_desktop.aggregation import EXCLUSION_LABELS, FLAG_LABELS, ApplicationResult, money2
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.gui.i18n import listed, shown_language
from tic_desktop.gui.sorted_table import Index, SortedTableModel, order_of
from tic_desktop.rules.messages import label

FLAG_BG = QColor("#fff3cd")  # black text on it stays above 7:1 contrast
UNSET = "—"


class RankingModel(SortedTableModel):
    """One row per application of the round; a grade column only for performance rounds."""

    def __init__(self, review_round: ReviewRound, parent=None) -> None:
        super().__init__(parent)
        self.review_round = review_round
        self._rows_of: dict[str, int] | None = None
        graded = review_round.spec.kind == "performance"
        self.columns = [
            "rank",
            "application",
            "center",
            "valid",
            "mean",
            "final",
            *(["grade"] if graded else []),
            "flags",
            "excluded",
        ]

    def headers(self) -> dict[str, str]:
        return {
            "rank": self.tr("Rank"),
            "application": self.tr("Application"),
            "center": self.tr("Center"),
            "valid": self.tr("Valid"),
            "mean": self.tr("Mean"),
            "final": self.tr("Final"),
            "grade": self.tr("Grade"),
            "flags": self.tr("Flags"),
            "excluded": self.tr("Excluded"),
        }

    @property
    def results(self) -> list[ApplicationResult]:
        """The results in the order shown."""
        return self.rows

    def set_results(self, results: list[ApplicationResult], presorted=None) -> None:
        self.set_rows(results, presorted)

    def rows_changed(self) -> None:
        self._rows_of = None

    def result_at(self, row: int) -> ApplicationResult:
        return self.rows[row]

    def row_of(self, application_id: str) -> int | None:
        """The row (as sorted now) showing ``application_id``."""
        if self._rows_of is None:
            self._rows_of = {r.application_id: n for n, r in enumerate(self.rows)}
        return self._rows_of.get(application_id)

    def ordered(self, rows, sorting) -> list[int]:
        """Numbers as numbers (unrounded), no figure last either way, ties in rank order."""
        column, order = sorting
        # rank order first; the stable sort on the column keeps it among ties, either direction
        ranks = [(r.rank is None, r.rank or 0) for r in rows]
        by_rank = sorted(range(len(rows)), key=ranks.__getitem__)
        keys = self.keys(rows, self.columns[column])
        return order_of(keys, order == Qt.SortOrder.DescendingOrder, by_rank)

    def keys(self, rows, column: str) -> list:
        if column == "rank":
            return [r.rank for r in rows]
        if column in ("valid", "mean", "final"):
            return [getattr(r, column) for r in rows]
        return [self._key(r, column) for r in rows]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[self.columns[section]]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # the first click on a score shows the highest first; on a name, A to Z
            descending = self.columns[section] in ("valid", "mean", "final")
            return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return None

    def text(self, result: ApplicationResult, column: str) -> str:
        if column == "rank":
            return str(result.rank) if result.rank is not None else UNSET
        if column == "application":
            return result.application_id
        if column == "center":
            application = self.review_round.applications.get(result.application_id)
            return application.center_name if application is not None else UNSET
        if column == "valid":
            return str(result.valid)
        if column in ("mean", "final"):
            return money2(getattr(result, column)) or UNSET
        if column == "grade":
            return result.grade or UNSET
        if column == "flags":
            return listed([label(FLAG_LABELS, flag, shown_language()) for flag in result.flags])
        return listed(
            [
                self.tr("%1 (%2)")
                .replace("%1", expert)
                .replace("%2", label(EXCLUSION_LABELS, reason, shown_language()))
                for expert, reason in result.excluded
            ]
        )

    def sort_key(self, row: int, column: int):
        """What the column sorts on: numbers as numbers (unrounded), None where there is no
        figure."""
        return self._key(self.results[row], self.columns[column])

    def _key(self, result: ApplicationResult, name: str):
        if name == "rank":
            return result.rank
        if name == "valid":
            return result.valid
        if name in ("mean", "final"):
            return getattr(result, name)
        return self.text(result, name)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            not index.isValid()
            or index.model() is not self
            or not 0 <= index.row() < len(self.results)
        ):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        result, column = self.results[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(result, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("center", "flags", "excluded"):
            return self.text(result, column) or None
        if role == Qt.ItemDataRole.BackgroundRole and result.flags:
            return QBrush(FLAG_BG)
        if role == Qt.ItemDataRole.ForegroundRole and result.flags:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.FontRole and column == "flags" and result.flags:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "rank",
            "valid",
            "mean",
            "final",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
