"""Shared setup for the meeting-network tests: one bureau, the P1 package, a few members'
credentials unlocked (scrypt: seconds each, done once), returns made on demand, and a collector
on loopback. mDNS in these tests is bound to 127.0.0.1 only: nothing leaves the machine."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.packages.build import build_packages
from tic_desktop.packages.credentials import unlock
from tic_desktop.packages.opening import open_package
from tic_desktop.paths import demo_round_file
from tic_desktop.returns.making import chair_copy, make_return
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.review import review_round
from tic_desktop.storage import open_database

BUREAU_PASSPHRASE = "meeting network bureau passphrase"
MEMBERS = ["E01", "E02", "E03", "E04"]  # E01 chairs P1
LOOPBACK = "127.0.0.1"


@functools.cache
def judged_checks(application_id: str) -> tuple[str, ...]:
    from tic_desktop.domain.loading import load_round
    from tic_desktop.rules.eligibility import evaluate

    application = load_round(demo_round_file()).applications.get(application_id)
    if application is None:
        return ()
    return tuple(c.id for c in evaluate(application).checks if c.result.value == "review")


def score_sheet(manifest, expert_id: str, offset: int = 0) -> ScoreSheet:
    """A valid sheet from the package's rubric (``offset`` varies the scores between revisions)."""
    rubric = manifest.rubric
    step = Decimal(rubric.step)
    scores = []
    for index, entry in enumerate(a for a in manifest.applications if expert_id not in a.recused):
        criteria = {}
        for c_index, criterion in enumerate(rubric.criteria):
            value = Decimal(criterion.max) - step * ((offset + index + c_index) % 5)
            criteria[criterion.id] = format(value.normalize(), "f")
        scores.append(
            {
                "application": entry.id,
                "criteria": criteria,
                "reasons": {c: f"{c} 的评分理由（{expert_id}）" for c in criteria},
                "judgements": {
                    check: {"agrees": True, "reason": ""} for check in judged_checks(entry.id)
                },
                "opinion": f"{entry.id} 基础扎实（{expert_id}）。",
                "recommend": True,
            }
        )
    return ScoreSheet.from_json(
        {"expert": expert_id, "coi": {"certified": True, "declared": []}, "scores": scores}
    )


@pytest.fixture(scope="session")
def meeting(tmp_path_factory):
    base = tmp_path_factory.mktemp("meeting")
    workspace = init_workspace(base / "bureau", passphrase=BUREAU_PASSPHRASE)
    keys = workspace.keys(BUREAU_PASSPHRASE)
    review = review_round(demo_round_file())
    built, issued = build_packages(review, workspace, keys, base / "packages", ["P1"])
    package = open_package(built[0].file, {workspace.fingerprint})
    try:
        sealed = [package.sealed_credential(m) for m in MEMBERS]
    finally:
        package.close()
    with ProcessPoolExecutor(max_workers=2) as pool:
        unlocked = dict(
            zip(MEMBERS, pool.map(unlock, sealed, [issued[m].passphrase for m in MEMBERS]))
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


class ReturnMaker:
    """Signs returns as one expert would: each call is the next revision (own database)."""

    def __init__(self, meeting, expert: str, folder: Path) -> None:
        self.meeting, self.expert, self.folder = meeting, expert, folder
        self.db = open_database(folder / f"{expert}.sqlite3")
        self.package = open_package(meeting.package_file, {meeting.workspace.fingerprint})
        self.count = 0

    def next(self) -> SimpleNamespace:
        self.count += 1
        out = self.folder / self.expert / f"r{self.count}" / f"{self.expert}.ticreturn"
        made = make_return(
            self.package,
            self.meeting.credentials[self.expert],
            score_sheet(self.package.manifest, self.expert, self.count),
            out,
            self.db,
        )
        copy = out.with_suffix(".chaircopy")
        copy.write_bytes(chair_copy(self.package, made.token))
        return SimpleNamespace(
            file=out,
            data=out.read_bytes(),
            revision=made.revision,
            sha256=made.file_sha256,
            copy=copy,
        )

    def close(self) -> None:
        self.package.close()
        self.db.close()


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
