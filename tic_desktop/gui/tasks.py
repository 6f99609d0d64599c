"""One helper for background work: run a function on the thread pool, deliver its result on the GUI thread.

Like Picard's ``run_task``. pyrage holds the GIL, so CPU-heavy decryption belongs in a worker
process; this is for work that mostly waits or releases the GIL (PDF signing, file I/O).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except (
            Exception
        ) as error:  # delivered to the GUI thread, which decides how to tell the user
            self._relay.failed.emit(error)
        else:
            # Boxed in a fresh tuple: results such as None are shared singletons, and a crash in
            # "none_dealloc" was seen once around this queued cross-thread signal; a new object per
            # emission keeps reference counting of shared objects out of the signal's path.
            self._relay.finished.emit((result,))


def in_worker_process(function: Callable[..., Any], *args: Any) -> Any:
    """Run ``function(*args)`` in a fresh worker process and wait (call this from ``run_task``).

    pyrage holds the GIL through scrypt and decryption: in a thread it would still stall the window.
    """
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: not needed at start-up

    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


class WorkerProcess:
    """One worker process kept for a window's repeated jobs: forked once, not for every job.

    Forking a GUI process of a few hundred MB and starting a pool costs a few hundred ms under
    load; a window that decrypts attachment after attachment pays it once (and can pay it early,
    with a warm-up job, before the expert clicks). Jobs run one at a time, in order. Call
    :meth:`run` from ``run_task`` (it waits), never on the GUI thread.
    """

    def __init__(self) -> None:
        self._pool = None
        self._lock = threading.Lock()

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        with self._lock:
            if self._pool is None:
                # The worker must share this process's resource tracker (started before the
                # fork): one of its own would unlink shared memory the GUI still uses at its exit.
                from multiprocessing import resource_tracker

                resource_tracker.ensure_running()
                self._pool = ProcessPoolExecutor(max_workers=1)
            pool = self._pool
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool:
            with self._lock:  # the worker died (killed, out of memory): the next job starts anew
                if self._pool is pool:
                    self._pool = None
            raise

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


_live: set[_Relay] = set()


def run_task(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> None:
    """Run ``work`` off the GUI thread; ``on_done(result)`` or ``on_error(exception)`` run on the GUI thread."""
    relay = _Relay()  # lives on the GUI thread, so its signals are queued back to it
    _live.add(relay)

    def finish(callback, value) -> None:
        _live.discard(relay)
        callback(value)

    queued = Qt.ConnectionType.QueuedConnection  # always delivered by the GUI thread's event loop
    relay.finished.connect(lambda boxed: finish(on_done, boxed[0]), queued)
    relay.failed.connect(lambda error: finish(on_error, error), queued)
    (pool or QThreadPool.globalInstance()).start(_Task(work, relay))
