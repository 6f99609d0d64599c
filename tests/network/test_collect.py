"""A certified expert sends returns to a real collector on loopback: stored once, verified,
receipted; duplicates, other experts' files, and the chair-copy relay."""

from __future__ import annotations

import pytest

from tic_desktop.network.client import Refused
from tic_desktop.network.receipts import receipt_number


def test_certified_expert_delivers_and_gets_a_signed_receipt(
    collector, client_for, returns, workspace_copy, meeting
):
    events = []
    collection = collector(events=events)
    client = client_for(collection, "E02")
    hello = client.hello()
    assert hello.expert == "E02" and hello.panel == "P1" and hello.round_id == meeting.round.id
    made = returns("E02")
    receipt = client.send_return(made.data, made.file.name)
    assert receipt.status == "stored" and receipt.revision == 1 and receipt.expert == "E02"
    assert receipt.number == receipt_number(made.sha256)
    stored = workspace_copy.folder / "returns" / meeting.round.id / f"{made.sha256}.ticreturn"
    assert stored.read_bytes() == made.data
    assert (stored.stat().st_mode & 0o777) == 0o600
    snapshot = collection.snapshot()
    member = snapshot.member("E02")
    assert member.state == "signed" and member.revision == 1
    assert [e.kind for e in events if e.kind != "arriving"] == ["started", "stored"]


def test_the_same_file_again_is_stored_once_and_reported_as_duplicate(
    collector, client_for, returns, workspace_copy, meeting
):
    collection = collector()
    client = client_for(collection, "E02")
    made = returns("E02")
    first = client.send_return(made.data)
    again = client.send_return(made.data)
    assert (first.status, again.status) == ("stored", "duplicate")
    assert first.number == again.number
    folder = workspace_copy.folder / "returns" / meeting.round.id
    assert len(list(folder.glob("*.ticreturn"))) == 1
    assert len(collection.server.store.returns()) == 1


def test_revisions_supersede_and_the_board_follows(collector, client_for, returns):
    collection = collector()
    client = client_for(collection, "E03")
    for _ in range(3):
        made = returns("E03")
        assert client.send_return(made.data).status == "stored"
    member = collection.snapshot().member("E03")
    assert member.state == "signed" and member.revision == 3
    statuses = sorted(str(i.status) for i in collection.server.store.returns())
    assert statuses == ["accepted", "superseded", "superseded"]


def test_an_expert_cannot_send_another_experts_return(collector, client_for, returns):
    collection = collector()
    made = returns("E03")
    with pytest.raises(Refused) as refused:
        client_for(collection, "E02").send_return(made.data)
    assert refused.value.code == "not_sender"
    assert collection.server.store.returns() == []


def test_garbage_is_refused_by_the_bureaus_verifier_and_not_stored(
    collector, client_for, workspace_copy, meeting
):
    collection = collector()
    with pytest.raises(Refused) as refused:
        client_for(collection, "E02").send_return(b"not a return at all")
    assert refused.value.status == 422 and refused.value.code == "cannot_decrypt"
    assert not list((workspace_copy.folder / "returns" / meeting.round.id).glob("*.ticreturn"))


def test_chair_copies_are_relayed_to_the_chair_only(collector, client_for, returns):
    collection = collector()
    member = client_for(collection, "E02")
    made = returns("E02")
    member.send_return(made.data)
    member.send_chair_copy(made.sha256, made.copy.read_bytes())
    with pytest.raises(Refused):
        member.chair_copies()  # E02 chairs nothing
    chair = client_for(collection, "E01")
    listed = chair.chair_copies()
    assert [(c["member"], c["revision"]) for c in listed] == [("E02", 1)]
    assert chair.fetch_chair_copy(made.sha256) == made.copy.read_bytes()
    with pytest.raises(Refused):  # a copy for a return never delivered
        member.send_chair_copy("0" * 64, b"x")


def test_the_persistent_inbox_can_be_the_store(
    meeting, workspace_copy, client_for, returns, tmp_path
):
    """With the bureau's returns inbox (issue #14) behind the collector, network returns are in
    the returns window's database like returns from USB sticks."""
    from tic_desktop.network.server import start_collection
    from tic_desktop.network.store import InboxStore
    from tic_desktop.returns.inbox import ReturnsInbox
    from tic_desktop.storage import open_database

    with open_database(tmp_path / "bureau.sqlite3") as database:
        store = InboxStore(ReturnsInbox(database, workspace_copy, meeting.review), meeting.keys)
        collection = start_collection(
            workspace_copy, meeting.keys, meeting.round, "127.0.0.1", 0, store=store, announce=False
        )
        try:
            client = client_for(collection, "E02")
            made = returns("E02")
            assert client.send_return(made.data, "E02.ticreturn").status == "stored"
            assert client.send_return(made.data).status == "duplicate"
            with pytest.raises(Refused):
                client.send_return(returns("E03").data)  # not E02's
            with pytest.raises(Refused):
                client.send_return(b"garbage")
            assert collection.snapshot().member("E02").revision == 1
        finally:
            collection.stop()
        reopened = ReturnsInbox(database, workspace_copy, meeting.review).load()
        assert [(e.original_name, e.item.status) for e in reopened.entries] == [
            ("E02.ticreturn", "accepted")
        ]
        assert reopened.entries[0].copy.read_bytes() == made.data


def test_one_expert_signing_on_two_machines_shows_as_conflict(
    collector, client_for, meeting, tmp_path
):
    """Revision 1 from two laptops of the same expert: neither supersedes the other."""
    from meeting_helpers import ReturnMaker

    collection = collector()
    client = client_for(collection, "E04")
    makers = [ReturnMaker(meeting, "E04", tmp_path / machine) for machine in ("a", "b")]
    try:
        for maker in makers:
            assert client.send_return(maker.next().data).status == "stored"
    finally:
        for maker in makers:
            maker.close()
    member = collection.snapshot().member("E04")
    assert member.state == "conflict" and member.revision is None
    assert collection.snapshot().panels[0].conflicts == 1
