"""Signed documents as JWS (RFC 7515, ES256) through jwcrypto: a standard, not a format of ours.

Verifying goes straight to cryptography for the tokens ``sign`` makes (compact, canonical base64url,
protected header with only ``alg`` = ES256 and ``x5c``, a P-256 key): jwcrypto spends ≈ 0.25 ms
per token around the one ECDSA check (a deep copy of its header registry, rebuilding the key from a
JWK). Any other token goes through jwcrypto as before, so what is accepted or refused does not
change.
"""

from __future__ import annotations

import base64
import json
import re

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from tic_desktop.catalogue import t
from tic_desktop.security.errors import SecurityError

_COMPACT = re.compile(rb"[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")
_SIGNED_HEADER_KEYS = frozenset({"alg", "x5c"})  # what sign() writes
_ES256 = ec.ECDSA(hashes.SHA256())


def sign(payload: bytes, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate) -> bytes:
    """Compact JWS over ``payload`` with the signer's certificate in the ``x5c`` header."""
    token = jws.JWS(payload)
    der = certificate.public_bytes(serialization.Encoding.DER)
    header = {"alg": "ES256", "x5c": [base64.b64encode(der).decode("ascii")]}
    token.add_signature(jwk.JWK.from_pyca(key), alg="ES256", protected=json.dumps(header))
    compact: str = token.serialize(compact=True)
    return compact.encode("ascii")


def signer_certificate(token: bytes) -> x509.Certificate:
    """The certificate a token claims to be signed with (not yet trusted)."""
    try:
        header_b64 = token.split(b".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(header_b64 + b"=" * (-len(header_b64) % 4)))
        der = base64.b64decode(header["x5c"][0], validate=True)
        return x509.load_der_x509_certificate(der)
    except (ValueError, KeyError, IndexError, TypeError):
        raise SecurityError(
            t("malformed signature (no signer certificate)"), reason="malformed"
        ) from None


def _failed() -> SecurityError:
    return SecurityError(
        t("signature check failed: altered after signing, or a different signer"),
        reason="bad_signature",
    )


def _b64url_decode(part: bytes) -> bytes | None:
    """Decode canonical base64url without padding; None if ``part`` is not exactly how it would be
    encoded."""
    if len(part) % 4 == 1:
        return None
    data = base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
    return data if base64.urlsafe_b64encode(data).rstrip(b"=") == part else None


def _verify_es256_compact(token: bytes, certificate: x509.Certificate) -> bytes | None:
    """The payload if ``token`` is a compact ES256 JWS as ``sign`` makes and its signature verifies;
    raises SecurityError if such a token does not verify; None for any other token (jwcrypto
    decides).

    Same result as jwcrypto for these tokens: its signing input is the base64url re-encoding of the
    decoded header and payload, which for canonical encodings is the token's own first two parts
    (RFC 7515, 5.2), and it splits the signature into halves r || s (RFC 7518, 3.4).
    """
    if not _COMPACT.fullmatch(
        token
    ):  # (only base64url and two dots: jwcrypto's JSON attempt fails too)
        return None
    try:
        key = certificate.public_key()
    except (ValueError, TypeError):  # an unsupported key type: jwcrypto's path reports it
        return None
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        return None
    header_b64, payload_b64, signature_b64 = token.split(b".")
    header_bytes, payload, signature = (
        _b64url_decode(header_b64),
        _b64url_decode(payload_b64),
        _b64url_decode(signature_b64),
    )
    if header_bytes is None or payload is None or signature is None or len(signature) < 2:
        return None
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if (
        not isinstance(header, dict)
        or header.get("alg") != "ES256"
        or not header.keys() <= _SIGNED_HEADER_KEYS
    ):
        return None
    half = len(signature) // 2
    der = encode_dss_signature(
        int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    )
    try:
        key.verify(der, header_b64 + b"." + payload_b64, _ES256)
    except (InvalidSignature, ValueError):
        raise _failed() from None
    return payload


def verify(token: bytes, certificate: x509.Certificate) -> bytes:
    """Verify ``token`` with ``certificate``'s key and return the payload; raises SecurityError."""
    payload = _verify_es256_compact(token, certificate)
    if payload is not None:
        return payload
    try:
        parsed = jws.JWS()
        parsed.deserialize(token.decode("ascii"))
        if parsed.jose_header.get("alg") != "ES256":
            raise SecurityError(t("signature algorithm not accepted"), reason="bad_signature")
        parsed.verify(jwk.JWK.from_pyca(certificate.public_key()), alg="ES256")
        verified: bytes = parsed.payload
        return verified
    except SecurityError:
        raise
    except (JWException, ValueError, UnicodeDecodeError, TypeError):
        raise _failed() from None
