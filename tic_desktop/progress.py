"""How far long work is: one value and one callback type for every core operation that reports
progress (building packages, issuing credentials, reading returns, decrypting an attachment).

A front end receives :class:`Progress` values however the work runs: called on the worker thread
(the returns inbox), sent over a queue from a worker process (a package build), or read from shared
memory (an attachment being decrypted). The GUI shows them with one progress bar each; the command
line prints them. Progress is not an event on :mod:`tic_desktop.events`: it belongs to the one
job that asked for it, while the bus carries what any window may care about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` (0 of 0: no count known yet) in ``stage`` (the work's stage name, or
    empty when the work has one stage)."""

    done: int
    total: int
    stage: str = ""

    @property
    def per_mille(self) -> int:
        return min(1000, self.done * 1000 // max(1, self.total))


ReportProgress = Callable[[Progress], None]
"""Called with each :class:`Progress`; it may raise to stop the work (a cancelled build raises
``Cancelled``)."""


def ignore_progress(progress: Progress) -> None:
    """A :data:`ReportProgress` for callers that do not show progress."""
