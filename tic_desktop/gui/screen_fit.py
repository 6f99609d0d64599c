"""Sizes taken from the screen a window opens on: the bureau's windows fit a 1024×600 netbook.

A window asks for the size it would like (:func:`size_for_screen`), gets no more than the
available desktop leaves it, and what cannot shrink further scrolls (:func:`scrolling`) instead of
pushing the window's buttons off the bottom of the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from tic_desktop.gui import geometry


def size_for_screen(widget: QWidget, wanted: QSize) -> QSize:
    """``wanted``, made small enough that the window and its frame lie on the available screen."""
    available = geometry.available_geometry(widget)
    frame = geometry.FRAME_ALLOWANCE
    return QSize(
        max(1, min(wanted.width(), available.width() - frame.width())),
        max(1, min(wanted.height(), available.height() - frame.height())),
    )


def resize_for_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize ``widget`` to ``wanted`` or what the screen allows, and put all of it on the
    screen."""
    widget.resize(size_for_screen(widget, wanted))
    fitted = geometry.fit_rect(widget.geometry(), geometry.available_geometry(widget))
    widget.move(fitted.topLeft())


def scrolling(content: QWidget, name: str = "") -> QScrollArea:
    """``content`` in a frameless scroll area that gives it all the width and scrolls only
    vertically when the window is too low for it."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    if name:
        area.setObjectName(name)
    return area
