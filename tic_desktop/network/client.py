"""The expert's side: talk to the collector over mutual TLS with the package's credential.

Blocking calls (``http.client`` over ``ssl``), meant for a worker thread. Each call opens its own
connection, checks the collector's certificate before sending anything, and gives up after
``timeout`` seconds of silence. Network failures raise :class:`NetworkError` (try again later, or
hand in the file: it is already written); a refusal by the collector raises :class:`Refused`
(sending the same file again will not help); a receipt that does not verify raises
SecurityError. "Delivered" is only ever said with a verified receipt in hand.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import ssl
from dataclasses import dataclass
from typing import Any

from tic_desktop.catalogue import t, tc
from tic_desktop.errors import TicError
from tic_desktop.network import protocol
from tic_desktop.network.receipts import Receipt, verify_receipt
from tic_desktop.network.tls import (
    COLLECTOR_HOSTNAME,
    Collector,
    NetworkError,
    certificate_from_der,
    check_collector_certificate,
    client_context,
)
from tic_desktop.packages.credentials import Credential
from tic_desktop.security import certificates
from tic_desktop.security.errors import SecurityError

MAX_JSON_BYTES = 256 * 1024
_MALFORMED = tc("wrong format", "the collector's answer is malformed")


class Refused(TicError):
    """The collector answered and said no (the reason is its own words, in both languages)."""

    def __init__(self, status: int, code: str, zh: str, en: str) -> None:
        super().__init__(t("the collector refused: {reason}", reason=en, reason_zh=zh))
        self.status, self.code = status, code


@dataclass(frozen=True)
class Hello:
    round_id: str
    title: str
    collector: str
    expert: str
    panel: str | None
    chair_of: list[str]


class _Connection(http.client.HTTPSConnection):
    """HTTPS to an address, checking the certificate for the collector's fixed name."""

    def connect(self) -> None:
        # http.client sets source_address and _context in __init__; typeshed does not declare them
        source = self.source_address  # type: ignore[attr-defined]
        sock = socket.create_connection((self.host, self.port), self.timeout, source)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.sock = self._context.wrap_socket(sock, server_hostname=COLLECTOR_HOSTNAME)  # type: ignore[attr-defined]
        except BaseException:
            sock.close()
            raise


def _network_error(error: BaseException) -> NetworkError:
    if isinstance(error, ssl.SSLCertVerificationError):
        return NetworkError(
            t(
                "the collector's certificate is not from this bureau; nothing was sent ({detail})",
                detail=error.verify_message,
            )
        )
    return NetworkError(
        t(
            "the network dropped or the collector did not answer ({detail}). The file is saved "
            "on this computer: try again later or hand it in on a USB stick.",
            detail=str(error) or type(error).__name__,
        )
    )


class CollectorClient:
    """One expert's connection details for one collector."""

    def __init__(
        self,
        credential: Credential,
        host: str,
        port: int,
        timeout: float = 15.0,
        context: ssl.SSLContext | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> None:
        self.credential = credential
        self.host, self.port, self.timeout = host, port, timeout
        self.context = context or client_context(credential)
        self.source_address = source_address
        self.ca_certificate = certificates.certificate_from_pem(credential.ca_certificate_pem)
        self.collector: Collector | None = None

    def _request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        limit: int = MAX_JSON_BYTES,
    ) -> tuple[int, bytes, str]:
        """(status, body, collector fingerprint); raises NetworkError or SecurityError."""
        connection = _Connection(
            self.host,
            self.port,
            timeout=self.timeout,
            context=self.context,
            source_address=self.source_address,
        )
        try:
            connection.connect()
            sock = connection.sock
            assert isinstance(sock, ssl.SSLSocket)
            certificate = certificate_from_der(sock.getpeercert(binary_form=True))
            if certificate is None:
                raise NetworkError(t("the collector showed no certificate"))
            self.collector = check_collector_certificate(
                certificate, self.ca_certificate, self.credential.round_id
            )
            sent = dict(headers or {})
            if body is not None:
                sent.setdefault("Content-Type", protocol.OCTETS)
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            length = response.getheader("Content-Length")
            if length is None or not length.isdigit() or int(length) > limit:
                raise NetworkError(
                    tc("incomplete or too large", "the collector's answer is malformed")
                )
            data = response.read(int(length))
            if len(data) != int(length):
                raise http.client.IncompleteRead(data, int(length) - len(data))
            return response.status, data, self.collector.fingerprint
        except (OSError, http.client.HTTPException) as error:
            raise _network_error(error) from None
        finally:
            connection.close()

    @staticmethod
    def _refusal(status: int, data: bytes) -> Refused:
        try:
            error = json.loads(data)
            return Refused(status, str(error["error"]), str(error["zh"]), str(error["en"]))
        except (ValueError, KeyError, TypeError):
            return Refused(status, "unknown", f"HTTP {status}", f"HTTP {status}")

    def _json(self, status: int, data: bytes) -> dict[str, Any]:
        if status != 200:
            raise self._refusal(status, data)
        try:
            value = json.loads(data)
        except ValueError:
            raise NetworkError(_MALFORMED) from None
        if not isinstance(value, dict):
            raise NetworkError(_MALFORMED)
        return value

    def hello(self) -> Hello:
        status, data, fingerprint = self._request("GET", protocol.HELLO)
        value = self._json(status, data)
        try:
            hello = Hello(
                str(value["round"]),
                str(value.get("title", "")),
                str(value["collector"]),
                str(value["expert"]),
                value.get("panel"),
                [str(p) for p in value.get("chair_of", [])],
            )
        except (KeyError, TypeError):
            raise NetworkError(_MALFORMED) from None
        if hello.collector != fingerprint or hello.round_id != self.credential.round_id:
            raise SecurityError(t("the collector's hello does not match its certificate"))
        return hello

    def send_return(self, data: bytes, name: str = "") -> Receipt:
        """Send one return file; the verified receipt, or an exception (nothing delivered)."""
        digest = hashlib.sha256(data).hexdigest()
        headers = {protocol.FILE_NAME_HEADER: protocol.safe_display_name(name)} if name else {}
        status, answer, fingerprint = self._request("POST", protocol.RETURNS, data, headers)
        value = self._json(status, answer)
        token = value.get("receipt")
        if not isinstance(token, str):
            raise NetworkError(t("the collector gave no receipt"))
        return verify_receipt(
            token.encode("ascii", "replace"),
            self.ca_certificate,
            self.credential.round_id,
            self.credential.expert_id,
            digest,
            fingerprint,
        )

    def send_chair_copy(self, return_sha256: str, data: bytes) -> None:
        status, answer, _ = self._request("POST", f"{protocol.CHAIR_COPIES}/{return_sha256}", data)
        self._json(status, answer)

    def chair_copies(self) -> list[dict[str, Any]]:
        status, data, _ = self._request("GET", protocol.CHAIR_COPIES)
        copies = self._json(status, data).get("copies", [])
        return [
            c
            for c in copies
            if isinstance(c, dict) and protocol.SHA256.fullmatch(str(c.get("return_sha256", "")))
        ]

    def fetch_chair_copy(self, return_sha256: str, limit: int = 16 * 1024 * 1024) -> bytes:
        status, data, _ = self._request(
            "GET", f"{protocol.CHAIR_COPIES}/{return_sha256}", limit=limit
        )
        if status != 200:
            raise self._refusal(status, data)
        return data
