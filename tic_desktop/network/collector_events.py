"""What the clerk's collector (:mod:`tic_desktop.network.server`) reports: one record for each thing
that happened, handed to ``on_event`` (the GUI hands it to the event bus,
:data:`tic_desktop.events.Event.NETWORK`). It crosses processes
(:mod:`tic_desktop.network.process`), so its words are carried in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tic_desktop.catalogue import Text
from tic_desktop.network.progress import ProgressSnapshot


@dataclass(frozen=True)
class CollectorEvent:
    """Something the clerk may want to see. ``kind``: started, stopped, arriving, stored,
    duplicate, rejected, refused (a request the protocol does not allow), chair_copy, error."""

    kind: str
    expert: str | None = None
    text_zh: str = ""
    text_en: str = ""
    receipt: str = ""
    snapshot: ProgressSnapshot | None = None

    @classmethod
    def saying(
        cls,
        kind: str,
        expert: str | None,
        text: Text,
        receipt: str = "",
        snapshot: ProgressSnapshot | None = None,
    ) -> CollectorEvent:
        """An event whose words are ``text`` (carried in both languages: it crosses processes)."""
        return cls(kind, expert, *text.pair(), receipt, snapshot)


EventSink = Callable[[CollectorEvent], None]

__all__ = ["CollectorEvent", "EventSink"]
