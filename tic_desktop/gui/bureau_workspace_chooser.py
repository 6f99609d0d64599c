"""The bureau workspace a package build uses: its folder (typed, chosen or created here), what it
is, and the passphrase of its keys when they are not in this computer's keyring.

:class:`BureauWorkspaceChooser` owns the widgets of those rows; the build dialog places them in its
form (:meth:`BureauWorkspaceChooser.add_rows`), so that they line up with the dialog's other rows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tic_desktop.bureau.workspace import BureauWorkspace, keyring_can_hold_keys
from tic_desktop.errors import TicError
from tic_desktop.gui.package_build_questions import NewPassphraseDialog
from tic_desktop.gui.settings import Preferences, Setting
from tic_desktop.gui.tasks import in_worker_process, run_task
from tic_desktop.packages.build_job import create_workspace
from tic_desktop.security.fingerprints import short_fingerprint

BUREAU_FOLDER = Setting("files/bureau_folder", "", str)
# Part of the build dialog: its words are in the catalogue under BuildPackagesDialog (literal calls,
# so that lupdate finds them there).
translate = QCoreApplication.translate


def labelled_row(form: QFormLayout, text: str, edit: QLineEdit, *buttons: QPushButton) -> None:
    """A form row: ``text`` as the label (the buddy of ``edit``), then ``edit`` and ``buttons``."""
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    for button in buttons:
        row.addWidget(button)
    label = QLabel(text)
    label.setBuddy(edit)
    form.addRow(label, row)


def start_folder(fallback: Path, *candidates: str) -> str:
    """Where a file dialog opens: the first of ``candidates`` that exists, else ``fallback``."""
    for candidate in candidates:
        if candidate.strip() and Path(candidate).is_dir():
            return candidate
    return str(fallback)


class BureauWorkspaceChooser(QObject):
    """The workspace rows of the build dialog, and the workspace they name."""

    workspace_ready = Signal(str)
    """A bureau workspace was chosen or created (its folder)."""
    problem = Signal(str)
    """Something to show the user: why the workspace could not be created here."""
    creating_changed = Signal(bool)
    """Creating a new workspace (its keys, in a worker process) started or ended."""
    created = Signal(str)
    """A new workspace was created and is now the one in use (its folder)."""

    def __init__(
        self, preferences: Preferences, language: str, round_folder: Path, window: QWidget
    ) -> None:
        super().__init__(window)
        self._preferences = preferences
        self._language = language
        self._round_folder = round_folder
        self._window = window
        self.workspace: BureauWorkspace | None = None
        self.creating = False
        self._needs_passphrase = False
        self.edit = QLineEdit()
        self.edit.editingFinished.connect(lambda: self.set_folder(self.edit.text()))
        self.choose_button = QPushButton(translate("BuildPackagesDialog", "C&hoose…"))
        self.choose_button.clicked.connect(self._choose)
        self.new_button = QPushButton(translate("BuildPackagesDialog", "&New workspace…"))
        self.new_button.clicked.connect(self._new_workspace)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.passphrase_label = QLabel(translate("BuildPackagesDialog", "Bureau &passphrase:"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase_edit)

    def add_rows(self, form: QFormLayout) -> None:
        """Add the folder, what it is, and the passphrase, as rows of ``form``."""
        labelled_row(
            form,
            translate("BuildPackagesDialog", "Bureau &workspace:"),
            self.edit,
            self.choose_button,
            self.new_button,
        )
        form.addRow("", self.info)
        form.addRow(self.passphrase_label, self.passphrase_edit)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.edit, self.choose_button, self.new_button, self.passphrase_edit):
            widget.setEnabled(enabled)

    @property
    def needs_passphrase(self) -> bool:
        """The workspace's keys are protected by a passphrase (not in this computer's keyring)."""
        return self._needs_passphrase

    def passphrase(self) -> str | None:
        """The passphrase typed for the keys, or None when they are in the keyring."""
        return self.passphrase_edit.text() if self._needs_passphrase else None

    def _start_folder(self, *candidates: str) -> str:
        return start_folder(self._round_folder, *candidates)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window,
            translate("BuildPackagesDialog", "Bureau workspace folder"),
            self._start_folder(self.edit.text(), str(Path(self.edit.text()).parent)),
        )
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> bool:
        """Use the bureau workspace in ``folder``; shows what it is, or why it is not one."""
        self.workspace = None
        self._show_passphrase(False)
        if self.edit.text() != folder:
            self.edit.setText(folder)
        if not folder.strip():
            self.info.setText(
                translate(
                    "BuildPackagesDialog",
                    "Choose the bureau's workspace folder, or create a new one.",
                )
            )
            return False
        if Path(folder).is_dir() and not (Path(folder) / "bureau.json").exists():
            button = self.new_button.text().replace("&", "")
            self.info.setText(
                translate(
                    "BuildPackagesDialog",
                    "This folder is not a bureau workspace (it has no bureau.json). Choose the "
                    "bureau's workspace folder, or create one with “%1”.",
                ).replace("%1", button)
            )
            return False
        try:
            workspace = BureauWorkspace(Path(folder))
        except TicError as error:
            self.info.setText(error.message(self._language))
            return False
        except OSError as error:
            self.info.setText(
                translate("BuildPackagesDialog", "Cannot read %1: %2")
                .replace("%1", folder)
                .replace("%2", error.strerror or str(error))
            )
            return False
        self.workspace = workspace
        in_keyring = workspace.secrets_in == "keyring"
        where = (
            translate("BuildPackagesDialog", "keys in this computer's keyring")
            if in_keyring
            else translate("BuildPackagesDialog", "keys protected by a passphrase")
        )
        self.info.setText(
            translate("BuildPackagesDialog", "%1 · fingerprint %2 · %3")
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

    def ask_new_folder(self) -> Path | None:
        """A folder for a new workspace; it may not exist yet (it is created with the keys)."""
        start = Path(self._start_folder(str(Path(self.edit.text()).parent)))
        asking = QFileDialog(
            self._window, translate("BuildPackagesDialog", "Folder for the new bureau workspace")
        )
        asking.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        asking.setFileMode(QFileDialog.FileMode.AnyFile)
        asking.setOption(QFileDialog.Option.ShowDirsOnly, True)
        asking.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
        asking.setLabelText(
            QFileDialog.DialogLabel.Accept, translate("BuildPackagesDialog", "Create")
        )
        asking.setDirectory(str(start))
        asking.selectFile(translate("BuildPackagesDialog", "bureau-workspace"))
        if asking.exec() != QDialog.DialogCode.Accepted or not asking.selectedFiles():
            return None
        return Path(asking.selectedFiles()[0])

    def _new_workspace(self) -> None:
        folder = self.ask_new_folder()
        if folder is None:
            return
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            self.problem.emit(
                translate(
                    "BuildPackagesDialog",
                    "%1 is not empty. Choose an empty folder or type the name of a new one.",
                ).replace("%1", str(folder))
            )
            return
        passphrase = None
        if not keyring_can_hold_keys():  # as `tic bureau init` would, but asking instead of failing
            asking = NewPassphraseDialog(self._preferences, self._window)
            if asking.exec() != QDialog.DialogCode.Accepted:
                return
            passphrase = asking.passphrase()
        self.create(folder, passphrase)

    def create(self, folder: Path, passphrase: str | None) -> None:
        """Create a bureau workspace in ``folder`` (in a worker process), then use it.

        Without ``passphrase`` the keys go to the OS keyring, which must be a secure one.
        """
        self.creating = True
        self.creating_changed.emit(True)

        def done(created: str) -> None:
            self.creating = False
            self.creating_changed.emit(False)
            self.set_folder(created)
            if passphrase is not None:  # just typed twice: not asked a third time
                self.passphrase_edit.setText(passphrase)
            self.created.emit(created)

        def failed(error: Exception) -> None:
            self.creating = False
            self.creating_changed.emit(False)
            if not isinstance(error, TicError):
                raise error
            self.problem.emit(error.message(self._language))

        run_task(lambda: in_worker_process(create_workspace, str(folder), passphrase), done, failed)
