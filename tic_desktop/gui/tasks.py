"""One helper for background work: run a function on the thread pool, deliver its result on the GUI
thread.

Like Picard's ``run_task``. pyrage holds the GIL, so CPU-heavy decryption belongs in a worker
process; this is for work that mostly waits or releases the GIL (PDF signing, file I/O).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

# Moved to the Qt-free core (issue #13); still importable from here.
from tic_desktop.processes import WorkerProcess as WorkerProcess
from tic_desktop.processes import in_worker_process as in_worker_process


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


_live: set[_Relay] = set()


def run_task(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> None:
    """Run ``work`` off the GUI thread; ``on_done(result)`` or ``on_error(exception)`` run on the
    GUI thread."""
    relay = _Relay()  # lives on the GUI thread, so its signals are queued back to it
    _live.add(relay)

    def finish(callback, value) -> None:
        _live.discard(relay)
        callback(value)

    queued = Qt.ConnectionType.QueuedConnection  # always delivered by the GUI thread's event loop
    relay.finished.connect(lambda boxed: finish(on_done, boxed[0]), queued)
    relay.failed.connect(lambda error: finish(on_error, error), queued)
    (pool or QThreadPool.globalInstance()).start(_Task(work, relay))
