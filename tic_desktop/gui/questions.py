"""Asking before something is destroyed: the question names what will be lost, the safe answer is
the default, and the event loop keeps running while it is open (window-modal, not blocking)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class DestructiveQuestion(QMessageBox):
    """“Do X? This loses Y.” with a button named for the action and 取消 as default and Esc."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        lost: str,
        action: str,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(lost)
        self.action_button = self.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.addButton(
            QCoreApplication.translate("DestructiveQuestion", "Cancel"),
            QMessageBox.ButtonRole.RejectRole,
        )
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.action_button


def ask_before(
    parent: QWidget | None,
    title: str,
    text: str,
    lost: str,
    action: str,
    then: Callable[[], None],
) -> DestructiveQuestion:
    """Open the question and return it at once; ``then()`` runs only if the action button is
    clicked."""
    question = DestructiveQuestion(parent, title, text, lost, action)
    question.finished.connect(lambda _result: then() if question.confirmed() else None)
    question.open()
    return question
