"""What the clerk's collector (:mod:`tic_desktop.network.server`) lets in before any request handler
runs: at most so many connections from one address and in all (counted once the TLS handshake is
done), and each client's requests through a token bucket.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tic_desktop.network.protocol import Limits


class TokenBucket:
    """Token bucket: ``burst`` requests at once, refilled at ``rate`` a second."""

    def __init__(self, burst: int, rate: float) -> None:
        self.burst, self.rate = burst, rate
        self.tokens, self.at = float(burst), time.monotonic()

    def take(self) -> float:
        """0 if allowed, else the seconds to wait."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class ConnectionCount:
    """The open connections, by address and in all, within ``limits``."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.connections: dict[str, int] = {}
        self.total = 0

    def admit(self, address: str) -> bool:
        limits = self.limits
        if self.total >= limits.max_connections:
            return False
        if self.connections.get(address, 0) >= limits.connections_per_address:
            return False
        self.connections[address] = self.connections.get(address, 0) + 1
        self.total += 1
        return True

    def release(self, address: str) -> None:
        self.total -= 1
        left = self.connections.get(address, 1) - 1
        if left > 0:
            self.connections[address] = left
        else:
            self.connections.pop(address, None)


class GuardedProtocol(asyncio.Protocol):
    """The HTTP protocol behind a per-address and total connection count (after the handshake)."""

    def __init__(self, inner: Any, count: ConnectionCount) -> None:
        self.inner, self.count = inner, count
        self.address, self.admitted = "?", False

    def connection_made(self, transport: Any) -> None:
        peer = transport.get_extra_info("peername")
        self.address = peer[0] if peer else "?"
        if not self.count.admit(self.address):
            transport.abort()
            return
        self.admitted = True
        self.inner.connection_made(transport)

    def connection_lost(self, exc: BaseException | None) -> None:
        if self.admitted:
            self.admitted = False
            self.count.release(self.address)
            self.inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.admitted:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return bool(self.inner.eof_received()) if self.admitted else None

    def pause_writing(self) -> None:
        if self.admitted:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.admitted:
            self.inner.resume_writing()


__all__ = ["ConnectionCount", "GuardedProtocol", "TokenBucket"]
