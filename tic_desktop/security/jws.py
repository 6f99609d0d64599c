"""Signed documents as JWS (RFC 7515, ES256) through jwcrypto: a standard, not a format of ours."""

from __future__ import annotations

import base64
import json

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from tic_desktop.security.errors import SecurityError


def sign(payload: bytes, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate) -> bytes:
    """Compact JWS over ``payload`` with the signer's certificate in the ``x5c`` header."""
    token = jws.JWS(payload)
    der = certificate.public_bytes(serialization.Encoding.DER)
    header = {"alg": "ES256", "x5c": [base64.b64encode(der).decode("ascii")]}
    token.add_signature(jwk.JWK.from_pyca(key), alg="ES256", protected=json.dumps(header))
    return token.serialize(compact=True).encode("ascii")


def signer_certificate(token: bytes) -> x509.Certificate:
    """The certificate a token claims to be signed with (not yet trusted)."""
    try:
        header_b64 = token.split(b".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(header_b64 + b"=" * (-len(header_b64) % 4)))
        der = base64.b64decode(header["x5c"][0], validate=True)
        return x509.load_der_x509_certificate(der)
    except (ValueError, KeyError, IndexError, TypeError):
        raise SecurityError("签名格式无效（缺少签名证书）", "malformed signature (no signer certificate)",
                            "malformed") from None


def verify(token: bytes, certificate: x509.Certificate) -> bytes:
    """Verify ``token`` with ``certificate``'s key and return the payload; raises SecurityError."""
    try:
        parsed = jws.JWS()
        parsed.deserialize(token.decode("ascii"))
        if parsed.jose_header.get("alg") != "ES256":
            raise SecurityError("签名算法不被接受", "signature algorithm not accepted", "bad_signature")
        parsed.verify(jwk.JWK.from_pyca(certificate.public_key()), alg="ES256")
        return parsed.payload
    except SecurityError:
        raise
    except (JWException, ValueError, UnicodeDecodeError, TypeError):
        raise SecurityError("签名校验失败：内容在签名后被改动，或签名者不符",
                            "signature check failed: altered after signing, or a different signer",
                            "bad_signature") from None
