"""Building review packages from the GUI: bureau, panels and folder; progress and cancel; the
passphrase sheets.

The build runs in a worker process that :class:`~tic_desktop.gui.build_worker.BuildWorker` starts,
reads, cancels and, when it does not stop in time, kills; a cancelled or failed build leaves nothing
behind (tic_desktop.packages.build_job). The bureau workspace rows (folder, new workspace,
passphrase) are :class:`~tic_desktop.gui.bureau_workspace_chooser.BureauWorkspaceChooser`'s.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.errors import TicError
from tic_desktop.gui.build_outcome_view import BuildOutcomeView, paint_sheets, sheets_printer
from tic_desktop.gui.build_worker import BuildWorker
from tic_desktop.gui.bureau_workspace_chooser import (
    BUREAU_FOLDER,
    BureauWorkspaceChooser,
    labelled_row,
    start_folder,
)
from tic_desktop.gui.geometry import RememberingDialog

# Asked by the workspace chooser now; still importable from here.
from tic_desktop.gui.package_build_questions import NewPassphraseDialog as NewPassphraseDialog
from tic_desktop.gui.package_build_questions import ReplaceQuestion
from tic_desktop.gui.settings import Preferences, Setting
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
    Built,
    Crashed,
    Failed,
    Message,
    panel_refusals,
)
from tic_desktop.review import EvaluatedRound

PACKAGES_FOLDER = Setting("files/packages_folder", "", str)
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
        self.outcome: BuildOutcome | None = None
        self._close_when_stopped = False
        self.replace_question: ReplaceQuestion | None = None
        self.worker = BuildWorker(self)
        self.worker.progress.connect(self._show_progress)
        self.worker.ended.connect(self._build_ended)
        self.workspace_chooser = BureauWorkspaceChooser(
            preferences, language, review.round.path.parent, self
        )
        self.workspace_chooser.workspace_ready.connect(self.workspace_ready)
        self.workspace_chooser.problem.connect(self._show_problem)
        self.workspace_chooser.creating_changed.connect(self._creating_workspace)
        self.workspace_chooser.created.connect(self._workspace_created)
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
        chooser = self.workspace_chooser
        self.workspace_edit = chooser.edit
        self.choose_workspace_button = chooser.choose_button
        self.new_workspace_button = chooser.new_button
        self.workspace_info = chooser.info
        self.passphrase_label = chooser.passphrase_label
        self.passphrase_edit = chooser.passphrase_edit
        chooser.add_rows(form)
        self.out_edit = QLineEdit()
        self.choose_out_button = QPushButton(self.tr("Choos&e…"))
        self.choose_out_button.clicked.connect(self._choose_output)
        labelled_row(form, self.tr("&Output folder:"), self.out_edit, self.choose_out_button)
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
        self.outcome_view = BuildOutcomeView()
        self.results = self.outcome_view.results
        self.sheets_label = self.outcome_view.sheets_label
        layout.addWidget(self.outcome_view, 1)
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

    # --- the bureau workspace and the output folder ---------------------------------------------
    @property
    def workspace(self) -> BureauWorkspace | None:
        """The bureau workspace in use (None until one is chosen)."""
        return self.workspace_chooser.workspace

    def set_workspace_folder(self, folder: str) -> bool:
        """Use the bureau workspace in ``folder``; shows what it is, or why it is not one."""
        return self.workspace_chooser.set_folder(folder)

    @property
    def needs_passphrase(self) -> bool:
        """The workspace's keys are protected by a passphrase (not in this computer's keyring)."""
        return self.workspace_chooser.needs_passphrase

    def create_workspace(self, folder: Path, passphrase: str | None) -> None:
        """Create a bureau workspace in ``folder`` (in a worker process), then use it.

        Without ``passphrase`` the keys go to the OS keyring, which must be a secure one.
        """
        self.workspace_chooser.create(folder, passphrase)

    def _creating_workspace(self, creating: bool) -> None:
        self._set_running(creating)
        if creating:
            self.cancel_button.setEnabled(False)
            self.stage_label.setText(self.tr("Creating the bureau's keys…"))
            self.progress_bar.setRange(0, 0)
        else:
            self.stage_label.clear()

    def _workspace_created(self, folder: str) -> None:
        self.stage_label.setText(
            self.tr("New bureau workspace created in %1. Keep a safe copy of this folder.").replace(
                "%1", folder
            )
        )

    def _choose_output(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Folder for the packages"),
            start_folder(self.review.round.path.parent, self.out_edit.text()),
        )
        if folder:
            self.out_edit.setText(folder)

    # --- building -------------------------------------------------------------------------------
    def is_running(self) -> bool:
        """Building packages or creating a workspace."""
        return self.worker.is_running() or self.workspace_chooser.creating

    def is_building(self) -> bool:
        """A build's worker process is running (closing waits for it to clean up, about a
        second)."""
        return self.worker.is_running()

    def _input_problem(self) -> str | None:
        if self.workspace is None and not self.set_workspace_folder(self.workspace_edit.text()):
            return self.tr("Choose the bureau's workspace folder, or create a new one.")
        if self.needs_passphrase and not self.passphrase_edit.text():
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
        workspace = self.workspace
        assert workspace is not None  # _input_problem found no problem: a workspace is chosen
        self.message.hide()
        self.outcome_view.clear()
        self.print_button.setEnabled(False)
        self.outcome = None
        out = Path(self.out_edit.text().strip())
        self._preferences.set(PACKAGES_FOLDER, str(out))
        request = BuildRequest(
            str(self.review.round.path),
            str(workspace.folder),
            str(out),
            self.chosen_panels(),
            self.workspace_chooser.passphrase(),
            replace=replace,
        )
        self.worker.start(request, self.review.round.id)
        self._set_running(True)
        self.stage_label.setText(self.tr("Starting the build process…"))
        self.progress_bar.setRange(0, 0)
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

        A worker still running :data:`~tic_desktop.gui.build_worker.CANCEL_GRACE_MS` later is
        killed and its work undone.
        """
        if self.worker.cancel():
            self.cancel_button.setEnabled(False)
            self.stage_label.setText(self.tr("Cancelling… removing what was written"))

    def _set_running(self, running: bool) -> None:
        self.workspace_chooser.set_enabled(not running)
        for widget in (self.out_edit, self.choose_out_button, self.panels, self.build_button):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.cancel_button.setFocus()
        else:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            self.build_button.setFocus()

    def _build_ended(self, end: Message | None, exit_code: int | None) -> None:
        """The worker process has exited, with ``end`` its last message."""
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
            self._show_problem(end.message.in_language(self.language))
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
        if not self.worker.cancel_requested():
            self.stage_label.setText(text)
        self.progress_reported.emit(done, total, stage)

    def _show_outcome(self, outcome: BuildOutcome) -> None:
        self.outcome = outcome
        chairs = {p.id: p.chair for p in self.review.round.panels}
        self.outcome_view.show_outcome(outcome, chairs, self.person)
        self.stage_label.setText(
            self.tr("Done: %1 packages built.").replace("%1", str(len(outcome.packages)))
        )
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        if outcome.sheets:
            self.print_button.setEnabled(True)
        self.built.emit(outcome.packages)

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.error_shown.emit(text)

    # --- printing the sheets ----------------------------------------------------------------------
    def _print_clicked(self) -> None:
        printer = sheets_printer(self.outcome.sheets if self.outcome else [])
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
        pages = paint_sheets(printer, sheets)
        if pages is None:
            self._show_problem(self.tr("The printer could not be started."))
            return 0
        self.sheets_printed.emit(pages)
        return pages

    # --- closing ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.worker.is_running():  # closing while building means cancel first, then close
            self._close_when_stopped = True
            self.cancel()
            return
        # Creating a workspace (a few seconds) goes on behind a closed dialog; its worker ends with
        # the app.
        super().done(result)
