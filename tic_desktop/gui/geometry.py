"""Windows and dialogs that reopen where and how large the user left them, always on screen.

A size saved on a large monitor must not push the bottom of the window (and its status line)
off a 1366×768 laptop: restored geometry is clamped to the available area of the screen the
window is on, and a window with nothing saved takes its default size from that screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from tic_desktop.gui.settings import Preferences

# Before a window is shown its frame (title bar, borders) is unknown; reserve this much for it.
FRAME_ALLOWANCE = QSize(8, 36)


def available_geometry(widget: QWidget) -> QRect:
    """The screen area a window may use (the desktop without panels and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def fit_rect(wanted: QRect, available: QRect, frame: QSize = FRAME_ALLOWANCE) -> QRect:
    """``wanted`` (client area) shrunk and moved so that it and its frame lie inside
    ``available``."""
    border = frame.width() // 2
    title = frame.height() - border
    width = max(1, min(wanted.width(), available.width() - frame.width()))
    height = max(1, min(wanted.height(), available.height() - frame.height()))
    left = max(
        available.left() + border,
        min(wanted.x(), available.left() + available.width() - border - width),
    )
    top = max(
        available.top() + title,
        min(wanted.y(), available.top() + available.height() - border - height),
    )
    return QRect(left, top, width, height)


if TYPE_CHECKING:  # the mixin's methods use QWidget's; at run time it adds to a QWidget subclass
    _MixinBase = QWidget
else:
    _MixinBase = object


class RemembersGeometry(_MixinBase):
    """Mixin for a QWidget subclass: restores geometry on creation, saves it on close."""

    geometry_name: str = ""
    default_size: QSize | None = None
    """Size when nothing was saved (clamped to the screen); None keeps the form's size."""

    def restore_geometry(self, preferences: Preferences, available: QRect | None = None) -> bool:
        saved = preferences.geometry(self.geometry_name or type(self).__name__)
        restored = saved is not None and bool(saved) and self.restoreGeometry(saved)
        if not restored and self.default_size is not None:
            self.resize(self.default_size)
        self.fit_to_screen(available)
        return restored

    def fit_to_screen(self: QWidget, available: QRect | None = None) -> None:
        """Shrink and move the window so that all of it, frame included, is on ``available``.

        Any QWidget: windows that do not remember their geometry call it on themselves."""
        if self.isMaximized() or self.isFullScreen():
            return
        available = available if available is not None else available_geometry(self)
        if self.isVisible():
            frame = self.frameGeometry().size() - self.geometry().size()
        else:
            frame = FRAME_ALLOWANCE
        fitted = fit_rect(self.geometry(), available, frame)
        if fitted != self.geometry():
            self.setGeometry(fitted)

    def save_geometry(self, preferences: Preferences) -> None:
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
