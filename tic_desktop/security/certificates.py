"""The bureau's signing CA and the experts' certificates (ECDSA P-256, X.509 via cryptography).

Expert certificates carry digitalSignature + nonRepudiation so that PDF readers accept them
for document signatures; the expert's id is the subject's UID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tic_desktop.catalogue import Text, t
from tic_desktop.security.errors import SecurityError

CA_YEARS = 10
EXPERT_YEARS = 3


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the DER certificate, lower-case hex: how people and files name a key holder."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def create_bureau_ca(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = new_private_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name} 评审签名根证书"),
        ]
    )
    now = _now()
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def issue_expert_certificate(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_certificate: x509.Certificate,
    expert_id: str,
    name: str,
    unit: str,
    role: str = "评审专家",
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = new_private_key()
    issuer_key = ca_certificate.public_key()
    assert isinstance(issuer_key, ec.EllipticCurvePublicKey)  # the pair of ca_key
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, unit[:64] or "-"),
            x509.NameAttribute(NameOID.TITLE, role),
            x509.NameAttribute(NameOID.COMMON_NAME, name[:64] or expert_id),
            x509.NameAttribute(NameOID.USER_ID, expert_id),
        ]
    )
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(
            min(now + dt.timedelta(days=365 * EXPERT_YEARS), ca_certificate.not_valid_after_utc)
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [
                    ExtendedKeyUsageOID.EMAIL_PROTECTION,
                    x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),  # document signing
                    # TLS client auth at the meeting's collector (tic_desktop/network, issue #16)
                    ExtendedKeyUsageOID.CLIENT_AUTH,
                ]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def certificate_to_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


_CERTIFICATE_NAMES = {"证书": t("the certificate"), "根证书": t("the root certificate")}
"""What callers name a certificate (in Chinese), as the messages say it."""


def certificate_from_pem(pem: str | bytes, what: str | Text = "证书") -> x509.Certificate:
    """The certificate in ``pem``; SecurityError naming it ``what`` (a Text, or a name of
    :data:`_CERTIFICATE_NAMES`) if it is not one."""
    try:
        return x509.load_pem_x509_certificate(pem.encode("ascii") if isinstance(pem, str) else pem)
    except (ValueError, UnicodeEncodeError):
        named = what if isinstance(what, Text) else _CERTIFICATE_NAMES.get(what, what)
        raise SecurityError(t("{what} is malformed", what=named), reason="malformed") from None


def key_to_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def key_from_pem(pem: str) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError):
        raise SecurityError(t("the private key is malformed"), reason="malformed") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SecurityError(t("the private key is not an EC key"), reason="malformed")
    return key


def subject_attribute(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> str | None:
    values = certificate.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


@dataclass(frozen=True)
class CertifiedSigner:
    """A certificate that chains to the bureau CA, with what it says about its holder."""

    certificate: x509.Certificate
    expert_id: str | None
    name: str
    fingerprint: str


def signed_by(certificate: x509.Certificate, ca_certificate: x509.Certificate) -> bool:
    """Whether ``ca_certificate``'s key signed ``certificate`` (validity dates not considered)."""
    try:
        certificate.verify_directly_issued_by(ca_certificate)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False  # e.g. another issuer, or a key on an unknown curve
    return True


def validity_problem(
    certificate: x509.Certificate, at: dt.datetime, called: Text | None = None
) -> Text | None:
    """Why ``certificate`` is not valid at ``at`` (expired, or not yet valid), or None; the
    sentence calls it ``called`` ("the certificate" unless told)."""
    name = called or t("the certificate")
    if at < certificate.not_valid_before_utc:
        since = certificate.not_valid_before_utc.isoformat(timespec="seconds")
        return t(
            "{certificate} is not yet valid (valid from {since})", certificate=name, since=since
        )
    if at > certificate.not_valid_after_utc:
        until = certificate.not_valid_after_utc.isoformat(timespec="seconds")
        return t("{certificate} expired on {until}", certificate=name, until=until)
    return None


def verify_issued_by(
    certificate: x509.Certificate, ca_certificate: x509.Certificate, at: dt.datetime | None = None
) -> CertifiedSigner:
    """Check that ``certificate`` was issued by ``ca_certificate`` and is valid now; raises
    SecurityError."""
    at = at or _now()
    if not signed_by(certificate, ca_certificate):
        raise SecurityError(
            t("the certificate was not issued by this bureau's CA"), reason="bad_signature"
        )
    problem = validity_problem(certificate, at)
    if problem:
        raise SecurityError(problem, reason="bad_signature")
    return CertifiedSigner(
        certificate=certificate,
        expert_id=subject_attribute(certificate, NameOID.USER_ID),
        name=subject_attribute(certificate, NameOID.COMMON_NAME) or "",
        fingerprint=fingerprint(certificate),
    )


def is_self_signed_ca(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
        certificate.verify_directly_issued_by(certificate)
    except (x509.ExtensionNotFound, ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return constraints.ca
