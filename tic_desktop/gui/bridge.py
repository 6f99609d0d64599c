"""The one place where core events become Qt signals, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tic_desktop.events import Event, EventBus


class QtEventBridge(QObject):
    """Re-emits :class:`tic_desktop.events.EventBus` events as signals.

    Signals emitted from a worker thread reach GUI-thread slots through Qt's queued connections.
    """

    round_opened = Signal(object)
    """A round was loaded and reviewed; carries the :class:`tic_desktop.review.EvaluatedRound`."""

    saved = Signal(str)
    """An edit was committed to the local database (what was saved)."""

    network = Signal(object)
    """The meeting network: a collector's or a client's event (tic_desktop.network)."""

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = [
            bus.subscribe(Event.ROUND_OPENED, self.round_opened.emit),
            bus.subscribe(Event.SAVED, self.saved.emit),
            bus.subscribe(Event.NETWORK, self.network.emit),
        ]

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
