"""Nothing is accepted from a client the bureau CA did not certify, and a client talks only to a
collector certificate of its own bureau and round. Real handshakes on loopback."""

from __future__ import annotations

import datetime as dt
import socket
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tic_desktop.network import tls
from tic_desktop.network.client import CollectorClient
from tic_desktop.network.tls import NetworkError
from tic_desktop.security import certificates
from tic_desktop.security.errors import SecurityError


def expert_certificate(ca_key, ca_cert, expert_id="E02", *, days=(-1, 30), usages=None):
    """An expert-like certificate with chosen validity (days from now) and extended key usages."""
    key = certificates.new_private_key()
    now = dt.datetime.now(dt.UTC)
    usages = usages if usages is not None else [ExtendedKeyUsageOID.CLIENT_AUTH]
    builder = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, "测试专家"),
                    x509.NameAttribute(NameOID.USER_ID, expert_id),
                ]
            )
        )
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False
        )
    )
    if usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usages), critical=False)
    return key, builder.sign(ca_key, hashes.SHA256())


def hello_with(collection, meeting, key, certificate) -> None:
    host, port = collection.address
    context = tls.context_for(key, certificate, meeting.workspace.ca_certificate)
    client = CollectorClient(meeting.credentials["E02"], host, port, timeout=5, context=context)
    client.hello()


def test_new_credentials_carry_client_auth_and_are_accepted(meeting, collector, client_for):
    certificate = certificates.certificate_from_pem(meeting.credentials["E02"].certificate_pem)
    assert tls.allows_client_auth(certificate)
    assert client_for(collector(), "E02").hello().expert == "E02"


def test_a_certificate_from_another_ca_is_refused_in_the_handshake(meeting, collector):
    collection = collector()
    other_key, other_ca = certificates.create_bureau_ca("另一评审局")
    key, certificate = expert_certificate(other_key, other_ca)
    with pytest.raises(NetworkError):
        hello_with(collection, meeting, key, certificate)


def test_an_expired_certificate_is_refused(meeting, collector):
    collection = collector()
    key, certificate = expert_certificate(
        meeting.keys.ca_key, meeting.workspace.ca_certificate, days=(-30, -1)
    )
    with pytest.raises(NetworkError):
        hello_with(collection, meeting, key, certificate)


def test_a_certificate_without_client_auth_is_refused(meeting, collector):
    """Credentials issued before issue #16 (emailProtection + document signing only)."""
    collection = collector()
    old = [ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")]
    key, certificate = expert_certificate(
        meeting.keys.ca_key, meeting.workspace.ca_certificate, usages=old
    )
    assert not tls.allows_client_auth(certificate)
    with pytest.raises(NetworkError):
        hello_with(collection, meeting, key, certificate)


def test_an_old_credential_is_told_to_send_the_file(meeting):
    from dataclasses import replace

    old = [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    key, certificate = expert_certificate(
        meeting.keys.ca_key, meeting.workspace.ca_certificate, usages=old
    )
    credential = replace(
        meeting.credentials["E02"],
        key_pem=certificates.key_to_pem(key),
        certificate_pem=certificates.certificate_to_pem(certificate),
    )
    with pytest.raises(NetworkError, match="U 盘"):
        tls.client_context(credential)


def test_a_bureau_certificate_without_an_expert_id_gets_nothing(meeting, collector):
    """Certified by the bureau CA but naming no expert (e.g. another collector's key): 403."""
    collection = collector()
    key = certificates.new_private_key()
    now = dt.datetime.now(dt.UTC)
    ca = meeting.workspace.ca_certificate
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "无名")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.public_key()), critical=False
        )
        .sign(meeting.keys.ca_key, hashes.SHA256())
    )
    from tic_desktop.network.client import Refused

    with pytest.raises(Refused) as refused:
        hello_with(collection, meeting, key, certificate)
    assert refused.value.status == 403


def test_a_client_without_any_certificate_is_refused(meeting, collector):
    collection = collector()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(
        cadata=certificates.certificate_to_pem(meeting.workspace.ca_certificate)
    )
    host, port = collection.address
    with socket.create_connection((host, port), timeout=5) as raw:
        with pytest.raises((ssl.SSLError, OSError)):
            with context.wrap_socket(raw, server_hostname=tls.COLLECTOR_HOSTNAME) as sock:
                sock.sendall(b"GET /v1/hello HTTP/1.1\r\nHost: x\r\n\r\n")
                if not sock.recv(100):  # TLS 1.3: the refusal may come with the first read
                    raise ssl.SSLError("closed")


def test_a_plain_http_client_gets_nothing(collector):
    collection = collector()
    with socket.create_connection(collection.address, timeout=5) as sock:
        sock.sendall(b"GET /v1/hello HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = sock.recv(1000)
    assert b"HTTP/1.1 200" not in answer and b"round" not in answer


def test_the_client_refuses_a_server_of_another_bureau(meeting, collector):
    """A collector certificate from another CA: the client's handshake fails, nothing is sent."""
    from tic_desktop.network.server import start_collection

    other_key, other_ca = certificates.create_bureau_ca("另一评审局")

    class OtherWorkspace:
        folder = meeting.workspace.folder
        name = "另一评审局"
        ca_certificate = other_ca

    class OtherKeys:
        ca_key = other_key
        identity = meeting.keys.identity

    from tic_desktop.network.store import FolderStore

    store = FolderStore(meeting.workspace, meeting.keys, meeting.round, meeting.base / "x")
    collection = start_collection(
        OtherWorkspace(), OtherKeys(), meeting.round, "127.0.0.1", 0, store=store, announce=False
    )
    try:
        host, port = collection.address
        client = CollectorClient(meeting.credentials["E02"], host, port, timeout=5)
        with pytest.raises(NetworkError, match="不是本局签发"):
            client.hello()
    finally:
        collection.stop()


def test_the_client_refuses_a_collector_of_another_round(meeting):
    key, certificate = tls.issue_collector_certificate(
        meeting.keys.ca_key, meeting.workspace.ca_certificate, "OTHER-ROUND", "局", ["127.0.0.1"]
    )
    with pytest.raises(SecurityError, match="另一个评审批次"):
        tls.check_collector_certificate(
            certificate, meeting.workspace.ca_certificate, meeting.round.id
        )
    # and an expert's certificate is no collector certificate
    expert = certificates.certificate_from_pem(meeting.credentials["E02"].certificate_pem)
    with pytest.raises(SecurityError):
        tls.check_collector_certificate(expert, meeting.workspace.ca_certificate, meeting.round.id)


def test_the_collector_refuses_the_wildcard_address(meeting, workspace_copy):
    from tic_desktop.network.server import start_collection

    for host in ("0.0.0.0", "::", "localhost"):
        with pytest.raises(NetworkError):
            start_collection(workspace_copy, meeting.keys, meeting.round, host, 0, announce=False)
