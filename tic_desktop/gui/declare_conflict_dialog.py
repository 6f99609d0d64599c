"""The panel builder's "Declare a conflict…" dialog: one of the panel's experts declares a conflict
of interest with one of its applications; the reason is required."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from tic_desktop.bureau.round_draft import PanelDraft, RoundDraft
from tic_desktop.domain.round import DeclaredConflict


class DeclareConflictDialog(QDialog):
    """An expert declares a conflict with one application; the reason is required."""

    def __init__(self, draft: RoundDraft, panel: PanelDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Declare a conflict of interest"))
        form = QFormLayout(self)
        experts = draft.experts_by_id
        self.expert = QComboBox()
        for member in panel.members:
            self.expert.addItem(
                f"{experts[member].name} ({member})" if member in experts else member, member
            )
        self.application = QComboBox()
        for app_id in panel.applications:
            self.application.addItem(
                f"{app_id} {draft.applications[app_id].application.center_name}"
                if app_id in draft.applications
                else app_id,
                app_id,
            )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("e.g. worked for the applicant in the last three years")
        )
        form.addRow(self.tr("Expert:"), self.expert)
        form.addRow(self.tr("Application:"), self.application)
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))

    def conflict(self) -> DeclaredConflict:
        return DeclaredConflict(
            expert=self.expert.currentData(),
            application=self.application.currentData(),
            reason=self.reason.text().strip(),
        )
