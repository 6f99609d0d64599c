"""Two app instances in separate processes: the clerk's collector runs as its own process
(``python -m tic_desktop.network serve``); the experts send from this one. mDNS on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

from meeting_helpers import BUREAU_PASSPHRASE, LOOPBACK

from tic_desktop.network.client import CollectorClient
from tic_desktop.network.discovery import Browser
from tic_desktop.network.outbox import MeetingOutbox
from tic_desktop.paths import demo_round_file


def test_collector_process_receives_from_this_process_and_is_found_by_mdns(
    meeting, workspace_copy, returns, tmp_path
):
    passphrase = tmp_path / "bureau-pass.txt"
    passphrase.write_text(BUREAU_PASSPHRASE + "\n", encoding="utf-8")
    ready = tmp_path / "ready.json"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tic_desktop.network",
            "serve",
            "--bureau",
            str(workspace_copy.folder),
            "--round",
            str(demo_round_file()),
            "--host",
            LOOPBACK,
            "--port",
            "0",
            "--passphrase-file",
            str(passphrase),
            "--ready-file",
            str(ready),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists(), server.stderr.read() if server.poll() is not None else "no start"
        address = json.loads(ready.read_text(encoding="utf-8"))
        # found without typing an address
        found, seen = [], threading.Event()
        browser = Browser(
            meeting.round.id,
            meeting.workspace.fingerprint,
            lambda f: (found.append(f), seen.set()),
            [LOOPBACK],
        )
        browser.start()
        try:
            assert seen.wait(20), "the collector was not found by mDNS"
        finally:
            browser.close()
        assert (found[0].host, found[0].port) == (LOOPBACK, address["port"])
        assert found[0].collector_fingerprint == address["collector"]
        # two experts deliver (with chair copies); the chair fetches them
        for expert in ("E02", "E03"):
            made = returns(expert)
            outbox = MeetingOutbox(tmp_path / expert, meeting.credentials[expert])
            outbox.add(made.file, made.revision, made.copy)
            client = CollectorClient(meeting.credentials[expert], found[0].host, found[0].port)
            [delivery] = outbox.deliver(client)
            assert delivery.receipt.status == "stored" and delivery.receipt.expert == expert
        chair = MeetingOutbox(tmp_path / "E01", meeting.credentials["E01"], chair=True)
        copies = chair.fetch_chair_copies(
            CollectorClient(meeting.credentials["E01"], LOOPBACK, address["port"])
        )
        assert len(copies) == 2
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    events = [e for e in map(json.loads, out.splitlines()) if "event" in e]
    assert [e["event"] for e in events if e["event"] in ("stored", "stopped")] == [
        "stored",
        "stored",
        "stopped",
    ]
    stored = list((workspace_copy.folder / "returns" / meeting.round.id).glob("*.ticreturn"))
    assert len(stored) == 2
