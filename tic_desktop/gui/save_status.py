"""Marking a field whose entry is invalid or not saved, at the field itself.

A status bar message is gone in ten seconds and easy to miss; a professor filling a long form
must see at the box that what it shows is not what is stored. :class:`MarkFrame` draws a coloured
frame around a field (red: invalid, orange: not saved) without styling the field itself (styled
widgets ignore the larger-text setting); :class:`FieldStatus` shows the reason in words next to
it, with a 重试保存 button while a save has failed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

INVALID, FAILED, PENDING = "invalid", "failed", "pending"
COLOURS: dict[str | None, str] = {INVALID: "#c62828", FAILED: "#e65100"}
HINT_COLOUR = "#555555"


class MarkFrame(QFrame):
    """A thin frame around one field, coloured while the field is invalid or unsaved."""

    def __init__(self, inner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inner = inner
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.addWidget(inner)
        self.mark: str | None = None

    def set_mark(self, mark: str | None) -> None:
        """``INVALID`` (red), ``FAILED`` (orange) or ``None`` (no frame)."""
        self.mark = mark if mark in COLOURS else None
        self.setAutoFillBackground(self.mark is not None)
        if self.mark is not None:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(COLOURS[self.mark]))
            self.setPalette(palette)

    def mark_colour(self) -> str | None:
        """The frame's colour as drawn (``#rrggbb``), or ``None`` when unmarked."""
        if not self.autoFillBackground():
            return None
        return self.palette().color(QPalette.ColorRole.Window).name()


class FieldStatus(QWidget):
    """The words beside a field: why it is invalid or unsaved, and a retry button after a
    failure."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Retry saving"))
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.hide()
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.kind: str | None = None

    def show_state(self, kind: str | None, text: str = "") -> None:
        """``INVALID``/``FAILED`` in colour, a grey hint for anything else, hidden when empty."""
        self.kind = kind
        colour = COLOURS.get(kind, HINT_COLOUR)
        self.label.setText(f"<span style='color:{colour}'>{escape(text)}</span>" if text else "")
        self.label.setAccessibleDescription(text)
        self.retry_button.setVisible(kind == FAILED)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.accessibleDescription()
