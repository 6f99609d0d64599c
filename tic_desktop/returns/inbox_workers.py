"""Verifying many returns on several cores (the inbox's large batches). No Qt here.

Every check stays :func:`receiving.verify_return_bytes`: worker processes run it, each set up once
with the reviewed round and the bureau's age identity (handed over in memory: inherited by a forked
worker, or through the pipe to a spawned one; never written anywhere). What comes back is small
(status fields and the signed token), because unpickling the parsed scores costs about as much as
verifying them; the parent reads the scores back from the token, which verified.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.returns.receiving import (
    BureauPackages,
    ReceivedReturn,
    bureau_trust,
    read_return_file,
    verify_return_bytes,
)
from tic_desktop.returns.scoring import parse_score_sheet
from tic_desktop.returns.verification import PackageFacts, Trust
from tic_desktop.review import EvaluatedRound
from tic_desktop.security import age_files
from tic_desktop.security.errors import SecurityError

CHUNK = 50  # files per task sent to a worker
RETURN_SUFFIX = ".ticreturn"
COPY_MODE = 0o600
MAX_WORKERS = 4
# Below these many new files one process verifies them: a forked worker starts in milliseconds,
# a spawned one (Windows, macOS) imports the app first (≈ 1 s) and is given the round by pipe.
FORKED_FROM = 200
SPAWNED_FROM = 2000

Fields = tuple[Any, ...]


def payload(token: bytes) -> dict[str, Any]:
    """The signed document inside a token that verified."""
    part = token.split(b".")[1]
    # a JSON object: verification refused any other signed document
    document: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4)))
    return document


def claimed_panel(data: bytes, keys: BureauKeys) -> str | None:
    """The panel a rejected return names (asked only when its signature verified)."""
    try:
        token = age_files.decrypt_with(data, keys.identity, "回执")
        panel = payload(token).get("panel")
    except (SecurityError, ValueError, IndexError, binascii.Error):
        return None
    return panel if isinstance(panel, str) else None


def fields_of(item: ReceivedReturn, claimed: str | None) -> Fields:
    return (
        str(item.status),
        item.reason,
        item.detail,
        item.detail_en,
        item.expert,
        item.revision,
        item.created_at,
        item.package_sha256,
        item.panel,
        item.package_built_at,
        item.token_sha256,
        item.token if item.verified else None,
        claimed,
    )


def item_from_fields(
    name: str, file_sha256: str, fields: Fields
) -> tuple[ReceivedReturn, str | None]:
    """The verified return as ``verify_return_bytes`` made it,
    its scores read back from the token."""
    item = ReceivedReturn(Path(name), file_sha256)
    (
        item.status,
        item.reason,
        item.detail,
        item.detail_en,
        item.expert,
        item.revision,
        item.created_at,
        item.package_sha256,
        item.panel,
        item.package_built_at,
        item.token_sha256,
        token,
        claimed,
    ) = fields
    if token is not None:
        document = payload(token)
        item.document, item.token = document, token
        item.sheet = parse_score_sheet(
            {k: document.get(k) for k in ("expert", "coi", "scores")}, name
        )
        item.signed_at = dt.datetime.fromisoformat(item.created_at)
    return item, claimed


# --- in a worker process ---------------------------------------------------------------------
_State = tuple[
    BureauKeys,
    Trust,
    Callable[[str], PackageFacts | None],
    str,
    Path,
    frozenset[str],
    frozenset[str],
]
"""A worker's keys, trust, package facts, round id, copies folder, known and missing files."""
_state: _State | None = None

Taken = tuple[str, str, Fields | None]
"""What a worker did with one file: ("unreadable" | "already" | "restored" | "new", its SHA-256,
the new return's fields)."""


def _start(
    folder: str,
    copies: str,
    review: EvaluatedRound,
    identity: str,
    known: frozenset[str],
    missing: frozenset[str],
    niceness: int,
) -> None:
    global _state
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    workspace = BureauWorkspace(Path(folder))
    # verify_return_bytes needs the age identity only; the CA key stays with the parent
    keys = BureauKeys(None, age_files.identity_from_text(identity))  # type: ignore[arg-type]
    packages = BureauPackages.from_review(workspace, review)
    _state = (
        keys,
        bureau_trust(workspace),
        packages.facts,
        review.round.id,
        Path(copies),
        known,
        missing,
    )


def _take_chunk(paths: list[str]) -> list[Taken]:
    """Read, name by SHA-256, copy and verify each file not already in the inbox."""
    assert _state is not None
    keys, trust, facts, round_id, copies, known, missing = _state
    done: list[Taken] = []
    for path in paths:
        data = read_return_file(Path(path))
        if not data:
            done.append(("unreadable", "", None))
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            if sha in missing:  # its kept copy was lost: put it back
                write_copy(copies / f"{sha}{RETURN_SUFFIX}", data)
                done.append(("restored", sha, None))
            else:
                done.append(("already", sha, None))
            continue
        write_copy(copies / f"{sha}{RETURN_SUFFIX}", data)
        item = verify_return_bytes(Path(Path(path).name), data, keys, trust, facts, round_id)
        claimed = claimed_panel(data, keys) if not item.verified and item.expert else None
        done.append(("new", sha, fields_of(item, claimed)))
    return done


def write_copy(target: Path, data: bytes) -> None:
    """Write ``target`` whole or not at all: a temporary file (owner-only from the start), then a
    rename; made durable later, with all the others, by one flush of the file system."""
    temp = target.with_name(f".{target.name}.partial")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, COPY_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# --- in the inbox's process ------------------------------------------------------------------
def forking() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def workers_for(new_files: int) -> int:
    """How many processes to take ``new_files`` in with (0: this one does it)."""
    cores = min(os.cpu_count() or 1, MAX_WORKERS)
    if cores < 2 or new_files < (FORKED_FROM if forking() else SPAWNED_FROM):
        return 0
    return cores


class ParallelIntake:
    """Files sent to worker processes in chunks (as paths: the workers read, copy and verify
    them); what they did read back in the order sent."""

    def __init__(
        self,
        workspace: BureauWorkspace,
        review: EvaluatedRound,
        keys: BureauKeys,
        workers: int,
        copies: Path,
        known: frozenset[str],
        missing: frozenset[str],
        niceness: int = 0,
    ) -> None:
        context = multiprocessing.get_context("fork" if forking() else "spawn")
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start,
            initargs=(
                str(workspace.folder),
                str(copies),
                review,
                str(keys.identity),
                known,
                missing,
                niceness,
            ),
        )
        self._chunk: list[str] = []
        self._sent: list[Future[list[Taken]]] = []

    def submit(self, path: Path) -> None:
        self._chunk.append(str(path))
        if len(self._chunk) >= CHUNK:
            self._send()

    def _send(self) -> None:
        chunk, self._chunk = self._chunk, []
        self._sent.append(self._pool.submit(_take_chunk, chunk))

    def results(self, cancelled: Callable[[], bool] | None) -> Iterator[Taken]:
        """What was done with each file, in the order submitted; stops early when cancelled."""
        if self._chunk:
            self._send()
        sent, self._sent = self._sent, []
        sent.reverse()
        while sent:
            future = sent.pop()  # each chunk let go of once read
            if cancelled is not None and cancelled() and not future.done():
                future.cancel()
                for waiting in sent:  # what is done is still kept
                    waiting.cancel()
                return
            results = future.result()
            del future
            yield from results

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
