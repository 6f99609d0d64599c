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
    verify_return_bytes,
)
from tic_desktop.returns.scoring import parse_score_sheet
from tic_desktop.returns.verification import PackageFacts, Trust
from tic_desktop.review import RoundReview
from tic_desktop.security import age_files
from tic_desktop.security.errors import SecurityError

CHUNK = 50  # returns per task sent to a worker
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
    """The verified return as ``verify_return_bytes`` made it, its scores read back from the token."""
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
_state: tuple[BureauKeys, Trust, Callable[[str], PackageFacts | None], str] | None = None


def _start(folder: str, review: RoundReview, identity: str) -> None:
    global _state
    if hasattr(os, "nice"):  # background work: the window that waits for it goes first
        os.nice(10)
    workspace = BureauWorkspace(Path(folder))
    # verify_return_bytes needs the age identity only; the CA key stays with the parent
    keys = BureauKeys(None, age_files.identity_from_text(identity))  # type: ignore[arg-type]
    packages = BureauPackages.from_review(workspace, review)
    _state = (keys, bureau_trust(workspace), packages.facts, review.round.id)


def _verify_chunk(chunk: list[tuple[str, bytes]]) -> list[Fields]:
    assert _state is not None
    keys, trust, facts, round_id = _state
    done = []
    for name, data in chunk:
        item = verify_return_bytes(Path(name), data, keys, trust, facts, round_id)
        claimed = claimed_panel(data, keys) if not item.verified and item.expert else None
        done.append(fields_of(item, claimed))
    return done


# --- in the inbox's process ------------------------------------------------------------------
def forking() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def workers_for(new_files: int) -> int:
    """How many processes to verify ``new_files`` with (0: verify in this one)."""
    cores = min(os.cpu_count() or 1, MAX_WORKERS)
    if cores < 2 or new_files < (FORKED_FROM if forking() else SPAWNED_FROM):
        return 0
    return cores


class ParallelVerifier:
    """Returns sent to worker processes in chunks; results read back in the order sent."""

    def __init__(
        self, workspace: BureauWorkspace, review: RoundReview, keys: BureauKeys, workers: int
    ) -> None:
        context = multiprocessing.get_context("fork" if forking() else "spawn")
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start,
            initargs=(str(workspace.folder), review, str(keys.identity)),
        )
        self._chunk: list[tuple[str, bytes]] = []
        self._sent: list[tuple[list[tuple[str, bytes]], Future[list[Fields]]]] = []

    def submit(self, name: str, data: bytes) -> None:
        self._chunk.append((name, data))
        if len(self._chunk) >= CHUNK:
            self._send()

    def _send(self) -> None:
        chunk, self._chunk = self._chunk, []
        self._sent.append((chunk, self._pool.submit(_verify_chunk, chunk)))

    def results(self, cancelled: Callable[[], bool] | None) -> Iterator[Fields]:
        """Each return's fields in the order submitted; stops early when ``cancelled()``."""
        if self._chunk:
            self._send()
        sent, self._sent = self._sent, []
        sent.reverse()
        while sent:
            # each chunk let go of once read: 20,000 returns' bytes freed at once would hold
            # the GIL (and a window's thread) for a third of a second
            _chunk, future = sent.pop()
            if cancelled is not None and cancelled() and not future.done():
                future.cancel()
                for _later, waiting in sent:  # what is done is still kept
                    waiting.cancel()
                return
            results = future.result()
            del _chunk, future
            yield from results

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
