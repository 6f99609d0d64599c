"""Signed receipts: the collector's word that a return is stored (fsync'd) and how it counts.

A receipt is a compact JWS (ES256, :mod:`tic_desktop.security.jws`) signed with the collector's
key, its certificate in ``x5c``. The expert's app accepts it only if that certificate is a
collector certificate for its round from its bureau CA, is the certificate TLS presented, and
the receipt names the exact file sent (SHA-256) and the expert. The receipt number is derived
from the file's SHA-256, so sending the same file again gets the same number back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from tic_desktop.catalogue import Text, t, tc
from tic_desktop.network.tls import check_collector_certificate
from tic_desktop.security import certificates, jws
from tic_desktop.security.errors import SecurityError

FORMAT = "tic-receipt/1"
STORED, DUPLICATE = "stored", "duplicate"


def receipt_number(file_sha256: str) -> str:
    """Twelve hex digits of the file's SHA-256 in groups of four, for reading aloud:
    ``3F2A-91C0-77B1``."""
    head = file_sha256[:12].upper()
    return "-".join(head[i : i + 4] for i in range(0, 12, 4))


@dataclass(frozen=True)
class Receipt:
    number: str
    round_id: str
    panel: str
    expert: str
    revision: int
    file_sha256: str
    status: str  # stored | duplicate
    counted: str  # the bureau's classification right after storing: accepted, superseded, …
    stored_at: str
    collector: str  # the collector certificate's fingerprint
    token: bytes = b""

    def as_payload(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "number": self.number,
            "round": self.round_id,
            "panel": self.panel,
            "expert": self.expert,
            "revision": self.revision,
            "file_sha256": self.file_sha256,
            "status": self.status,
            "counted": self.counted,
            "stored_at": self.stored_at,
            "collector": self.collector,
        }


def sign_receipt(
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    *,
    round_id: str,
    panel: str,
    expert: str,
    revision: int,
    file_sha256: str,
    status: str,
    counted: str,
) -> bytes:
    receipt = Receipt(
        receipt_number(file_sha256),
        round_id,
        panel,
        expert,
        revision,
        file_sha256,
        status,
        counted,
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        certificates.fingerprint(certificate),
    )
    payload = json.dumps(receipt.as_payload(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    return jws.sign(payload, key, certificate)


def _bad(why: Text) -> SecurityError:
    return SecurityError(t("invalid receipt: {why}", why=why), reason="bad_receipt")


def verify_receipt(
    token: bytes,
    ca_certificate: x509.Certificate,
    round_id: str,
    expert: str,
    file_sha256: str,
    tls_fingerprint: str | None,
) -> Receipt:
    """Check everything a receipt says against what was sent; raises SecurityError."""
    signer = jws.signer_certificate(token)
    collector = check_collector_certificate(signer, ca_certificate, round_id)
    if tls_fingerprint is not None and collector.fingerprint != tls_fingerprint:
        raise _bad(t("signed by another certificate than TLS showed"))
    payload = jws.verify(token, signer)
    try:
        data = json.loads(payload)
        receipt = Receipt(
            str(data["number"]),
            str(data["round"]),
            str(data["panel"]),
            str(data["expert"]),
            int(data["revision"]),
            str(data["file_sha256"]),
            str(data["status"]),
            str(data["counted"]),
            str(data["stored_at"]),
            str(data["collector"]),
            token,
        )
        if data["format"] != FORMAT:
            raise ValueError("format")
    except (ValueError, KeyError, TypeError):
        raise _bad(tc("receipt", "malformed content")) from None
    if receipt.file_sha256 != file_sha256 or receipt.number != receipt_number(file_sha256):
        raise _bad(t("not a receipt for the file sent"))
    if receipt.expert != expert or receipt.round_id != round_id:
        raise _bad(t("another expert or round"))
    if receipt.status not in (STORED, DUPLICATE):
        raise _bad(t("status is not stored"))
    if receipt.collector != collector.fingerprint:
        raise _bad(t("collector fingerprint differs"))
    return receipt
