"""The bureau's returns inbox and ranking: returned files kept per round, every member's state, the
bureau's choice among conflicting returns, the ranking and each application's detail.

The inbox itself is :class:`tic_desktop.returns.inbox.ReturnsInbox` (no Qt): this window runs its
work off the GUI thread one job at a time (open, add files, record a choice) with a progress bar
and Cancel, and shows each resulting snapshot through lazy models.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import ApplicationResult, round_method
from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.errors import TicError
from tic_desktop.gui.conflict_choice import ConflictChoiceDialog
from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.inbox_jobs import InboxJob, let_go
from tic_desktop.gui.inbox_model import MembersModel, ReturnsModel, local_time, why_text
from tic_desktop.gui.ranking_model import RankingModel
from tic_desktop.gui.results_detail import ApplicationDetail
from tic_desktop.gui.results_opening import BureauSession
from tic_desktop.gui.table_views import fit_columns, inbox_table
from tic_desktop.reports.exports import ranking_csv, results_workbook
from tic_desktop.reports.result_summary import result_summary, signed_result_summary
from tic_desktop.returns.inbox import ReturnsInbox, returns_in
from tic_desktop.returns.inbox_records import InboxSnapshot, MemberState, MemberStatus
from tic_desktop.returns.receiving import STATUS_TEXT, ReceivedReturn
from tic_desktop.review import EvaluatedRound
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage import Database, open_database

__all__ = ["ResultsWindow", "returns_in"]

CENTER_NAME_CHARS = 10  # Chinese characters of a centre's name shown in the ranking, then elided
CLOSE_WAIT_S = 30.0
NEWS_INTERVAL_MS = 15_000  # how often an idle window looks for returns stored by others
WORKER_NICENESS = 10  # the inbox's verifying processes yield the CPU to the window's own threads


class ResultsWindow(QMainWindow):
    """Every return verified before it counts; nothing is accepted silently; nothing received is
    lost."""

    received = Signal(object)
    """Files were added or a choice recorded, and the inbox classified again: the ReceivedReturn
    list.

    (``object``, not ``list``: a list signal converts every element, 48 ms for 20,000.)"""

    loaded = Signal(object)
    """The inbox was read back as the window opened (the InboxSnapshot)."""

    choice_recorded = Signal(object)
    """The bureau's choice among conflicting returns was stored (the Choice)."""

    application_shown = Signal(str)
    """The detail pane now shows this application (its id), chosen in the ranking."""

    progressed = Signal(int, int)
    """Work in progress advanced (done, total), as the progress bar shows it."""

    def __init__(
        self,
        review: EvaluatedRound,
        workspace: BureauWorkspace,
        keys: BureauKeys,
        database: Database | None = None,
        *,
        session: BureauSession | None = None,
        language: str = "zh",
    ) -> None:
        super().__init__()
        self.review, self.workspace, self.keys = review, workspace, keys
        self.session = session or BureauSession()
        self.language = language
        self._scratch: tempfile.TemporaryDirectory | None = None
        if database is None:  # scripts and screenshots: a window that keeps nothing
            self._scratch = tempfile.TemporaryDirectory(prefix="tic-inbox-")
            database = open_database(Path(self._scratch.name) / "inbox.sqlite3")
        self.database = database
        self.returns_inbox = ReturnsInbox(database, workspace, review)
        self.returns_inbox.worker_niceness = WORKER_NICENESS
        self.snapshot: InboxSnapshot | None = None
        self.items: list[ReceivedReturn] = []
        self.results: list[ApplicationResult] = []
        self.choice_dialog: ConflictChoiceDialog | None = None
        self._queue: list[tuple[str, Callable, str]] = []
        self._job: InboxJob | None = None
        self._closing = False
        self._fitted = False
        self.setWindowTitle(self.tr("Returns and results — %1").replace("%1", review.round.id))
        self.setAcceptDrops(True)
        self._build()
        self.resize(1366, 768)
        # then shrunk and moved onto the screen: a 1024×600 netbook's desktop is smaller
        RemembersGeometry.fit_to_screen(self)
        self.news_timer = QTimer(self, interval=NEWS_INTERVAL_MS)
        self.news_timer.timeout.connect(self.look_for_news)
        self.news_timer.start()
        self._enqueue(
            "load",
            lambda progress, cancelled: self.returns_inbox.load(keys, progress, cancelled),
            self.tr("Opening the returns received so far…"),
        )

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        self.hint = QLabel(
            self.tr("Drag returned files or whole folders here, or add them with the button.")
        )
        self.add_button = QPushButton(self.tr("Add returns…"))
        self.add_button.clicked.connect(self.choose_files)
        top = QHBoxLayout()  # one row for the hint and its button leaves the height to the tables
        top.addWidget(self.hint, 1)
        top.addWidget(self.add_button)
        layout.addLayout(top)

        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)

        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setStyleSheet(
            "QLabel { background: #ffe5b4; color: #000000; border: 1px solid #c69500;"
            " padding: 4px; }"
        )
        self.conflict_button = QPushButton(self.tr("Choose…"))
        self.conflict_button.clicked.connect(self._choose_first_conflict)
        self.conflict_row = QWidget()
        row = QHBoxLayout(self.conflict_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.conflict_label, 1)
        row.addWidget(self.conflict_button)
        self.conflict_row.hide()
        layout.addWidget(self.conflict_row)

        self.returns_model = ReturnsModel(self.language, self)
        self.returns_view = inbox_table(self.returns_model, self.tr("Returned files"))
        self.returns_view.doubleClicked.connect(self._return_activated)
        self.members_model = MembersModel(self.language, self)
        self.members_model.note_for = self.member_note
        self.members_view = inbox_table(self.members_model, self.tr("Panel members"))
        self.members_view.doubleClicked.connect(self._member_activated)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members_view, self.tr("Panel members"))
        self.tabs.addTab(self.returns_view, self.tr("Returned files"))

        self.ranking_model = RankingModel(self.review.round, self)
        self.sorted_ranking = self.ranking_model  # the model sorts itself (kept name)
        self.ranking = inbox_table(self.ranking_model, self.tr("Ranking"))
        self.ranking.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ranking.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = ApplicationDetail(self.review.round, round_method(self.review.round))
        # the detail scrolls rather than holding the window taller than a 1024×600 desktop
        detail_scroll = QScrollArea()
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        results = QSplitter(Qt.Orientation.Horizontal)
        results.addWidget(self.ranking)
        results.addWidget(detail_scroll)
        results.setSizes([760, 590])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(results)
        splitter.setSizes([260, 460])
        self.splitter, self.results_splitter = splitter, results
        layout.addWidget(splitter, 1)

        self.export_button = QPushButton(self.tr("Export ranking and scores…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.summary_button = QPushButton(self.tr("Sign the result summary (PDF)…"))
        self.summary_button.clicked.connect(lambda: self.sign_summary())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.summary_button)
        layout.addLayout(buttons)
        self.setCentralWidget(central)

    # --- adding files ------------------------------------------------------------------------
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
        if files:
            self.add_paths([Path(f) for f in files])

    def add_paths(self, paths: list[Path]) -> None:
        """Copy and verify the files not received before (off the GUI thread), then rank again."""
        paths, keys = list(paths), self.keys
        self._enqueue(
            "add",
            lambda progress, cancelled: self.returns_inbox.add_files(
                paths, keys, progress, cancelled
            ),
            self.tr("Verifying returns"),
        )

    # --- jobs, one at a time -----------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._job is not None

    def _enqueue(self, kind: str, work: Callable, label: str) -> None:
        self._queue.append((kind, work, label))
        if self._job is None:
            self._next()

    def _next(self) -> None:
        if self._closing or not self._queue:
            return
        kind, work, label = self._queue.pop(0)

        def work_then_order(progress, cancelled):
            snapshot = work(progress, cancelled)
            return None if snapshot is None else (snapshot, self.presort(snapshot))

        job = InboxJob(work_then_order, self)
        queued = Qt.ConnectionType.QueuedConnection
        job.progressed.connect(lambda done, total: self._progressed(label, done, total), queued)
        job.finished.connect(lambda boxed: self._finished(kind, boxed[0]), queued)
        job.failed.connect(self._failed, queued)
        self._job = job
        self.progress_label.setText(label)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.cancel_button.setEnabled(True)
        self.progress_row.setVisible(kind != "news")  # a quick look needs no progress bar
        job.start()

    def _progressed(self, label: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(
            self.tr("%1: %2 of %3")
            .replace("%1", label)
            .replace("%2", str(done))
            .replace("%3", str(total))
        )
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        """Stop the running work at the next file; what was verified is kept."""
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping…"))

    def _job_ended(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
        self._job = None
        self.progress_row.hide()

    def _finished(self, kind: str, shown: tuple[InboxSnapshot, dict] | None) -> None:
        self._job_ended()
        if self._closing:
            return
        if shown is None:  # a look for news that found none
            self._next()
            return
        snapshot, presorted = shown
        self._show(snapshot, presorted)
        if kind == "load":
            self.loaded.emit(snapshot)
        else:
            if kind == "choose" and snapshot.choices:
                self.choice_recorded.emit(snapshot.choices[-1])
            self.received.emit(self.items)
        self._next()

    def _failed(self, error: Exception) -> None:
        self._job_ended()
        if not isinstance(error, TicError):
            raise error
        self.statusBar().showMessage(error.message(self.language))
        self._next()

    def look_for_news(self) -> None:
        """Show what another inbox on the database stored meanwhile (the meeting-room collector,
        another window): checked off the GUI thread when the window is idle."""
        if self._job is not None or self._queue or self.snapshot is None or self._closing:
            return
        inbox = self.returns_inbox
        self._enqueue(
            "news",
            lambda _progress, _cancelled: inbox.refresh() if inbox.has_news() else None,
            self.tr("Looking for returns received elsewhere"),
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.look_for_news()

    # --- showing a snapshot ------------------------------------------------------------------
    def presort(self, snapshot: InboxSnapshot) -> dict:
        """Each sorted table's order for the snapshot, worked out on the job's thread (sorting
        20,000 rows on the window's thread would hold it for ≈ 50 ms)."""
        snapshot.conflicts(), snapshot.items  # worked out here once, kept by the snapshot
        orders = {}
        for name, model, rows in (
            ("returns", self.returns_model, snapshot.entries),
            ("members", self.members_model, snapshot.members),
            ("ranking", self.ranking_model, snapshot.results),
        ):
            sorting = model.sorting
            if sorting is not None:
                orders[name] = (sorting, model.ordered(rows, sorting))
        return orders

    def _show(self, snapshot: InboxSnapshot, presorted: dict | None = None) -> None:
        presorted = presorted or {}
        previous, self.snapshot = self.snapshot, snapshot
        self.items, self.results = snapshot.items, list(snapshot.results)
        self.returns_model.set_snapshot(snapshot, presorted.get("returns"))
        self.members_model.set_snapshot(snapshot, presorted.get("members"))
        shown = self.detail.result.application_id if self.detail.result is not None else None
        self.ranking_model.set_results(self.results, presorted.get("ranking"))
        if not self._fitted and snapshot.entries:
            for view in (self.returns_view, self.members_view):
                fit_columns(view)
            fit_columns(self.ranking)
            # the centres' full names would push the final score and the flags out of sight
            center = self.ranking_model.columns.index("center")
            shortest = self.ranking.fontMetrics().horizontalAdvance("中" * CENTER_NAME_CHARS)
            self.ranking.setColumnWidth(center, min(self.ranking.columnWidth(center), shortest))
            self._fitted = True
        elif not self._fitted:
            fit_columns(self.members_view)
        if shown is not None:
            self.select_application(shown)
        else:
            self.detail.clear()
        conflicts = snapshot.conflicts()
        self.conflict_row.setVisible(bool(conflicts))
        if conflicts:
            self.conflict_label.setText(
                self.tr(
                    "%1 experts sent returns that conflict; their scores do not count until you "
                    "choose which return counts (double-click a row marked in conflict)."
                ).replace("%1", str(len(conflicts)))
            )
        self.statusBar().showMessage(self.summary_text(snapshot))
        if previous is not None:
            let_go(previous)  # its members and ranking are freed off this thread

    def summary_text(self, snapshot: InboxSnapshot) -> str:
        counts = "，".join(f"{STATUS_TEXT[s]} {snapshot.counts.get(s, 0)}" for s in STATUS_TEXT)
        waiting = sum(1 for m in snapshot.members if m.state == MemberState.NOT_RETURNED)
        parts = [
            counts,
            self.tr("%1 of %2 panel members have not returned")
            .replace("%1", str(waiting))
            .replace("%2", str(len(snapshot.members))),
        ]
        report = snapshot.report
        if report is not None:
            parts.append(
                self.tr("added %1, already received %2 (not verified again)")
                .replace("%1", str(report.new))
                .replace("%2", str(report.already))
            )
            if report.unreadable:
                parts.append(
                    self.tr("could not read: %1").replace("%1", "、".join(report.unreadable))
                )
            if report.cancelled:
                parts.append(self.tr("stopped before the end"))
        if snapshot.missing_copies:
            parts.append(
                self.tr("%1 kept copies are missing from the workspace").replace(
                    "%1", str(len(snapshot.missing_copies))
                )
            )
        return " · ".join(parts)

    def member_note(self, member: MemberStatus) -> str:
        """What the clerk needs to know beside a member's state."""
        if member.state == MemberState.CONFLICT:
            versions = [
                self.tr("revision %1 signed %2")
                .replace("%1", str(e.item.revision))
                .replace("%2", local_time(e.item.signed_at))
                for e in member.entries
                if e.item.status == "conflict"
            ]
            return self.tr("%1 conflict: choose one").replace("%1", "、".join(versions))
        if member.choice is not None:
            entry = next(
                (e for e in member.entries if e.file_sha256 == member.choice.file_sha256), None
            )
            return (
                self.tr("revision %1 chosen by %2 (%3) at %4")
                .replace("%1", str(entry.item.revision) if entry is not None else "—")
                .replace("%2", member.choice.chosen_by)
                .replace("%3", member.choice.os_user or "—")
                .replace("%4", local_time(member.choice.chosen_at))
            )
        if member.state == MemberState.REJECTED and member.entries:
            return why_text(member.entries[-1], self.language)
        return ""

    # --- the ranking and the detail ----------------------------------------------------------
    def ranking_row_of(self, application_id: str) -> int | None:
        """The row (as sorted now) showing ``application_id``."""
        return self.ranking_model.row_of(application_id)

    def select_application(self, application_id: str) -> None:
        """Select ``application_id`` in the ranking; the detail pane follows."""
        row = self.ranking_row_of(application_id)
        if row is None:
            self.detail.clear()
            return
        index = self.ranking_model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.ranking.selectionModel().setCurrentIndex(index, flags)
        self._show_detail(index)  # also when it was already current: new returns change figures
        self.ranking.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(current)

    def _show_detail(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.detail.clear()
            return
        result = self.ranking_model.result_at(index.row())
        self.detail.show_result(result)
        self.application_shown.emit(result.application_id)

    # --- the bureau's choice among conflicting returns ---------------------------------------
    def choose_between(self, panel: str, expert: str) -> ConflictChoiceDialog | None:
        """Open the choice for one expert's conflicting returns of a panel (None: nothing to
        choose)."""
        if self.snapshot is None:
            return None
        entries = self.snapshot.contested(panel, expert)
        member = next(
            (m for m in self.snapshot.members if m.panel == panel and m.expert == expert), None
        )
        if len(entries) < 2 or member is None:
            return None
        if member.state != MemberState.CONFLICT and member.choice is None:
            return None
        dialog = ConflictChoiceDialog(
            panel, expert, member.name, entries, self.session.clerk, self.language, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._record_choice)
        self.choice_dialog = dialog
        dialog.open()
        return dialog

    def _record_choice(self, file_sha256: str, who: str) -> None:
        self.session.clerk = who  # typed once: offered again for the rest of the session
        self._enqueue(
            "choose",
            lambda _progress, _cancelled: self.returns_inbox.choose(file_sha256, who),
            self.tr("Recording the choice"),
        )

    def _choose_first_conflict(self) -> None:
        if self.snapshot is not None and self.snapshot.conflicts():
            panel, expert = sorted(self.snapshot.conflicts())[0]
            self.choose_between(panel, expert)

    def _return_activated(self, index: QModelIndex) -> None:
        entry = self.returns_model.entry_at(index.row())
        if entry.item.verified:
            self.choose_between(str(entry.item.panel), str(entry.item.expert))

    def _member_activated(self, index: QModelIndex) -> None:
        member = self.members_model.member_at(index.row())
        self.choose_between(member.panel, member.expert)

    # --- output ------------------------------------------------------------------------------
    def export(self, target: Path | None = None) -> Path | None:
        """The results: .xlsx (ranking, expert matrix, scores, opinions, exclusions, returns) or
        .csv (the ranking)."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export ranking"), "ranking.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        method = round_method(self.review.round)
        if target.suffix.lower() == ".csv":
            data = ranking_csv(self.review.round, self.results, method)
        else:
            data = results_workbook(self.review.round, self.results, self.items, method)
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

    # --- closing -----------------------------------------------------------------------------
    def _let_go_of_everything(self) -> None:
        """Tables emptied here (references only), the returns freed a piece at a time elsewhere."""
        snapshot, self.snapshot = self.snapshot, None
        self.items, self.results = [], []
        self.returns_model.set_rows([])
        self.members_model.set_rows([])
        self.ranking_model.set_results([])
        self.detail.clear()
        let_go(snapshot, *self.returns_inbox.forget())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Running work is stopped at the next file and waited for: what it verified is stored."""
        self._closing = True
        self.news_timer.stop()
        self._queue.clear()
        if self._job is not None:
            self._job.cancel()
            self._job.wait(CLOSE_WAIT_S)
        self._let_go_of_everything()
        if self._scratch is not None:
            self.database.close()
            self._scratch.cleanup()
            self._scratch = None
        super().closeEvent(event)
