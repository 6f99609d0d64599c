"""Background work with progress and cancel, for the returns inbox (tasks.py's ``run_task`` has neither).

The work runs on the thread pool, not in a worker process: a return is ≈ 4 KB, so each call that
holds the GIL (one age decryption, one ECDSA check, one small JSON parse) lasts well under a
millisecond and the window's thread gets its turn within Python's switch interval; the inbox's
objects (parsed returns, the ranking) then need no pickling to come back, which for 20,000 returns
would itself stall the window. ``benchmarks/inbox.py`` measures the window's longest stall.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
"""``work(progress, cancelled)``: reports ``progress(done, total)``, stops when ``cancelled()``."""

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress updates a second reach the window


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
    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self.progressed.emit(done, total)

    def _run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel.is_set)
        except (
            Exception
        ) as error:  # delivered to the GUI thread, which decides how to tell the user
            self._done.set()
            self.failed.emit(error)
        else:
            self._done.set()
            self.finished.emit((result,))  # boxed, as in tasks.run_task


class _Runner(QRunnable):
    def __init__(self, job: InboxJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()
