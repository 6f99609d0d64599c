"""Signing an expert's work: the return for the bureau, the opinion PDFs, the chair's copy.

Signing is refused while the saved work does not match its audit log, while anything breaks the
score rule, and when nothing changed since the last signed revision. The return is the file the
bureau counts and is written first; if a PDF or the chair's copy cannot be written (a nearly full
USB stick), the result names the missing files and :func:`write_signed_files_again` writes them
from what was signed, without a new revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tic_desktop.catalogue import Joined, t, tc
from tic_desktop.errors import TicError
from tic_desktop.events import Event
from tic_desktop.reports.opinion_pdfs import WrittenFiles, write_opinion_pdfs
from tic_desktop.returns.making import (
    ReturnMade,
    chair_copy,
    chair_copy_path,
    last_sent,
    make_return,
)
from tic_desktop.returns.scoring import parse_score_sheet
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage.audit import append_audit_event, audit_head_hash

if TYPE_CHECKING:
    from tic_desktop.expert.desk import ExpertDesk


@dataclass
class SignResult:
    """What signing wrote: the return (always, or signing failed) and its companion files."""

    made: ReturnMade
    files: WrittenFiles = field(default_factory=WrittenFiles)

    @property
    def pdfs(self) -> list[Path]:
        return [p for p in self.files.written if p.suffix == ".pdf"]

    @property
    def complete(self) -> bool:
        return not self.files.failed

    def missing_text(self, lang: str = "zh") -> str:
        missing = tuple(
            t("{file}: {failure}", file=p.name, failure=en, failure_zh=zh)
            for p, zh, en in self.files.failed
        )
        return Joined(missing, tc("list separator", "; ")).in_language(lang)

    # Kept iterable as (made, pdfs) for callers written before the companion files were reported.
    def __iter__(self) -> Iterator[ReturnMade | list[Path]]:
        return iter((self.made, self.pdfs))


def refuse_unless_ready(desk: ExpertDesk) -> None:
    """Raise TicError unless the work may be signed: intact, complete, within the rule."""
    problem = desk.check_integrity()
    if problem is not None:
        raise problem
    blocking = desk.problems()
    if blocking:
        app_id, zh, en = blocking[0]
        raise TicError(
            t(
                "cannot sign yet: {application} {problem} ({count} items incomplete)",
                application=app_id,
                problem=en,
                problem_zh=zh,
                count=len(blocking),
            )
        )


def return_path(desk: ExpertDesk, folder: Path) -> Path:
    return folder / f"{desk.round_id}-{desk.manifest.panel_id}-{desk.expert_id}.ticreturn"


def _companions(
    desk: ExpertDesk,
    token: bytes,
    sheet_json: dict[str, Any],
    signed_at: dt.datetime,
    return_file: Path,
    files: WrittenFiles,
) -> None:
    sheet = parse_score_sheet(sheet_json, return_file.name)
    write_opinion_pdfs(
        desk.manifest,
        desk.credential,
        sheet,
        return_file.parent,
        signed_at,
        desk.open_checks,
        files,
    )
    copy = chair_copy_path(return_file)
    files.record(copy, lambda: write_atomically(copy, chair_copy(desk.package, token)))


def sign_and_export(desk: ExpertDesk, folder: Path) -> SignResult:
    refuse_unless_ready(desk)
    sheet = desk.score_sheet()
    with desk.db.session() as session:
        head = audit_head_hash(session)
    target = return_path(desk, folder)
    made = make_return(
        desk.package,
        desk.credential,
        sheet,
        target,
        desk.db,
        "评分表",
        audit_head=head,
        context=desk.scoring_context(),
        allow_unchanged=False,
    )
    result = SignResult(made)
    result.files.written.append(made.file)
    assert made.signed_at is not None
    _companions(desk, made.token, sheet.as_json(), made.signed_at, made.file, result.files)
    _after_signing(desk, made)
    return result


def _after_signing(desk: ExpertDesk, made: ReturnMade) -> None:
    with desk.db.session() as session:
        append_audit_event(
            session,
            desk.expert_id,
            "signed",
            {
                "package": desk.package_sha256,
                "revision": made.revision,
                "return_sha256": made.file_sha256,
            },
        )
    if desk.expert_id == desk.manifest.chair:
        # The chair's own signed scores belong in the panel's picture without importing a copy.
        from tic_desktop.expert.chair import record_own_copy

        record_own_copy(desk, made.token)
    desk.bus.publish(Event.SAVED, "signed")


def write_signed_files_again(desk: ExpertDesk, folder: Path) -> SignResult:
    """The last signed revision's files, written again byte for byte (the return) or re-rendered
    from the same signed scores (the PDFs, the chair's copy); no new revision is made."""
    sent = last_sent(desk.db, desk.package_sha256, desk.expert_id)
    if sent is None or sent.token is None or sent.sealed is None or sent.sheet is None:
        raise TicError(t("nothing has been signed on this computer yet"))
    target = return_path(desk, folder)
    made = ReturnMade(target, sent.revision, sent.file_sha256, sent.token, sent.created_at)
    result = SignResult(made)
    result.files.record(target, partial(write_atomically, target, sent.sealed))
    if result.files.failed:
        return result
    _companions(desk, sent.token, sent.sheet, sent.created_at, target, result.files)
    return result
