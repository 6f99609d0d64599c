"""Making a return: the expert signs the scores (JWS, ES256) and encrypts them to the bureau (age).

The signed document binds the scores to the round, the package (hash of its signed manifest),
the bureau's recipient, the expert's certificate and a revision number that only increases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.opening import OpenedPackage
from tic_desktop.returns.scoring import ScoreSheet, check_score_sheet
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import SentReturn

FORMAT = "tic-return/1"


@dataclass(frozen=True)
class ReturnMade:
    file: Path
    revision: int
    file_sha256: str
    token: bytes = b""  # the signed document, for a copy to the panel chair


def return_document(
    package: OpenedPackage,
    credential: Credential,
    sheet: ScoreSheet,
    revision: int,
    audit_head: str | None = None,
    extra: dict | None = None,
) -> bytes:
    manifest = package.manifest
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
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "audit_head": audit_head,
        **(extra or {}),
        **sheet.model_dump(mode="json"),
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def make_return(
    package: OpenedPackage,
    credential: Credential,
    sheet: ScoreSheet,
    out: Path,
    db: Database,
    shown: str = "scores",
    audit_head: str | None = None,
    extra: dict | None = None,
) -> ReturnMade:
    """Validate, sign, encrypt and write ``out`` atomically; nothing is written if any step fails."""
    package.check_credential(credential, credential.expert_id)
    check_score_sheet(sheet, package.manifest, credential.expert_id, shown)
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
        token = jws.sign(
            return_document(package, credential, sheet, revision, audit_head, extra),
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
                created_at=dt.datetime.now(dt.UTC),
            )
        )
        session.flush()
        write_atomically(
            Path(out), sealed
        )  # inside the transaction: a failed write records nothing
    return ReturnMade(Path(out), revision, digest, token)
