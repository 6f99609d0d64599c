"""Building review packages from the GUI: bureau, panels and folder; progress and cancel; the
passphrase sheets.

The build runs in a worker process (pyrage holds the GIL: a thread would freeze the window). It
reports through a multiprocessing queue that a timer reads, and stops when a multiprocessing event
is set; a cancelled or failed build leaves nothing behind (tic_desktop.packages.build_job). A
worker that has not stopped :data:`CANCEL_GRACE_MS` after a cancel (scrypt cannot be interrupted)
is killed with its pool, and what it wrote is undone here: cancelling and closing never wait longer.
"""

from __future__ import annotations

import multiprocessing
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.domain.files import make_private
from tic_desktop.errors import TicError
from tic_desktop.gui.geometry import RememberingDialog
from tic_desktop.gui.package_build_questions import NewPassphraseDialog, ReplaceQuestion
from tic_desktop.gui.pdf_printing import paint_pdf_pages
from tic_desktop.gui.settings import Preferences, Setting
from tic_desktop.gui.tasks import in_worker_process, run_task
from tic_desktop.packages.build import existing_packages
from tic_desktop.packages.build_job import (
    ENCRYPTING,
    ISSUING,
    PREPARING,
    SHEETS,
    UNLOCKING,
    BuildCancelled,
    BuildOutcome,
    BuildRequest,
    BuildTraces,
    Built,
    Committing,
    Crashed,
    Failed,
    Message,
    Progress,
    create_workspace,
    panel_refusals,
    run_build_job,
)
from tic_desktop.packages.worker_processes import kill_tree
from tic_desktop.review import EvaluatedRound
from tic_desktop.security import keyring_store
from tic_desktop.security.certificates import short_fingerprint
from tic_desktop.security.errors import KeyringUnavailable

BUREAU_FOLDER = Setting("files/bureau_folder", "", str)
PACKAGES_FOLDER = Setting("files/packages_folder", "", str)
POLL_MS = 50
CANCEL_GRACE_MS = 1000
"""How long a cancelled worker may take to undo its own work before it is killed and undone here."""
PROBLEM_COLOR = QColor("#9b1c1c")


class BuildPackagesDialog(RememberingDialog):
    """One encrypted package per chosen panel, built in a worker process that can be cancelled."""

    built = Signal(list)
    """Packages were built and are in the output folder (list of BuiltPackage)."""
    cancelled = Signal()
    """A build was cancelled; it left no package, sheet or credential behind."""
    error_shown = Signal(str)
    """A problem was shown in the dialog (its text)."""
    progress_reported = Signal(int, int, str)
    """The worker reported progress: done, total and the stage (build_job's stage names)."""
    workspace_ready = Signal(str)
    """A bureau workspace was chosen or created (its folder)."""
    sheets_printed = Signal(int)
    """The new passphrase sheets were sent to a printer (the number of pages)."""
    replace_asked = Signal(object)
    """Packages of the chosen panels are already in the output folder: the ReplaceQuestion opened
    (not modal to the event loop); replying Replace starts the build, Keep them builds nothing."""

    def __init__(
        self,
        review: EvaluatedRound,
        preferences: Preferences,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(preferences, parent)
        self.review = review
        self.language = language
        self.workspace: BureauWorkspace | None = None
        self.outcome: BuildOutcome | None = None
        self._process = None
        self._messages = None
        self._cancel = None
        self._end: Message | None = None
        self._traces: BuildTraces | None = None
        self._committing = False
        self._killed = False
        self._creating = False
        self._needs_passphrase = False
        self._close_when_stopped = False
        self.replace_question: ReplaceQuestion | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._read_messages)
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(CANCEL_GRACE_MS)
        self._grace.timeout.connect(self._stop_worker)
        self.setWindowTitle(self.tr("Build review packages"))
        self._build_ui()
        self._fill_panels()
        self.out_edit.setText(preferences.get(PACKAGES_FOLDER))
        self.set_workspace_folder(preferences.get(BUREAU_FOLDER))

    # --- layout -------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        spec = self.review.round.spec
        heading = QLabel(f"<b>{escape(spec.title)}</b>（{escape(self.review.round.id)}）")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.workspace_edit = QLineEdit()
        self.workspace_edit.editingFinished.connect(
            lambda: self.set_workspace_folder(self.workspace_edit.text())
        )
        self.choose_workspace_button = QPushButton(self.tr("C&hoose…"))
        self.choose_workspace_button.clicked.connect(self._choose_workspace)
        self.new_workspace_button = QPushButton(self.tr("&New workspace…"))
        self.new_workspace_button.clicked.connect(self._new_workspace)
        self._labelled_row(
            form,
            self.tr("Bureau &workspace:"),
            self.workspace_edit,
            self.choose_workspace_button,
            self.new_workspace_button,
        )
        self.workspace_info = QLabel()
        self.workspace_info.setWordWrap(True)
        form.addRow("", self.workspace_info)
        self.passphrase_label = QLabel(self.tr("Bureau &passphrase:"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.out_edit = QLineEdit()
        self.choose_out_button = QPushButton(self.tr("Choos&e…"))
        self.choose_out_button.clicked.connect(self._choose_output)
        self._labelled_row(form, self.tr("&Output folder:"), self.out_edit, self.choose_out_button)
        layout.addLayout(form)
        panels_label = QLabel(self.tr("P&anels to build:"))
        self.panels = QListWidget()
        self.panels.setWordWrap(True)
        panels_label.setBuddy(self.panels)
        layout.addWidget(panels_label)
        layout.addWidget(self.panels, 2)
        self.stage_label = QLabel()
        self.stage_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Build progress"))
        self.progress_bar.setTextVisible(False)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.progress_bar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(f"color: {PROBLEM_COLOR.name()}")
        self.message.hide()
        layout.addWidget(self.message)
        self.results = QTreeWidget()
        self.results.setRootIsDecorated(False)
        self.results.setHeaderLabels(
            [
                self.tr("Panel"),
                self.tr("Package"),
                self.tr("Chair"),
                self.tr("Members"),
                self.tr("Manifest SHA-256"),
            ]
        )
        self.results.setAccessibleName(self.tr("Packages built"))
        header = self.results.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.results, 1)
        self.sheets_label = QLabel()
        self.sheets_label.setWordWrap(True)
        self.sheets_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sheets_label)
        buttons = QDialogButtonBox()
        self.build_button = buttons.addButton(
            self.tr("&Build"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.start_build)
        self.cancel_button = buttons.addButton(
            self.tr("&Cancel build"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.print_button = buttons.addButton(
            self.tr("Print passphrase &sheets…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self._print_clicked)
        self.print_button.setEnabled(False)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 760)

    @staticmethod
    def _labelled_row(form: QFormLayout, text: str, edit: QLineEdit, *buttons: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        for button in buttons:
            row.addWidget(button)
        label = QLabel(text)
        label.setBuddy(edit)
        form.addRow(label, row)

    def _fill_panels(self) -> None:
        for panel in self.review.round.panels:
            summary = (
                self.tr("%1 — %2 members, %3 applications, chair %4")
                .replace("%1", panel.id)
                .replace("%2", str(len(panel.members)))
                .replace("%3", str(len(panel.applications)))
                .replace("%4", self.person(panel.chair))
            )
            reasons = panel_refusals(self.review, panel.id, self.language)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, panel.id)
            if reasons:
                text = "\n".join(
                    [
                        summary,
                        self.tr(
                            "Cannot be built: it breaks a conflict-of-interest rule. "
                            "Correct the panel first."
                        ),
                        *(f"    · {r}" for r in reasons),
                    ]
                )
                item.setText(text)
                item.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                )  # shown, not enabled: it cannot be ticked
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setForeground(PROBLEM_COLOR)
            else:
                item.setText(summary)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(item.text())
            self.panels.addItem(item)

    def person(self, expert_id: str) -> str:
        """An expert as people know them: the name, with the id of the round's list."""
        expert = self.review.round.experts.get(expert_id)
        if expert is None:
            return expert_id
        return self.tr("%1 (%2)").replace("%1", expert.name).replace("%2", expert_id)

    def panel_item(self, panel_id: str) -> QListWidgetItem:
        for row in range(self.panels.count()):
            if self.panels.item(row).data(Qt.ItemDataRole.UserRole) == panel_id:
                return self.panels.item(row)
        raise KeyError(panel_id)

    def chosen_panels(self) -> list[str]:
        """The ticked panels that may be built, in the round's order."""
        items = [self.panels.item(row) for row in range(self.panels.count())]
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.flags() & Qt.ItemFlag.ItemIsEnabled and i.checkState() == Qt.CheckState.Checked
        ]

    # --- the bureau workspace ------------------------------------------------------------------
    def _choose_workspace(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Bureau workspace folder"),
            self._start_folder(
                self.workspace_edit.text(), str(Path(self.workspace_edit.text()).parent)
            ),
        )
        if folder:
            self.set_workspace_folder(folder)

    def set_workspace_folder(self, folder: str) -> bool:
        """Use the bureau workspace in ``folder``; shows what it is, or why it is not one."""
        self.workspace = None
        self._show_passphrase(False)
        if self.workspace_edit.text() != folder:
            self.workspace_edit.setText(folder)
        if not folder.strip():
            self.workspace_info.setText(
                self.tr("Choose the bureau's workspace folder, or create a new one.")
            )
            return False
        if Path(folder).is_dir() and not (Path(folder) / "bureau.json").exists():
            button = self.new_workspace_button.text().replace("&", "")
            self.workspace_info.setText(
                self.tr(
                    "This folder is not a bureau workspace (it has no bureau.json). Choose the "
                    "bureau's workspace folder, or create one with “%1”."
                ).replace("%1", button)
            )
            return False
        try:
            workspace = BureauWorkspace(Path(folder))
        except TicError as error:
            self.workspace_info.setText(error.message(self.language))
            return False
        except OSError as error:
            self.workspace_info.setText(
                self.tr("Cannot read %1: %2")
                .replace("%1", folder)
                .replace("%2", error.strerror or str(error))
            )
            return False
        self.workspace = workspace
        in_keyring = workspace.secrets_in == "keyring"
        where = (
            self.tr("keys in this computer's keyring")
            if in_keyring
            else self.tr("keys protected by a passphrase")
        )
        self.workspace_info.setText(
            self.tr("%1 · fingerprint %2 · %3")
            .replace("%1", workspace.name)
            .replace("%2", short_fingerprint(workspace.fingerprint))
            .replace("%3", where)
        )
        self._show_passphrase(not in_keyring)
        self._preferences.set(BUREAU_FOLDER, str(workspace.folder))
        self.workspace_ready.emit(str(workspace.folder))
        return True

    def _show_passphrase(self, needed: bool) -> None:
        self._needs_passphrase = needed
        self.passphrase_label.setVisible(needed)
        self.passphrase_edit.setVisible(needed)

    @property
    def needs_passphrase(self) -> bool:
        """The workspace's keys are protected by a passphrase (not in this computer's keyring)."""
        return self._needs_passphrase

    def _start_folder(self, *candidates: str) -> str:
        """Where a file dialog opens: the first of ``candidates`` that exists, else the round's
        folder."""
        for candidate in candidates:
            if candidate.strip() and Path(candidate).is_dir():
                return candidate
        return str(self.review.round.path.parent)

    def ask_new_workspace_folder(self) -> Path | None:
        """A folder for a new workspace; it may not exist yet (it is created with the keys)."""
        start = Path(self._start_folder(str(Path(self.workspace_edit.text()).parent)))
        asking = QFileDialog(self, self.tr("Folder for the new bureau workspace"))
        asking.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        asking.setFileMode(QFileDialog.FileMode.AnyFile)
        asking.setOption(QFileDialog.Option.ShowDirsOnly, True)
        asking.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
        asking.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Create"))
        asking.setDirectory(str(start))
        asking.selectFile(self.tr("bureau-workspace"))
        if asking.exec() != QDialog.DialogCode.Accepted or not asking.selectedFiles():
            return None
        return Path(asking.selectedFiles()[0])

    def _new_workspace(self) -> None:
        folder = self.ask_new_workspace_folder()
        if folder is None:
            return
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            self._show_problem(
                self.tr(
                    "%1 is not empty. Choose an empty folder or type the name of a new one."
                ).replace("%1", str(folder))
            )
            return
        passphrase = None
        try:
            keyring_store.secure_backend()
        except KeyringUnavailable:  # as `tic bureau init` would, but asking instead of failing
            asking = NewPassphraseDialog(self._preferences, self)
            if asking.exec() != QDialog.DialogCode.Accepted:
                return
            passphrase = asking.passphrase()
        self.create_workspace(folder, passphrase)

    def create_workspace(self, folder: Path, passphrase: str | None) -> None:
        """Create a bureau workspace in ``folder`` (in a worker process), then use it.

        Without ``passphrase`` the keys go to the OS keyring, which must be a secure one.
        """
        self._creating = True
        self._set_running(True)
        self.cancel_button.setEnabled(False)
        self.stage_label.setText(self.tr("Creating the bureau's keys…"))
        self.progress_bar.setRange(0, 0)

        def done(created: str) -> None:
            self._creating = False
            self._set_running(False)
            self.set_workspace_folder(created)
            if passphrase is not None:  # just typed twice: not asked a third time
                self.passphrase_edit.setText(passphrase)
            self.stage_label.setText(
                self.tr(
                    "New bureau workspace created in %1. Keep a safe copy of this folder."
                ).replace("%1", created)
            )

        def failed(error: Exception) -> None:
            self._creating = False
            self._set_running(False)
            self.stage_label.clear()
            if not isinstance(error, TicError):
                raise error
            self._show_problem(error.message(self.language))

        run_task(lambda: in_worker_process(create_workspace, str(folder), passphrase), done, failed)

    def _choose_output(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the packages"), self._start_folder(self.out_edit.text())
        )
        if folder:
            self.out_edit.setText(folder)

    # --- building -------------------------------------------------------------------------------
    def is_running(self) -> bool:
        """Building packages or creating a workspace."""
        return self._process is not None or self._creating

    def is_building(self) -> bool:
        """A build's worker process is running (closing waits for it to clean up, about a
        second)."""
        return self._process is not None

    def _input_problem(self) -> str | None:
        if self.workspace is None and not self.set_workspace_folder(self.workspace_edit.text()):
            return self.tr("Choose the bureau's workspace folder, or create a new one.")
        if self._needs_passphrase and not self.passphrase_edit.text():
            return self.tr("Enter the passphrase of the bureau's keys.")
        if not self.out_edit.text().strip():
            return self.tr("Choose the folder the packages go to.")
        if not self.chosen_panels():
            return self.tr("Tick at least one panel to build.")
        return None

    def start_build(self, replace: bool = False) -> bool:
        """Start building the ticked panels in a worker process; False if something is missing.

        If packages of those panels are already in the output folder, asks first (``replace_asked``)
        unless ``replace``; the build then starts only when the answer is Replace.
        """
        if self.is_running() or self.replace_question is not None:
            return False
        problem = self._input_problem()
        if not problem:
            try:
                existing = existing_packages(
                    Path(self.out_edit.text().strip()), self.chosen_panels()
                )
            except TicError as error:
                problem = error.message(self.language)
        if problem:
            self._show_problem(problem)
            return False
        if existing and not replace:
            self._ask_replace(existing)
            return False
        self.message.hide()
        self.results.clear()
        self.sheets_label.clear()
        self.print_button.setEnabled(False)
        self.outcome = None
        out = Path(self.out_edit.text().strip())
        self._preferences.set(PACKAGES_FOLDER, str(out))
        request = BuildRequest(
            str(self.review.round.path),
            str(self.workspace.folder),
            str(out),
            self.chosen_panels(),
            self.passphrase_edit.text() if self._needs_passphrase else None,
            replace=replace,
        )
        # spawn, as on Windows: a forked copy of a process running Qt's threads is not safe. A
        # SimpleQueue writes each message at once: a Queue's feeder thread would wait while scrypt
        # holds the GIL.
        context = multiprocessing.get_context("spawn")
        self._traces = BuildTraces(request, self.review.round.id)
        self._messages = context.SimpleQueue()
        self._cancel = context.Event()
        self._end = None
        self._committing = self._killed = False
        self._process = context.Process(
            target=run_build_job,
            args=(request, self._messages, self._cancel),
            name="tic-build-packages",
        )
        self._process.start()
        self._set_running(True)
        self.stage_label.setText(self.tr("Starting the build process…"))
        self.progress_bar.setRange(0, 0)
        self._poll.start()
        return True

    def _ask_replace(self, existing: list[Path]) -> None:
        self.message.hide()
        question = ReplaceQuestion(existing, self)
        self.replace_question = question
        question.finished.connect(lambda _result: self._replace_answered(question))
        question.open()
        self.replace_asked.emit(question)

    def _replace_answered(self, question: ReplaceQuestion) -> None:
        self.replace_question = None
        question.deleteLater()
        if question.clickedButton() is question.replace_button:
            self.start_build(replace=True)
        else:
            self.stage_label.setText(
                self.tr("Nothing was built: the packages already in the folder were kept.")
            )

    def cancel(self) -> None:
        """Ask the worker to stop; it undoes what it wrote, then ``cancelled`` is emitted.

        A worker still running :data:`CANCEL_GRACE_MS` later is killed and its work undone here.
        """
        if self._process is not None and self._cancel is not None and not self._cancel.is_set():
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.stage_label.setText(self.tr("Cancelling… removing what was written"))
            self._grace.start()

    def _stop_worker(self) -> None:
        """The grace period is over: kill the worker and its pool, then remove what they wrote."""
        if self._process is None or self._committing:
            return  # moving finished packages to their names takes milliseconds: let it end
        kill_tree(self._process)
        self._process.join()
        self._killed = True
        self._read_messages()

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.workspace_edit,
            self.choose_workspace_button,
            self.new_workspace_button,
            self.passphrase_edit,
            self.out_edit,
            self.choose_out_button,
            self.panels,
            self.build_button,
        ):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.cancel_button.setFocus()
        else:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            self.build_button.setFocus()

    def _read_messages(self) -> None:
        alive = self._process.is_alive()  # asked first: once it has exited, all it sent is readable
        while not self._killed and not self._messages.empty():
            message = self._messages.get()
            if isinstance(message, Progress):
                self._show_progress(message.done, message.total, message.stage)
            elif isinstance(message, Committing):
                self._committing = True
            else:
                self._end = message
        if alive:
            return
        self._poll.stop()
        self._grace.stop()
        self._process.join()
        exit_code = self._process.exitcode
        self._process.close()
        self._messages.close()
        if self._killed:  # what it said may be cut off: it ended as cancelled, undone here
            self._traces.undo()
            self._end = BuildCancelled()
        self._process = self._messages = self._cancel = self._traces = None
        end, self._end = self._end, None
        self._set_running(False)
        if end is None:
            raise RuntimeError(
                f"the package build process stopped without a result (exit code {exit_code})"
            )
        if isinstance(end, Built):
            self._show_outcome(end.outcome)
        elif isinstance(end, BuildCancelled):
            self.stage_label.setText(self.tr("Cancelled. No package was written."))
            self.cancelled.emit()
        elif isinstance(end, Failed):
            self.stage_label.setText(self.tr("The packages could not be built."))
            self._show_problem(TicError(end.message_zh, end.message_en).message(self.language))
        elif isinstance(end, Crashed):
            raise RuntimeError(f"the package build failed:\n{end.traceback}")
        if self._close_when_stopped:
            self.reject()

    def _show_progress(self, done: int, total: int, stage: str) -> None:
        if stage == ENCRYPTING:
            text = (
                self.tr("Encrypting materials: %1 of %2 MB")
                .replace("%1", f"{done / 1e6:.1f}")
                .replace("%2", f"{total / 1e6:.1f}")
            )
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(done * 1000 // total if total else 1000)
        elif stage == ISSUING and total:
            text = (
                self.tr("Issuing credentials: %1 of %2")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
        else:
            text = {
                PREPARING: self.tr("Checking the round, the panels and the attachments…"),
                UNLOCKING: self.tr("Unlocking the bureau's keys…"),
                ISSUING: self.tr("Issuing credentials…"),
                SHEETS: self.tr("Writing the passphrase sheets…"),
            }.get(stage, stage)
            self.progress_bar.setRange(0, 0)
        if not self._cancel or not self._cancel.is_set():
            self.stage_label.setText(text)
        self.progress_reported.emit(done, total, stage)

    def _show_outcome(self, outcome: BuildOutcome) -> None:
        self.outcome = outcome
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        chairs = {p.id: p.chair for p in self.review.round.panels}
        for package in outcome.packages:
            item = QTreeWidgetItem(
                [
                    package.panel_id,
                    package.file.name,
                    self.person(chairs[package.panel_id]),
                    ", ".join(self.person(m) for m in package.members),
                    package.package_sha256,
                ]
            )
            item.setToolTip(1, str(package.file))
            item.setFont(4, fixed)
            self.results.addTopLevelItem(item)
        self.stage_label.setText(
            self.tr("Done: %1 packages built.").replace("%1", str(len(outcome.packages)))
        )
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        if outcome.sheets:
            self.sheets_label.setText(
                self.tr("%1 new passphrase sheets in %2.")
                .replace("%1", str(len(outcome.sheets)))
                .replace("%2", str(outcome.sheets_dir))
                + " "
                + self.tr(
                    "Each sheet unlocks one expert's credential: keep the sheets secret, print "
                    "them, hand each to its expert in person, then delete the files."
                )
            )
            self.print_button.setEnabled(True)
        else:
            self.sheets_label.setText(
                self.tr(
                    "No new passphrase sheets: the experts of these panels received "
                    "theirs with an earlier build (their credentials are reused)."
                )
            )
        self.built.emit(outcome.packages)

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.error_shown.emit(text)

    # --- printing the sheets ----------------------------------------------------------------------
    def _print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        if self.outcome and self.outcome.sheets:
            # Used only when "print to file" is chosen (no printer attached): a file, not the home
            # folder.
            printer.setOutputFileName(str(self.outcome.sheets[0].parent / "打印用-全部口令单.pdf"))
        asking = QPrintDialog(printer, self)
        asking.setWindowTitle(self.tr("Print passphrase sheets"))
        if asking.exec() == QDialog.DialogCode.Accepted:
            self.print_sheets(printer)

    def print_sheets(self, printer: QPrinter) -> int:
        """Paint every new passphrase sheet onto ``printer``, a page each, rendered with PDFium;
        returns pages."""
        sheets = self.outcome.sheets if self.outcome else []
        if not sheets:
            return 0
        printer.setFullPage(True)  # the sheets carry their own margins
        painter = QPainter()
        if not painter.begin(printer):
            self._show_problem(self.tr("The printer could not be started."))
            return 0
        try:
            pages = paint_pdf_pages(painter, printer, sheets)
        finally:
            painter.end()
            if printer.outputFileName() and Path(printer.outputFileName()).is_file():
                # printed to a file: as secret as the sheets themselves (0600)
                make_private(Path(printer.outputFileName()))
        self.sheets_printed.emit(pages)
        return pages

    # --- closing ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self._process is not None:  # closing while building means cancel first, then close
            self._close_when_stopped = True
            self.cancel()
            return
        # Creating a workspace (a few seconds) goes on behind a closed dialog; its worker ends with
        # the app.
        super().done(result)
