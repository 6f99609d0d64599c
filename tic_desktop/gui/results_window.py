"""The bureau's returns inbox and ranking: drop returned files in, see each one classified, rank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import ApplicationResult, aggregate, round_method
from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.gui.ranking_model import RankingModel, RankingSortProxy
from tic_desktop.gui.results_detail import ApplicationDetail
from tic_desktop.gui.tasks import run_task
from tic_desktop.reports.exports import (
    RANKING_HEADER,
    SCORES_HEADER,
    as_csv,
    as_xlsx,
    ranking_rows,
    score_rows,
)
from tic_desktop.reports.result_summary import result_summary, signed_result_summary
from tic_desktop.returns.receiving import REASON_TEXT, STATUS_TEXT, ReceivedReturn, receive_returns
from tic_desktop.review import RoundReview
from tic_desktop.security.atomic import write_atomically

STATUS_BG = {
    "accepted": QColor("#d1e7dd"),
    "superseded": QColor("#fff3cd"),
    "duplicate": QColor("#fff3cd"),
    "rejected": QColor("#f8d7da"),
}


def returns_in(paths: list[Path]) -> list[Path]:
    """Files as given, and every .ticreturn inside given folders (a USB stick's tree)."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.rglob("*.ticreturn"))
        elif path.is_file():
            found.append(path)
    return list(dict.fromkeys(found))


class ResultsWindow(QMainWindow):
    """Every return verified before it counts; nothing is accepted silently."""

    received = Signal(list)
    """The inbox was (re)classified: the ReceivedReturn list."""

    application_shown = Signal(str)
    """The detail pane now shows this application (its id), chosen in the ranking."""

    def __init__(self, review: RoundReview, workspace: BureauWorkspace, keys: BureauKeys) -> None:
        super().__init__()
        self.review, self.workspace, self.keys = review, workspace, keys
        self.files: list[Path] = []
        self.items: list[ReceivedReturn] = []
        self.results: list[ApplicationResult] = []
        self.setWindowTitle(self.tr("Returns and results — %1").replace("%1", review.round.id))
        self.setAcceptDrops(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.hint = QLabel(
            self.tr("Drag returned files or whole folders here, or add them with the button.")
        )
        add = QPushButton(self.tr("Add returns…"))
        add.clicked.connect(self.choose_files)
        self.export_button = QPushButton(self.tr("Export ranking and scores…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.summary_button = QPushButton(self.tr("Sign the result summary (PDF)…"))
        self.summary_button.clicked.connect(lambda: self.sign_summary())
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.inbox = QTableWidget(0, 5)
        self.inbox.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Expert"),
                self.tr("Revision"),
                self.tr("Status"),
                self.tr("Why"),
            ]
        )
        self.inbox.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.inbox.horizontalHeader().setStretchLastSection(True)
        self.ranking_model = RankingModel(review.round, self)
        self.sorted_ranking = RankingSortProxy(self)
        self.sorted_ranking.setSourceModel(self.ranking_model)
        self.ranking = QTableView()
        self.ranking.setModel(self.sorted_ranking)
        self.ranking.setAccessibleName(self.tr("Ranking"))
        self.ranking.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking.verticalHeader().setVisible(False)
        self.ranking.setWordWrap(False)
        self.ranking.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ranking.horizontalHeader().setStretchLastSection(True)
        self.ranking.setSortingEnabled(True)
        self.ranking.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ranking.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = ApplicationDetail(review.round, round_method(review.round))
        results = QSplitter(Qt.Orientation.Horizontal)
        results.addWidget(self.ranking)
        results.addWidget(self.detail)
        results.setSizes([760, 590])
        splitter.addWidget(self.inbox)
        splitter.addWidget(results)
        splitter.setSizes([200, 520])
        self.splitter, self.results_splitter = splitter, results
        top = QHBoxLayout()  # one row for the hint and its button leaves the height to the tables
        top.addWidget(self.hint, 1)
        top.addWidget(add)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.summary_button)
        layout.addLayout(buttons)
        self.setCentralWidget(central)
        self.resize(1366, 768)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_paths([Path(url.toLocalFile()) for url in event.mimeData().urls()])
        event.acceptProposedAction()

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Returned files"), "", self.tr("Returns (*.ticreturn)")
        )
        self.add_paths([Path(f) for f in files])

    def add_paths(self, paths: list[Path]) -> None:
        """Verify (off the GUI thread) and classify everything received so far, then rank."""
        self.files = list(dict.fromkeys(self.files + returns_in(paths)))
        files, review, workspace, keys = list(self.files), self.review, self.workspace, self.keys
        self.statusBar().showMessage(
            self.tr("Verifying %1 returns…").replace("%1", str(len(files)))
        )

        def work():
            items = receive_returns(files, workspace, keys, review.round)
            return items, aggregate(review.round, items)

        run_task(work, self._show, lambda error: self.statusBar().showMessage(str(error)))

    def _show(self, result) -> None:
        self.items, self.results = result
        self.inbox.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            reason = f"{REASON_TEXT[item.reason][0]}：{item.detail}" if item.reason else item.detail
            values = (
                item.file.name,
                item.expert or "—",
                str(item.revision or "—"),
                STATUS_TEXT[item.status],
                reason,
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setBackground(QBrush(STATUS_BG[item.status]))
                cell.setForeground(QBrush(QColor("#000000")))
                self.inbox.setItem(row, column, cell)
        self.inbox.resizeColumnsToContents()
        shown = self.detail.result.application_id if self.detail.result is not None else None
        self.ranking_model.set_results(self.results)
        self.ranking.resizeColumnsToContents()
        center = self.ranking_model.columns.index(
            "center"
        )  # long names elide; the tooltip has them whole
        self.ranking.setColumnWidth(
            center, min(self.ranking.columnWidth(center), 8 * self.fontMetrics().height())
        )
        if shown is not None:
            self.select_application(shown)
        else:
            self.detail.clear()
        counts = {s: sum(1 for i in self.items if i.status == s) for s in STATUS_TEXT}
        self.statusBar().showMessage("，".join(f"{STATUS_TEXT[s]} {n}" for s, n in counts.items()))
        self.received.emit(self.items)

    def ranking_row_of(self, application_id: str) -> int | None:
        """The row (as sorted now) showing ``application_id``."""
        for row in range(self.sorted_ranking.rowCount()):
            if (
                self.sorted_ranking.index(
                    row, self.ranking_model.columns.index("application")
                ).data()
                == application_id
            ):
                return row
        return None

    def select_application(self, application_id: str) -> None:
        """Select ``application_id`` in the ranking; the detail pane follows."""
        row = self.ranking_row_of(application_id)
        if row is None:
            self.detail.clear()
            return
        index = self.sorted_ranking.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.ranking.selectionModel().setCurrentIndex(index, flags)
        self._show_detail(
            index
        )  # also when it was already current, after new returns changed its figures
        self.ranking.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(current)

    def _show_detail(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.detail.clear()
            return
        result = self.ranking_model.result_at(self.sorted_ranking.mapToSource(index).row())
        self.detail.show_result(result)
        self.application_shown.emit(result.application_id)

    def export(self, target: Path | None = None) -> Path | None:
        """Ranking and every accepted score: .xlsx (two sheets) or .csv (the ranking)."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export ranking"), "ranking.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        ranking = (RANKING_HEADER, ranking_rows(self.review.round, self.results))
        if target.suffix.lower() == ".csv":
            data = as_csv(*ranking)
        else:
            data = as_xlsx(
                {
                    "排名": ranking,
                    "全部评分": (SCORES_HEADER, score_rows(self.review.round, self.items)),
                }
            )
        write_atomically(target, data)
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(target)))
        return target

    def sign_summary(self, target: Path | None = None) -> Path | None:
        """The signed 评审结果汇总表 with the method, its parameters and every input's SHA-256."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Result summary"),
                f"评审结果汇总表-{self.review.round.id}.pdf",
                "PDF (*.pdf)",
            )
            if not chosen:
                return None
            target = Path(chosen)
        summary = result_summary(
            self.review.round, self.results, self.items, round_method(self.review.round)
        )
        write_atomically(target, signed_result_summary(summary, self.workspace, self.keys))
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(target)))
        return target
