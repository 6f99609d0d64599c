"""A note in the bureau workspace that a build is under way, so that a build killed mid-way is
undone.

A cancelled or failed build undoes itself (``build_all_or_nothing``). A build whose process is
killed (the app killed, the power cut) cannot: the credentials it issued would stay, and a later
build would reuse them and print no passphrase sheet for those experts, who could then never open
their package. So before it issues anything a build writes what it will touch into
``<workspace>/.builds/``, keeps the note up to date, and removes it when it ends either way; the
next build of the same workspace finds the notes of processes that are gone and undoes them first.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.security.atomic import write_atomically

JOURNAL_FOLDER = ".builds"


def _process_start(pid: int) -> str:
    """When process ``pid`` started (Linux: clock ticks since boot), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat[stat.rfind(")") + 2 :].split()[19]


def _running(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that pid: leave the note alone
    return not started or _process_start(pid) in ("", started)


@dataclass
class BuildNote:
    pid: int
    process_started: str
    started_at: float
    credentials_folder: str
    credentials_before: list[str]
    credential_folders_created: list[str]
    output_folders_created: list[str]
    sheets_folder: str
    sheets_folder_created: bool
    staging: str | None = None
    written: list[str] = field(default_factory=list)


class BuildJournal:
    """The note of one running build (a context manager: the note is removed when the build
    ends)."""

    def __init__(
        self,
        workspace: BureauWorkspace,
        credentials_folder: Path,
        output_folders_created: list[Path],
        sheets_folder: Path,
    ) -> None:
        folder = workspace.folder / JOURNAL_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        self.path = folder / f"build-{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
        missing = [f for f in (credentials_folder.parent, credentials_folder) if not f.exists()]
        before = (
            sorted(p.name for p in credentials_folder.iterdir())
            if credentials_folder.is_dir()
            else []
        )
        self.note = BuildNote(
            pid=os.getpid(),
            process_started=_process_start(os.getpid()),
            started_at=time.time(),
            credentials_folder=str(credentials_folder),
            credentials_before=before,
            credential_folders_created=[str(f) for f in missing],
            output_folders_created=[str(f) for f in output_folders_created],
            sheets_folder=str(sheets_folder),
            sheets_folder_created=not sheets_folder.exists(),
        )
        self._save()

    def _save(self) -> None:
        write_atomically(
            self.path, json.dumps(asdict(self.note), ensure_ascii=False).encode(), 0o600
        )

    def staging(self, path: Path) -> None:
        self.note.staging = str(path)
        self._save()

    def wrote(self, path: Path) -> None:
        """Record a file before it is written (so that a kill during the write is undone too)."""
        self.note.written.append(str(path))
        self._save()

    def close(self) -> None:
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> BuildJournal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def undo(note: BuildNote) -> list[Path]:
    """Take back what an interrupted build left; returns the paths removed."""
    removed: list[Path] = []
    credentials = Path(note.credentials_folder)
    if credentials.is_dir():
        for path in credentials.iterdir():
            if path.name not in note.credentials_before:
                path.unlink(missing_ok=True)
                removed.append(path)
    if note.staging and Path(note.staging).exists():
        shutil.rmtree(note.staging, ignore_errors=True)
        removed.append(Path(note.staging))
    for written in note.written:
        path = Path(written)
        if path.exists():
            path.unlink(missing_ok=True)
            removed.append(path)
    folders = [*reversed(note.credential_folders_created)]
    if note.sheets_folder_created:
        folders.append(note.sheets_folder)
    folders += note.output_folders_created  # innermost first, as missing_folders lists them
    for folder in folders:
        try:
            Path(folder).rmdir()
        except OSError:
            pass  # not empty, or gone: leave it
    return removed


def undo_interrupted_builds(workspace: BureauWorkspace) -> list[Path]:
    """Undo every build of ``workspace`` whose process is gone; returns what was removed."""
    folder = workspace.folder / JOURNAL_FOLDER
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.glob("build-*.json")):
        try:
            note = BuildNote(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # not ours to judge: leave it
        if _running(note.pid, note.process_started):
            continue
        removed += undo(note)
        path.unlink(missing_ok=True)
    return removed
