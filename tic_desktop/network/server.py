"""The clerk's collector: an HTTPS server with mutual TLS on one chosen local address.

Runs aiohttp's low-level server on its own asyncio loop in a thread of the clerk's app (or a
process of its own: ``python -m tic_desktop.network serve``). Verification and fsync run in a
small thread pool; what happens is reported through ``on_event``
(:class:`~tic_desktop.network.collector_events.CollectorEvent`).

Refused before any handler runs: clients without a certificate from the bureau CA (TLS), slow TLS
handshakes, more connections from one address than allowed (:mod:`admission`). Refused by the
handler: other methods and paths, query strings, chunked or oversized bodies, slow bodies, clients
over their request rate, and returns that fail the bureau's verifier or are not the sender's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.web_request import BaseRequest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.catalogue import Text, t, tc
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.network import protocol, receipts
from tic_desktop.network.admission import ConnectionCount, GuardedProtocol, TokenBucket
from tic_desktop.network.collector_events import CollectorEvent, EventSink
from tic_desktop.network.progress import ProgressSnapshot, progress_snapshot
from tic_desktop.network.protocol import Limits
from tic_desktop.network.store import (
    DUPLICATE,
    STORED,
    ChairCopyRelay,
    FolderStore,
    ReturnStore,
    StoreOutcome,
)
from tic_desktop.network.tls import (
    NetworkError,
    certificate_from_der,
    issue_collector_certificate,
    server_context,
)
from tic_desktop.security import certificates
from tic_desktop.security.errors import SecurityError

_NOT_ALLOWED = t("method not allowed")
_LENGTH_REQUIRED = t("length required")


@dataclass(frozen=True)
class Peer:
    expert: str
    name: str
    fingerprint: str


@dataclass
class _State:
    buckets: dict[str, TokenBucket] = field(default_factory=dict)
    arriving: dict[str, str] = field(default_factory=dict)


def _response(status: int, body: bytes, content_type: str) -> web.Response:
    response = web.Response(status=status, body=body, content_type=content_type)
    response.headers["Server"] = "tic-collector"  # not the library's name and version
    return response


def _json(status: int, body: bytes, close: bool = False) -> web.Response:
    response = _response(status, body, protocol.JSON_TYPE)
    if close:
        response.force_close()
    return response


def _error(status: int, code: str, text: Text, close: bool = False) -> web.Response:
    """A refusal: its code and ``text`` in both languages (protocol.error_body)."""
    return _json(status, protocol.error_body(code, *text.pair()), close)


class CollectorServer:
    """The server itself (runs on an asyncio loop; see :class:`Collection` for the thread)."""

    def __init__(
        self,
        *,
        store: ReturnStore,
        relay: ChairCopyRelay,
        review_round: ReviewRound,
        ca_certificate: x509.Certificate,
        key: ec.EllipticCurvePrivateKey,
        certificate: x509.Certificate,
        host: str,
        port: int = 0,
        limits: Limits | None = None,
        on_event: EventSink | None = None,
    ) -> None:
        self.store, self.relay, self.review_round = store, relay, review_round
        self.ca_certificate, self.key, self.certificate = ca_certificate, key, certificate
        self.fingerprint = certificates.fingerprint(certificate)
        self.host, self.port = host, port
        self.limits = limits or Limits()
        self.on_event = on_event or (lambda event: None)
        self._state = _State()
        self._connections = ConnectionCount(self.limits)
        self._chairs: dict[str, list[str]] = {p.chair: [] for p in review_round.panels}
        for panel in review_round.panels:
            self._chairs[panel.chair].append(panel.id)
        self._panel_of = {m: p.id for p in review_round.panels for m in p.members}
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tic-collector-verify")
        self._server: asyncio.AbstractServer | None = None
        self._web: web.Server | None = None

    # --- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        limits = self.limits
        self._web = web.Server(
            self._handle,
            loop=loop,
            keepalive_timeout=limits.header_timeout,
            max_line_size=limits.max_header_bytes,
            max_field_size=limits.max_header_bytes,
            max_headers=limits.max_headers,
            access_log=None,
        )
        web_server = self._web
        context = server_context(self.key, self.certificate, self.ca_certificate)
        self._server = await loop.create_server(
            lambda: GuardedProtocol(web_server(), self._connections),
            self.host,
            self.port,
            ssl=context,
            ssl_handshake_timeout=limits.handshake_timeout,
            reuse_address=True,
            backlog=128,
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._web is not None:
            self._web.pre_shutdown()
            await self._web.shutdown(2.0)
        if self._server is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- requests -------------------------------------------------------------------------
    def _peer(self, request: BaseRequest) -> Peer | None:
        transport = request.transport
        ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
        certificate = certificate_from_der(ssl_object.getpeercert(True) if ssl_object else None)
        if certificate is None:
            return None
        try:
            signer = certificates.verify_issued_by(certificate, self.ca_certificate)
        except SecurityError:
            return None
        if not signer.expert_id:
            return None
        name = certificates.subject_attribute(certificate, NameOID.COMMON_NAME) or ""
        return Peer(signer.expert_id, name, signer.fingerprint)

    def _refused(self, peer: Peer | None, text: Text) -> None:
        self.on_event(CollectorEvent.saying("refused", peer.expert if peer else None, text))

    async def _handle(self, request: BaseRequest) -> web.StreamResponse:
        try:
            return await self._route(request)
        except Exception as error:  # a bug: the client learns nothing, the clerk sees it
            self.on_event(
                CollectorEvent.saying(
                    "error", None, tc("internal error", "{error}", error=repr(error))
                )
            )
            return _error(500, "internal", t("internal error"), close=True)

    async def _route(self, request: BaseRequest) -> web.StreamResponse:
        peer = self._peer(request)
        if peer is None:
            return _error(403, "forbidden", t("unauthenticated client"), True)
        wait = self._state.buckets.setdefault(
            peer.fingerprint,
            TokenBucket(self.limits.requests_burst, self.limits.requests_per_second),
        ).take()
        if wait:
            self._refused(peer, tc("refused", "too many requests"))
            response = _error(429, "rate_limited", tc("answered", "too many requests"))
            response.headers["Retry-After"] = str(max(1, round(wait)))
            return response
        path, method = request.rel_url.raw_path, request.method
        if request.rel_url.raw_query_string:
            return self._not_allowed(peer, 400, t("no query strings"))
        if path == protocol.HELLO:
            if method != "GET":
                return self._not_allowed(peer, 405, _NOT_ALLOWED)
            return self._hello(peer)
        if path == protocol.RETURNS:
            if method != "POST":
                return self._not_allowed(peer, 405, _NOT_ALLOWED)
            return await self._receive_return(request, peer)
        if path == protocol.CHAIR_COPIES:
            if method != "GET":
                return self._not_allowed(peer, 405, _NOT_ALLOWED)
            return self._list_copies(peer)
        match = protocol.CHAIR_COPY_PATH.fullmatch(path)
        if match and method == "POST":
            return await self._receive_copy(request, peer, match.group(1))
        if match and method == "GET":
            return self._send_copy(peer, match.group(1))
        if match:
            return self._not_allowed(peer, 405, _NOT_ALLOWED)
        return self._not_allowed(peer, 404, t("no such path"))

    def _not_allowed(self, peer: Peer, status: int, text: Text) -> web.Response:
        self._refused(peer, text)
        return _error(status, "refused", text, close=True)

    def _hello(self, peer: Peer) -> web.Response:
        return _json(
            200,
            protocol.json_body(
                {
                    "format": protocol.FORMAT,
                    "round": self.review_round.id,
                    "title": self.review_round.spec.title,
                    "collector": self.fingerprint,
                    "expert": peer.expert,
                    "panel": self._panel_of.get(peer.expert),
                    "chair_of": self._chairs.get(peer.expert, []),
                }
            ),
        )

    async def _body(self, request: BaseRequest, limit: int) -> bytes | web.Response:
        if "chunked" in request.headers.get("Transfer-Encoding", "").lower():
            return _error(411, "length_required", _LENGTH_REQUIRED, True)
        length = request.content_length
        if length is None:
            return _error(411, "length_required", _LENGTH_REQUIRED, True)
        if length > limit:
            return _error(413, "too_large", t("file too large"), True)
        try:
            async with asyncio.timeout(self.limits.body_timeout):
                return await request.content.readexactly(length)
        except TimeoutError:
            return _error(408, "timeout", t("too slow"), True)
        except asyncio.IncompleteReadError:
            return _error(400, "incomplete", t("incomplete body"), True)

    def _snapshot(self) -> ProgressSnapshot:
        return progress_snapshot(
            self.review_round, self.store.returns(), dict(self._state.arriving)
        )

    def _receipt(self, outcome: StoreOutcome) -> bytes:
        item = outcome.item
        assert item is not None and item.expert is not None and item.revision is not None
        return receipts.sign_receipt(
            self.key,
            self.certificate,
            round_id=self.review_round.id,
            panel=item.panel or "",
            expert=item.expert,
            revision=item.revision,
            file_sha256=outcome.file_sha256,
            status=outcome.status,
            counted=str(item.status),
        )

    async def _receive_return(self, request: BaseRequest, peer: Peer) -> web.StreamResponse:
        body = await self._body(request, self.limits.max_return_bytes)
        if isinstance(body, web.Response):
            self._refused(peer, t("upload refused ({status})", status=body.status))
            return body
        name = protocol.safe_display_name(request.headers.get(protocol.FILE_NAME_HEADER))
        self._state.arriving[peer.expert] = ""
        self.on_event(CollectorEvent("arriving", peer.expert, name, name))  # a file name

        def work() -> tuple[StoreOutcome, bytes, ProgressSnapshot | None]:
            outcome = self.store.store(body, name, peer.expert)
            token = self._receipt(outcome) if outcome.status in (STORED, DUPLICATE) else b""
            if outcome.status != STORED:
                return outcome, token, None
            self._state.arriving.pop(peer.expert, None)
            return outcome, token, self._snapshot()

        loop = asyncio.get_running_loop()
        outcome, token, snapshot = await loop.run_in_executor(self._pool, work)
        if outcome.status in (STORED, DUPLICATE):
            assert outcome.item is not None
            self._state.arriving.pop(peer.expert, None)
            number = receipts.receipt_number(outcome.file_sha256)
            self.on_event(
                CollectorEvent.saying(
                    outcome.status,
                    peer.expert,
                    t("revision {revision}", revision=outcome.item.revision),
                    number,
                    snapshot,
                )
            )
            return _json(
                200,
                protocol.json_body({"receipt": token.decode("ascii"), "status": outcome.status}),
            )
        self._state.arriving[peer.expert] = outcome.detail_zh
        self.on_event(
            CollectorEvent(
                "rejected",
                peer.expert,
                outcome.detail_zh,
                outcome.detail_en,
                snapshot=await loop.run_in_executor(self._pool, self._snapshot),
            )
        )
        refusal = protocol.error_body(
            outcome.reason or "rejected", outcome.detail_zh, outcome.detail_en
        )
        return _json(422, refusal)

    async def _receive_copy(
        self, request: BaseRequest, peer: Peer, return_sha256: str
    ) -> web.StreamResponse:
        body = await self._body(request, self.limits.max_copy_bytes)
        if isinstance(body, web.Response):
            self._refused(peer, t("copy refused ({status})", status=body.status))
            return body
        loop = asyncio.get_running_loop()
        problem = await loop.run_in_executor(
            self._pool, self.relay.put, return_sha256, body, peer.expert
        )
        if problem:
            return _error(404, problem, t("no such return of this expert here"))
        self.on_event(CollectorEvent.saying("chair_copy", peer.expert, t("chair copy")))
        return _json(200, protocol.json_body({"stored": True}))

    def _list_copies(self, peer: Peer) -> web.Response:
        panels = self._chairs.get(peer.expert)
        if not panels:
            return self._not_allowed(peer, 403, t("chairs only"))
        entries = [
            {
                "panel": panel,
                "return_sha256": e.return_sha256,
                "member": e.member,
                "revision": e.revision,
                "size": e.size,
            }
            for panel in panels
            for e in self.relay.listing(panel)
        ]
        return _json(200, protocol.json_body({"copies": entries}))

    def _send_copy(self, peer: Peer, return_sha256: str) -> web.Response:
        for panel in self._chairs.get(peer.expert, []):
            data = self.relay.read(panel, return_sha256)
            if data is not None:
                return _response(200, data, protocol.OCTETS)
        return self._not_allowed(peer, 404, t("no such copy"))


class Collection:
    """A running collector: its loop thread, the server, optionally its mDNS announcement."""

    def __init__(self, server: CollectorServer, announce: bool = True) -> None:
        self.server = server
        self.announce = announce
        self._announcer: Any = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="tic-collector", daemon=True)
        self.running = False

    @property
    def address(self) -> tuple[str, int]:
        return self.server.host, self.server.port

    @property
    def fingerprint(self) -> str:
        return self.server.fingerprint

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    def start(self) -> Collection:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self.server.start(), self._loop)
        try:
            future.result(timeout=30)
        except OSError as error:
            self._close_loop()
            raise NetworkError(
                t(
                    "cannot listen on {host}:{port}: {error}",
                    host=self.server.host,
                    port=self.server.port,
                    error=error.strerror or error,
                )
            ) from None
        self.running = True
        if self.announce:
            from tic_desktop.network.discovery import Announcer

            self._announcer = Announcer(
                self.server.host,
                self.server.port,
                self.server.review_round.id,
                certificates.fingerprint(self.server.ca_certificate),
                self.fingerprint,
            )
            self._announcer.start()
        self.server.on_event(
            CollectorEvent.saying(
                "started",
                None,
                t("collecting on {host}:{port}", host=self.server.host, port=self.server.port),
                snapshot=self.server._snapshot(),
            )
        )
        return self

    def snapshot(self) -> ProgressSnapshot:
        return self.server._snapshot()

    def stop(self) -> None:
        if self._announcer is not None:
            self._announcer.close()
            self._announcer = None
        if self.running:
            self.running = False
            future = asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop)
            future.result(timeout=30)
            self._close_loop()
            self.server.on_event(CollectorEvent.saying("stopped", None, t("stopped")))

    def _close_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        self._loop.close()


def is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return True  # a name, not an address: refuse it too


def start_collection(
    workspace: BureauWorkspace,
    keys: BureauKeys,
    review_round: ReviewRound,
    host: str,
    port: int = protocol.DEFAULT_PORT,
    *,
    store: ReturnStore | None = None,
    limits: Limits | None = None,
    on_event: EventSink | None = None,
    announce: bool = True,
) -> Collection:
    """Issue the collector certificate with the bureau's CA key and start listening on ``host``.

    ``host`` is one of the machine's addresses: the wildcard (0.0.0.0, ::) is refused, so the
    collector is reachable only on the network the clerk chose.
    """
    if is_wildcard(host):
        raise NetworkError(
            t("choose one of this machine's interface addresses (not all interfaces)")
        )
    if store is None:
        folder_store = FolderStore(workspace, keys, review_round)
        folder_store.load()
        store = folder_store
    folder = getattr(store, "folder", workspace.folder / "returns" / review_round.id)
    key, certificate = issue_collector_certificate(
        keys.ca_key, workspace.ca_certificate, review_round.id, workspace.name, [host]
    )
    server = CollectorServer(
        store=store,
        relay=ChairCopyRelay(folder / "chaircopies", store),
        review_round=review_round,
        ca_certificate=workspace.ca_certificate,
        key=key,
        certificate=certificate,
        host=host,
        port=port,
        limits=limits,
        on_event=on_event,
    )
    return Collection(server, announce).start()
