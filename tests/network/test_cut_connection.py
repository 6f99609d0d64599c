"""The network drops mid-transfer, at every byte of every step: for the return's connection and
then the chair copy's, in each direction (the TLS handshake, the request, the response), the
proxy closes both sides after N bytes, for every N (the chair copy's request, whose handshake
and POST framing are the return's, at every fourth N: it saves a minute and a half). The expert's
app never says "delivered" without a verified receipt for a file the collector has stored, never
loses the file, and once the network is back everything is delivered and stored exactly once."""

from __future__ import annotations

import time

import pytest
from cutting_proxy import CuttingProxy

from tic_desktop.network.client import CollectorClient
from tic_desktop.network.outbox import MeetingOutbox
from tic_desktop.network.protocol import Limits
from tic_desktop.network.tls import NetworkError

pytestmark = pytest.mark.slow  # about 20,000 TLS connections


def test_a_cut_at_every_byte_loses_nothing_and_stores_once(
    meeting, collector, returns, tmp_path, workspace_copy
):
    collection = collector(limits=Limits(requests_burst=10**9, requests_per_second=10**9))
    store = collection.server.store
    folder = workspace_copy.folder / "returns" / meeting.round.id
    proxy = CuttingProxy(collection.address)
    try:
        client = CollectorClient(meeting.credentials["E02"], *proxy.address, timeout=5)
        made = returns("E02")
        outbox = MeetingOutbox(tmp_path / "outbox", meeting.credentials["E02"])
        sha = outbox.add(made.file, made.revision, made.copy).sha256
        started = time.monotonic()
        points: dict[str, int] = {}
        outcomes = {"delivered": 0, "failed": 0}
        receipt_token = b""
        tried: dict[str, int] = {
            f"{s} {d}": 0 for s in ("return", "chair copy") for d in ("up", "down")
        }
        for connection, step in enumerate(("return", "chair copy")):
            if connection == 1:  # deliver the return once, uncut, and keep its receipt
                proxy.cut = None
                MeetingOutbox(tmp_path / "outbox", meeting.credentials["E02"]).deliver(client)
                receipt_token = (tmp_path / "outbox" / f"{sha}.receipt").read_bytes()
            for direction in ("up", "down"):
                n = 0
                while True:
                    for suffix in (".receipt", ".copy-sent"):  # each cut from a clean outbox
                        (tmp_path / "outbox" / f"{sha}{suffix}").unlink(missing_ok=True)
                    if connection == 1:  # the return went through before: only its copy is cut
                        (tmp_path / "outbox" / f"{sha}.receipt").write_bytes(receipt_token)
                    proxy.reset()  # the first connection of this delivery is this step's
                    proxy.cut, proxy.cut_connection = (direction, n), 0
                    try:
                        fresh = MeetingOutbox(tmp_path / "outbox", meeting.credentials["E02"])
                        fresh.deliver(client)
                    except NetworkError:
                        outcomes["failed"] += 1
                    else:
                        outcomes["delivered"] += 1
                    entry = fresh.entry(sha)
                    # nothing lost: the file waits in the outbox, and where signing put it
                    assert (tmp_path / "outbox" / f"{sha}.ticreturn").read_bytes() == made.data
                    assert made.file.read_bytes() == made.data
                    # "delivered" only with a verified receipt for a file the collector stored
                    if entry.delivered:
                        assert entry.receipt.file_sha256 == sha and store.find(sha) is not None
                    if entry.copy_sent:
                        assert list((folder / "chaircopies").rglob("*.chaircopy"))
                    assert len(list(folder.glob("*.ticreturn"))) <= 1
                    if proxy.counted[direction] < n:  # the exchange ended before n bytes: done
                        break
                    n += 4 if (connection, direction) == (1, "up") else 1
                    tried[f"{step} {direction}"] += 1
                points[f"{step} {direction}"] = n
        proxy.cut = None
        final = MeetingOutbox(tmp_path / "outbox", meeting.credentials["E02"])
        final.deliver(client)
        assert final.entry(sha).delivered and final.entry(sha).copy_sent and not final.pending()
        assert [p.name for p in folder.glob("*.ticreturn")] == [f"{sha}.ticreturn"]
        assert len(store.returns()) == 1
        assert len(list((folder / "chaircopies").rglob("*.chaircopy"))) == 1
        # nearly every cut fails (those at the very end of an exchange may not), and in the chair
        # copy's steps the return was not sent again (its exchange is shorter than the return's)
        assert outcomes["failed"] > sum(tried.values()) * 0.95, (outcomes, tried)
        assert points["chair copy down"] < points["return down"] - 1000, points
        print(f"\nbytes {points}; cuts {tried}; {outcomes}; {time.monotonic() - started:.0f} s")
    finally:
        proxy.close()
