"""What the package-building dialog asks: the new bureau's passphrase (typed twice, when there is no
secure keyring) and whether packages already in the output folder may be replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.gui.geometry import RememberingDialog
from tic_desktop.gui.settings import Preferences

MIN_PASSPHRASE = 8


class NewPassphraseDialog(RememberingDialog):
    """The passphrase for a new bureau's keys, typed twice, when this computer has no secure
    keyring."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(preferences, parent)
        self.setWindowTitle(self.tr("Passphrase for the bureau's keys"))
        layout = QVBoxLayout(self)
        # What the missing keyring means to a clerk and what to do here, not the backend's class
        # name.
        explanation = QLabel(
            self.tr(
                "This computer has no secure place (system keyring) where the bureau's private "
                "keys could be kept for you. They will be protected by a passphrase instead: "
                "choose one of at least 8 characters and type it twice below. You will type it "
                "each time you build packages or read returns. Keep it safe: without it no package "
                "can be built and no return can be read."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        form = QFormLayout()
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._check)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("&Repeat the passphrase:"), self.second)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        first, second = self.first.text(), self.second.text()
        problem = ""
        if len(first) < MIN_PASSPHRASE:
            problem = self.tr("At least 8 characters.")
        elif first != second:
            problem = self.tr("The two passphrases differ.")
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def passphrase(self) -> str:
        return self.first.text()


class ReplaceQuestion(QMessageBox):
    """Asks before packages already in the output folder are replaced, naming them. Opened with
    ``open()``."""

    def __init__(self, files: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Replace packages?"))
        self.setText(self.tr("The output folder already holds packages of these panels:"))
        self.setInformativeText(
            "\n".join(f.name for f in files)
            + "\n\n"
            + self.tr(
                "If they were already handed out, two versions of a package would be in "
                "circulation; returns made from the old ones are still accepted. Replace them, or "
                "choose another output folder?"
            )
        )
        self.replace_button = self.addButton(
            self.tr("&Replace"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.keep_button = self.addButton(self.tr("&Keep them"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)
        self.files = files
