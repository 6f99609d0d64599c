"""Building packages for a front end: in a worker process, with progress out, cancel in,
nothing left behind.

pyrage holds the GIL while it encrypts, so a window that built packages on a thread would freeze:
the GUI starts :func:`run_build_job` in a separate process and reads :data:`Message` values from a
queue. A build that is cancelled or fails undoes itself (:func:`build_all_or_nothing`): the
packages are written into a hidden staging folder inside the output folder and moved to their
names only when every panel and every passphrase sheet is done, and credentials issued by the run
are removed again, since their passphrases were never printed.

A worker that does not stop in time when cancelled (scrypt cannot be interrupted) is killed with
its pool by the front end, which then undoes what it left with :class:`BuildTraces`; the worker
and its pool end by themselves when the front end's process ends (``die_with_parent``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace
from tic_desktop.catalogue import InLanguage, Said, t
from tic_desktop.errors import TicError
from tic_desktop.packages.build import (
    BuiltPackage,
    Cancelled,
    WouldReplace,
    build_packages,
    check_build,
    existing_packages,
    missing_folders,
    register_packages,
    remove_if_empty,
)
from tic_desktop.packages.build_journal import BuildJournal, undo_interrupted_builds
from tic_desktop.packages.credentials import NewCredentials, issue_credentials
from tic_desktop.packages.worker_processes import die_with_parent
from tic_desktop.progress import Progress, ReportProgress
from tic_desktop.reports.passphrase_sheet import passphrase_sheet, sheet_path, write_sheet
from tic_desktop.review import EvaluatedRound, evaluate_round
from tic_desktop.rules.messages import CHECK_TITLES
from tic_desktop.security.atomic import write_atomically

PREPARING = "checking the round"
UNLOCKING = "unlocking keys"
ISSUING = "issuing credentials"  # the stage names build_packages reports
ENCRYPTING = "encrypting materials"
SHEETS = "writing passphrase sheets"
SHEETS_FOLDER = "passphrase-sheets"
STAGING_PREFIX = ".tic-build-"
REPORT_INTERVAL = 0.05  # seconds between progress messages: the GUI polls, it need not be flooded


@dataclass(frozen=True)
class Committing:
    """Everything is written: the packages are being moved to their names (milliseconds). From here
    on the build is no longer cancelled; it ends with :class:`Built`."""


@dataclass(frozen=True)
class Built:
    """The last message of a build that succeeded."""

    outcome: BuildOutcome


@dataclass(frozen=True)
class BuildCancelled:
    """The last message of a cancelled build: it removed everything it had written."""


@dataclass(frozen=True)
class Failed:
    """The last message of a build stopped by something people can fix (the message for them)."""

    message: Said

    message_zh = InLanguage("message", "zh")
    message_en = InLanguage("message", "en")


@dataclass(frozen=True)
class Crashed:
    """The last message of a build stopped by a bug (the worker's traceback)."""

    traceback: str


Message = Progress | Committing | Built | BuildCancelled | Failed | Crashed
"""What the worker puts on the queue: any number of :class:`Progress` (and one :class:`Committing`),
then exactly one of the others, last."""


@dataclass(frozen=True)
class BuildRequest:
    """Everything the worker process needs, as plain picklable values (the keys never leave it)."""

    round_file: str
    bureau_folder: str
    out_dir: str
    panel_ids: list[str]
    """Empty: every panel of the round."""
    passphrase: str | None = None
    replace: bool = False
    """Replace packages already in the output folder (otherwise :class:`WouldReplace` is raised)."""
    passphrases_json: str | None = None
    """Also write the new experts' passphrases to this file
    (``tic package build --passphrases-json``)."""


@dataclass(frozen=True)
class BuildOutcome:
    packages: list[BuiltPackage]
    sheets: list[Path] = field(default_factory=list)
    """The passphrase sheets issued by this build (one PDF per new credential), secret."""
    sheets_dir: Path | None = None
    new_credentials: list[str] = field(default_factory=list)
    """The experts who got a credential (and a sheet) in this build."""
    replaced: list[Path] = field(default_factory=list)
    """Packages that were in the output folder before and were replaced."""
    round_id: str = ""


def build_all_or_nothing(
    request: BuildRequest,
    report: ReportProgress,
    cancelled: Callable[[], bool] = lambda: False,
    committing: Callable[[], None] = lambda: None,
) -> BuildOutcome:
    """Build the chosen panels and write the new passphrase sheets: ``tic package build`` and
    the GUI.

    Raises :class:`Cancelled` when ``cancelled()`` turns true before ``committing()`` is called
    (once everything is written, just before the packages are moved to their names and
    registered); then, as after any error, the output folder and the workspace's credentials are
    as they were before. Everything that can be checked cheaply is checked before the keys are
    unlocked; packages already in the output folder are replaced only when ``request.replace``
    says so.
    """
    report(Progress(0, 0, PREPARING))
    review = evaluate_round(request.round_file)
    workspace = BureauWorkspace(Path(request.bureau_folder))
    out = Path(request.out_dir)
    panel_ids = check_build(review, request.panel_ids, out)
    replaced = existing_packages(out, panel_ids)
    if replaced and not request.replace:
        raise WouldReplace(replaced)
    report(Progress(0, 0, UNLOCKING))
    keys = workspace.keys(request.passphrase)
    undo_interrupted_builds(workspace)  # a build killed earlier left credentials without sheets

    def progress(step: Progress) -> None:
        # Also called from inside pyrage's reads: pyrage turns the exception into an EncryptError.
        if cancelled():
            raise Cancelled()
        report(step)

    created = missing_folders(out)
    sheets_dir = out / SHEETS_FOLDER
    created_sheets_dir = not sheets_dir.exists()
    written: list[Path] = []
    staging: Path | None = None
    journal = BuildJournal(
        workspace, workspace.credentials_dir(review.round.id), created, sheets_dir
    )
    with journal, NewCredentials(workspace, review.round.id):
        try:
            out.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
            journal.staging(staging)
            progress(Progress(0, 0, ISSUING))
            panels = [p for p in review.round.panels if p.id in panel_ids]
            member_ids = list(dict.fromkeys(m for p in panels for m in p.members))
            experts = review.round.experts
            # Issued here, before build_packages (which then reuses them), to learn which are new.
            credentials = issue_credentials(
                workspace,
                keys,
                review.round.id,
                [experts[m] for m in member_ids],
                lambda step: progress(Progress(step.done, step.total, ISSUING)),
            )
            try:
                staged, _ = build_packages(
                    review, workspace, keys, staging, panel_ids, progress, cancelled, register=False
                )
            except Exception:
                if cancelled():
                    raise Cancelled() from None
                raise
            progress(Progress(0, 0, SHEETS))
            panels_of = {
                m: [p.panel_id for p in staged if m in p.members] for p in staged for m in p.members
            }
            new = {expert_id: c.passphrase for expert_id, c in credentials.items() if c.passphrase}
            # the others received theirs with an earlier build
            for count, (expert_id, passphrase) in enumerate(new.items()):
                progress(Progress(count, len(new), SHEETS))
                expert = experts[expert_id]
                sheet = passphrase_sheet(
                    expert_id=expert_id,
                    name=expert.name,
                    unit=expert.unit_name,
                    panels=panels_of.get(expert_id, []),
                    round_id=review.round.id,
                    round_title=review.round.spec.title,
                    passphrase=passphrase,
                    bureau_name=workspace.name,
                    bureau_fingerprint=workspace.fingerprint,
                )
                journal.wrote(sheet_path(sheets_dir, expert_id))
                written.append(write_sheet(sheets_dir, expert_id, sheet))  # 0600, folder 0700
            if request.passphrases_json:
                target = Path(request.passphrases_json)
                journal.wrote(target)
                write_atomically(
                    target, json.dumps(new, ensure_ascii=False, indent=2).encode("utf-8"), 0o600
                )
                written.append(target)
            if cancelled():
                raise Cancelled()
            committing()
            register_packages(review, workspace, staged, credentials)
            packages = []
            for package in staged:
                final = out / package.file.name
                os.replace(package.file, final)
                written.append(final)
                packages.append(
                    BuiltPackage(package.panel_id, final, package.package_sha256, package.members)
                )
            staging.rmdir()
            return BuildOutcome(
                packages,
                [p for p in written if p.suffix == ".pdf"],
                sheets_dir,
                sorted(new),
                replaced,
                review.round.id,
            )
        except BaseException:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            for path in written:
                path.unlink(missing_ok=True)
            remove_if_empty(([sheets_dir] if created_sheets_dir else []) + created)
            raise


def panel_refusals(review: EvaluatedRound, panel_id: str, language: str) -> list[str]:
    """Why a panel may not be built, one line per failing conflict-of-interest check
    (empty: it may)."""
    lines = []
    for result in review.panels:
        if result.panel_id != panel_id:
            continue
        for check in result.checks:
            if check.result.value == "fail":
                title_zh, title_en = CHECK_TITLES[check.id]
                line = t(
                    "{application} · {title}: {message}",
                    application=result.application_id,
                    title=title_en,
                    title_zh=title_zh,
                    message=check.message_en,
                    message_zh=check.message_zh,
                )
                lines.append(line.in_language(language))
    return lines


class MessageSink(Protocol):
    """Where a build job's messages go: a multiprocessing SimpleQueue in the app."""

    def put(self, message: Message, /) -> None: ...


class CancelFlag(Protocol):
    """What tells a build job to stop: a multiprocessing Event in the app."""

    def is_set(self) -> bool: ...


def run_build_job(request: BuildRequest, messages: MessageSink, cancel: CancelFlag) -> None:
    """Worker-process entry: ``messages`` a multiprocessing SimpleQueue (or anything with ``put``)
    that receives :data:`Message` values, ``cancel`` a multiprocessing Event.

    A SimpleQueue sends each message as it is put; a Queue's feeder thread would sit behind the GIL
    that scrypt holds while the keys are unlocked, and the window would show the stage too late.
    The process ends with the one that started it (the app), whatever it is doing.
    """
    die_with_parent()
    last_at, last_stage = 0.0, ""

    def report(step: Progress) -> None:
        nonlocal last_at, last_stage
        now = time.monotonic()
        if (
            step.stage != last_stage
            or step.done == 0
            or step.done >= step.total
            or now - last_at >= REPORT_INTERVAL
        ):
            last_at, last_stage = now, step.stage
            messages.put(step)

    try:
        outcome = build_all_or_nothing(
            request, report, cancel.is_set, lambda: messages.put(Committing())
        )
    except Cancelled:
        messages.put(BuildCancelled())
    except TicError as error:
        messages.put(BuildCancelled() if cancel.is_set() else Failed(error.text))
    except OSError as error:  # the environment (disk full, folder not writable), not a bug
        where = error.filename or request.out_dir
        reason = error.strerror or str(error)
        messages.put(
            Failed(
                t(
                    "cannot write {where} ({reason}); no package was written.",
                    where=where,
                    reason=reason,
                )
            )
        )
    except BaseException:  # a bug: the GUI raises it where people and tests will see it
        messages.put(Crashed(traceback.format_exc()))
    else:
        messages.put(Built(outcome))


class BuildTraces:
    """What a build may leave, noted before it starts, so that the front end can undo a worker it
    had to kill: the staging folders, passphrase sheets and credentials that appear, and the folders
    it creates. The packages themselves are moved to their names only after :class:`Committing`,
    and a worker is never killed after that message.
    """

    def __init__(self, request: BuildRequest, round_id: str) -> None:
        self.out = Path(request.out_dir)
        self.sheets_dir = self.out / SHEETS_FOLDER
        self.created = missing_folders(self.out)
        self.created_sheets_dir = not self.sheets_dir.exists()
        self.sheets_before = self._names(self.sheets_dir)
        self.staging_before = {n for n in self._names(self.out) if n.startswith(STAGING_PREFIX)}
        self.credentials = NewCredentials(BureauWorkspace(Path(request.bureau_folder)), round_id)
        self.passphrases_json = request.passphrases_json
        self.passphrases_json_existed = bool(
            request.passphrases_json and Path(request.passphrases_json).exists()
        )

    @staticmethod
    def _names(folder: Path) -> set[str]:
        try:
            return {p.name for p in folder.iterdir()}
        except OSError:
            return set()

    def undo(self) -> None:
        """Remove what the build added; call it only once its worker is dead."""
        for name in self._names(self.out) - self.staging_before:
            if name.startswith(STAGING_PREFIX):
                shutil.rmtree(self.out / name, ignore_errors=True)
        for name in self._names(self.sheets_dir) - self.sheets_before:
            (self.sheets_dir / name).unlink(missing_ok=True)
        if self.passphrases_json and not self.passphrases_json_existed:
            Path(self.passphrases_json).unlink(missing_ok=True)
        self.credentials.undo()
        remove_if_empty(([self.sheets_dir] if self.created_sheets_dir else []) + self.created)


def create_workspace(folder: str, passphrase: str | None) -> str:
    """``tic bureau init`` for a worker process (scrypt holds the GIL for seconds);
    returns the folder."""
    die_with_parent()
    return str(init_workspace(Path(folder), passphrase=passphrase).folder)
