"""What "fits the screen" means in the tests: a small available screen, buttons inside it, rows
shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QScrollArea,
    QWidget,
)

from tic_desktop.gui import geometry

NETBOOK = QRect(0, 0, 1024, 600 - 30)
"""A 1024×600 screen less a 30-pixel desktop panel: the usable desktop of the smallest laptops."""


def use_screen(monkeypatch, available: QRect = NETBOOK) -> QRect:
    """Make every window believe the desktop it may use is ``available``."""
    monkeypatch.setattr(geometry, "available_geometry", lambda _widget=None: QRect(available))
    return available


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def shown_inside(widget: QWidget, top: QWidget) -> bool:
    """``widget`` is visible and no ancestor up to ``top`` cuts any of it off."""
    if not widget.isVisible():
        return False
    rect = QRect(QPoint(0, 0), widget.size())
    current = widget
    while current is not top:
        rect.translate(current.pos())
        current = current.parentWidget()
        if current is None:
            return False
        if not QRect(QPoint(0, 0), current.size()).contains(rect):
            return False
    return True


def assert_fits(
    window: QWidget, screen: QRect = NETBOOK, min_rows: int = 1, has_buttons: bool = True
) -> None:
    """The window and its frame lie on ``screen``; every button outside a scroll area is wholly
    visible; every list with rows shows at least ``min_rows`` of them (or all it has)."""
    name = type(window).__name__
    outer = window.frameGeometry()
    assert screen.contains(outer), f"{name} {outer} is not inside {screen}"
    buttons = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisibleTo(window)
        and not _in_scroll_area(b, window)
        and b.window() is window
        and type(b).__name__ not in ("QToolButton",)  # tab-bar scrollers and the like
    ]
    assert buttons or not has_buttons, f"{name} shows no button"
    for button in buttons:
        assert shown_inside(button, window), f"{name}: button {button.text()!r} is cut off"
    for view in window.findChildren(QAbstractItemView):
        if not view.isVisible() or view.window() is not window or view.model() is None:
            continue
        rows = view.model().rowCount()
        if not rows:
            continue
        row_height = max(view.sizeHintForRow(0), 1)
        wanted = min(rows, min_rows)
        assert view.viewport().height() >= wanted * row_height, (
            f"{name}: {view.accessibleName() or type(view).__name__} "
            f"shows fewer than {wanted} rows "
            f"({view.viewport().height()} px for rows of {row_height} px)"
        )


def delete_windows() -> None:
    """Close and delete every top-level window (those ``main()`` made, which no qtbot tracks).
    Closing is not enough: a closed window still retranslates itself when a later test changes
    the language, reading a database that test has already closed."""
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
