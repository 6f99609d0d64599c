"""Windows and dialogs that reopen where and how large the user left them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from tic_desktop.gui.settings import Preferences


class RemembersGeometry:
    """Mixin for a QWidget subclass: restores geometry on creation, saves it on close."""

    geometry_name: str = ""

    def restore_geometry(self: QWidget, preferences: Preferences) -> bool:
        saved = preferences.geometry(self.geometry_name or type(self).__name__)
        return bool(saved) and self.restoreGeometry(saved)

    def save_geometry(self: QWidget, preferences: Preferences) -> None:
        preferences.set_geometry(self.geometry_name or type(self).__name__, self.saveGeometry())


class RememberingDialog(RemembersGeometry, QDialog):
    """Base of every dialog: remembers its size and place between uses."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences

    def showEvent(self, event) -> None:
        self.restore_geometry(self._preferences)
        super().showEvent(event)

    def done(self, result: int) -> None:
        self.save_geometry(self._preferences)
        super().done(result)
