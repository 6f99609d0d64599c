"""A small publish/subscribe hub so the core can tell any front end what happened.

The core never imports Qt; the GUI re-emits these events as Qt signals in one place
(:mod:`tic_desktop.gui.bridge`). Instances are passed explicitly, never looked up globally.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from threading import Lock
from typing import Any


class Event(StrEnum):
    ROUND_OPENED = "round_opened"  # payload: EvaluatedRound
    SAVED = "saved"  # payload: what was saved (str); published after the commit
    NETWORK = "network"  # payload: a meeting-network event (tic_desktop.network), any thread


Listener = Callable[..., None]


class EventBus:
    """Delivers each published event to its listeners, in subscription order, on the caller's
    thread."""

    def __init__(self) -> None:
        self._listeners: dict[Event, list[Listener]] = defaultdict(list)
        self._lock = Lock()

    def subscribe(self, event: Event, listener: Listener) -> Callable[[], None]:
        """Register ``listener``; returns a function that unsubscribes it."""
        with self._lock:
            self._listeners[event].append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners[event]:
                    self._listeners[event].remove(listener)

        return unsubscribe

    def publish(self, event: Event, *payload: Any) -> None:
        with self._lock:
            listeners = list(self._listeners[event])
        for listener in listeners:
            listener(*payload)
