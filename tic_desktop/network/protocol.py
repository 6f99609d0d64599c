"""The collector's protocol: HTTP/1.1 over mutual TLS 1.3, a handful of fixed requests.

=========================================  =================================================
``GET  /v1/hello``                          who the collector is, who the caller is (JSON)
``POST /v1/returns``                        one ``.ticreturn`` file as the body → a signed receipt
``POST /v1/chair-copies/<return sha256>``   the chair's copy of a return the caller delivered
``GET  /v1/chair-copies``                   (the panel chair) the copies waiting for her panel
``GET  /v1/chair-copies/<sha256>``          (the panel chair) one copy's bytes
=========================================  =================================================

Bodies need a Content-Length (no chunked uploads) within the limits below; any other method,
path or query is refused. Errors are JSON ``{"error": code, "zh": …, "en": …}``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

FORMAT = "tic-collector/1"
SERVICE_TYPE = "_tic-collect._tcp.local."
HELLO = "/v1/hello"
RETURNS = "/v1/returns"
CHAIR_COPIES = "/v1/chair-copies"
SHA256 = re.compile(r"[0-9a-f]{64}")
CHAIR_COPY_PATH = re.compile(r"/v1/chair-copies/([0-9a-f]{64})")
FILE_NAME_HEADER = "X-Tic-File-Name"
DEFAULT_PORT = 47631

JSON_TYPE = "application/json"
OCTETS = "application/octet-stream"


@dataclass(frozen=True)
class Limits:
    """What the collector tolerates from one client (all configurable for tests)."""

    max_return_bytes: int = 4 * 1024 * 1024  # a return is tens of KB; the USB path allows 16 MiB
    max_copy_bytes: int = 4 * 1024 * 1024
    max_header_bytes: int = 8190
    max_headers: int = 32
    handshake_timeout: float = 10.0  # TLS handshake must finish within
    header_timeout: float = (
        10.0  # request line and headers (from the handshake, or the last response)
    )
    body_timeout: float = 30.0  # the whole body, once the headers are in
    connections_per_address: int = 16
    max_connections: int = 256
    requests_burst: int = 30  # token bucket per client certificate
    requests_per_second: float = 3.0
    copies_per_return: int = 1


def error_body(code: str, zh: str, en: str) -> bytes:
    return json.dumps({"error": code, "zh": zh, "en": en}, ensure_ascii=False).encode("utf-8")


def json_body(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def safe_display_name(name: str | None) -> str:
    """The client's file name, only ever shown: letters, digits and ``-_.``,
    at most 120 characters."""
    if not name:
        return ""
    kept = "".join(ch for ch in name if ch.isalnum() or ch in "-_.")
    return kept.lstrip(".")[:120]
