"""The windows of the meeting network, offscreen, with real collectors on loopback: the clerk's
collection window and its projector view, and the expert's 发送到会场 widget (found by mDNS on
loopback, receipts, later revisions, a dropped network, the chair fetching copies)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

from tic_desktop.events import EventBus
from tic_desktop.gui import send_to_meeting
from tic_desktop.gui.bridge import QtEventBridge
from tic_desktop.gui.collection_window import CollectionWindow
from tic_desktop.gui.send_to_meeting import SendToMeeting
from tic_desktop.network.client import CollectorClient
from tic_desktop.network.discovery import Interface
from tic_desktop.packages.opening import open_package

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def loopback_discovery(monkeypatch):
    monkeypatch.setattr(send_to_meeting, "DISCOVERY_INTERFACES", ["127.0.0.1"])


@pytest.fixture
def database(tmp_path):
    from tic_desktop.storage import open_database

    with open_database(tmp_path / "bureau.sqlite3") as opened:
        yield opened


def test_collection_window_fills_the_board_and_projects_only_what_is_chosen(
    qtbot, meeting, workspace_copy, returns, database
):
    window = CollectionWindow(
        meeting.review,
        workspace_copy,
        meeting.keys,
        [Interface("lo", "127.0.0.1")],
        database=database,  # network returns go into the bureau's returns inbox
    )
    qtbot.addWidget(window)
    window.announce.setChecked(False)
    window.show()
    with qtbot.waitSignal(window.started, timeout=30_000):
        window.start("127.0.0.1", 0)
    assert "127.0.0.1" in window.status.text()
    assert window.board.members.item(0, 3).text() == "Not submitted"
    client = CollectorClient(meeting.credentials["E02"], *window.collection.address)
    made = returns("E02")
    with qtbot.waitSignal(
        window.board.shown,
        timeout=30_000,
        check_params_cb=lambda s: s.member("E02").state == "signed",
    ):
        threading.Thread(target=client.send_return, args=(made.data,), daemon=True).start()
    row = next(
        r
        for r in range(window.board.members.rowCount())
        if window.board.members.item(r, 1).text() == "E02"
    )
    assert window.board.members.item(row, 3).text() == "Signed, revision 1"
    assert "receipt" in window.log.item(0).text()
    projector = window.open_projector(full_screen=False)
    qtbot.waitExposed(projector)
    assert "1 / 7 signed" in [
        projector.panels.itemAt(i).widget().text()
        for i in range(projector.panels.count())
        if hasattr(projector.panels.itemAt(i).widget(), "text")
    ]
    assert projector.names.isHidden() and projector.ranking.isHidden()  # counts only by default
    window.show_scores.setChecked(True)
    window.show_names.setChecked(True)
    assert not projector.ranking.isHidden() and "钱秋菊" in projector.names.text()
    projector.close()
    window.close()
    assert window.collection is None  # closing the window stopped the collector
    from tic_desktop.returns.inbox import ReturnsInbox

    inbox = ReturnsInbox(database, workspace_copy, meeting.review).load()
    assert [e.item.expert for e in inbox.entries] == ["E02"]


class StubExpertWindow(QMainWindow):
    """What SendToMeeting needs of the expert window: its signals, desk, database and bus."""

    signed_in = Signal(str)
    exported = Signal(object)

    def __init__(self, meeting, expert, folder):
        super().__init__()
        self.package = open_package(meeting.package_file, {meeting.workspace.fingerprint})
        manifest = self.package.manifest
        self.desk = SimpleNamespace(
            package_sha256=meeting.package_sha256,
            credential=meeting.credentials[expert],
            expert_id=expert,
            manifest=manifest,
            round_id=manifest.round.id,
        )
        self.db = SimpleNamespace(path=folder / expert / "tic.sqlite3")
        self.bus = EventBus()
        self.bridge = QtEventBridge(self.bus, self)
        self.language = "en"
        self.imported = []
        self.chair_panel = SimpleNamespace(import_copies=self.imported.extend)

    def closeEvent(self, event):
        self.package.close()
        self.bridge.close()
        super().closeEvent(event)


def signed(made):
    return SimpleNamespace(made=SimpleNamespace(file=made.file, revision=made.revision))


def test_send_to_meeting_finds_the_collector_and_keeps_sending_revisions(
    qtbot, meeting, collector, returns, tmp_path
):
    collection = collector(announce=True)
    window = StubExpertWindow(meeting, "E02", tmp_path)
    qtbot.addWidget(window)
    widget = SendToMeeting.attach(window)
    window.signed_in.emit("E02")
    window.exported.emit(signed(returns("E02")))
    assert "not yet sent" in widget.state.text()
    widget.send()
    dialog = widget.dialog
    qtbot.waitUntil(lambda: dialog.found.count() == 1, timeout=20_000)
    with qtbot.waitSignal(widget.delivered, timeout=30_000) as first:
        dialog._accept()
    assert first.args[0].revision == 1 and first.args[0].status == "stored"
    assert f"Delivered, receipt number {first.args[0].number}" in widget.state.text()
    with qtbot.waitSignal(widget.delivered, timeout=30_000) as second:  # sent by itself
        window.exported.emit(signed(returns("E02")))
    assert second.args[0].revision == 2
    assert collection.snapshot().member("E02").revision == 2
    # the network goes: the third revision is not delivered, and nothing is lost
    collection.stop()
    third = returns("E02")
    with qtbot.waitSignal(widget.not_delivered, timeout=30_000):
        window.exported.emit(signed(third))
    assert "Not delivered" in widget.state.text() and third.file.is_file()
    assert [e.revision for e in widget.outbox.pending()] == [3]
    widget.close_down()
    window.close()


def test_the_chairs_app_fetches_members_copies(qtbot, meeting, collector, returns, tmp_path):
    collection = collector()
    member = CollectorClient(meeting.credentials["E03"], *collection.address)
    made = returns("E03")
    member.send_return(made.data)
    member.send_chair_copy(made.sha256, made.copy.read_bytes())
    window = StubExpertWindow(meeting, "E01", tmp_path)
    qtbot.addWidget(window)
    widget = SendToMeeting.attach(window)
    window.signed_in.emit("E01")
    with qtbot.waitSignal(widget.copies_fetched, timeout=30_000) as fetched:
        widget.connect_to(*collection.address)
    assert len(fetched.args[0]) == 1 and window.imported == fetched.args[0]
    assert fetched.args[0][0].read_bytes() == made.copy.read_bytes()
    widget.close_down()
    window.close()
