"""Core work in a worker process: pyrage holds the GIL through scrypt and decryption.

A thread would still stall whatever else the process does (a window's event loop, a progress
display); a worker process does not. Qt-free: windows call these from a background thread
(``gui.tasks.run_task``), the command line and tests call them directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any


def in_worker_process(function: Callable[..., Any], *args: Any) -> Any:
    """Run ``function(*args)`` in a fresh worker process and wait (never on a GUI thread)."""
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: not needed at start-up

    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


class WorkerShutDown(RuntimeError):
    """A job was submitted after :meth:`WorkerProcess.shutdown`."""


class WorkerProcess:
    """One worker process kept for repeated jobs: forked once, not for every job.

    Forking a GUI process of a few hundred MB and starting a pool costs a few hundred ms under
    load; a window that decrypts attachment after attachment pays it once (and can pay it early,
    with a warm-up job, before the expert clicks). Jobs run one at a time, in order. :meth:`run`
    waits (and :meth:`submit` may fork): call them off the GUI thread.
    """

    def __init__(self) -> None:
        self._pool: Any = None
        self._lock = threading.Lock()
        self._shut_down = False

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._shut_down:
                # a job started on a thread (a window's warm-up) that lost the race with the
                # window's closing: it must not fork a process nobody will end
                raise WorkerShutDown("the worker process was shut down")
            if self._pool is None:
                # The worker must share this process's resource tracker (started before the
                # fork): one of its own would unlink shared memory the GUI still uses at its exit.
                from multiprocessing import resource_tracker

                resource_tracker.ensure_running()
                self._pool = ProcessPoolExecutor(max_workers=1)
            pool = self._pool
        future: Future[Any] = pool.submit(function, *args)
        future.pool = pool  # type: ignore[attr-defined]  # which pool broke, if it breaks
        return future

    def result(self, future: Future[Any]) -> Any:
        """Wait for ``future`` (from :meth:`submit`); a dead worker is replaced at the next job."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            with self._lock:  # the worker died (killed, out of memory): the next job starts anew
                if self._pool is getattr(future, "pool", None):
                    self._pool = None
            raise

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        return self.result(self.submit(function, *args))

    def shutdown(self) -> None:
        """End the process (without waiting for it); no job is accepted afterwards."""
        with self._lock:
            self._shut_down = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
