"""会场收集: the clerk collects returns over the meeting room's network (issue #16).

The clerk chooses one of this machine's network interfaces (never all of them), starts the
collector (its certificate is issued there and then with the bureau's CA key, unlocked for this
window), and watches the progress board fill; the projector view shows what the bureau ticks.
Closing the window, or the app, stops the collector.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.errors import TicError
from tic_desktop.events import Event, EventBus
from tic_desktop.gui.bridge import QtEventBridge
from tic_desktop.gui.progress_board import ProgressBoard, ProjectorOptions, ProjectorView
from tic_desktop.gui.tasks import in_worker_process, run_task
from tic_desktop.network.progress import ProgressSnapshot
from tic_desktop.network.protocol import DEFAULT_PORT
from tic_desktop.review import EvaluatedRound
from tic_desktop.security.fingerprints import short_fingerprint
from tic_desktop.storage import Database, open_database

if TYPE_CHECKING:
    from tic_desktop.gui.main_window import MainWindow
    from tic_desktop.network.collector_events import CollectorEvent
    from tic_desktop.network.process import CollectionProcess


class CollectionWindow(QMainWindow):
    """Start/stop the collector, see every arrival, project the board."""

    started = Signal(str)
    """The collector listens (its address, host:port)."""
    stopped = Signal()
    event_shown = Signal(object)
    """A collector event reached the window (the CollectorEvent)."""

    def __init__(
        self,
        review: EvaluatedRound,
        workspace: BureauWorkspace,
        keys: BureauKeys,
        interfaces: list | None = None,
        database: Database | None = None,
    ) -> None:
        super().__init__()
        from tic_desktop.network.discovery import local_interfaces

        self.review, self.workspace, self.keys = review, workspace, keys
        self.database = database  # the returns inbox's (issue #14): network returns go there too
        self.collection: CollectionProcess | None = None
        self.projector: ProjectorView | None = None
        self.bus = EventBus()
        self.bridge = QtEventBridge(self.bus, self)
        self.bridge.network.connect(self._event)
        # Arrivals can come many a second: the board is redrawn at most every 200 ms, with the
        # latest.
        self._pending: ProgressSnapshot | None = None
        self._redraw = QTimer(self, singleShot=True, interval=200)
        self._redraw.timeout.connect(self._show_pending)
        self.setWindowTitle(self.tr("Meeting collection — %1").replace("%1", review.round.id))
        central = QWidget()
        layout = QVBoxLayout(central)
        settings = QHBoxLayout()
        self.interface = QComboBox()
        self.interface.setAccessibleName(self.tr("Network interface"))
        for found in interfaces if interfaces is not None else local_interfaces():
            self.interface.addItem(f"{found.name} — {found.address}", found.address)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName(self.tr("Port"))
        self.announce = QCheckBox(self.tr("Announce on this network (experts find it by itself)"))
        self.announce.setChecked(True)
        self.start_button = QPushButton(self.tr("Start collecting"))
        self.start_button.clicked.connect(lambda: self.start())
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(lambda: self.stop())
        self.stop_button.setEnabled(False)
        interface_label = QLabel(self.tr("Interface:"))
        interface_label.setBuddy(self.interface)
        port_label = QLabel(self.tr("Port:"))
        port_label.setBuddy(self.port)
        for widget in (interface_label, self.interface, port_label, self.port, self.announce):
            settings.addWidget(widget)
        settings.addStretch(1)
        settings.addWidget(self.start_button)
        settings.addWidget(self.stop_button)
        layout.addLayout(settings)
        self.status = QLabel(self.tr("Not collecting. Choose the network of the meeting room."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(self.status.textInteractionFlags())
        layout.addWidget(self.status)
        self.board = ProgressBoard(review.round)
        self.log = QListWidget()
        self.log.setAccessibleName(self.tr("Arrivals"))
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.board)
        splitter.addWidget(self.log)
        splitter.setSizes([520, 140])
        layout.addWidget(splitter, 1)
        projector = QGroupBox(self.tr("Projector"))
        projector_row = QHBoxLayout(projector)
        self.show_names = QCheckBox(self.tr("Show the experts' names and states"))
        self.show_scores = QCheckBox(self.tr("Show the ranking with scores"))
        for box in (self.show_names, self.show_scores):
            box.toggled.connect(self._options_changed)
        self.project_button = QPushButton(self.tr("Projector view (full screen)"))
        self.project_button.clicked.connect(lambda: self.open_projector())
        projector_row.addWidget(QLabel(self.tr("Always shown: how many have signed per panel.")))
        projector_row.addWidget(self.show_names)
        projector_row.addWidget(self.show_scores)
        projector_row.addStretch(1)
        projector_row.addWidget(self.project_button)
        layout.addWidget(projector)
        self.setCentralWidget(central)
        self.resize(1280, 760)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_now)  # the app closing stops the collector too

    # --- the collector ---------------------------------------------------------------------
    def start(self, host: str | None = None, port: int | None = None) -> None:
        """Start the collector in a process of its own (its verifying never takes the GIL from
        this window), on ``host`` (one of this machine's addresses)."""
        from tic_desktop.network.process import CollectionProcess

        host = host or self.interface.currentData()
        if not host:
            self.status.setText(self.tr("No network interface to collect on."))
            return
        port = self.port.value() if port is None else port
        self.start_button.setEnabled(False)
        self.status.setText(self.tr("Starting…"))
        bus = self.bus
        collection = CollectionProcess(
            self.workspace.folder,
            self.keys,
            self.review.round.path,
            host,
            port,
            database_file=self.database.path if self.database is not None else None,
            announce=self.announce.isChecked(),
            on_event=lambda event: bus.publish(Event.NETWORK, event),
        )
        run_task(collection.start, self._started, self._failed)

    def _started(self, collection: CollectionProcess) -> None:
        self.collection = collection
        host, port = collection.address
        self.stop_button.setEnabled(True)
        self.interface.setEnabled(False)
        self.port.setEnabled(False)
        self.status.setText(
            self.tr(
                "Collecting on %1:%2. Experts' apps find it by themselves; otherwise they type "
                "this address. Collector certificate %3."
            )
            .replace("%1", host)
            .replace("%2", str(port))
            .replace("%3", short_fingerprint(collection.fingerprint))
        )
        self.board.show_snapshot(collection.snapshot())
        self._project(collection.snapshot())
        self.started.emit(f"{host}:{port}")

    def _failed(self, error: Exception) -> None:
        self.start_button.setEnabled(True)
        if isinstance(error, TicError):
            self.status.setText(error.message_zh if self._zh() else error.message_en)
        else:
            self.status.setText(str(error))

    def _zh(self) -> bool:
        return self.tr("Stop") != "Stop"

    def stop(self) -> None:
        collection, self.collection = self.collection, None
        if collection is None:
            return
        self.stop_button.setEnabled(False)
        self.status.setText(self.tr("Stopping…"))

        def done(_result: object) -> None:
            self._stopped()

        run_task(collection.stop, done, lambda error: self._stopped())

    def stop_now(self) -> None:
        """Stop at once (closing the window or the app)."""
        collection, self.collection = self.collection, None
        if collection is not None:
            collection.stop()
            self._stopped()

    def _stopped(self) -> None:
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.interface.setEnabled(True)
        self.port.setEnabled(True)
        self.status.setText(self.tr("Not collecting. Returns stored so far stay in the workspace."))
        self.stopped.emit()

    # --- events ---------------------------------------------------------------------------
    def _event(self, event: object) -> None:
        from tic_desktop.network.collector_events import CollectorEvent

        if not isinstance(event, CollectorEvent):
            return
        if event.snapshot is not None:
            self._pending = event.snapshot
            if not self._redraw.isActive():
                self._redraw.start()
        text = self._describe(event)
        if text:
            at = dt.datetime.now().strftime("%H:%M:%S")
            self.log.insertItem(0, f"{at}  {text}")
        self.event_shown.emit(event)

    def _show_pending(self) -> None:
        snapshot, self._pending = self._pending, None
        if snapshot is not None:
            self.board.show_snapshot(snapshot)
            self._project(snapshot)

    def _describe(self, event: CollectorEvent) -> str:
        who = event.expert or ""
        expert = self.review.round.experts.get(who)
        if expert is not None:
            who = f"{expert.name}（{who}）" if self._zh() else f"{expert.name} ({who})"
        detail = event.text_zh if self._zh() else event.text_en
        if event.kind == "stored":
            return (
                self.tr("%1: return stored (%2), receipt %3")
                .replace("%1", who)
                .replace("%2", detail)
                .replace("%3", event.receipt)
            )
        if event.kind == "duplicate":
            return (
                self.tr("%1: the same file again (duplicate), receipt %2")
                .replace("%1", who)
                .replace("%2", event.receipt)
            )
        if event.kind == "rejected":
            return self.tr("%1: return refused: %2").replace("%1", who).replace("%2", detail)
        if event.kind == "refused":
            return (
                self.tr("%1: request refused: %2").replace("%1", who or "?").replace("%2", detail)
            )
        if event.kind == "chair_copy":
            return self.tr("%1: chair copy kept for the panel chair").replace("%1", who)
        if event.kind in ("started", "stopped", "error"):
            return detail
        return ""

    # --- the projector --------------------------------------------------------------------
    def options(self) -> ProjectorOptions:
        return ProjectorOptions(self.show_names.isChecked(), self.show_scores.isChecked())

    def _options_changed(self) -> None:
        if self.projector is not None:
            self.projector.set_options(self.options())

    def open_projector(self, full_screen: bool = True) -> ProjectorView:
        if self.projector is None:
            self.projector = ProjectorView(self.review.round, self.options())
            self.projector.closed.connect(self._projector_closed)
        snapshot = self.board.snapshot
        if snapshot is not None:
            self.projector.show_snapshot(snapshot)
        if full_screen:
            self.projector.showFullScreen()
        else:
            self.projector.show()
        return self.projector

    def _projector_closed(self) -> None:
        self.projector = None

    def _project(self, snapshot: ProgressSnapshot) -> None:
        if self.projector is not None:
            self.projector.show_snapshot(snapshot)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_now()
        if self.projector is not None:
            self.projector.close()
        self.bridge.close()
        super().closeEvent(event)


# --- from the bureau's main window -------------------------------------------------------------
def _bureau_secret(folder: str, passphrase: str | None) -> str:
    return BureauWorkspace(Path(folder)).secret(passphrase)


def _main_text(text: str) -> str:
    """The main window's own translation of ``text`` (the same dialogs as its returns window)."""
    return QCoreApplication.translate("MainWindow", text)


def open_collection(main: MainWindow) -> None:
    """The bureau folder and its keys (as for the returns window), then the collection window."""
    if main.review is None:
        main.show_error(
            _main_text("No review round open"),
            _main_text("Open a review round with File → Open round."),
        )
        return
    folder = QFileDialog.getExistingDirectory(main, _main_text("Bureau workspace folder"))
    if not folder:
        return
    try:
        workspace = BureauWorkspace(Path(folder))
    except TicError as error:
        main.show_error(_main_text("Not a bureau workspace"), error.message(main.language))
        return
    passphrase = None
    if workspace.secrets_in != "keyring":
        passphrase, ok = QInputDialog.getText(
            main,
            _main_text("Bureau passphrase"),
            _main_text("Passphrase of the bureau's keys:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
    review = main.review

    if getattr(main, "_database", None) is None:  # as the returns window does: one per app
        main._database = open_database()
    database = main._database

    def done(secret: str) -> None:
        window = CollectionWindow(
            review, workspace, BureauWorkspace.keys_from_secret(secret), database=database
        )
        main.collection_window = window  # type: ignore[attr-defined]  # kept alive by its opener
        window.show()

    def failed(error: Exception) -> None:
        if isinstance(error, TicError):
            main.show_error(
                _main_text("The bureau's keys could not be opened"), error.message(main.language)
            )
        else:
            raise error

    run_task(lambda: in_worker_process(_bureau_secret, folder, passphrase), done, failed)


class _Retranslate(QObject):
    def __init__(self, action: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.action.setText(
                QCoreApplication.translate("CollectionWindow", "Collect at the &meeting…")
            )
        return False


def add_collection_action(main: MainWindow) -> QAction:
    """文件 → 会场收集…, placed after the returns window's action."""
    action = QAction(
        QCoreApplication.translate("CollectionWindow", "Collect at the &meeting…"), main
    )
    action.setObjectName("collectionAction")
    action.triggered.connect(lambda: open_collection(main))
    main.ui.fileMenu.insertAction(main.ui.registerAction, action)
    main.installEventFilter(_Retranslate(action, main))
    return action
