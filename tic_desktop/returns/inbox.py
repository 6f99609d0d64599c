"""The bureau's returns inbox for one round, kept between sessions (issue #14). No Qt here.

Adding files: each file is read once and named by its SHA-256; a file already in the inbox is not
verified again. A new file is copied into the bureau workspace
(``<workspace>/returns/<round id>/<sha256>.ticreturn``, written atomically, its original name
remembered in the database), verified (:func:`receiving.verify_return_bytes`), then the whole set
is classified again (:func:`receiving.classify_returns`: cheap, no crypto) and what changed is
stored. Reopening reads the stored rows: the signed token kept for each verified return gives back
its scores without decrypting or verifying again (the file was verified when it arrived and the
database is the bureau's own). Only when the round file changed since a return was checked is its
stored copy verified again.

The bureau's choice among an expert's conflicting returns is recorded with who made it (the name
the clerk gave for the session and the operating-system login) and when; the latest choice for a
(panel, expert) is the one that counts.

One :class:`ReturnsInbox` is used by one caller at a time (the window runs one job after another).
Every public call returns an :class:`~tic_desktop.returns.inbox_records.InboxSnapshot`, which is
never changed afterwards, so a window can show one while the next job runs. The records it hands
out are in :mod:`inbox_records`, its rows in the database in :mod:`inbox_rows`, its worker
processes in :mod:`inbox_workers`.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from tic_desktop.aggregation import aggregate_with
from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, safe_name
from tic_desktop.catalogue import t
from tic_desktop.progress import Progress, ReportProgress
from tic_desktop.returns.inbox_flush import flush_copies
from tic_desktop.returns.inbox_records import (
    AddReport,
    Choice,
    InboxEntry,
    InboxError,
    InboxSnapshot,
    member_statuses,
)
from tic_desktop.returns.inbox_rows import (
    choice_from_row,
    entry_from_row,
    last_ids,
    row_values,
    rows_since,
    store_choice,
    stored_rows,
    write_rows,
)
from tic_desktop.returns.inbox_workers import (
    RETURN_SUFFIX,
    ParallelIntake,
    claimed_panel,
    item_from_fields,
    workers_for,
    write_copy,
)
from tic_desktop.returns.receiving import (
    BureauPackages,
    ReceivedReturn,
    ReturnStatus,
    bureau_trust,
    classify_returns,
    read_return_file,
    verify_return_bytes,
)
from tic_desktop.review import EvaluatedRound
from tic_desktop.storage import Database

RETURNS_FOLDER = "returns"

Cancelled = Callable[[], bool]


def returns_in(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every .ticreturn inside given folders (a USB stick's tree), each once."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{RETURN_SUFFIX}") if p.is_file())
        elif path.exists():
            found.append(path)
    return list(dict.fromkeys(found))


def login_name() -> str:
    """The operating-system login the app runs under ("" when the system cannot say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class ReturnsInbox:
    """The returns received for one round, in the local database and the bureau workspace."""

    def __init__(
        self, database: Database, workspace: BureauWorkspace, review: EvaluatedRound
    ) -> None:
        self.database, self.workspace, self.review = database, workspace, review
        self.round = review.round
        self.folder = workspace.folder / RETURNS_FOLDER / safe_name(self.round.id, "round id")
        self._entries: dict[str, InboxEntry] = {}  # by file SHA-256, in order of arrival
        self._stored: dict[str, tuple[str, str, str | None]] = {}  # sha -> the row's status
        self._rewrite: set[str] = set()  # rows whose every field must be written again
        self._choices: list[Choice] = []
        self._missing: list[str] = []
        self._packages: BureauPackages | None = None
        self._loaded = False
        self._last_row = self._last_choice = 0  # the highest row ids this object has seen
        # verifying processes for a batch (0: this one); None: decided by the batch's size
        self.workers: int | None = None
        # raised for the worker processes of a window's inbox: background work, the window first
        self.worker_niceness = 0
        self.verified_count = 0  # files this object verified (a measure for tests, benchmarks)

    def copy_of(self, file_sha256: str) -> Path:
        """Where the copy of a received file is kept."""
        return self.folder / f"{file_sha256}{RETURN_SUFFIX}"

    @property
    def packages(self) -> BureauPackages:
        if self._packages is None:  # packages.json read, and the round's rule context built, once
            self._packages = BureauPackages.from_review(self.workspace, self.review)
        return self._packages

    # --- reading back ------------------------------------------------------------------------
    def load(
        self,
        keys: BureauKeys | None = None,
        progress: ReportProgress | None = None,
        cancelled: Cancelled | None = None,
    ) -> InboxSnapshot:
        """Read the inbox back from the database
        (no decryption for returns checked on this round file).

        Returns checked against another version of the round file are verified again from their
        stored copy when ``keys`` are given.
        """
        self._read_back(keys, progress, cancelled)
        return self._settle(None)

    def _read_back(
        self, keys: BureauKeys | None, progress: ReportProgress | None, cancelled: Cancelled | None
    ) -> None:
        rows, choices = stored_rows(self.database, self.round.id)
        self._entries, self._stored, self._rewrite = {}, {}, set()
        self._choices = [choice_from_row(c) for c in choices]
        self._last_row = max((row.id for row in rows), default=0)
        self._last_choice = max((c.id for c in choices), default=0)
        try:
            present = {entry.name for entry in os.scandir(self.folder)}
        except OSError:
            present = set()
        missing: list[str] = []
        stale: list[InboxEntry] = []
        for done, row in enumerate(rows, start=1):
            entry = entry_from_row(row, self.copy_of(row.file_sha256))
            self._entries[row.file_sha256] = entry
            self._stored[row.file_sha256] = (row.status, row.detail, row.panel)
            if row.round_sha256 != self.review.file_sha256:
                stale.append(entry)
            if entry.copy.name not in present:
                missing.append(row.file_sha256)
            if progress is not None and (done % 250 == 0 or done == len(rows)):
                progress(Progress(done, len(rows)))
        self._missing = missing
        self._loaded = True
        if stale and keys is not None:
            self._verify_again(stale, keys, cancelled)

    def _catch_up(self) -> bool:
        """Take in what another inbox on the same database stored since (e.g. the meeting-room
        collector, or a second window): the database is the inbox, not this object."""
        rows, choices = rows_since(self.database, self.round.id, self._last_row, self._last_choice)
        for row in rows:
            known = self._entries.get(row.file_sha256)
            if known is None:
                self._entries[row.file_sha256] = entry_from_row(row, self.copy_of(row.file_sha256))
            elif known.row_id is None:
                known.row_id = row.id  # verified here too, stored there first
            self._stored[row.file_sha256] = (row.status, row.detail, row.panel)
            self._last_row = max(self._last_row, row.id)
        for choice in choices:
            self._choices.append(choice_from_row(choice))
            self._last_choice = max(self._last_choice, choice.id)
        return bool(rows or choices)

    def has_news(self) -> bool:
        """Whether another inbox stored returns or choices for the round since (a cheap query)."""
        last_row, last_choice = last_ids(self.database, self.round.id)
        return last_row > self._last_row or last_choice > self._last_choice

    def refresh(self) -> InboxSnapshot:
        """The inbox with what other inboxes on the database stored since, classified again."""
        if not self._loaded:
            return self.load()
        self._catch_up()
        return self._settle(None)

    def forget(self) -> tuple[dict[str, InboxEntry], dict[str, tuple[str, str, str | None]]]:
        """Hand over (and no longer hold) what was read or received, e.g. for a window closing to
        free it a piece at a time; the next call reads the database again."""
        held = (self._entries, self._stored)
        self._entries, self._stored, self._choices, self._missing = {}, {}, [], []
        self._loaded, self._last_row, self._last_choice = False, 0, 0
        return held

    def _verify_again(
        self, stale: list[InboxEntry], keys: BureauKeys, cancelled: Cancelled | None
    ) -> None:
        for entry in stale:
            if cancelled is not None and cancelled():
                return
            data = read_return_file(entry.copy)
            if not data:
                continue  # the copy is gone: keep what was found when it arrived
            entry.item, entry.claimed_panel = self._verify(data, entry.original_name, keys)
            self._rewrite.add(entry.file_sha256)

    # --- adding ------------------------------------------------------------------------------
    def _verify(
        self, data: bytes, name: str, keys: BureauKeys
    ) -> tuple[ReceivedReturn, str | None]:
        item = verify_return_bytes(
            Path(name), data, keys, bureau_trust(self.workspace), self.packages.facts, self.round.id
        )
        self.verified_count += 1
        claimed = None
        if not item.verified and item.expert is not None:
            claimed = claimed_panel(data, keys)
        return item, claimed

    def add_files(
        self,
        paths: Iterable[Path],
        keys: BureauKeys,
        progress: ReportProgress | None = None,
        cancelled: Cancelled | None = None,
    ) -> InboxSnapshot:
        """Copy and verify the files not received before, classify the whole set, store it.

        Folders are searched for ``.ticreturn`` files. Cancelling stops at the next file (or
        chunk of files); what was verified until then is kept. A large batch is verified by
        worker processes (:mod:`inbox_workers`) while this thread reads and copies the files; a
        small one here. No other thread is used: in a window's process, every busy Python thread
        delays the window's own (one busy thread: ≈ 45 ms at worst on the loaded test machine,
        three: ≈ 260 ms).
        """
        if not self._loaded:
            self._read_back(keys, None, cancelled)
        else:
            self._catch_up()
        files = returns_in(paths)
        workers = self.workers if self.workers is not None else workers_for(len(files))
        new: list[InboxEntry] = []
        restored: list[InboxEntry] = []
        unreadable: list[str] = []
        already, stopped, done = 0, False, 0

        def advance() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(Progress(done, len(files)))

        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            if workers:
                stopped = self._take_in_parallel(
                    files, keys, workers, cancelled, new, restored, unreadable, advance
                )
                already = done - len(unreadable) - len(new)  # restored ones too
            else:
                for path in files:
                    if cancelled is not None and cancelled():
                        stopped = True
                        break
                    data = read_return_file(path)
                    sha = hashlib.sha256(data).hexdigest() if data else ""
                    if not data:
                        unreadable.append(path.name)
                    elif sha in self._entries:
                        already += 1
                        if sha in self._missing:  # its kept copy was lost: put it back
                            self._copy(self.copy_of(sha), data)
                            restored.append(self._entries[sha])
                    else:
                        copy = self.copy_of(sha)
                        self._copy(copy, data)
                        item, claimed = self._verify(data, path.name, keys)
                        entry = InboxEntry(item, path.name, _now(), copy, None, claimed)
                        self._entries[sha] = entry
                        new.append(entry)
                    advance()
        except BaseException:
            for entry in new:  # nothing of this batch is kept (its copies are harmless orphans)
                del self._entries[entry.file_sha256]
            raise
        if new or restored:
            flush_copies(self.folder, [e.copy for e in new + restored])
            copied = {e.file_sha256 for e in new + restored}
            self._missing = [sha for sha in self._missing if sha not in copied]
        report = AddReport(len(files), len(new), already, tuple(unreadable), stopped)
        return self._settle(report)

    def _take_in_parallel(
        self,
        files: list[Path],
        keys: BureauKeys,
        workers: int,
        cancelled: Cancelled | None,
        new: list[InboxEntry],
        restored: list[InboxEntry],
        unreadable: list[str],
        advance: Callable[[], None],
    ) -> bool:
        """Worker processes read, copy and verify; this thread only reads their results back.
        Returns whether it stopped before the end (cancelled)."""
        intake = ParallelIntake(
            self.workspace,
            self.review,
            keys,
            workers,
            self.folder,
            frozenset(self._entries),
            frozenset(self._missing),
            self.worker_niceness,
        )
        try:
            for path in files:
                intake.submit(path)
            taken = 0
            for path, (kind, sha, fields) in zip(files, intake.results(cancelled), strict=False):
                taken += 1
                if kind == "unreadable":
                    unreadable.append(path.name)
                elif kind == "restored":
                    restored.append(self._entries[sha])
                elif kind == "new" and sha not in self._entries:  # (twice in one batch: once)
                    assert fields is not None  # a new file's worker sends its fields
                    item, claimed = item_from_fields(path.name, sha, fields)
                    self.verified_count += 1
                    entry = InboxEntry(item, path.name, _now(), self.copy_of(sha), None, claimed)
                    self._entries[sha] = entry
                    new.append(entry)
                advance()
            return taken < len(files)
        except OSError as error:  # a worker could not write a copy (disk full)
            raise InboxError(
                t(
                    "Cannot copy the returns into the bureau workspace {folder}: {error}",
                    folder=self.folder,
                    error=error.strerror or error,
                )
            ) from error
        finally:
            intake.close()

    def _copy(self, target: Path, data: bytes) -> None:
        try:
            write_copy(target, data)
        except OSError as error:  # e.g. the disk is full
            raise InboxError(
                t(
                    "Cannot copy the returns into the bureau workspace {folder}: {error}",
                    folder=self.folder,
                    error=error.strerror or error,
                )
            ) from error

    # --- the bureau's choice -----------------------------------------------------------------
    def choose(
        self,
        file_sha256: str,
        chosen_by: str,
        os_user: str | None = None,
        at: dt.datetime | None = None,
    ) -> InboxSnapshot:
        """Record that ``file_sha256`` is the return that counts for its expert and panel.

        Allowed among an expert's returns in conflict for a panel (or to change an earlier
        choice); ``chosen_by``, who made the choice, is required.
        """
        if self._loaded:
            self._catch_up()
        entry = self._entries.get(file_sha256)
        if entry is None or not entry.item.verified:
            raise InboxError(t("the chosen return is not in the inbox, or did not verify"))
        panel, expert = str(entry.item.panel), str(entry.item.expert)
        if not chosen_by.strip():
            raise InboxError(t("the name of who chooses is required"))
        contested = any(
            e.item.panel == panel
            and e.item.expert == expert
            and e.item.status == ReturnStatus.CONFLICT
            for e in self._entries.values()
        ) or any(c.panel == panel and c.expert == expert for c in self._choices)
        if not contested:
            raise InboxError(
                t(
                    "{expert}'s returns for panel {panel} are not in conflict: nothing to choose",
                    expert=expert,
                    panel=panel,
                )
            )
        choice = Choice(
            panel,
            expert,
            file_sha256,
            chosen_by.strip(),
            login_name() if os_user is None else os_user,
            at or _now(),
        )
        number = store_choice(self.database, self.round.id, choice)
        self._choices.append(choice)
        if number == self._last_choice + 1:
            self._last_choice = number  # (else another inbox chose meanwhile: caught up next time)
        return self._settle(None)

    def effective_choices(self) -> dict[tuple[str, str], Choice]:
        """The choice that counts for each (panel, expert): the latest recorded."""
        latest: dict[tuple[str, str], Choice] = {}
        for choice in self._choices:
            latest[(choice.panel, choice.expert)] = choice
        return latest

    # --- classify, store, rank ---------------------------------------------------------------
    def _settle(self, report: AddReport | None) -> InboxSnapshot:
        entries = list(self._entries.values())
        items = [e.item for e in entries]
        latest = self.effective_choices()
        classify_returns(items, {c.file_sha256 for c in latest.values()})
        self._persist(entries)
        results = aggregate_with(self.round, items, self.review.panels)
        return InboxSnapshot(
            self.round.id,
            tuple(entries),
            tuple(results),
            member_statuses(self.round, entries, latest),
            tuple(self._choices),
            report,
            tuple(self._missing),
            dict(Counter(str(i.status) for i in items)),
        )

    def _persist(self, entries: list[InboxEntry]) -> None:
        """Insert new rows and write what changed in the others, in one transaction."""
        inserts, rewrites, updates = [], [], []
        for entry in entries:
            item = entry.item
            if entry.row_id is None:
                inserts.append(entry)
            elif entry.file_sha256 in self._rewrite:
                rewrites.append({"id": entry.row_id, **self._row(entry, fresh=False)})
            elif self._stored.get(entry.file_sha256) != (
                str(item.status),
                item.detail,
                entry.panel,
            ):
                updates.append(
                    {
                        "id": entry.row_id,
                        "status": str(item.status),
                        "reason": item.reason,
                        "detail": item.detail,
                        "detail_en": item.detail_en,
                    }
                )
        if inserts or rewrites or updates:
            ids = write_rows(
                self.database,
                self.round.id,
                [self._row(e) for e in inserts],
                rewrites,
                updates,
            )
            for entry in inserts:
                entry.row_id = ids[entry.file_sha256]
            if inserts and min(ids.values()) == self._last_row + 1 and len(ids) == len(inserts):
                self._last_row = max(ids.values())  # nobody else wrote in between
        for entry in inserts:
            entry.item.token = b""  # stored: no need to hold every token in memory
        for entry in entries:
            self._stored[entry.file_sha256] = (
                str(entry.item.status),
                entry.item.detail,
                entry.panel,
            )
        self._rewrite = set()

    def _row(self, entry: InboxEntry, fresh: bool = True) -> dict[str, object]:
        return row_values(entry, self.round.id, self.review.file_sha256, fresh)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


__all__ = ["RETURNS_FOLDER", "ReturnsInbox", "login_name", "returns_in"]
