"""The collector in a process of its own, for the clerk's window.

Verifying a return is mostly Python (the score rule, the classification, the ranking for the
board) and pyrage holds the GIL while it decrypts: in the window's process that work would take
the GIL from the GUI thread whenever thirty experts send at once. In a child process it cannot.
The child runs :func:`tic_desktop.network.server.start_collection` and sends every event back
through a pipe; a thread here hands them on (``on_event``), and keeps the last snapshot.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tic_desktop.bureau.workspace import BureauKeys
from tic_desktop.catalogue import t
from tic_desktop.network.progress import ProgressSnapshot
from tic_desktop.network.protocol import Limits
from tic_desktop.network.tls import NetworkError
from tic_desktop.security import certificates


def _secret(keys: BureauKeys) -> str:
    return json.dumps(
        {"ca_key_pem": certificates.key_to_pem(keys.ca_key), "age_identity": str(keys.identity)}
    )


def _child(
    pipe: Connection,
    workspace_folder: str,
    secret: str,
    round_file: str,
    host: str,
    port: int,
    database_file: str | None,
    announce: bool,
    limits: Limits | None,
) -> None:
    from tic_desktop.bureau.workspace import BureauWorkspace
    from tic_desktop.errors import TicError
    from tic_desktop.network.server import start_collection
    from tic_desktop.review import evaluate_round

    lock = threading.Lock()

    def send(message: tuple[object, ...]) -> None:
        with lock:
            try:
                pipe.send(message)
            except OSError:  # the app is gone; the collector stops when it notices
                pass

    database = None
    try:
        workspace = BureauWorkspace(Path(workspace_folder))
        keys = BureauWorkspace.keys_from_secret(secret)
        review = evaluate_round(Path(round_file))
        store = None
        if database_file is not None:
            from tic_desktop.network.store import InboxStore
            from tic_desktop.returns.inbox import ReturnsInbox
            from tic_desktop.storage import open_database

            database = open_database(Path(database_file))
            store = InboxStore(ReturnsInbox(database, workspace, review), keys)
        collection = start_collection(
            workspace,
            keys,
            review.round,
            host,
            port,
            store=store,
            limits=limits,
            announce=announce,
            on_event=lambda event: send(("event", event)),
        )
    except TicError as error:
        send(("failed", error))
        return
    send(("started", collection.address, collection.fingerprint, collection.snapshot()))
    try:
        while pipe.recv() != "stop":
            pass
    except (EOFError, OSError):  # the app went away: stop all the same
        pass
    finally:
        try:
            collection.stop()
        finally:
            if database is not None:
                database.close()
            try:
                send(("stopped",))
            except OSError:
                pass


class CollectionProcess:
    """Start with :meth:`start`; the same ``address``, ``fingerprint``, ``snapshot()`` and
    ``stop()`` as :class:`tic_desktop.network.server.Collection`."""

    def __init__(
        self,
        workspace_folder: Path,
        keys: BureauKeys,
        round_file: Path,
        host: str,
        port: int,
        *,
        database_file: Path | None = None,
        announce: bool = True,
        limits: Limits | None = None,
        on_event: Callable[[Any], None] | None = None,
    ) -> None:
        self.on_event = on_event or (lambda event: None)
        context = multiprocessing.get_context("spawn")
        self._pipe, child_end = context.Pipe()
        self._process = context.Process(
            target=_child,
            args=(
                child_end,
                str(workspace_folder),
                _secret(keys),
                str(round_file),
                host,
                port,
                str(database_file) if database_file is not None else None,
                announce,
                limits,
            ),
            name="tic-collector",
            daemon=True,  # never outlives the app
        )
        self._child_end = child_end
        self._latest: ProgressSnapshot | None = None
        self._stopped = threading.Event()
        self._reader: threading.Thread | None = None
        self.address: tuple[str, int] = (host, port)
        self.fingerprint = ""
        self.running = False

    def start(self, timeout: float = 60) -> CollectionProcess:
        self._process.start()
        self._child_end.close()
        early = []  # events sent while starting (the "started" event itself)
        while True:
            if not self._pipe.poll(timeout):
                self._process.kill()
                self._process.join()
                raise NetworkError(t("the collector did not start"))
            try:
                message = self._pipe.recv()
            except (EOFError, OSError):
                self._process.join(timeout=10)
                raise NetworkError(t("the collector failed while starting")) from None
            if message[0] == "event":
                early.append(message[1])
                continue
            if message[0] == "failed":
                self._process.join(timeout=10)
                raise message[1]
            break
        _, self.address, self.fingerprint, self._latest = message
        for event in early:
            self.on_event(event)
        self.running = True
        self._reader = threading.Thread(target=self._read, name="tic-collector-events", daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        while True:
            try:
                message = self._pipe.recv()
            except (EOFError, OSError):
                break
            if message[0] == "event":
                event = message[1]
                if getattr(event, "snapshot", None) is not None:
                    self._latest = event.snapshot
                self.on_event(event)
            elif message[0] == "stopped":
                break
        self._stopped.set()

    def snapshot(self) -> ProgressSnapshot:
        assert self._latest is not None
        return self._latest

    def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        try:
            self._pipe.send("stop")
        except OSError:
            pass
        self._stopped.wait(timeout=30)
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        if self._reader is not None:
            self._reader.join(timeout=5)
        self._pipe.close()
        self._process.close()
