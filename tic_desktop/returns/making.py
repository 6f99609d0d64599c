"""Making a return: the expert signs the scores (JWS, ES256) and encrypts them to the bureau (age).

The signed document binds the scores to the round, the package (hash of its signed manifest),
the bureau's recipient, the expert's certificate and a revision number that only increases.
The same signed token, encrypted to the panel chair, is the chair's copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from tic_desktop.catalogue import t
from tic_desktop.errors import TicError
from tic_desktop.expert.formal_review import report_from_json
from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.opening import OpenedPackage
from tic_desktop.returns.scoring import (
    OPEN_RESULTS,
    ScoreSheet,
    ScoringContext,
    check_score_sheet,
)
from tic_desktop.returns.verification import FORMAT
from tic_desktop.rules.results import Check
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import SentReturn

CHAIR_COPY_SUFFIX = ".chaircopy"

__all__ = ["CHAIR_COPY_SUFFIX", "FORMAT", "ReturnMade", "make_return", "package_scoring_context"]


@dataclass(frozen=True)
class ReturnMade:
    file: Path
    revision: int
    file_sha256: str
    token: bytes = b""  # the signed document, for a copy to the panel chair
    signed_at: dt.datetime | None = None


class NothingChanged(TicError):
    """Signing again would make a new revision with exactly the scores already signed."""


def package_scoring_context(package: OpenedPackage, credential: Credential) -> ScoringContext:
    """The score rule's context on the expert's side: the package's rubric and recusals, and the
    formal-review items of each application the expert can read (decrypted to evaluate them)."""
    manifest = package.manifest
    reports: dict[str, list[Check]] = {}

    def open_checks(application_id: str) -> list[Check]:
        if application_id not in reports:
            entry = manifest.application(application_id)
            if entry is None or credential.expert_id in entry.recused:
                reports[application_id] = []
            else:
                data = package.read_member(entry.data, credential)
                reports[application_id] = [
                    c for c in report_from_json(data).checks if c.result in OPEN_RESULTS
                ]
        return reports[application_id]

    recused = {a.id: frozenset(a.recused) for a in manifest.applications}
    return ScoringContext(manifest.rubric, recused, open_checks)


def return_document(
    package: OpenedPackage,
    credential: Credential,
    sheet: ScoreSheet,
    revision: int,
    audit_head: str | None = None,
    signed_at: dt.datetime | None = None,
) -> bytes:
    manifest = package.manifest
    signed_at = signed_at or dt.datetime.now(dt.UTC)
    document = {
        "format": FORMAT,
        "round": manifest.round.id,
        "panel": manifest.panel_id,
        "package_sha256": package.package_sha256,
        "bureau_fingerprint": manifest.bureau.fingerprint,
        "bureau_recipient": manifest.bureau.age_recipient,
        "expert": credential.expert_id,
        "expert_fingerprint": credential.fingerprint,
        "revision": revision,
        "created_at": signed_at.isoformat(timespec="microseconds"),
        "audit_head": audit_head,
        **sheet.as_json(),
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def last_sent(db: Database, package_sha256: str, expert_id: str) -> SentReturn | None:
    """The latest return this machine signed for the package and expert."""
    with db.session() as session:
        return session.scalar(
            select(SentReturn)
            .where(SentReturn.package_sha256 == package_sha256, SentReturn.expert_id == expert_id)
            .order_by(SentReturn.revision.desc())
            .limit(1)
        )


def make_return(
    package: OpenedPackage,
    credential: Credential,
    sheet: ScoreSheet,
    out: Path,
    db: Database,
    shown: str = "scores",
    audit_head: str | None = None,
    context: ScoringContext | None = None,
    allow_unchanged: bool = True,
) -> ReturnMade:
    """Validate, sign, encrypt and write ``out`` atomically; nothing is written if any step fails.

    ``allow_unchanged=False`` refuses (:class:`NothingChanged`) a new revision whose scores are
    exactly those of the last one signed on this machine.
    """
    package.check_credential(credential, credential.expert_id)
    check_score_sheet(
        sheet, context or package_scoring_context(package, credential), credential.expert_id, shown
    )
    if not allow_unchanged:
        previous = last_sent(db, package.package_sha256, credential.expert_id)
        if previous is not None and previous.sheet == sheet.as_json():
            raise NothingChanged(
                t(
                    "nothing changed since revision {revision} was signed; to write its files "
                    "again, use “Write the signed files again”.",
                    revision=previous.revision,
                )
            )
    key = certificates.key_from_pem(credential.key_pem)
    certificate = certificates.certificate_from_pem(credential.certificate_pem)
    with db.session() as session:
        latest = session.scalar(
            select(func.max(SentReturn.revision)).where(
                SentReturn.package_sha256 == package.package_sha256,
                SentReturn.expert_id == credential.expert_id,
            )
        )
        revision = (latest or 0) + 1
        signed_at = dt.datetime.now(dt.UTC)
        token = jws.sign(
            return_document(package, credential, sheet, revision, audit_head, signed_at),
            key,
            certificate,
        )
        sealed = age_files.encrypt_to(token, [package.manifest.bureau.age_recipient])
        digest = hashlib.sha256(sealed).hexdigest()
        session.add(
            SentReturn(
                package_sha256=package.package_sha256,
                expert_id=credential.expert_id,
                revision=revision,
                file_sha256=digest,
                created_at=signed_at,
                sheet=sheet.as_json(),
                token=token,
                sealed=sealed,
            )
        )
        session.flush()
        write_atomically(
            Path(out), sealed
        )  # inside the transaction: a failed write records nothing
    return ReturnMade(Path(out), revision, digest, token, signed_at)


def chair_copy(package: OpenedPackage, token: bytes) -> bytes:
    """The signed token encrypted to the panel chair (the return itself is for the bureau's
    eyes)."""
    chair = package.manifest.member(package.manifest.chair)
    if chair is None:
        raise TicError(t("the package names no panel chair"))
    return age_files.encrypt_to(token, [chair.age_recipient])


def chair_copy_path(return_file: Path) -> Path:
    return Path(return_file).with_suffix(CHAIR_COPY_SUFFIX)
