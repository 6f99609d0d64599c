"""The app works offline and never tries the network: the whole review runs with sockets disabled.

Every way Python reaches the network (socket.socket for any family, create_connection,
getaddrinfo and the other resolvers, fromfd) is replaced by a function that records the attempt
and raises. Attempts are recorded in a
file too, so a worker process (credentials are sealed in a process pool) cannot hide one.
"""

from __future__ import annotations

import socket
import traceback

import pytest
from offline_flow import run_full_flow


class NetworkAttempt(OSError):
    """Raised in place of any socket operation during the test."""


@pytest.fixture
def no_sockets(monkeypatch, tmp_path):
    """Disable sockets; yields the list of attempts (in this process and any forked worker).

    One thing stays: wrapping descriptors that already exist (``socket.socket(..., fileno=fd)``),
    which is how ``socket.socketpair()`` builds the in-process pipe that asyncio's event loop
    needs (pyHanko signs PDFs through ``asyncio.run``). A socketpair cannot reach anything.
    """
    log = tmp_path / "socket-attempts.log"
    attempts: list[str] = []

    def record(what: str) -> NetworkAttempt:
        where = "".join(traceback.format_stack(limit=8)[:-2])
        attempts.append(f"{what}\n{where}")
        with open(log, "a", encoding="utf-8") as record_file:  # seen from forked workers too
            record_file.write(what + "\n")
        return NetworkAttempt(f"network access attempted during an offline test: {what}")

    def refuse(name: str):
        def blocked(*args, **kwargs):
            raise record(f"socket.{name}{args!r}")

        return blocked

    class GuardedSocket(socket.socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None:
                raise record(f"socket.socket(family={family!r}, type={type!r})")
            super().__init__(family, type, proto, fileno)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in (
        "create_connection",
        "getaddrinfo",
        "fromfd",
        "create_server",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "getnameinfo",
    ):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts
    attempts.extend(log.read_text(encoding="utf-8").splitlines() if log.exists() else [])


def test_sockets_are_really_disabled(no_sockets):
    """The guard itself: a connection attempt is refused and counted."""
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # not even the local keyring daemon
    assert len(no_sockets) == 3
    left, right = socket.socketpair()  # an in-process pipe (asyncio's loop needs one) still works
    left.close(), right.close()


def test_whole_review_runs_with_sockets_disabled(
    no_sockets, memory_keyring, tmp_path, capsys
):  # in-memory: the OS keyring would use a socket
    result = run_full_flow(tmp_path / "review", capsys)
    assert len(result.pdfs) >= 1 and (tmp_path / "review" / "E02.ticreturn").is_file()
    assert no_sockets == [], "socket use during the offline review:\n" + "\n".join(no_sockets)
    assert not (tmp_path / "socket-attempts.log").exists()
