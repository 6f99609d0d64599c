"""Mutual TLS for the meeting room: the collector's certificate and both sides' SSL contexts.

The bureau CA is the only trust anchor on either side:

- the collector presents a certificate the bureau CA issues when collection starts (serverAuth,
  valid for a day, the round in its subject, the address it listens on in its subjectAltName);
  its key exists in the clerk's app's memory only;
- each expert's app presents the certificate already in its package's credential. OpenSSL
  accepts it as a TLS client only if it carries the clientAuth extended key usage, which
  credentials issued since issue #16 do; older credentials are told to send files instead.

Python's ``ssl`` loads keys from files only: the key is written to a private temporary folder
encrypted under a random one-time password (held in memory), loaded, and the folder removed.
TLS 1.3 only: both ends are this app.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tic_desktop.catalogue import t
from tic_desktop.errors import TicError
from tic_desktop.packages.credentials import Credential
from tic_desktop.security import certificates
from tic_desktop.security.errors import SecurityError

COLLECTOR_HOSTNAME = "tic-collector.invalid"
"""The name the collector's certificate carries and every client checks
(RFC 6761: never resolved)."""
COLLECTOR_TITLE = "会场收集服务器"
COLLECTOR_HOURS = 24


class NetworkError(TicError):
    """Something on the network went wrong; the message says what to do (usually: send the file)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def issue_collector_certificate(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_certificate: x509.Certificate,
    round_id: str,
    bureau_name: str,
    addresses: list[str],
    hours: int = COLLECTOR_HOURS,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A serverAuth certificate for this round's collector, issued with the bureau's CA key."""
    key = certificates.new_private_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, bureau_name[:64] or "-"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, round_id[:64]),
            x509.NameAttribute(NameOID.TITLE, COLLECTOR_TITLE),
            x509.NameAttribute(NameOID.COMMON_NAME, COLLECTOR_HOSTNAME),
        ]
    )
    names: list[x509.GeneralName] = [x509.DNSName(COLLECTOR_HOSTNAME)]
    for address in addresses:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(address)))
        except ValueError:
            continue
    now = _now()
    ca_public = ca_certificate.public_key()
    assert isinstance(ca_public, ec.EllipticCurvePublicKey)  # the bureau CA is P-256
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + dt.timedelta(hours=hours), ca_certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
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
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_public), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def _extended_usages(certificate: x509.Certificate) -> list[x509.ObjectIdentifier]:
    try:
        return list(certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        return []


def allows_client_auth(certificate: x509.Certificate) -> bool:
    """Whether OpenSSL will accept ``certificate`` as a TLS client
    (clientAuth, or no EKU at all)."""
    usages = _extended_usages(certificate)
    return not usages or ExtendedKeyUsageOID.CLIENT_AUTH in usages


@dataclass(frozen=True)
class Collector:
    """What a client knows about the collector it talks to, from its verified certificate."""

    certificate: x509.Certificate
    round_id: str
    fingerprint: str


def check_collector_certificate(
    certificate: x509.Certificate, ca_certificate: x509.Certificate, round_id: str
) -> Collector:
    """A collector certificate for ``round_id`` issued by the bureau CA, valid now;
    raises SecurityError.

    (TLS already checked the chain, serverAuth and the name; receipts are checked with this too.)
    """
    certificates.verify_issued_by(certificate, ca_certificate)
    if ExtendedKeyUsageOID.SERVER_AUTH not in _extended_usages(certificate):
        raise SecurityError(t("not a collector certificate"), reason="bad_signature")
    title = certificates.subject_attribute(certificate, NameOID.TITLE)
    unit = certificates.subject_attribute(certificate, NameOID.ORGANIZATIONAL_UNIT_NAME)
    if title != COLLECTOR_TITLE:
        raise SecurityError(t("not a collector certificate"), reason="bad_signature")
    if unit != round_id:
        raise SecurityError(
            t("the collector is for another round ({round})", round=unit), reason="wrong_round"
        )
    return Collector(certificate, round_id, certificates.fingerprint(certificate))


def _load_chain(
    context: ssl.SSLContext, key: ec.EllipticCurvePrivateKey, chain: list[x509.Certificate]
) -> None:
    """Load ``key`` and ``chain`` into ``context``
    without the key ever being on disk in the clear."""
    password = secrets.token_bytes(32)
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )
    with tempfile.TemporaryDirectory(prefix="tic-tls-") as folder:  # created 0700
        key_file, cert_file = Path(folder) / "key.pem", Path(folder) / "chain.pem"
        key_file.write_bytes(encrypted)
        cert_file.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
        context.load_cert_chain(cert_file, key_file, password=password)


def _harden(context: ssl.SSLContext) -> None:
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_STRICT
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_TICKET


def server_context(
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    ca_certificate: x509.Certificate,
) -> ssl.SSLContext:
    """The collector's context: its certificate, and client certificates from the bureau CA only."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    _harden(context)
    _load_chain(context, key, [certificate])
    context.load_verify_locations(cadata=certificates.certificate_to_pem(ca_certificate))
    return context


def client_context(credential: Credential) -> ssl.SSLContext:
    """An expert's context: the credential's certificate, and the bureau CA as the only anchor."""
    certificate = certificates.certificate_from_pem(credential.certificate_pem)
    if not allows_client_auth(certificate):
        raise NetworkError(
            t(
                "this package's credential predates the meeting network and cannot be used on "
                "it: hand in the return file (USB stick) instead."
            )
        )
    return context_for(
        certificates.key_from_pem(credential.key_pem),
        certificate,
        certificates.certificate_from_pem(credential.ca_certificate_pem),
    )


def context_for(
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    ca_certificate: x509.Certificate,
) -> ssl.SSLContext:
    """A client context for any key and certificate
    (tests use it to present foreign certificates)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    _harden(context)
    context.check_hostname = True
    context.load_verify_locations(cadata=certificates.certificate_to_pem(ca_certificate))
    _load_chain(context, key, [certificate])
    return context


def certificate_from_der(der: bytes | None) -> x509.Certificate | None:
    if not der:
        return None
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None
