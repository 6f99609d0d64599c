"""A build killed mid-way (the app killed, the power cut) is undone by the next build: no expert is
left with a credential whose passphrase sheet was never printed (issue #14, "nothing left")."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.packages.build_journal import JOURNAL_FOLDER

REPO = Path(__file__).resolve().parents[2]
ROUND = REPO / "resources" / "demo" / "round.json"
PASSPHRASE = "bureau passphrase for the killed build"


def _tic(*args: object) -> list[str]:
    return [sys.executable, "-m", "tic_desktop.cli.main", *map(str, args)]


@pytest.mark.slow
def test_a_build_killed_while_issuing_credentials_is_undone_by_the_next_build(tmp_path):
    workspace = init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    credentials = workspace.credentials_dir("2026-TIC-01")
    command = _tic(
        "package",
        "build",
        ROUND,
        "--bureau",
        workspace.folder,
        "--out",
        tmp_path / "out",
        "--panel",
        "P1",
        "--passphrase-file",
        passphrase,
        "--format",
        "json",
    )
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    # wait for a whole credential (sealed key and public record): one a later build would reuse
    while not list(credentials.glob("*.json")) if credentials.is_dir() else True:
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its scrypt pool, as a power cut would
    process.wait()
    left = sorted(p.name for p in credentials.glob("*.json"))
    assert left, "some credentials were issued before the kill"
    assert list((workspace.folder / JOURNAL_FOLDER).glob("build-*.json"))

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    members = result["packages"][0]["members"]
    # every member gets a fresh credential and a printed sheet: none was silently reused
    assert sorted(result["new_credentials"]) == sorted(members)
    sheets = sorted(p.stem for p in (tmp_path / "out" / "passphrase-sheets").glob("*.pdf"))
    assert sheets == sorted(members)
    assert not list((workspace.folder / JOURNAL_FOLDER).glob("build-*.json"))
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".tic-build-")]
