"""The expert's open-package dialog: what the package is, who am I, the passphrase the first time.

The dialog stays open until the credential is unlocked: a wrong or missing passphrase is shown
inside it and the expert tries again, without going back through the file dialog. Before anything
is unlocked it shows the round, the panel, the bureau and its fingerprint, so a package of another
round or from someone else is obvious. When this computer knows the round from another bureau,
:class:`BureauQuestion` comes first.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from tic_desktop.packages.manifest import Manifest
from tic_desktop.security.fingerprints import short_fingerprint

ERROR_STYLE = (
    "QLabel { background: #fdecea; color: #8a1f11; border: 1px solid #e0a39a; padding: 6px; }"
)
BUSY_STYLE = (
    "QLabel { background: #eef4fb; color: #1d4e89; border: 1px solid #a9c4e6; padding: 6px; }"
)


class SignInDialog(RememberingDialog):
    """“我是…” from the panel's members, and the passphrase from the printed sheet."""

    unlock_requested = Signal(str, str)
    """OK was pressed: (expert id, passphrase — empty when the expert left it blank)."""

    def __init__(
        self, manifest: Manifest, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(preferences, parent)
        self.manifest = manifest
        self.setWindowTitle(self.tr("Open review package"))
        layout = QVBoxLayout(self)
        self.package_info = QLabel()
        self.package_info.setWordWrap(True)
        self.package_info.setText(self._package_html())
        layout.addWidget(self.package_info)
        self.check_note = QLabel(
            self.tr(
                "Signature verified. Compare the fingerprint with your passphrase sheet; "
                "if the round or the fingerprint is not yours, press Cancel and call the bureau."
            )
        )
        self.check_note.setWordWrap(True)
        layout.addWidget(self.check_note)
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
        self.passphrase.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 36)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 30)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def _package_html(self) -> str:
        manifest = self.manifest
        chair = next((m.name for m in manifest.members if m.id == manifest.chair), "")
        rows = [
            (self.tr("Review round"), f"{manifest.round.title}（{manifest.round.id}）"),
            (
                self.tr("Panel"),
                self.tr("%1 · %2 members · chair %3")
                .replace("%1", manifest.panel_id)
                .replace("%2", str(len(manifest.members)))
                .replace("%3", chair),
            ),
            (self.tr("Issued by"), manifest.bureau.name),
            (self.tr("Bureau fingerprint"), short_fingerprint(manifest.bureau.fingerprint)),
        ]
        table = "".join(
            f"<tr><td style='padding-right:12px'>{escape(k)}</td><td><b>{escape(v)}</b></td></tr>"
            for k, v in rows
        )
        return f"<table>{table}</table>"

    # --- what the window tells the dialog ------------------------------------------------------
    def expert_id(self) -> str:
        return self.member.currentData()

    def choose_member(self, expert_id: str) -> None:
        index = self.member.findData(expert_id)
        if index >= 0:
            self.member.setCurrentIndex(index)

    def _submit(self) -> None:
        self.set_busy(self.tr("Unlocking your credential… (a few seconds)"))
        self.unlock_requested.emit(self.expert_id(), self.passphrase.text().strip())

    def set_busy(self, text: str) -> None:
        """Unlocking: inputs are locked and the dialog says what it is doing."""
        for widget in (self.member, self.passphrase, self.ok_button):
            widget.setEnabled(False)
        self.message.setStyleSheet(BUSY_STYLE)
        self.message.setText(text)
        self.message.show()

    def show_problem(self, text: str) -> None:
        """The unlock failed: say why here, and let the expert correct and retry."""
        for widget in (self.member, self.passphrase, self.ok_button):
            widget.setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.message.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class BureauQuestion(QMessageBox):
    """Issue #12 item 6: this computer knows the round from another bureau. Both fingerprints are
    shown; the package opens only when the expert finds the new one on the passphrase sheet."""

    def __init__(
        self,
        round_title: str,
        bureau_name: str,
        pinned: str,
        seen: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pinned, self.seen = pinned, seen
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Another bureau for this round"))
        self.setTextFormat(Qt.TextFormat.RichText)
        rows = [
            (self.tr("Known on this computer"), short_fingerprint(pinned)),
            (
                self.tr("This package (signed by %1)").replace("%1", bureau_name),
                short_fingerprint(seen),
            ),
        ]
        table = "".join(
            f"<tr><td style='padding-right:12px'>{escape(k)}</td>"
            f"<td><b><tt>{escape(v)}</tt></b></td></tr>"
            for k, v in rows
        )
        self.setText(
            "<p>"
            + escape(
                self.tr(
                    "This computer knows the round %1 from a bureau with another fingerprint."
                ).replace("%1", round_title)
            )
            + f"</p><table>{table}</table><p>"
            + escape(
                self.tr(
                    "Compare with the bureau fingerprint printed on your passphrase sheet. Open "
                    "the package only if the sheet shows the new fingerprint; otherwise it is not "
                    "from the bureau: do not use it, and call the bureau."
                )
            )
            + "</p>"
        )
        self.confirm_button = self.addButton(
            self.tr("The sheet shows the new fingerprint"), QMessageBox.ButtonRole.AcceptRole
        )
        self.refuse_button = self.addButton(
            self.tr("Do not open"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.refuse_button)
        self.setEscapeButton(self.refuse_button)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.confirm_button
