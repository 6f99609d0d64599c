"""Shared setup for the meeting-network tests: one bureau, the P1 package, a few members'
credentials unlocked (scrypt: seconds each, done once), returns made on demand, and a collector
on loopback. mDNS in these tests is bound to 127.0.0.1 only: nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from types import SimpleNamespace

import pytest
from meeting_helpers import BUREAU_PASSPHRASE, LOOPBACK, MEMBERS, ReturnMaker

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.packages.build import build_packages
from tic_desktop.packages.credentials import unlock
from tic_desktop.packages.opening import open_package
from tic_desktop.paths import demo_round_file
from tic_desktop.review import evaluate_round


@pytest.fixture(scope="session")
def meeting(tmp_path_factory):
    base = tmp_path_factory.mktemp("meeting")
    workspace = init_workspace(base / "bureau", passphrase=BUREAU_PASSPHRASE)
    keys = workspace.keys(BUREAU_PASSPHRASE)
    review = evaluate_round(demo_round_file())
    built, issued = build_packages(review, workspace, keys, base / "packages", ["P1"])
    package = open_package(built[0].file, {workspace.fingerprint})
    try:
        sealed = [package.sealed_credential(m) for m in MEMBERS]
    finally:
        package.close()
    with ProcessPoolExecutor(max_workers=2) as pool:
        unlocked = dict(
            zip(
                MEMBERS,
                pool.map(unlock, sealed, [issued[m].passphrase for m in MEMBERS]),
                strict=True,
            )
        )
    return SimpleNamespace(
        base=base,
        workspace=workspace,
        keys=keys,
        review=review,
        round=review.round,
        package_file=built[0].file,
        package_sha256=built[0].package_sha256,
        credentials=unlocked,
        passphrases={m: issued[m].passphrase for m in MEMBERS},
    )


@pytest.fixture
def returns(meeting, tmp_path) -> Iterator:
    makers: dict[str, ReturnMaker] = {}

    def make(expert: str) -> SimpleNamespace:
        if expert not in makers:
            makers[expert] = ReturnMaker(meeting, expert, tmp_path / "experts")
        return makers[expert].next()

    yield make
    for maker in makers.values():
        maker.close()


@pytest.fixture
def workspace_copy(meeting, tmp_path):
    """A fresh bureau folder per test (same keys and packages), so stored returns do not leak."""
    import shutil

    from tic_desktop.bureau.workspace import BureauWorkspace

    target = tmp_path / "bureau"
    shutil.copytree(meeting.workspace.folder, target)
    return BureauWorkspace(target)


@pytest.fixture
def collector(meeting, workspace_copy):
    """Start a collector on loopback (no mDNS unless asked); stopped after the test."""
    from tic_desktop.network.server import start_collection

    started = []

    def start(**options):
        events = options.pop("events", None)
        collection = start_collection(
            workspace_copy,
            meeting.keys,
            meeting.round,
            LOOPBACK,
            options.pop("port", 0),
            announce=options.pop("announce", False),
            on_event=events.append if events is not None else None,
            **options,
        )
        started.append(collection)
        return collection

    yield start
    for collection in started:
        collection.stop()


@pytest.fixture
def client_for(meeting):
    from tic_desktop.network.client import CollectorClient

    def make(collection, expert: str = "E02", **options) -> CollectorClient:
        host, port = collection.address
        return CollectorClient(meeting.credentials[expert], host, port, **options)

    return make
