"""Building packages for a front end: in a worker process, with progress out, cancel in, nothing left behind.

pyrage holds the GIL while it encrypts, so a window that built packages on a thread would freeze:
the GUI starts :func:`run_build_job` in a separate process and reads :data:`Message` tuples from a
queue. A build that is cancelled or fails undoes itself (:func:`build_all_or_nothing`): the
packages are written into a hidden staging folder inside the output folder and moved to their
names only when every panel and every passphrase sheet is done, and credentials issued by the run
are removed again, since their passphrases were never printed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace
from tic_desktop.errors import InputError, TicError
from tic_desktop.packages.build import BuiltPackage, Cancelled, build_packages, refuse_broken_panels
from tic_desktop.packages.credentials import issue_credentials
from tic_desktop.reports.passphrase_sheet import passphrase_sheet
from tic_desktop.review import RoundReview, review_round
from tic_desktop.rules.messages import CHECK_TITLES
from tic_desktop.security.atomic import write_atomically

UNLOCKING = "unlocking keys"
ISSUING = "issuing credentials"  # the stage names build_packages reports
ENCRYPTING = "encrypting materials"
SHEETS = "writing passphrase sheets"
SHEETS_FOLDER = "passphrase-sheets"
STAGING_PREFIX = ".tic-build-"
REPORT_INTERVAL = 0.05  # seconds between progress messages: the GUI polls, it need not be flooded

Message = tuple[Any, ...]
"""What the worker puts on the queue, last one first::

    ("built", BuildOutcome) | ("cancelled",) | ("failed", message_zh, message_en) | ("crashed", traceback)
    ("progress", done, total, stage)
"""


@dataclass(frozen=True)
class BuildRequest:
    """Everything the worker process needs, as plain picklable values (the keys never leave it)."""

    round_file: str
    bureau_folder: str
    out_dir: str
    panel_ids: list[str]
    passphrase: str | None = None


@dataclass(frozen=True)
class BuildOutcome:
    packages: list[BuiltPackage]
    sheets: list[Path] = field(default_factory=list)
    """The passphrase sheets issued by this build (one PDF per new credential), secret."""
    sheets_dir: Path | None = None


def build_all_or_nothing(request: BuildRequest, report: Callable[[int, int, str], None],
                         cancelled: Callable[[], bool]) -> BuildOutcome:
    """Build the chosen panels and write the new passphrase sheets, as ``tic package build`` does.

    Raises :class:`Cancelled` when ``cancelled()`` turns true; then, as after any error, the output
    folder and the workspace's credentials are as they were before.
    """
    review = review_round(request.round_file)
    workspace = BureauWorkspace(Path(request.bureau_folder))
    known = [p.id for p in review.round.panels]
    unknown = [p for p in request.panel_ids if p not in known]
    if unknown or not request.panel_ids:
        name = unknown[0] if unknown else "—"
        raise InputError(request.round_file, None, f"评审批次中没有专家组 {name}", f"the round has no panel {name}")
    refuse_broken_panels(review, request.panel_ids)
    report(0, 0, UNLOCKING)
    keys = workspace.keys(request.passphrase)

    def progress(done: int, total: int, stage: str) -> None:
        # Also called from inside pyrage's reads: pyrage turns the exception into an EncryptError.
        if cancelled():
            raise Cancelled()
        report(done, total, stage)

    out = Path(request.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    credentials_dir = workspace.credentials_dir(review.round.id)
    credentials_before = set(credentials_dir.iterdir()) if credentials_dir.is_dir() else set()
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    written: list[Path] = []
    try:
        progress(0, 0, ISSUING)
        panels = [p for p in review.round.panels if p.id in request.panel_ids]
        member_ids = list(dict.fromkeys(m for p in panels for m in p.members))
        experts = review.round.experts
        # Issued here, before build_packages (which then reuses them), to learn which are new.
        credentials = issue_credentials(workspace, keys, review.round.id, [experts[m] for m in member_ids],
                                        lambda done, total: progress(done, total, ISSUING))
        try:
            staged, _ = build_packages(review, workspace, keys, staging, request.panel_ids, progress, cancelled)
        except Exception:
            if cancelled():
                raise Cancelled() from None
            raise
        if cancelled():
            raise Cancelled()
        report(0, 0, SHEETS)
        sheets_dir = out / SHEETS_FOLDER
        panels_of = {m: [p.panel_id for p in staged if m in p.members] for p in staged for m in p.members}
        for expert_id, credential in credentials.items():
            if not credential.passphrase:
                continue  # issued by an earlier build: its sheet is already out
            expert = experts[expert_id]
            sheet = passphrase_sheet(expert_id=expert_id, name=expert.name, unit=expert.unit_name,
                                     panels=panels_of.get(expert_id, []), round_id=review.round.id,
                                     round_title=review.round.spec.title, passphrase=credential.passphrase,
                                     bureau_name=workspace.name, bureau_fingerprint=workspace.fingerprint)
            target = sheets_dir / f"{expert_id}.pdf"
            write_atomically(target, sheet, 0o600)
            written.append(target)
        packages = []
        for package in staged:
            final = out / package.file.name
            os.replace(package.file, final)
            written.append(final)
            packages.append(BuiltPackage(package.panel_id, final, package.package_sha256, package.members))
        staging.rmdir()
        return BuildOutcome(packages, [p for p in written if p.suffix == ".pdf"], sheets_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for path in written:
            path.unlink(missing_ok=True)
        if credentials_dir.is_dir():
            for path in set(credentials_dir.iterdir()) - credentials_before:
                path.unlink(missing_ok=True)
        raise


def panel_refusals(review: RoundReview, panel_id: str, language: str) -> list[str]:
    """Why a panel may not be built, one line per failing conflict-of-interest check (empty: it may)."""
    lines = []
    for result in review.panels:
        if result.panel_id != panel_id:
            continue
        for check in result.checks:
            if check.result.value == "fail":
                title_zh, title_en = CHECK_TITLES[check.id]
                if language == "en":
                    lines.append(f"{result.application_id} · {title_en}: {check.message_en}")
                else:
                    lines.append(f"{result.application_id} · {title_zh}：{check.message_zh}")
    return lines


def run_build_job(request: BuildRequest, messages, cancel) -> None:
    """Worker-process entry: ``messages`` a multiprocessing Queue, ``cancel`` a multiprocessing Event."""
    last = {"at": 0.0, "stage": ""}

    def report(done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        if stage != last["stage"] or done >= total or now - last["at"] >= REPORT_INTERVAL:
            last.update(at=now, stage=stage)
            messages.put(("progress", done, total, stage))

    try:
        outcome = build_all_or_nothing(request, report, cancel.is_set)
    except Cancelled:
        messages.put(("cancelled",))
    except TicError as error:
        messages.put(("cancelled",) if cancel.is_set() else ("failed", error.message_zh, error.message_en))
    except OSError as error:  # the environment (disk full, folder not writable), not a bug
        where = error.filename or request.out_dir
        reason = error.strerror or str(error)
        messages.put(("failed", f"无法写入 {where}（{reason}），未写出任何评审包。",
                      f"cannot write {where} ({reason}); no package was written."))
    except BaseException:  # a bug: the GUI raises it where people and tests will see it
        messages.put(("crashed", traceback.format_exc()))
    else:
        messages.put(("built", outcome))


def create_workspace(folder: str, passphrase: str | None) -> str:
    """``tic bureau init`` for a worker process (scrypt holds the GIL for seconds); returns the folder."""
    return str(init_workspace(Path(folder), passphrase=passphrase).folder)
