"""The package build's worker process, supervised from the GUI: start it, read what it reports,
ask it to cancel, and kill it (with its pool) when it does not stop in time.

The build runs in a worker process (pyrage holds the GIL: a thread would freeze the window). It
reports through a multiprocessing queue that a timer reads, and stops when a multiprocessing event
is set; a cancelled or failed build leaves nothing behind (tic_desktop.packages.build_job). A
worker that has not stopped :data:`CANCEL_GRACE_MS` after a cancel (scrypt cannot be interrupted)
is killed with its pool, and what it wrote is undone here: cancelling and closing never wait longer.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.queues import SimpleQueue
from multiprocessing.synchronize import Event

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from tic_desktop.packages.build_job import (
    BuildCancelled,
    BuildRequest,
    BuildTraces,
    Committing,
    Message,
    run_build_job,
)
from tic_desktop.packages.worker_processes import kill_tree
from tic_desktop.progress import Progress

POLL_MS = 50
CANCEL_GRACE_MS = 1000
"""How long a cancelled worker may take to undo its own work before it is killed and undone here."""


@dataclass
class _Run:
    """One build's worker process, the two ends the window holds, and how far it got."""

    process: SpawnProcess
    messages: SimpleQueue[Message]
    cancel: Event
    traces: BuildTraces
    end: Message | None = None
    """The last message read other than Progress and Committing (the build's result)."""
    committing: bool = False
    killed: bool = False


class BuildWorker(QObject):
    """Runs one package build at a time in a worker process and reports what it says.

    ``progress`` carries each :class:`Progress`; ``ended`` comes once per build, when the process
    has exited, with its last message (``None`` if it sent none) and its exit code. A killed
    worker ends as :class:`BuildCancelled`, with what it wrote undone.
    """

    progress = Signal(int, int, str)
    """The worker reported progress: done, total and the stage (build_job's stage names)."""
    ended = Signal(object, object)
    """The worker has exited: its result (a build_job Message, or None) and its exit code."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run: _Run | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._read_messages)
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        # A coarse timer may fire up to 5 % early: the worker always gets its full grace.
        self._grace.setTimerType(Qt.TimerType.PreciseTimer)
        self._grace.setInterval(CANCEL_GRACE_MS)
        self._grace.timeout.connect(self._stop_worker)

    def is_running(self) -> bool:
        """A worker process is running (or has exited and is not yet read to its end)."""
        return self._run is not None

    def cancel_requested(self) -> bool:
        """The running build was asked to cancel."""
        return self._run is not None and self._run.cancel.is_set()

    def start(self, request: BuildRequest, round_id: str) -> None:
        """Start building ``request`` in a new worker process (none may be running)."""
        if self._run is not None:
            raise RuntimeError("a package build is already running")
        # spawn, as on Windows: a forked copy of a process running Qt's threads is not safe. A
        # SimpleQueue writes each message at once: a Queue's feeder thread would wait while scrypt
        # holds the GIL.
        context = multiprocessing.get_context("spawn")
        traces = BuildTraces(request, round_id)
        messages: SimpleQueue[Message] = context.SimpleQueue()
        cancel = context.Event()
        process = context.Process(
            target=run_build_job, args=(request, messages, cancel), name="tic-build-packages"
        )
        self._run = _Run(process, messages, cancel, traces)
        process.start()
        self._poll.start()

    def cancel(self) -> bool:
        """Ask the worker to stop; it undoes what it wrote. False if no build is running or it was
        asked already.

        A worker still running :data:`CANCEL_GRACE_MS` later is killed and its work undone here.
        """
        run = self._run
        if run is None or run.cancel.is_set():
            return False
        run.cancel.set()
        self._grace.start()
        return True

    def _stop_worker(self) -> None:
        """The grace period is over: kill the worker and its pool, then remove what they wrote."""
        run = self._run
        if run is None or run.committing:
            return  # moving finished packages to their names takes milliseconds: let it end
        kill_tree(run.process)
        run.process.join()
        run.killed = True
        self._read_messages()

    def _read_messages(self) -> None:
        run = self._run
        if run is None:
            return
        alive = run.process.is_alive()  # asked first: once it has exited, all it sent is readable
        while not run.killed and not run.messages.empty():
            message = run.messages.get()
            if isinstance(message, Progress):
                self.progress.emit(message.done, message.total, message.stage)
            elif isinstance(message, Committing):
                run.committing = True
            else:
                run.end = message
        if alive:
            return
        self._poll.stop()
        self._grace.stop()
        run.process.join()
        exit_code = run.process.exitcode
        run.process.close()
        run.messages.close()
        if run.killed:  # what it said may be cut off: it ended as cancelled, undone here
            run.traces.undo()
            run.end = BuildCancelled()
        self._run = None
        self.ended.emit(run.end, exit_code)
