"""``tic package build``: one encrypted package per panel, materials readable only by scorers."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import mimetypes
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, safe_name
from tic_desktop.catalogue import t
from tic_desktop.domain.files import ConfinedFile, confined_attachment, read_regular_file
from tic_desktop.domain.jsonfile import MAX_JSON_BYTES
from tic_desktop.errors import InputError, TicError
from tic_desktop.packages.container import PackageWriter
from tic_desktop.packages.credentials import IssuedCredential, NewCredentials, issue_credentials
from tic_desktop.packages.manifest import (
    FORMAT,
    MANIFEST_NAME,
    ApplicationEntry,
    Attachment,
    BureauInfo,
    Manifest,
    MemberFile,
    PanelMember,
    RoundInfo,
    UnitRecord,
)
from tic_desktop.progress import Progress, ReportProgress, ignore_progress
from tic_desktop.review import EvaluatedRound
from tic_desktop.rules.conflicts import PanelConflicts
from tic_desktop.rules.messages import CHECK_TITLES
from tic_desktop.security import age_files, jws

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

    from tic_desktop.domain.round import Panel

READ_BLOCK = 1 << 20  # attachment bytes read (and progress reported) at a time
HASH_BLOCK = 8 << 20  # encrypted bytes hashed at a time, on the other core


class Cancelled(TicError):
    def __init__(self) -> None:
        super().__init__(t("cancelled; no package was written"))


class PanelRefused(TicError):
    """A panel breaks a conflict-of-interest rule: no package may be built for it."""


@dataclass(frozen=True)
class BuiltPackage:
    panel_id: str
    file: Path
    package_sha256: str
    members: list[str]


class _HashingWriter(io.RawIOBase):
    """Writes through to ``target`` while hashing what is written.

    pyrage writes 64 KiB at a time; those writes go straight to the ZIP member, and every
    HASH_BLOCK bytes they are joined and hashed on the other core (age_files.BackgroundSha256)
    while pyrage encrypts on. ``sha256`` waits for the helper: read it after the last write.
    """

    def __init__(self, target: IO[bytes], on_write: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self._target = target
        self._hash = age_files.BackgroundSha256()
        self._pending: list[bytes] = []
        self._pending_size = 0
        self.size = 0
        self._on_write = on_write

    @property
    def sha256(self) -> hashlib._Hash:
        if self._pending:
            self._hash.update(b"".join(self._pending))
            self._pending.clear()
            self._pending_size = 0
        return self._hash.finish()

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        data = bytes(data)  # pyrage hands us bytes (no copy then); keep what we hash immutable
        self._target.write(data)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= HASH_BLOCK:
            self._hash.update(b"".join(self._pending))
            self._pending.clear()
            self._pending_size = 0
        self.size += len(data)
        if self._on_write:
            self._on_write(len(data))
        return len(data)

    def close(self) -> None:
        try:
            self._hash.finish()  # never leave the helper thread waiting
        finally:
            super().close()


def refuse_broken_panels(review: EvaluatedRound, panel_ids: list[str]) -> None:
    """Raise PanelRefused naming the first failing check of any chosen panel."""
    for result in review.panels:
        if result.panel_id not in panel_ids:
            continue
        failing = [c for c in result.checks if c.result.value == "fail"]
        if failing:
            check = failing[0]
            title_zh, title_en = CHECK_TITLES[check.id]
            raise PanelRefused(
                t(
                    "Panel {panel} fails {check} ({title}) for {application}: {message} "
                    "Fix the panel before building its package.",
                    panel=result.panel_id,
                    check=check.id,
                    title=title_en,
                    title_zh=title_zh,
                    application=result.application_id,
                    message=check.message_en,
                    message_zh=check.message_zh,
                )
            )


def _attachment_files(review: EvaluatedRound, app_id: str) -> list[tuple[str, ConfinedFile]]:
    """The application's attachments, each checked to be a regular file inside the application's
    folder (again: the files may have changed since the round was loaded)."""
    application = review.round.applications[app_id]
    app_file = review.round.application_files[app_id]
    files = []
    for index, attachment in enumerate(application.attachments):
        source = confined_attachment(
            app_file.parent, attachment.file, str(app_file), f"attachments[{index}].file"
        )
        files.append((attachment.title, source))
    return files


def refuse_shared_applications(review: EvaluatedRound) -> None:
    """An application in two panels would be scored twice: refused (load_round refuses it too)."""
    panel_of: dict[str, str] = {}
    for panel in review.round.panels:
        for app_id in panel.applications:
            if app_id in panel_of and panel_of[app_id] != panel.id:
                raise InputError(
                    str(review.round.path),
                    "panels",
                    t(
                        "application {application} is in both panels {first} and {second}: "
                        "each application is scored by exactly one panel",
                        application=app_id,
                        first=panel_of[app_id],
                        second=panel.id,
                    ),
                )
            panel_of[app_id] = panel.id


def package_path(out_dir: Path, panel_id: str) -> Path:
    """Where a panel's package goes (the panel id must be usable as a file name)."""
    return Path(out_dir) / f"{safe_name(panel_id, 'panel id')}.ticpkg"


def existing_packages(out_dir: Path, panel_ids: list[str]) -> list[Path]:
    """The packages a build of ``panel_ids`` into ``out_dir`` would replace."""
    return [path for path in (package_path(out_dir, p) for p in panel_ids) if path.exists()]


class WouldReplace(TicError):
    """The output folder already holds packages of these panels, and replacing them was not asked
    for."""

    def __init__(self, files: list[Path]) -> None:
        super().__init__(
            t(
                "the output folder already holds {names}; if they were handed out, two versions "
                "would circulate. Add --replace to replace them, or choose another folder.",
                names=", ".join(f.name for f in files),
                names_zh="、".join(f.name for f in files),
            )
        )
        self.files = files


def check_build(review: EvaluatedRound, panel_ids: list[str], out_dir: Path) -> list[str]:
    """Everything about a build that can be checked cheaply, before any key is unlocked or
    credential issued: the panels exist and keep the conflict rules, every id that becomes a file or
    folder name is usable as one, every attachment exists, the output folder is (or can be) a
    folder.

    Returns the panel ids to build, in the round's order (all panels when ``panel_ids`` is empty).
    """
    known = [p.id for p in review.round.panels]
    chosen = panel_ids or known
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise InputError("--panel", None, t("the round has no panel {panel}", panel=unknown[0]))
    refuse_shared_applications(review)
    refuse_broken_panels(review, chosen)
    safe_name(review.round.id, "round id")
    panels = [p for p in review.round.panels if p.id in chosen]
    for panel in panels:
        package_path(out_dir, panel.id)
        for member in panel.members:
            safe_name(member, "expert id")
        for app_id in panel.applications:
            _attachment_files(review, app_id)
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                raise InputError(str(folder), None, t("not a folder; packages cannot go there"))
            break
    return [p.id for p in panels]


def missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, innermost first."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing.append(path)
    return missing


def remove_if_empty(folders: list[Path]) -> None:
    """Remove folders a failed build created, innermost first, as long as they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except FileNotFoundError:
            continue
        except OSError:  # not empty: neither are its parents
            return


def build_packages(
    review: EvaluatedRound,
    workspace: BureauWorkspace,
    keys: BureauKeys,
    out_dir: Path,
    panel_ids: list[str] | None = None,
    progress: ReportProgress = ignore_progress,
    cancelled: Callable[[], bool] = lambda: False,
    register: bool = True,
) -> tuple[list[BuiltPackage], dict[str, IssuedCredential]]:
    """Build the chosen panels' packages (all panels by default); returns them and the credentials.

    Checks everything it cheaply can first (:func:`check_build`). If anything fails after that, the
    credentials issued by this call are removed again (their passphrases would never be handed
    out), as are its partial packages and the output folder if it created it. With ``register``
    the packages go into the bureau's registry (packages.json) once all are written.
    """
    out_dir = Path(out_dir)
    chosen = check_build(review, panel_ids or [], out_dir)
    panels = [p for p in review.round.panels if p.id in chosen]
    experts = review.round.experts
    member_ids = list(dict.fromkeys(m for p in panels for m in p.members))
    total_bytes = sum(
        sum(source.path.stat().st_size for _, source in _attachment_files(review, app_id))
        for p in panels
        for app_id in p.applications
    )
    created = missing_folders(out_dir)
    built: list[BuiltPackage] = []
    with NewCredentials(workspace, review.round.id):
        try:
            credentials = issue_credentials(
                workspace,
                keys,
                review.round.id,
                [experts[m] for m in member_ids],
                lambda step: progress(Progress(step.done, step.total, "issuing credentials")),
            )
            out_dir.mkdir(parents=True, exist_ok=True)
            done = [0]

            def advanced(count: int) -> None:
                done[0] += count
                progress(Progress(done[0], total_bytes, "encrypting materials"))

            for panel in panels:
                conflicts = {r.application_id: r for r in review.panels if r.panel_id == panel.id}
                target = package_path(out_dir, panel.id)
                writer = PackageWriter(target)
                try:
                    manifest_bytes = _write_panel(
                        review,
                        workspace,
                        keys,
                        panel,
                        conflicts,
                        credentials,
                        writer,
                        advanced,
                        cancelled,
                    )
                    writer.commit()
                except BaseException:
                    writer.abort()
                    raise
                built.append(
                    BuiltPackage(
                        panel.id,
                        target,
                        hashlib.sha256(manifest_bytes).hexdigest(),
                        list(panel.members),
                    )
                )
        except BaseException:
            for package in built:
                package.file.unlink(missing_ok=True)
            remove_if_empty(created)
            raise
    if register:
        register_packages(review, workspace, built, credentials)
    return built, credentials


def register_packages(
    review: EvaluatedRound,
    workspace: BureauWorkspace,
    built: list[BuiltPackage],
    credentials: dict[str, IssuedCredential],
) -> None:
    """Record built packages in packages.json, by manifest hash; earlier entries stay (returns made
    from a package that was since rebuilt still verify)."""
    panels = {p.id: p for p in review.round.panels}
    for package in built:
        panel = panels[package.panel_id]
        workspace.register_package(
            package.package_sha256,
            {
                "round": review.round.id,
                "panel": panel.id,
                "members": list(panel.members),
                "member_fingerprints": {m: credentials[m].fingerprint for m in panel.members},
                "applications": list(panel.applications),
                "file": package.file.name,
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
        )


def _write_panel(
    review: EvaluatedRound,
    workspace: BureauWorkspace,
    keys: BureauKeys,
    panel: Panel,
    conflicts: dict[str, PanelConflicts],
    credentials: dict[str, IssuedCredential],
    writer: PackageWriter,
    advanced: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> bytes:
    experts = review.round.experts
    entries = []
    for app_id in panel.applications:
        if cancelled():
            raise Cancelled()
        application = review.round.applications[app_id]
        result = conflicts[app_id]
        recipients = [credentials[m].age_recipient for m in result.scorers]
        app_file = review.round.application_files[app_id]
        data = _add_encrypted_bytes(
            writer,
            f"materials/{app_id}/application.json.age",
            read_regular_file(app_file, str(app_file), MAX_JSON_BYTES),
            recipients,
        )
        attachments = []
        for index, (title, source) in enumerate(_attachment_files(review, app_id), start=1):
            if cancelled():
                raise Cancelled()
            media_type = mimetypes.guess_type(source.path.name)[0] or "application/octet-stream"
            member = _add_encrypted_file(
                writer,
                f"materials/{app_id}/{index:03d}{source.path.suffix.lower()}.age",
                source,
                recipients,
                advanced,
            )
            attachments.append(Attachment(title=title, media_type=media_type, file=member))
        entries.append(
            ApplicationEntry(
                id=app_id,
                center_name=application.center_name,
                field=application.field,
                lead_unit=UnitRecord(
                    name=application.lead_unit.name,
                    uscc=application.lead_unit.uscc,
                    kind=application.lead_unit.kind,
                ),
                co_builders=[
                    UnitRecord(name=c.name, uscc=c.uscc, kind=c.kind)
                    for c in application.co_builders
                ],
                recused={m: result.reasons[m] for m in result.recused},
                scorers=result.scorers,
                data=data,
                attachments=attachments,
            )
        )
    members = []
    for member_id in panel.members:
        credential = credentials[member_id]
        expert = experts[member_id]
        sealed = MemberFile(
            path=f"credentials/{member_id}.age",
            sha256=hashlib.sha256(credential.sealed).hexdigest(),
            size=len(credential.sealed),
            plaintext_size=0,
        )
        writer.add_bytes(sealed.path, credential.sealed)
        members.append(
            PanelMember(
                id=member_id,
                name=expert.name,
                unit_name=expert.unit_name,
                unit_uscc=expert.unit_uscc,
                title=expert.title,
                certificate_fingerprint=credential.fingerprint,
                age_recipient=credential.age_recipient,
                credential=sealed,
            )
        )
    spec = review.round.spec
    manifest = Manifest(
        format=FORMAT,
        package_id=str(uuid.uuid4()),
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        round=RoundInfo(id=spec.id, title=spec.title, kind=spec.kind, quorum=spec.quorum),
        bureau=BureauInfo(
            name=workspace.name,
            fingerprint=workspace.fingerprint,
            age_recipient=workspace.age_recipient,
        ),
        panel_id=panel.id,
        chair=panel.chair,
        members=members,
        applications=entries,
        rubric=review.round.rubric,
    )
    manifest_bytes = json.dumps(
        manifest.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
    writer.add_bytes(MANIFEST_NAME, jws.sign(manifest_bytes, keys.ca_key, workspace.ca_certificate))
    return manifest_bytes


def _add_encrypted_bytes(
    writer: PackageWriter, name: str, data: bytes, recipients: list[str]
) -> MemberFile:
    sealed = age_files.encrypt_to(data, recipients)
    writer.add_bytes(name, sealed)
    return MemberFile(
        path=name,
        sha256=hashlib.sha256(sealed).hexdigest(),
        size=len(sealed),
        plaintext_size=len(data),
    )


def _add_encrypted_file(
    writer: PackageWriter,
    name: str,
    attachment: ConfinedFile,
    recipients: list[str],
    advanced: Callable[[int], None],
) -> MemberFile:
    # Opened without following links below the application's folder, and only if still a regular
    # file: what is read is what was checked, whatever changed on the disk since.
    opened, size = attachment.open()
    with (
        opened as source,
        writer.open_member(name, size + size // 64 + 4096) as target,
    ):
        hashing = _HashingWriter(target, None)
        try:
            # pyrage reads 8 KiB at a time: served by BufferedReader in C, our Python code runs once
            # per block
            with io.BufferedReader(_ProgressReader(source, advanced), READ_BLOCK) as reader:
                age_files.encrypt_stream(reader, hashing, recipients)
            digest = hashing.sha256.hexdigest()
        finally:
            hashing.close()
    return MemberFile(path=name, sha256=digest, size=hashing.size, plaintext_size=size)


class _ProgressReader(io.RawIOBase):
    def __init__(self, source: io.FileIO, advanced: Callable[[int], None]) -> None:
        super().__init__()
        self._source = source
        self._advanced = advanced

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        count = self._source.readinto(buffer) or 0
        self._advanced(count)
        return count
