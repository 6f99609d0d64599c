"""Background work with progress and cancel, for the returns inbox (tasks.py's ``run_task`` has
neither).

The work runs on the thread pool, not in a worker process: a return is ≈ 4 KB, so each call that
holds the GIL (one age decryption, one ECDSA check, one small JSON parse) lasts well under a
millisecond and the window's thread gets its turn within Python's switch interval; the inbox's
objects (parsed returns, the ranking) then need no pickling to come back, which for 20,000 returns
would itself stall the window. ``benchmarks/inbox.py`` measures the window's longest stall.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tic_desktop.progress import Progress, ReportProgress

Work = Callable[[ReportProgress, Callable[[], bool]], Any]
"""``work(progress, cancelled)``: reports each :class:`~tic_desktop.progress.Progress` to
``progress``, stops when ``cancelled()``."""

PROGRESS_INTERVAL_S = 0.05
SWITCH_INTERVAL_S = 0.001  # at most 20 progress updates a second reach the window


class InboxJob(QObject):
    """One piece of work off the GUI thread; its signals arrive on the GUI thread."""

    progressed = Signal(int, int)
    """Work advanced: done, total."""

    finished = Signal(object)
    """The work returned (its result)."""

    failed = Signal(object)
    """The work raised (the exception)."""

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._last_progress = 0.0

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def cancel(self) -> None:
        """Ask the work to stop at its next check (what it finished is kept)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the work has ended (for closing a window); False on timeout."""
        return self._done.wait(timeout_s)

    # --- called on the worker thread ---------------------------------------------------------
    def _progress(self, step: Progress) -> None:
        now = time.monotonic()
        if step.done == step.total or now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self.progressed.emit(step.done, step.total)

    def _run(self) -> None:
        _quiet.enter()
        try:
            result = self._work(self._progress, self._cancel.is_set)
        except (
            Exception
        ) as error:  # delivered to the GUI thread, which decides how to tell the user
            _quiet.leave()
            self._done.set()
            self.failed.emit(error)
        else:
            _quiet.leave()
            self._done.set()
            self.finished.emit((result,))  # boxed, as in tasks.run_task


class _QuietInterpreter:
    """While any job runs: no cyclic garbage collection, and a short GIL switch interval.

    The collector stops every thread while it walks all objects, and an inbox of 20,000 returns
    is millions of them: its full collections held the window for 1–2 s each. What the jobs built
    is frozen when the last one ends (long-lived, never walked again; freed by reference counting
    when a newer snapshot replaces it). The window's thread waits at most the switch interval for
    the GIL while a job holds it (Python's default is 5 ms). Both are process-wide, so they are
    set by the first job to start and restored by the last to end.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._collecting = True
        self._switching = 0.005

    def enter(self) -> None:
        with self._lock:
            if self._running == 0:
                self._collecting, self._switching = gc.isenabled(), sys.getswitchinterval()
                gc.disable()
                sys.setswitchinterval(SWITCH_INTERVAL_S)
            self._running += 1

    def leave(self) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0:
                sys.setswitchinterval(self._switching)
                if self._collecting:
                    gc.freeze()
                    gc.enable()


_quiet = _QuietInterpreter()


class _Runner(QRunnable):
    def __init__(self, job: InboxJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


def let_go(*structures: Any) -> None:
    """Free large structures a piece at a time on a helper thread.

    Dropping the last reference to 20,000 parsed returns frees millions of objects in one
    C-level cascade that holds the GIL, and so the window, for a third of a second or more. Here
    the elements of tuples, lists and dicts (and of a snapshot's fields) are taken into lists of
    our own (references only, cheap) and dropped one at a time on another thread, the GIL
    changing hands between them; what the caller passed is not changed, and whatever someone
    else still holds stays alive.
    """
    heap: list[list[Any]] = []

    def take(value: Any) -> None:
        if isinstance(value, dict):
            heap.append(list(value.items()))
        elif isinstance(value, tuple | list):
            heap.append(list(value))

    for structure in structures:
        if structure is not None and hasattr(structure, "__dataclass_fields__"):
            for value in vars(structure).values():  # a snapshot: its fields and cached parts
                take(value)
        else:
            take(structure)
    del structures
    threading.Thread(target=_dismantle, args=(heap,), name="inbox-let-go", daemon=True).start()


def _dismantle(heap: list[list[Any]]) -> None:
    while heap:
        part = heap.pop()
        while part:
            part.pop()
