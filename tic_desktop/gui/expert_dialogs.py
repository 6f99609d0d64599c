"""The expert's open-package dialog: who am I, and the passphrase the first time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.gui.geometry import RememberingDialog
from tic_desktop.gui.settings import Preferences
from tic_desktop.packages.manifest import Manifest
from tic_desktop.security.certificates import short_fingerprint


class SignInDialog(RememberingDialog):
    """“我是…” from the panel's members, and the passphrase from the printed sheet."""

    def __init__(
        self, manifest: Manifest, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(preferences, parent)
        self.setWindowTitle(self.tr("Open review package"))
        layout = QVBoxLayout(self)
        trust = QLabel(
            self.tr("Signed by %1 — signature verified. Fingerprint: %2 (compare with your sheet)")
            .replace("%1", manifest.bureau.name)
            .replace("%2", short_fingerprint(manifest.bureau.fingerprint))
        )
        trust.setWordWrap(True)
        layout.addWidget(trust)
        form = QFormLayout()
        self.member = QComboBox()
        for member in manifest.members:
            role = self.tr(" (chair)") if member.id == manifest.chair else ""
            self.member.addItem(f"{member.name}{role} · {member.unit_name}", member.id)
        self.member.setAccessibleName(self.tr("I am"))
        form.addRow(self.tr("I am:"), self.member)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(
            self.tr(
                "24 digits from your passphrase sheet; leave empty if this computer remembers you"
            )
        )
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def expert_id(self) -> str:
        return self.member.currentData()

    def passphrase_text(self) -> str | None:
        return self.passphrase.text().strip() or None
