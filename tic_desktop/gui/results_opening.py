"""Opening the returns inbox and results of a round: the workspace remembered per round, the
bureau's keys unlocked once a session, a wrong passphrase typed again in the same dialog.

The keys live in this process's memory only (:class:`BureauSession`), never in a file or the
settings; the workspace folder per round is an ordinary preference (QSettings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.errors import TicError
from tic_desktop.gui.settings import Preferences, Setting
from tic_desktop.gui.tasks import in_worker_process, run_task
from tic_desktop.review import EvaluatedRound
from tic_desktop.storage import Database

if TYPE_CHECKING:
    from tic_desktop.gui.results_window import ResultsWindow  # imports this module

BUREAU_FOLDER = Setting("files/bureau_folder", "", str)  # the build dialog's, as a starting point


def workspace_setting(round_id: str) -> Setting[str]:
    """Where the bureau workspace of ``round_id`` is (remembered once chosen)."""
    return Setting(f"returns/workspace/{round_id}", "", str)


def bureau_secret(folder: str, passphrase: str | None) -> str:
    """In a worker process: scrypt (seconds) and pyrage hold the GIL."""
    return BureauWorkspace(Path(folder)).secret(passphrase)


@dataclass
class BureauSession:
    """What is kept for the rest of the session: unlocked keys (by workspace fingerprint) and the
    name the clerk gave for recording choices. Memory only."""

    keys: dict[str, BureauKeys] = field(default_factory=dict)
    clerk: str = ""


class UnlockDialog(QDialog):
    """Asks for the bureau's passphrase; a wrong one is reported here and can be typed again."""

    unlocked = Signal(object)
    """The keys were unlocked (the BureauKeys)."""

    failed = Signal(str)
    """An attempt failed (the message shown in the dialog)."""

    def __init__(self, workspace: BureauWorkspace, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.language = workspace, language
        self.setWindowTitle(self.tr("Bureau passphrase"))
        self.prompt = QLabel(
            self.tr("Passphrase of the bureau's keys (%1):").replace("%1", str(workspace.folder))
        )
        self.prompt.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.prompt.setBuddy(self.passphrase)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(
            "QLabel { background: #f8d7da; color: #000000; border: 1px solid #b02a37;"
            " padding: 4px; }"
        )
        self.error.hide()
        self.working = QLabel(self.tr("Unlocking the bureau's keys…"))
        self.working.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.passphrase, self.error, self.working, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(32 * self.fontMetrics().averageCharWidth())
        self._busy = False

    def submit(self) -> None:
        """Try the passphrase typed (in a worker process; the dialog stays open meanwhile)."""
        if self._busy:
            return
        self._busy = True
        self.passphrase.setEnabled(False)
        self.buttons.setEnabled(False)
        self.working.show()
        folder, passphrase = str(self.workspace.folder), self.passphrase.text()
        run_task(
            lambda: in_worker_process(bureau_secret, folder, passphrase),
            self._done,
            self._failed,
        )

    def _done(self, secret: str) -> None:
        self._busy = False
        self.unlocked.emit(BureauWorkspace.keys_from_secret(secret))
        self.accept()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, TicError):
            raise error
        self._busy = False
        self.working.hide()
        self.error.setText(error.message(self.language))
        self.error.show()
        self.passphrase.setEnabled(True)
        self.buttons.setEnabled(True)
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.failed.emit(self.error.text())


class ResultsOpener(QObject):
    """Opens a round's results window: remembered workspace, keys unlocked once per session."""

    unlock_asked = Signal(object)
    """The passphrase dialog was opened (the dialog)."""

    def __init__(
        self,
        parent: QWidget,
        preferences: Preferences,
        show_error: Callable[[str, str], None],
    ) -> None:
        super().__init__(parent)
        self.preferences, self.show_error = preferences, show_error
        self.session = BureauSession()
        self.windows: dict[str, ResultsWindow] = {}
        self.unlock_dialog: UnlockDialog | None = None

    @classmethod
    def of(
        cls, parent: QWidget, preferences: Preferences, show_error: Callable[[str, str], None]
    ) -> ResultsOpener:
        """The parent's opener (one per main window, so the session lasts as long as it)."""
        found = parent.findChild(ResultsOpener, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found if found is not None else cls(parent, preferences, show_error)

    def open(
        self,
        review: EvaluatedRound,
        database: Database,
        language: str,
        shown: Callable[[ResultsWindow], None],
    ) -> None:
        """Show the round's window: raised if open, else after the workspace and keys are known."""
        existing = self.windows.get(review.round.id)
        if existing is not None and existing.isVisible() and existing.review is review:
            existing.raise_()
            existing.activateWindow()
            shown(existing)
            return
        workspace = self._workspace(review.round.id, language)
        if workspace is None:
            return
        keys = self.session.keys.get(workspace.fingerprint)
        if keys is not None:
            self._show(review, workspace, keys, database, language, shown)
            return

        def unlocked(keys: BureauKeys) -> None:
            self.session.keys[workspace.fingerprint] = keys
            self._show(review, workspace, keys, database, language, shown)

        if workspace.secrets_in == "keyring":
            folder = str(workspace.folder)
            run_task(
                lambda: BureauWorkspace.keys_from_secret(
                    in_worker_process(bureau_secret, folder, None)
                ),
                unlocked,
                lambda error: self._unlock_failed(error, language),
            )
            return
        dialog = UnlockDialog(workspace, language, cast(QWidget, self.parent()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.unlocked.connect(unlocked)
        self.unlock_dialog = dialog
        dialog.open()
        self.unlock_asked.emit(dialog)

    def _workspace(self, round_id: str, language: str) -> BureauWorkspace | None:
        setting = workspace_setting(round_id)
        remembered = self.preferences.get(setting)
        if remembered:
            try:
                return BureauWorkspace(Path(remembered))
            except TicError:
                self.preferences.set(setting, "")  # moved or removed: ask again
        parent = cast(QWidget, self.parent())  # the main window (see __init__)
        folder = QFileDialog.getExistingDirectory(
            parent,
            self.tr("Bureau workspace folder"),
            self.preferences.get(BUREAU_FOLDER),
        )
        if not folder:
            return None
        try:
            workspace = BureauWorkspace(Path(folder))
        except TicError as error:
            self.show_error(self.tr("Not a bureau workspace"), error.message(language))
            return None
        self.preferences.set(setting, str(workspace.folder))
        return workspace

    def _unlock_failed(self, error: Exception, language: str) -> None:
        if not isinstance(error, TicError):
            raise error
        self.show_error(self.tr("The bureau's keys could not be opened"), error.message(language))

    def _show(self, review, workspace, keys, database, language, shown) -> None:
        from tic_desktop.gui.results_window import ResultsWindow

        window = ResultsWindow(
            review, workspace, keys, database, session=self.session, language=language
        )
        self.windows[review.round.id] = window
        window.show()
        shown(window)
