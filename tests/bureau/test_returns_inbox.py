"""The returns inbox without Qt: kept between sessions, incremental, every member's state, the
bureau's choice among conflicting returns with who made it and when."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import stat
from unittest import mock

import pytest
from inbox_returns import ROUND_ID, make_bureau, total
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tic_desktop.returns import inbox as inbox_module
from tic_desktop.returns.inbox import ReturnsInbox
from tic_desktop.returns.inbox_records import InboxError, MemberState
from tic_desktop.storage import open_database
from tic_desktop.storage.inbox_tables import InboxChoice, InboxReturn

T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    return make_bureau(tmp_path_factory.mktemp("inbox"))


@pytest.fixture
def database(tmp_path):
    with open_database(tmp_path / "bureau.sqlite3") as db:
        yield db


@pytest.fixture
def counting(monkeypatch):
    """Counts the files the inbox verifies (decrypts and checks)."""
    calls: list[str] = []
    original = inbox_module.verify_return_bytes

    def counted(file, *args, **kwargs):
        calls.append(file.name)
        return original(file, *args, **kwargs)

    monkeypatch.setattr(inbox_module, "verify_return_bytes", counted)
    return calls


def _statuses(snapshot) -> dict[str, str]:
    return {e.original_name: str(e.item.status) for e in snapshot.entries}


def _final(snapshot, application: str):
    return next(r for r in snapshot.results if r.application_id == application).final


def test_the_inbox_is_kept_between_sessions(bureau, database, tmp_path, counting):
    usb = tmp_path / "usb"
    bureau.make_return(usb / "张某.ticreturn", "E101", "7")
    bureau.make_return(usb / "E102.ticreturn", "E102", "8")
    bureau.make_return(usb / "sub" / "E103.ticreturn", "E103", "6")
    (usb / "stray.ticreturn").write_bytes(b"not a return")
    first = ReturnsInbox(database, bureau.workspace, bureau.review)
    added = first.add_files([usb], bureau.keys)
    assert _statuses(added) == {
        "张某.ticreturn": "accepted",
        "E102.ticreturn": "accepted",
        "E103.ticreturn": "accepted",
        "stray.ticreturn": "rejected",
    }
    assert added.report.new == 4 and added.report.already == 0
    assert _final(added, "A1-1") == (total("7") + total("8") + total("6")) / 3
    # The copies are in the workspace, named by their SHA-256, readable by the owner only.
    for entry in added.entries:
        source = next(usb.rglob(entry.original_name))
        assert entry.copy == (
            bureau.workspace.folder / "returns" / ROUND_ID / f"{entry.file_sha256}.ticreturn"
        )
        assert entry.copy.read_bytes() == source.read_bytes()
        assert hashlib.sha256(source.read_bytes()).hexdigest() == entry.file_sha256
        if os.name == "posix":
            assert stat.S_IMODE(entry.copy.stat().st_mode) == 0o600
    # What is stored: one row per file with its original name and status.
    with database.session() as session:
        rows = {r.original_name: r for r in session.scalars(select(InboxReturn))}
    assert {n: r.status for n, r in rows.items()} == _statuses(added)
    assert rows["stray.ticreturn"].reason == "cannot_decrypt"
    assert rows["张某.ticreturn"].token is not None and rows["stray.ticreturn"].token is None

    # A second session: same database and workspace, nothing given again, nothing decrypted.
    calls_before = len(counting)
    for file in usb.rglob("*"):
        if file.is_file():
            file.unlink()
    again = ReturnsInbox(database, bureau.workspace, bureau.review).load()
    assert len(counting) == calls_before
    assert _statuses(again) == _statuses(added)
    assert [(r.application_id, r.final, r.rank, r.excluded) for r in again.results] == [
        (r.application_id, r.final, r.rank, r.excluded) for r in added.results
    ]
    assert {e.original_name: e.received_at for e in again.entries} == {
        e.original_name: e.received_at for e in added.entries
    }
    assert again.missing_copies == ()


def test_adding_verifies_only_new_files(bureau, database, tmp_path, counting):
    usb = tmp_path / "usb"
    files = [bureau.make_return(usb / f"{e}.ticreturn", e) for e in ("E101", "E102", "E103")]
    inbox = ReturnsInbox(database, bureau.workspace, bureau.review)
    inbox.add_files(files, bureau.keys)
    assert sorted(counting) == ["E101.ticreturn", "E102.ticreturn", "E103.ticreturn"]
    late = bureau.make_return(tmp_path / "late" / "E104.ticreturn", "E104", "9")
    renamed = tmp_path / "E101 - 副本.ticreturn"  # the same bytes under another name
    renamed.write_bytes(files[0].read_bytes())
    counting.clear()
    snapshot = inbox.add_files([*files, renamed, late], bureau.keys)
    assert counting == ["E104.ticreturn"]
    assert (snapshot.report.new, snapshot.report.already, snapshot.report.given) == (1, 4, 5)
    assert len(snapshot.entries) == 4
    # The same in a new session: what the database holds is not verified again either.
    counting.clear()
    reopened = ReturnsInbox(database, bureau.workspace, bureau.review)
    reopened.load()
    snapshot = reopened.add_files([usb, late], bureau.keys)
    assert counting == [] and snapshot.report.already == 4


def test_every_member_of_every_panel_has_a_state(bureau, database, tmp_path):
    usb = tmp_path / "usb"
    bureau.make_return(usb / "E101.ticreturn", "E101")
    bureau.make_return(usb / "E102-bad.ticreturn", "E102", "11")  # above the maximum: refused
    bureau.make_return(usb / "E103-a.ticreturn", "E103", "6", revision=2, signed_at=T0)
    bureau.make_return(
        usb / "E103-b.ticreturn", "E103", "8", revision=1, signed_at=T0 + dt.timedelta(hours=1)
    )
    bureau.make_return(usb / "E201.ticreturn", "E201")
    snapshot = ReturnsInbox(database, bureau.workspace, bureau.review).add_files([usb], bureau.keys)
    states = {(m.panel, m.expert): m.state for m in snapshot.members}
    assert len(states) == sum(len(p.members) for p in bureau.review.round.panels)
    assert states == {
        ("P1", "E101"): MemberState.RECEIVED,
        ("P1", "E102"): MemberState.REJECTED,
        ("P1", "E103"): MemberState.CONFLICT,
        ("P1", "E104"): MemberState.NOT_RETURNED,
        ("P2", "E201"): MemberState.RECEIVED,
        ("P2", "E202"): MemberState.NOT_RETURNED,
        ("P2", "E203"): MemberState.NOT_RETURNED,
        ("P2", "E204"): MemberState.NOT_RETURNED,
    }
    rejected = next(m for m in snapshot.members if m.expert == "E102")
    assert [e.item.reason for e in rejected.entries] == ["rule_violation"]
    assert next(m for m in snapshot.members if m.expert == "E101").name == "专家E101"
    # Kept: the rejected return's claimed panel too.
    again = ReturnsInbox(database, bureau.workspace, bureau.review).load()
    assert {(m.panel, m.expert): m.state for m in again.members} == states


def test_a_conflict_counts_for_nothing_until_the_bureau_chooses(bureau, database, tmp_path):
    usb = tmp_path / "usb"
    for expert, points in (("E101", "7"), ("E102", "8")):
        bureau.make_return(usb / f"{expert}.ticreturn", expert, points)
    # A correction made on a second machine: a higher revision signed earlier.
    later = bureau.make_return(
        usb / "E103-rev1.ticreturn", "E103", "9", revision=1, signed_at=T0 + dt.timedelta(hours=2)
    )
    earlier = bureau.make_return(usb / "E103-rev2.ticreturn", "E103", "5", revision=2, signed_at=T0)
    inbox = ReturnsInbox(database, bureau.workspace, bureau.review)
    snapshot = inbox.add_files([usb], bureau.keys)
    assert _statuses(snapshot)["E103-rev1.ticreturn"] == "conflict"
    assert _statuses(snapshot)["E103-rev2.ticreturn"] == "conflict"
    assert ("E103", "conflict") in next(
        r for r in snapshot.results if r.application_id == "A1-1"
    ).excluded
    assert set(snapshot.conflicts()) == {("P1", "E103")}
    with pytest.raises(InboxError):
        inbox.choose(hashlib.sha256(later.read_bytes()).hexdigest(), "   ")
    chosen_sha = hashlib.sha256(later.read_bytes()).hexdigest()
    at = dt.datetime(2026, 12, 2, 15, 30, tzinfo=dt.UTC)
    snapshot = inbox.choose(chosen_sha, "王科员", os_user="clerk", at=at)
    assert _statuses(snapshot)["E103-rev1.ticreturn"] == "accepted"
    assert _statuses(snapshot)["E103-rev2.ticreturn"] == "superseded"
    assert _final(snapshot, "A1-1") == (total("7") + total("8") + total("9")) / 3
    member = next(m for m in snapshot.members if m.expert == "E103")
    assert member.state == MemberState.RECEIVED
    assert (member.choice.chosen_by, member.choice.os_user, member.choice.chosen_at) == (
        "王科员",
        "clerk",
        at,
    )
    # Stored, and it stays on record: a later choice is a new row, the first cannot be altered.
    with database.session() as session:
        rows = session.scalars(select(InboxChoice)).all()
        assert [
            (r.expert_id, r.file_sha256, r.chosen_by, r.os_user, r.chosen_at) for r in rows
        ] == [("E103", chosen_sha, "王科员", "clerk", at)]
        statuses = dict(
            session.execute(select(InboxReturn.original_name, InboxReturn.status)).all()
        )
    assert statuses["E103-rev1.ticreturn"] == "accepted"
    with pytest.raises(IntegrityError), database.session() as session:
        session.execute(text("UPDATE inbox_choice SET chosen_by = 'someone else'"))
    other = hashlib.sha256(earlier.read_bytes()).hexdigest()
    changed = inbox.choose(other, "李科长", os_user="chief")
    assert _statuses(changed)["E103-rev2.ticreturn"] == "accepted"
    assert [c.chosen_by for c in changed.choices] == ["王科员", "李科长"]
    reopened = ReturnsInbox(database, bureau.workspace, bureau.review).load()
    assert _statuses(reopened) == _statuses(changed)
    assert _final(reopened, "A1-1") == (total("7") + total("8") + total("5")) / 3


def test_nothing_to_choose_where_there_is_no_conflict(bureau, database, tmp_path):
    file = bureau.make_return(tmp_path / "E101.ticreturn", "E101")
    inbox = ReturnsInbox(database, bureau.workspace, bureau.review)
    inbox.add_files([file], bureau.keys)
    with pytest.raises(InboxError) as refused:
        inbox.choose(hashlib.sha256(file.read_bytes()).hexdigest(), "王科员")
    assert "没有冲突" in refused.value.message_zh
    with database.session() as session:
        assert session.scalars(select(InboxChoice)).all() == []


def test_statuses_depend_on_the_set_not_on_the_order_of_arrival(bureau, tmp_path):
    usb = tmp_path / "usb"
    files = [
        bureau.make_return(usb / "E101-v1.ticreturn", "E101", "6", revision=1, signed_at=T0),
        bureau.make_return(
            usb / "E101-v2.ticreturn", "E101", "7", revision=2, signed_at=T0 + dt.timedelta(1)
        ),
        bureau.make_return(usb / "E102.ticreturn", "E102"),
    ]
    # the same signed return exported twice: other bytes (a new encryption), the same document
    files.append(bureau.reseal(files[2], usb / "E102 - 副本.ticreturn"))
    seen = []
    for position, order in enumerate(([0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2])):
        with open_database(tmp_path / f"order{position}.sqlite3") as db:
            inbox = ReturnsInbox(db, bureau.workspace, bureau.review)
            for index in order:  # one file at a time
                snapshot = inbox.add_files([files[index]], bureau.keys)
            seen.append(_statuses(snapshot))
    assert seen[0] == seen[1] == seen[2]
    assert seen[0] == {
        "E101-v1.ticreturn": "superseded",
        "E101-v2.ticreturn": "accepted",
        "E102 - 副本.ticreturn": "accepted",  # the first by name stands for the document
        "E102.ticreturn": "duplicate",
    }


def test_unreadable_files_are_reported_not_kept(bureau, database, tmp_path):
    empty = tmp_path / "empty.ticreturn"
    empty.write_bytes(b"")
    inbox = ReturnsInbox(database, bureau.workspace, bureau.review)
    snapshot = inbox.add_files([empty, tmp_path / "gone.ticreturn"], bureau.keys)
    assert snapshot.report.unreadable == ("empty.ticreturn",)
    assert snapshot.entries == ()


def test_cancelling_keeps_what_was_verified(bureau, database, tmp_path):
    files = [bureau.make_return(tmp_path / f"{e}.ticreturn", e) for e in ("E101", "E102", "E103")]
    seen: list[tuple[int, int]] = []
    snapshot = ReturnsInbox(database, bureau.workspace, bureau.review).add_files(
        files,
        bureau.keys,
        progress=lambda step: seen.append((step.done, step.total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert seen == [(1, 3), (2, 3)]
    assert snapshot.report.cancelled and snapshot.report.new == 2
    again = ReturnsInbox(database, bureau.workspace, bureau.review).load()
    assert len(again.entries) == 2


def test_a_changed_round_file_has_stored_returns_checked_again(bureau, database, tmp_path):
    file = bureau.make_return(tmp_path / "E101.ticreturn", "E101")
    ReturnsInbox(database, bureau.workspace, bureau.review).add_files([file], bureau.keys)
    edited = dataclasses.replace(bureau.review, file_sha256="0" * 64)  # the round file changed
    counting = []
    original = inbox_module.verify_return_bytes
    with mock.patch.object(
        inbox_module,
        "verify_return_bytes",
        lambda *a, **k: counting.append(1) or original(*a, **k),
    ):
        without_keys = ReturnsInbox(database, bureau.workspace, edited).load()
        assert counting == []
        with_keys = ReturnsInbox(database, bureau.workspace, edited).load(bureau.keys)
    assert counting == [1]
    assert _statuses(with_keys) == _statuses(without_keys) == {"E101.ticreturn": "accepted"}
    with database.session() as session:
        assert session.scalars(select(InboxReturn.round_sha256)).all() == ["0" * 64]


def test_worker_processes_find_what_one_process_finds(bureau, tmp_path, counting):
    usb = tmp_path / "usb"
    for number, expert in enumerate(("E101", "E102", "E104", "E201", "E202", "E203", "E204")):
        bureau.make_return(usb / f"{expert}.ticreturn", expert, str(4 + number % 5))
    bureau.make_return(usb / "E102-bad.ticreturn", "E102", "10.25")  # off the step
    bureau.make_return(usb / "E103-a.ticreturn", "E103", "6", revision=2, signed_at=T0)
    bureau.make_return(
        usb / "E103-b.ticreturn", "E103", "8", revision=1, signed_at=T0 + dt.timedelta(hours=1)
    )
    (usb / "junk.ticreturn").write_bytes(b"junk")
    seen = {}
    for workers in (0, 2):
        with open_database(tmp_path / f"w{workers}.sqlite3") as db:
            inbox = ReturnsInbox(db, bureau.workspace, bureau.review)
            inbox.workers = workers
            snapshot = inbox.add_files([usb], bureau.keys)
            reopened = ReturnsInbox(db, bureau.workspace, bureau.review).load()
        seen[workers] = (
            {
                e.original_name: (str(e.item.status), e.item.reason, e.panel)
                for e in snapshot.entries
            },
            [(r.application_id, r.final, r.rank, r.excluded) for r in snapshot.results],
            {(m.panel, m.expert): m.state for m in snapshot.members},
        )
        assert _statuses(reopened) == _statuses(snapshot)
        assert inbox.verified_count == 11
    assert seen[0] == seen[2]
    assert seen[2][0]["E102-bad.ticreturn"] == ("rejected", "rule_violation", "P1")
    assert seen[2][2][("P1", "E103")] == MemberState.CONFLICT
    assert counting.count("junk.ticreturn") == 1  # (the worker processes' calls are not seen here)


def test_two_inboxes_on_one_database_agree(bureau, database, tmp_path, counting):
    """E.g. the meeting-room collector and the returns window: the database is the inbox."""
    first = bureau.make_return(tmp_path / "E101.ticreturn", "E101", "7")
    second = bureau.make_return(tmp_path / "E102.ticreturn", "E102", "8")
    collector = ReturnsInbox(database, bureau.workspace, bureau.review)
    window = ReturnsInbox(database, bureau.workspace, bureau.review)
    collector.load()
    window.load()
    collector.add_files([first], bureau.keys)
    assert window.has_news() and not collector.has_news()
    counting.clear()
    snapshot = window.add_files([first, second], bureau.keys)  # the first is not verified again
    assert counting == ["E102.ticreturn"] and snapshot.report.already == 1
    assert _statuses(snapshot) == {"E101.ticreturn": "accepted", "E102.ticreturn": "accepted"}
    assert collector.has_news()
    assert _statuses(collector.refresh()) == _statuses(snapshot)
    assert not collector.has_news() and not window.has_news()
    with database.session() as session:
        assert len(session.scalars(select(InboxReturn)).all()) == 2


def test_worker_processes_take_in_only_new_files_and_restore_lost_copies(
    bureau, database, tmp_path
):
    usb = tmp_path / "usb"
    files = [bureau.make_return(usb / f"{e}.ticreturn", e) for e in ("E101", "E102", "E201")]
    inbox = ReturnsInbox(database, bureau.workspace, bureau.review)
    inbox.workers = 2
    first = inbox.add_files(files, bureau.keys)
    assert (first.report.new, first.report.already, inbox.verified_count) == (3, 0, 3)
    lost = first.entry(hashlib.sha256(files[0].read_bytes()).hexdigest()).copy
    lost.unlink()
    reopened = ReturnsInbox(database, bureau.workspace, bureau.review)
    reopened.workers = 2
    assert len(reopened.load().missing_copies) == 1
    late = bureau.make_return(tmp_path / "E202.ticreturn", "E202")
    again = reopened.add_files([usb, late, late], bureau.keys)
    assert (again.report.new, again.report.already, reopened.verified_count) == (1, 3, 1)
    assert lost.read_bytes() == files[0].read_bytes() and again.missing_copies == ()
