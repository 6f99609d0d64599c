"""The collector refuses anything but the protocol: methods, paths, queries, sizes, chunked
bodies, slow clients (slowloris: headers, body, handshake), request floods, connection floods."""

from __future__ import annotations

import socket
import ssl
import time

import pytest

from tic_desktop.network import tls
from tic_desktop.network.client import Refused
from tic_desktop.network.protocol import Limits


def tls_socket(collection, meeting, expert="E02") -> ssl.SSLSocket:
    context = tls.client_context(meeting.credentials[expert])
    raw = socket.create_connection(collection.address, timeout=10)
    return context.wrap_socket(raw, server_hostname=tls.COLLECTOR_HOSTNAME)


def exchange(collection, meeting, request: bytes) -> bytes:
    with tls_socket(collection, meeting) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and b"Content-Length: " in answer:
                head, _, body = answer.partition(b"\r\n\r\n")
                length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                if len(body) >= length:
                    break
    return answer


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        (b"DELETE /v1/returns HTTP/1.1\r\nHost: c\r\n\r\n", 405),
        (b"PUT /v1/hello HTTP/1.1\r\nHost: c\r\nContent-Length: 0\r\n\r\n", 405),
        (b"GET /v1/returns HTTP/1.1\r\nHost: c\r\n\r\n", 405),
        (b"GET /etc/passwd HTTP/1.1\r\nHost: c\r\n\r\n", 404),
        (b"GET /v1/../v1/hello HTTP/1.1\r\nHost: c\r\n\r\n", 404),
        (b"GET /v1/hello/ HTTP/1.1\r\nHost: c\r\n\r\n", 404),
        (b"GET /v1/hello?x=1 HTTP/1.1\r\nHost: c\r\n\r\n", 400),
        (b"GET /v1/chair-copies/" + b"A" * 64 + b" HTTP/1.1\r\nHost: c\r\n\r\n", 404),
        (b"POST /v1/returns HTTP/1.1\r\nHost: c\r\n\r\n", 411),  # no Content-Length
        (
            b"POST /v1/returns HTTP/1.1\r\nHost: c\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n0\r\n\r\n",
            411,
        ),
        (
            b"POST /v1/returns HTTP/1.1\r\nHost: c\r\nContent-Length: 99999999\r\n\r\n",
            413,
        ),
        (b"GET /v1/hello HTTP/1.1\r\nHost: c\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n", 400),
        (b"\x16\x03\x01garbage\r\n\r\n", 400),
    ],
)
def test_anything_but_the_protocol_is_refused(collector, meeting, request_bytes, expected):
    collection = collector()
    answer = exchange(collection, meeting, request_bytes)
    assert status(answer) in (expected, 431 if expected == 400 else expected), answer[:200]
    assert collection.server.store.returns() == []


def test_a_slowloris_header_stall_is_cut_off(collector, meeting):
    collection = collector(limits=Limits(header_timeout=1.0))
    with tls_socket(collection, meeting) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /v1/returns HTTP/1.1\r\n")
        closed = False
        for _ in range(40):  # a header line every 0.1 s, never finishing
            try:
                sock.sendall(b"X-A: b\r\n")
                time.sleep(0.1)
            except OSError:
                closed = True
                break
        if not closed:
            sock.settimeout(3)
            closed = sock.recv(100) == b""
    assert closed and time.monotonic() - started < 3.5


def test_a_slow_body_is_cut_off_with_408(collector, meeting):
    collection = collector(limits=Limits(body_timeout=1.0))
    with tls_socket(collection, meeting) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /v1/returns HTTP/1.1\r\nHost: c\r\nContent-Length: 1000\r\n\r\nabc")
        sock.settimeout(5)
        answer = sock.recv(1000)
    assert status(answer) == 408 and time.monotonic() - started < 3


def test_a_stalled_tls_handshake_is_dropped(collector):
    collection = collector(limits=Limits(handshake_timeout=1.0))
    with socket.create_connection(collection.address, timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(b"\x16\x03\x01\x00")  # the start of a ClientHello, then silence
        assert sock.recv(100) == b""
    assert time.monotonic() - started < 4


def test_requests_over_the_rate_are_refused_with_429(collector, client_for):
    collection = collector(limits=Limits(requests_burst=3, requests_per_second=0.5))
    client = client_for(collection, "E02")
    for _ in range(3):
        client.hello()
    with pytest.raises(Refused) as refused:
        client.hello()
    assert refused.value.status == 429 and refused.value.code == "rate_limited"
    # another expert is not slowed down by E02's flood
    assert client_for(collection, "E03").hello().expert == "E03"


def test_connections_per_address_are_capped(collector, meeting, client_for):
    collection = collector(limits=Limits(connections_per_address=2))
    held = [tls_socket(collection, meeting) for _ in range(2)]
    try:
        for sock in held:
            sock.sendall(b"GET /v1/hello HTTP/1.1\r\nHost: c\r\n\r\n")
            assert status(sock.recv(1000)) == 200
        from tic_desktop.network.tls import NetworkError

        with pytest.raises(NetworkError):
            client_for(collection, "E02", timeout=3).hello()
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.2)
    assert client_for(collection, "E02").hello().expert == "E02"
