"""发送到会场: the expert's app sends signed returns to the meeting's collector (issue #16).

A small widget in the expert window's status bar. Nothing touches the network until the expert
clicks 发送到会场…: then the app looks for the collector of its round (mDNS) or takes a typed
address, connects with the package's credential (mutual TLS), and sends every signed revision
not yet receipted; from then on each new revision is sent as soon as it is signed. "已送达" is
shown only with the collector's signed receipt verified. A failed transfer leaves the file where
signing wrote it and in the outbox, and is retried every few seconds while the window is open.
The panel chair's app also fetches the members' chair copies the collector keeps for her.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.errors import TicError
from tic_desktop.events import Event
from tic_desktop.gui.tasks import run_task
from tic_desktop.network.protocol import DEFAULT_PORT

DISCOVERY_INTERFACES: list[str] | None = None
"""Where to look for collectors (None: every interface). Tests keep it on loopback."""
RETRY_MS = 15_000
CHAIR_POLL_MS = 10_000


class FindCollectorDialog(QDialog):
    """Collectors of this round found on the network, or an address typed by the expert."""

    chosen = Signal(str, int)

    def __init__(self, round_id: str, bureau_fingerprint: str, bus: Any, bridge: Any, parent=None):
        super().__init__(parent)
        from tic_desktop.network.discovery import Browser

        self.setWindowTitle(self.tr("Send to the meeting"))
        self.found = QListWidget()
        self.found.setAccessibleName(self.tr("Collectors found"))
        self.found.itemActivated.connect(self._accept_item)
        self.address = QLineEdit()
        self.address.setPlaceholderText(
            self.tr("e.g. 192.168.1.5:%1").replace("%1", str(DEFAULT_PORT))
        )
        self.address.setAccessibleName(self.tr("Address of the collector"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b02a37")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Looking for the meeting's collector on this network…")))
        layout.addWidget(self.found)
        layout.addWidget(QLabel(self.tr("Or type the address the clerk shows:")))
        layout.addWidget(self.address)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        bridge.network.connect(self._found)
        self._bridge = bridge
        self.browser = Browser(
            round_id,
            bureau_fingerprint,
            lambda found: bus.publish(Event.NETWORK, found),
            DISCOVERY_INTERFACES,
        )
        try:
            self.browser.start()
        except OSError as error:  # no network at all: typing an address is left
            self.problem.setText(
                self.tr("Cannot look on the network: %1").replace("%1", str(error))
            )

    def _found(self, found: object) -> None:
        from tic_desktop.network.discovery import FoundCollector

        if not isinstance(found, FoundCollector):
            return
        for row in range(self.found.count()):
            if self.found.item(row).data(Qt.ItemDataRole.UserRole) == found.address:
                return
        item = QListWidgetItem(
            self.tr("Collector of %1 at %2")
            .replace("%1", found.round_id)
            .replace("%2", found.address)
        )
        item.setData(Qt.ItemDataRole.UserRole, found.address)
        self.found.addItem(item)
        if self.found.count() == 1:
            self.found.setCurrentRow(0)

    def _accept_item(self, item: QListWidgetItem) -> None:
        self._choose(item.data(Qt.ItemDataRole.UserRole))

    def _accept(self) -> None:
        text = self.address.text().strip()
        if not text and self.found.currentItem() is not None:
            text = self.found.currentItem().data(Qt.ItemDataRole.UserRole)
        self._choose(text)

    def _choose(self, text: str) -> None:
        from tic_desktop.network.discovery import parse_address

        parsed = parse_address(text or "", DEFAULT_PORT)
        if parsed is None:
            self.problem.setText(
                self.tr("Type an address like 192.168.1.5:%1").replace("%1", str(DEFAULT_PORT))
            )
            return
        self.chosen.emit(*parsed)
        self.accept()

    def done(self, result: int) -> None:
        self.browser.close()
        if self._bridge is not None:
            self._bridge.network.disconnect(self._found)
            self._bridge = None
        super().done(result)


class SendToMeeting(QWidget):
    """The status-bar widget: a button and what happened to the latest revision."""

    connected = Signal(str)
    """Talking to a collector (host:port)."""
    delivered = Signal(object)
    """A verified receipt (tic_desktop.network.receipts.Receipt)."""
    not_delivered = Signal(str)
    """A transfer failed or was refused (the text shown)."""
    copies_fetched = Signal(list)
    """The chair's app fetched members' chair copies (their paths)."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.expert_window = window
        self.client: Any = None
        self.outbox: Any = None
        self.dialog: FindCollectorDialog | None = None
        self._busy = False
        self.button = QPushButton(self.tr("Send to the meeting…"))
        self.button.setEnabled(False)
        self.button.clicked.connect(lambda: self.send())
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.RichText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.button)
        self.retry = QTimer(self, interval=RETRY_MS)
        self.retry.timeout.connect(lambda: self.deliver())
        self.chair_poll = QTimer(self, interval=CHAIR_POLL_MS)
        self.chair_poll.timeout.connect(lambda: self.fetch_copies())

    @classmethod
    def attach(cls, window: Any) -> SendToMeeting:
        """Put the widget into ``window``'s status bar and follow its sign-in and signing."""
        widget = cls(window)
        window.statusBar().addPermanentWidget(widget)
        window.signed_in.connect(lambda _expert: widget.package_opened())
        window.exported.connect(widget.signed)
        return widget

    # --- the package and its outbox -------------------------------------------------------
    def package_opened(self) -> None:
        from tic_desktop.network.outbox import MeetingOutbox

        desk = self.expert_window.desk
        self.disconnect_collector()
        folder = Path(self.expert_window.db.path).parent / "meeting" / desk.package_sha256
        self.outbox = MeetingOutbox(
            folder, desk.credential, chair=desk.expert_id == desk.manifest.chair
        )
        self.button.setEnabled(True)
        latest = self.outbox.latest()
        if latest is not None and latest.delivered:
            self._show_receipt(latest.receipt)
        else:
            self.state.clear()

    def signed(self, result: Any) -> None:
        """A revision was signed and written: keep it in the outbox; send it if connected."""
        from tic_desktop.returns.making import chair_copy_path

        if self.outbox is None:
            return
        made = result.made
        copy = chair_copy_path(made.file)
        self.outbox.add(made.file, made.revision, copy if copy.is_file() else None)
        if self.client is not None:
            self.deliver()
        else:
            self._say(
                self.tr("Revision %1 signed; not yet sent to the meeting.").replace(
                    "%1", str(made.revision)
                ),
                "info",
            )

    # --- connecting -----------------------------------------------------------------------
    def send(self) -> None:
        """发送到会场…: connected already, send; otherwise find the collector first."""
        if self.outbox is None:
            return
        if self.client is not None:
            self.deliver()
            return
        desk = self.expert_window.desk
        self.dialog = FindCollectorDialog(
            desk.round_id,
            desk.manifest.bureau.fingerprint,
            self.expert_window.bus,
            self.expert_window.bridge,
            self.expert_window,
        )
        self.dialog.chosen.connect(self.connect_to)
        self.dialog.finished.connect(self._dialog_finished)
        self.dialog.open()

    def _dialog_finished(self) -> None:
        self.dialog = None

    def connect_to(self, host: str, port: int) -> None:
        from tic_desktop.network.client import CollectorClient

        desk = self.expert_window.desk
        self._say(
            self.tr("Connecting to %1:%2…").replace("%1", host).replace("%2", str(port)), "info"
        )
        credential = desk.credential

        def work():
            client = CollectorClient(credential, host, port)
            return client, client.hello()

        def done(result) -> None:
            client, hello = result
            self.client = client
            self.connected.emit(f"{host}:{port}")
            self.retry.start()
            if hello.chair_of:
                self.chair_poll.start()
                self.fetch_copies()
            self.deliver()

        run_task(work, done, self._failed)

    def disconnect_collector(self) -> None:
        self.client = None
        self.retry.stop()
        self.chair_poll.stop()

    # --- delivering -----------------------------------------------------------------------
    def deliver(self) -> None:
        if self.client is None or self.outbox is None or self._busy:
            return
        pending = self.outbox.pending()
        if not pending:
            return
        self._busy = True
        revision = pending[-1].revision
        self._say(self.tr("Sending revision %1…").replace("%1", str(revision)), "info")
        outbox, client = self.outbox, self.client

        def done(deliveries) -> None:
            self._busy = False
            latest = outbox.latest()
            if latest is not None and latest.refused:
                self._say(
                    self.tr("The meeting refused revision %1: %2")
                    .replace("%1", str(latest.revision))
                    .replace("%2", latest.refused),
                    "error",
                )
                self.not_delivered.emit(latest.refused)
            elif latest is not None and latest.delivered:
                self._show_receipt(latest.receipt)
            for delivery in deliveries:
                self.delivered.emit(delivery.receipt)

        def failed(error: Exception) -> None:
            self._busy = False
            self._failed(error)

        run_task(lambda: outbox.deliver(client), done, failed)

    def _show_receipt(self, receipt) -> None:
        self._say(
            self.tr("Delivered, receipt number %1 (revision %2)")
            .replace("%1", receipt.number)
            .replace("%2", str(receipt.revision)),
            "ok",
        )

    def _failed(self, error: Exception) -> None:
        if isinstance(error, TicError):
            text = error.message(getattr(self.expert_window, "language", "zh"))
        else:
            text = str(error)
        latest = self.outbox.latest() if self.outbox is not None else None
        where = escape(latest.name) if latest is not None else ""
        self._say(
            self.tr("Not delivered: %1 The signed file is kept (%2): hand it in if need be.")
            .replace("%1", escape(text))
            .replace("%2", where),
            "error",
        )
        self.not_delivered.emit(text)

    def fetch_copies(self) -> None:
        if self.client is None or self.outbox is None or self._busy:
            return
        outbox, client = self.outbox, self.client

        def done(paths: list[Path]) -> None:
            panel = getattr(self.expert_window, "chair_panel", None)
            if paths and panel is not None:
                panel.import_copies(paths)
            if paths:
                self._say(
                    self.tr("%1 members' copies received from the meeting").replace(
                        "%1", str(len(paths))
                    ),
                    "ok",
                )
            self.copies_fetched.emit(paths)

        run_task(lambda: outbox.fetch_chair_copies(client), done, lambda error: None)

    def _say(self, text: str, kind: str) -> None:
        colour = {"ok": "#1b6e20", "error": "#b02a37"}.get(kind, "#333333")
        self.state.setText(f"<span style='color:{colour}'>{text}</span>")
        self.state.setToolTip(self.state.text())

    def close_down(self) -> None:
        self.disconnect_collector()
        if self.dialog is not None:
            self.dialog.reject()
