"""Value widgets take the mouse wheel only when they have the keyboard focus.

Scrolling a long form with the pointer resting on a score box used to change the score (15.0 →
13.5) and autosave it. One event filter on the ``QApplication`` covers every spin box, date
box, combo box and slider of the app: while such a widget is not focused, a wheel event over it
goes to the widgets around it instead, so the page scrolls as the user meant. Click into the box
(or Tab to it) and the wheel steps it as before.

Qt gives wheel focus to a widget under the pointer before delivering the event (``WheelFocus``),
which would make every box "focused" by the very wheel turn that should scroll past it; the guard
lowers those widgets' focus policy to ``StrongFocus`` (click or Tab) as they are polished.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def _is_guarded(widget: QObject) -> bool:
    # Scroll bars are sliders too, and exactly what the wheel is for.
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def _guarded_owner(widget: QWidget | None) -> QWidget | None:
    """The value widget ``widget`` is, or is part of (a spin box's line edit), if any."""
    while widget is not None and not widget.isWindow():
        if _is_guarded(widget):
            return widget
        if isinstance(widget, QAbstractScrollArea):
            return None  # a list or table scrolls itself, whatever lies outside it
        widget = widget.parentWidget()
    return None


def _focused(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return widget.hasFocus() or (focus is not None and widget.isAncestorOf(focus))


def _lower_focus_policy(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelGuard(QObject):
    """The application-wide event filter; install it with :func:`install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QWidget):
            if _is_guarded(watched):
                _lower_focus_policy(watched)
            elif isinstance(watched.parentWidget(), GUARDED):
                _lower_focus_policy(watched)  # the line edit inside a spin or combo box
            return False
        if kind != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        owner = _guarded_owner(watched)
        if owner is None or _focused(owner):
            return False
        self._pass_on(owner, cast(QWheelEvent, event))  # the event type is Wheel
        event.accept()  # delivered (or not) by _pass_on; the value widget never sees it
        return True

    @staticmethod
    def _pass_on(owner: QWidget, event: QWheelEvent) -> None:
        """Offer the wheel to ``owner``'s parents in turn, as Qt offers an ignored event."""
        target = owner.parentWidget()
        while target is not None:
            local = target.mapFromGlobal(event.globalPosition())
            copy = QWheelEvent(
                local,
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
                event.source(),
            )
            copy.ignore()
            QCoreApplication.sendEvent(target, copy)
            if copy.isAccepted() or target.isWindow():
                return
            target = target.parentWidget()


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """Install the guard on ``app`` once (later calls return the same guard)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for widget in QApplication.allWidgets():  # widgets polished before the guard existed
        if _is_guarded(widget) or isinstance(widget.parentWidget(), GUARDED):
            _lower_focus_policy(widget)
    return guard
