"""Expert credentials: a signing key with a certificate from the bureau CA, an age identity,
and the one-time passphrase that unlocks them the first time.

Issued once per round and expert and kept (encrypted) in the bureau workspace, so packages can
be rebuilt after a panel is corrected without printing new passphrase sheets.
"""

from __future__ import annotations

import json
import multiprocessing
import secrets
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, safe_name
from tic_desktop.catalogue import t
from tic_desktop.domain.round import Expert
from tic_desktop.packages.worker_processes import die_with_parent
from tic_desktop.progress import Progress, ReportProgress, ignore_progress
from tic_desktop.security import age_files, certificates
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.errors import SecurityError

PASSPHRASE_GROUPS, GROUP_DIGITS = 6, 4  # 24 digits ≈ 80 bits, typed easily, behind scrypt
SEALING_PROCESSES = 2
POLL_SECONDS = 0.1
"""While scrypt runs in the pool, ``progress`` is called this often,
so that it can stop the issue."""


def new_passphrase() -> str:
    """Digits only, in groups: no confusion between letters for people reading a printed sheet."""
    return "-".join(
        "".join(secrets.choice("0123456789") for _ in range(GROUP_DIGITS))
        for _ in range(PASSPHRASE_GROUPS)
    )


def normalise_passphrase(text: str) -> str:
    """Accept what people type: spaces or dashes anywhere, full-width digits."""
    digits = "".join(ch for ch in text if ch.isdigit())
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if len(digits) == PASSPHRASE_GROUPS * GROUP_DIGITS:
        return "-".join(digits[i : i + GROUP_DIGITS] for i in range(0, len(digits), GROUP_DIGITS))
    return text.strip()


@dataclass(frozen=True)
class IssuedCredential:
    """The public side of a credential, as the bureau keeps it;
    ``sealed`` is the encrypted whole."""

    expert_id: str
    name: str
    certificate_pem: str
    age_recipient: str
    sealed: bytes
    passphrase: str | None = None  # only right after issuing: printed, never stored

    @property
    def fingerprint(self) -> str:
        return certificates.fingerprint(certificates.certificate_from_pem(self.certificate_pem))


@dataclass(frozen=True)
class Credential:
    """An unlocked credential: what an expert signs and decrypts with."""

    round_id: str
    expert_id: str
    name: str
    key_pem: str
    certificate_pem: str
    ca_certificate_pem: str
    age_identity: str

    def to_json(self) -> str:
        return json.dumps({"format": "tic-credential/1", **self.__dict__}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Credential:
        try:
            data = json.loads(text)
            if data.pop("format") != "tic-credential/1":
                raise ValueError("format")
            return cls(**data)
        except (ValueError, TypeError, KeyError):
            raise SecurityError(t("the credential is malformed"), reason="malformed") from None

    @property
    def bureau_fingerprint(self) -> str:
        return certificates.fingerprint(certificates.certificate_from_pem(self.ca_certificate_pem))

    @property
    def fingerprint(self) -> str:
        return certificates.fingerprint(certificates.certificate_from_pem(self.certificate_pem))


def _seal(args: tuple[str, str, str]) -> tuple[str, bytes]:
    """In a pool process: scrypt takes seconds per credential, so issue them in parallel."""
    expert_id, plaintext, passphrase = args
    return expert_id, age_files.encrypt_with_passphrase(plaintext.encode("utf-8"), passphrase)


def issue_credentials(
    workspace: BureauWorkspace,
    keys: BureauKeys,
    round_id: str,
    experts: list[Expert],
    progress: ReportProgress = ignore_progress,
) -> dict[str, IssuedCredential]:
    """Credentials for ``experts``: existing ones are reused, missing ones issued (with passphrase).

    ``progress`` may raise to stop (a cancelled build raises ``Cancelled``); it is also
    called every :data:`POLL_SECONDS` while scrypt runs. Then, as on any failure, the pool's
    processes are killed at once (scrypt cannot be interrupted, only killed) and the credentials
    written so far are removed again: all or nothing.
    """
    folder = workspace.credentials_dir(round_id)
    for expert in experts:  # every file name is checked before anything is issued
        safe_name(expert.id, "expert id")
    issued: dict[str, IssuedCredential] = {}
    to_issue: dict[str, tuple[Expert, Credential, str]] = {}
    for expert in experts:
        existing = _load_issued(folder, expert.id)
        if existing is not None:
            issued[expert.id] = existing
            continue
        key, certificate = certificates.issue_expert_certificate(
            keys.ca_key, workspace.ca_certificate, expert.id, expert.name, expert.unit_name
        )
        identity = age_files.new_identity()
        credential = Credential(
            round_id=round_id,
            expert_id=expert.id,
            name=expert.name,
            key_pem=certificates.key_to_pem(key),
            certificate_pem=certificates.certificate_to_pem(certificate),
            ca_certificate_pem=workspace.ca_pem,
            age_identity=str(identity),
        )
        to_issue[expert.id] = (expert, credential, new_passphrase())
    done = len(issued)
    total = len(experts)
    progress(Progress(done, total))
    if to_issue:
        with NewCredentials(workspace, round_id):
            pool = multiprocessing.Pool(
                min(SEALING_PROCESSES, len(to_issue)), initializer=die_with_parent
            )
            try:
                work = [(i, c.to_json(), p) for i, (_e, c, p) in to_issue.items()]
                # Counted as they finish (not in order):
                # the bar moves whenever either process is done.
                sealed = pool.imap_unordered(_seal, work)
                while done < total:
                    try:
                        expert_id, data = sealed.next(timeout=POLL_SECONDS)
                    except multiprocessing.TimeoutError:
                        progress(Progress(done, total))  # may raise Cancelled
                        continue
                    expert, credential, passphrase = to_issue[expert_id]
                    identity = age_files.identity_from_text(credential.age_identity)
                    record = IssuedCredential(
                        expert.id,
                        expert.name,
                        credential.certificate_pem,
                        str(identity.to_public()),
                        data,
                        passphrase,
                    )
                    _save_issued(folder, record)
                    issued[expert.id] = record
                    done += 1
                    progress(Progress(done, total))  # may raise Cancelled
                pool.close()
            finally:
                pool.terminate()  # kills what still runs: nobody waits for a queued scrypt
                pool.join()
    return {expert.id: issued[expert.id] for expert in experts}


class NewCredentials:
    """The credentials a build adds to ``credentials/<round>/``, taken back if the build fails.

    Their passphrases exist only in the failed build's memory: kept, they would never reach their
    experts (a later build reuses a credential and prints no new sheet for it). Used as a context
    manager it undoes itself on an exception; :meth:`undo` also removes the folders it found
    missing, once empty. The one implementation, for ``tic package build`` and the GUI alike.
    """

    def __init__(self, workspace: BureauWorkspace, round_id: str) -> None:
        self.folder = workspace.credentials_dir(round_id)
        self._missing = [f for f in (self.folder.parent, self.folder) if not f.exists()]
        self._before = set(self.folder.iterdir()) if self.folder.is_dir() else set()

    def undo(self) -> None:
        if self.folder.is_dir():
            for path in set(self.folder.iterdir()) - self._before:
                path.unlink(missing_ok=True)
        for folder in reversed(self._missing):
            try:
                folder.rmdir()
            except OSError:  # not empty (or already gone): leave it
                pass

    def __enter__(self) -> NewCredentials:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> Literal[False]:
        if kind is not None:
            self.undo()
        return False


def _save_issued(folder: Path, record: IssuedCredential) -> None:
    name = safe_name(record.expert_id, "expert id")
    write_atomically(folder / f"{name}.age", record.sealed, 0o600)
    public = {
        "expert": record.expert_id,
        "name": record.name,
        "certificate_pem": record.certificate_pem,
        "age_recipient": record.age_recipient,
    }
    write_atomically(
        folder / f"{name}.json", json.dumps(public, ensure_ascii=False, indent=2).encode("utf-8")
    )


def _load_issued(folder: Path, expert_id: str) -> IssuedCredential | None:
    name = safe_name(expert_id, "expert id")
    public_file, sealed_file = folder / f"{name}.json", folder / f"{name}.age"
    if not (public_file.is_file() and sealed_file.is_file()):
        return None
    public = json.loads(public_file.read_text(encoding="utf-8"))
    return IssuedCredential(
        expert_id,
        public["name"],
        public["certificate_pem"],
        public["age_recipient"],
        sealed_file.read_bytes(),
    )


def unlock(sealed: bytes, passphrase: str) -> Credential:
    """Open a sealed credential with the passphrase from the expert's sheet."""
    plaintext = age_files.decrypt_with_passphrase(
        sealed, normalise_passphrase(passphrase), "评审凭据"
    )
    return Credential.from_json(plaintext)
