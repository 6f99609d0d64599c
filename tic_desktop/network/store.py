"""Where the collector puts what it receives, behind a small interface.

:class:`ReturnStore` is all the server needs: ``store(data, original_name, sender)`` answers only
after the file is verified by the bureau's own verifier (``verify_return_bytes`` with
``BureauPackages`` and ``bureau_trust``, exactly as for a file from a USB stick) and, if it is a
return of ``sender``'s, written and fsync'd; then every stored return is classified again
(``classify_returns``). :class:`FolderStore` keeps them as
``<workspace>/returns/<round id>/<sha256>.ticreturn``; a persistent inbox can take its place.

Chair copies (encrypted to the panel chair: the collector cannot read them) are kept by
:class:`ChairCopyRelay` under ``chaircopies/<panel>/<return sha256>.chaircopy`` until the chair's
app fetches them; the chair's app verifies each with its own verifier.
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, safe_name
from tic_desktop.catalogue import t, tc
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.returns.receiving import (
    BureauPackages,
    ReceivedReturn,
    ReturnStatus,
    bureau_trust,
    classify_returns,
    read_return_file,
    verify_return_bytes,
)
from tic_desktop.returns.verification import RejectReason
from tic_desktop.security.atomic import write_atomically

if TYPE_CHECKING:
    from tic_desktop.returns.inbox import ReturnsInbox

STORED, DUPLICATE, REJECTED = "stored", "duplicate", "rejected"
RETURN_SUFFIX = ".ticreturn"
COPY_SUFFIX = ".chaircopy"


@dataclass
class StoreOutcome:
    """What became of one received file."""

    status: str  # stored | duplicate | rejected
    file_sha256: str
    item: ReceivedReturn | None = None  # the verified, classified return (a copy)
    reason: str = ""  # a RejectReason value, or "not_sender"
    detail_zh: str = ""
    detail_en: str = ""


class ReturnStore(Protocol):
    """The server's view of storage."""

    round_id: str

    def store(self, data: bytes, original_name: str, sender: str) -> StoreOutcome: ...

    def returns(self) -> list[ReceivedReturn]: ...

    def find(self, file_sha256: str) -> ReceivedReturn | None: ...


def _snapshot(items: Iterable[ReceivedReturn]) -> list[ReceivedReturn]:
    return [copy.copy(i) for i in items]


class FolderStore:
    """Returns as files named by their SHA-256 in the round's folder of the bureau workspace."""

    def __init__(
        self,
        workspace: BureauWorkspace,
        keys: BureauKeys,
        review_round: ReviewRound,
        folder: Path | None = None,
    ) -> None:
        self.workspace, self.keys, self.review_round = workspace, keys, review_round
        self.round_id = review_round.id
        self.folder = folder or workspace.folder / "returns" / safe_name(
            review_round.id, "round id"
        )
        self._packages = BureauPackages(workspace, review_round)
        self._trust = bureau_trust(workspace)
        self._items: dict[str, ReceivedReturn] = {}  # file sha256 -> verified return
        self._lock = threading.Lock()
        self._writing = threading.Lock()  # one file written at a time: fsync order is storage order

    def load(self) -> int:
        """Verify what an earlier collection (or anyone) left in the folder; returns the count."""
        if not self.folder.is_dir():
            return 0
        for path in sorted(self.folder.glob(f"*{RETURN_SUFFIX}")):
            data = read_return_file(path)
            item = self._verify(path.name, data)
            if item.verified:
                with self._lock:
                    self._items[item.file_sha256] = item
        with self._lock:
            classify_returns(list(self._items.values()))
        return len(self._items)

    def _verify(self, name: str, data: bytes) -> ReceivedReturn:
        item = verify_return_bytes(
            Path(name), data, self.keys, self._trust, self._packages.facts, self.round_id
        )
        if item.reason == RejectReason.WRONG_ROUND:  # a package built since collection started?
            self._packages = BureauPackages(self.workspace, self.review_round)
            item = verify_return_bytes(
                Path(name), data, self.keys, self._trust, self._packages.facts, self.round_id
            )
        return item

    def store(self, data: bytes, original_name: str, sender: str) -> StoreOutcome:
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            known = self._items.get(digest)
        if known is not None:
            return self._duplicate(known, digest, sender)
        item = self._verify(f"{digest}{RETURN_SUFFIX}", data)
        if not item.verified:
            return StoreOutcome(
                REJECTED, digest, None, item.reason or "", item.detail, item.detail_en
            )
        if item.expert != sender:
            return _not_sender(digest)
        target = self.folder / f"{digest}{RETURN_SUFFIX}"
        item.file = target
        with self._writing:
            with self._lock:
                known = self._items.get(digest)
            if known is not None:  # the same file arrived twice at once
                return self._duplicate(known, digest, sender)
            write_atomically(target, data, 0o600)  # fsync of the file and of the folder
            with self._lock:
                self._items[digest] = item
                classify_returns(list(self._items.values()))
                return StoreOutcome(STORED, digest, copy.copy(item))

    def _duplicate(self, known: ReceivedReturn, digest: str, sender: str) -> StoreOutcome:
        if known.expert != sender:
            return _not_sender(digest)
        with self._lock:
            return StoreOutcome(DUPLICATE, digest, copy.copy(known))

    def returns(self) -> list[ReceivedReturn]:
        with self._lock:
            return _snapshot(self._items.values())

    def find(self, file_sha256: str) -> ReceivedReturn | None:
        with self._lock:
            item = self._items.get(file_sha256)
            return copy.copy(item) if item is not None else None


def _not_sender(digest: str) -> StoreOutcome:
    detail = t("only the expert's own signed return can be sent")
    return StoreOutcome(REJECTED, digest, None, "not_sender", *detail.pair())


@dataclass(frozen=True)
class ChairCopyEntry:
    return_sha256: str
    member: str
    revision: int
    size: int


class ChairCopyRelay:
    """Chair copies kept for the panel chair's app,
    filed under the panel of the return they copy."""

    def __init__(self, folder: Path, returns: ReturnStore) -> None:
        self.folder = folder
        self._returns = returns
        self._lock = threading.Lock()

    def _path(self, panel: str, return_sha256: str) -> Path:
        return self.folder / safe_name(panel, "panel id") / f"{return_sha256}{COPY_SUFFIX}"

    def put(self, return_sha256: str, data: bytes, sender: str) -> str | None:
        """Keep ``data`` as the copy of the sender's stored return; None, or why it was refused."""
        item = self._returns.find(return_sha256)
        if item is None or item.expert != sender or item.panel is None:
            return "unknown_return"
        path = self._path(item.panel, return_sha256)
        with self._lock:
            if path.exists():
                return None  # idempotent: the first copy for a return stays
            write_atomically(path, data, 0o600)
        return None

    def listing(self, panel: str) -> list[ChairCopyEntry]:
        folder = self.folder / safe_name(panel, "panel id")
        entries = []
        for path in sorted(folder.glob(f"*{COPY_SUFFIX}")) if folder.is_dir() else []:
            sha = path.stem
            item = self._returns.find(sha)
            if item is None or item.expert is None or item.revision is None:
                continue
            if item.status == ReturnStatus.REJECTED:
                continue
            entries.append(ChairCopyEntry(sha, item.expert, item.revision, path.stat().st_size))
        return entries

    def read(self, panel: str, return_sha256: str) -> bytes | None:
        path = self._path(panel, return_sha256)
        try:
            return path.read_bytes()
        except OSError:
            return None


def _claimed_expert(data: bytes, keys: BureauKeys) -> str | None:
    """The expert a return names (decrypted, not yet verified): who it would count for."""
    import base64
    import binascii
    import json

    from tic_desktop.security import age_files
    from tic_desktop.security.errors import SecurityError

    try:
        token = age_files.decrypt_with(data, keys.identity, tc("sealed file", "return"))
        assert token is not None
        part = token.split(b".")[1]
        expert = json.loads(base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))).get("expert")
    except (SecurityError, ValueError, IndexError, AttributeError, AssertionError, binascii.Error):
        return None
    return expert if isinstance(expert, str) else None


class InboxStore:
    """The bureau's persistent returns inbox (:mod:`tic_desktop.returns.inbox`) as the store.

    A file goes in through the inbox's own ``add_files`` (copied as ``<sha256>.ticreturn`` into
    the workspace and flushed to disk before the database records it, verified, classified with
    the bureau's choices), so the returns window shows network returns like any others. Before
    that, the file is decrypted to check it names the sender: an expert delivers only their own.
    """

    def __init__(self, inbox: ReturnsInbox, keys: BureauKeys) -> None:
        self.inbox, self.keys = inbox, keys
        self.round_id = inbox.round.id
        self.folder = inbox.folder
        self._lock = threading.Lock()
        self._snapshot = inbox.load(keys)

    def store(self, data: bytes, original_name: str, sender: str) -> StoreOutcome:
        import tempfile

        from tic_desktop.network.protocol import safe_display_name

        digest = hashlib.sha256(data).hexdigest()
        claimed = _claimed_expert(data, self.keys)
        if claimed is None:  # not for this bureau, or not a return at all: never kept
            item = verify_return_bytes(
                Path(original_name or digest),
                data,
                self.keys,
                bureau_trust(self.inbox.workspace),
                self.inbox.packages.facts,
                self.round_id,
            )
            return StoreOutcome(
                REJECTED, digest, None, item.reason or "", item.detail, item.detail_en
            )
        if claimed != sender:
            return _not_sender(digest)
        with self._lock:
            known = self._snapshot.entry(digest)
            if known is not None and known.item.verified:
                return StoreOutcome(DUPLICATE, digest, copy.copy(known.item))
            name = safe_display_name(original_name) or f"{digest}{RETURN_SUFFIX}"
            with tempfile.TemporaryDirectory(prefix="tic-received-") as folder:
                received = Path(folder) / name
                received.write_bytes(data)
                self._snapshot = self.inbox.add_files([received], self.keys)
            entry = self._snapshot.entry(digest)
            assert entry is not None
            if not entry.item.verified:
                item = entry.item
                return StoreOutcome(
                    REJECTED, digest, None, item.reason or "", item.detail, item.detail_en
                )
            return StoreOutcome(STORED, digest, copy.copy(entry.item))

    def returns(self) -> list[ReceivedReturn]:
        with self._lock:
            return _snapshot([i for i in self._snapshot.items if i.verified])

    def find(self, file_sha256: str) -> ReceivedReturn | None:
        with self._lock:
            entry = self._snapshot.entry(file_sha256)
            return copy.copy(entry.item) if entry is not None and entry.item.verified else None
