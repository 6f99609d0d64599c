"""The expert's workstation: open a package, certify conflicts, read, score, sign and export.

What matters to the expert (saved, signed, refused, failed) is said in a message strip inside the
window, not only in the status bar (which a laptop screen may cut off) or in a modal box.
"""

from __future__ import annotations

import atexit
import ctypes
import datetime as dt
import errno
import importlib
import io
import json
import os
import struct
import threading
import time
from html import escape
from multiprocessing import shared_memory
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidgetItem,
)

from tic_desktop.errors import TicError
from tic_desktop.events import EventBus
from tic_desktop.gui.bridge import QtEventBridge
from tic_desktop.gui.forms import form_class
from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.pdf_viewer import PdfViewer
from tic_desktop.gui.send_to_meeting import SendToMeeting
from tic_desktop.gui.settings import Preferences, Setting
from tic_desktop.gui.tasks import WorkerProcess, in_worker_process, run_task
from tic_desktop.gui.view_actions import connect_view_actions

if TYPE_CHECKING:  # imported by _load_review_machinery() below, at first need
    from tic_desktop.domain.application import Application
    from tic_desktop.domain.decimals import JsonFloat
    from tic_desktop.expert.chair import ChairDesk
    from tic_desktop.expert.desk import ExpertDesk
    from tic_desktop.expert.inspection import InspectionDesk
    from tic_desktop.gui.chair_panel import ChairPanel
    from tic_desktop.gui.expert_dialogs import SignInDialog
    from tic_desktop.gui.formal_review_panel import FormalReviewPanel, result_colour
    from tic_desktop.gui.inspection_panel import InspectionPanel
    from tic_desktop.gui.scoring_form import ScoringForm
    from tic_desktop.packages.credentials import Credential, unlock
    from tic_desktop.packages.expert_keys import KEYRING_SERVICE, keyring_entry
    from tic_desktop.packages.opening import OpenedPackage, open_package
    from tic_desktop.rules.display import shown_value
    from tic_desktop.rules.eligibility import evaluate
    from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label
    from tic_desktop.security.certificates import short_fingerprint
    from tic_desktop.storage.database import Database

_machinery_lock = threading.Lock()
_MACHINERY = (
    ("tic_desktop.domain.application", ("Application",)),
    ("tic_desktop.domain.decimals", ("JsonFloat",)),
    ("tic_desktop.expert.chair", ("ChairDesk",)),
    ("tic_desktop.expert.desk", ("ExpertDesk",)),
    ("tic_desktop.expert.inspection", ("InspectionDesk",)),
    ("tic_desktop.gui.chair_panel", ("ChairPanel",)),
    ("tic_desktop.gui.expert_dialogs", ("SignInDialog",)),
    ("tic_desktop.gui.formal_review_panel", ("FormalReviewPanel", "result_colour")),
    ("tic_desktop.gui.inspection_panel", ("InspectionPanel",)),
    ("tic_desktop.gui.scoring_form", ("ScoringForm",)),
    ("tic_desktop.packages.credentials", ("Credential", "unlock")),
    ("tic_desktop.packages.expert_keys", ("KEYRING_SERVICE", "keyring_entry")),
    ("tic_desktop.packages.opening", ("OpenedPackage", "open_package")),
    ("tic_desktop.rules.display", ("shown_value",)),
    ("tic_desktop.rules.eligibility", ("evaluate",)),
    ("tic_desktop.rules.messages", ("CHECK_TITLES", "RESULT_LABELS", "label")),
    ("tic_desktop.security.certificates", ("short_fingerprint",)),
)


def _load_review_machinery() -> None:
    """Import what reviewing needs (pydantic models, SQLAlchemy, cryptography, pyHanko…).

    Not at module import: the window appears first, and these are loaded on a background thread
    once it is on screen (or here, at the first use, whichever comes first). The names become
    this module's globals, as a module-level import would make them.
    """
    with _machinery_lock:
        if "ExpertDesk" in globals():
            return
        loaded = {
            name: getattr(importlib.import_module(module), name)
            for module, names in _MACHINERY
            for name in names
        }
        from sqlalchemy.orm import configure_mappers

        configure_mappers()  # else the first query does it, on the GUI thread
        # ExpertDesk last: its presence is what tells that everything is there.
        desk = loaded.pop("ExpertDesk")
        globals().update(loaded)
        globals()["ExpertDesk"] = desk


def preload_review_machinery() -> threading.Thread:
    """Load the machinery on a background thread (the GUI thread stays free)."""
    thread = threading.Thread(target=_load_review_machinery, name="expert-preload", daemon=True)
    thread.start()
    return thread


LAST_PACKAGE_FOLDER = Setting("files/last_package_folder", "", str)
"""File dialogs start where the last package was opened from (usually the USB stick)."""

MESSAGE_STYLES = {
    "info": "QFrame#messageFrame { background: #eef4fb; border: 1px solid #a9c4e6; }",
    "ok": "QFrame#messageFrame { background: #e8f5e9; border: 1px solid #9fcfa3; }",
    "error": "QFrame#messageFrame { background: #fdecea; border: 1px solid #e0a39a; }",
}
MESSAGE_LINES = 6
"""A longer list (e.g. what is missing before signing) is cut, with how many more."""


def _unlock_and_remember(sealed: bytes, passphrase: str, entry: str) -> tuple[str, bool]:
    """Unlock the credential in a worker process, then store it in the keyring (off the GUI thread).

    Returns the credential's JSON and whether the keyring could keep it.
    """
    from tic_desktop.security import keyring_store
    from tic_desktop.security.errors import KeyringUnavailable

    _load_review_machinery()
    credential_json = in_worker_process(_unlock_to_json, sealed, passphrase)
    try:
        keyring_store.store_secret(KEYRING_SERVICE, entry, credential_json)
    except KeyringUnavailable:
        return credential_json, False
    return credential_json, True


def _open_in_background(path: Path) -> OpenedPackage:
    """Read the package and check its signature (a worker thread: the window keeps responding)."""
    _load_review_machinery()
    return open_package(path)


def _stored_credential(entry: str) -> str | None:
    """The credential this computer remembers (the first keyring look-up costs ≈ 80 ms)."""
    from tic_desktop.packages.expert_keys import KEYRING_SERVICE
    from tic_desktop.security import keyring_store

    return keyring_store.load_secret(KEYRING_SERVICE, entry)


def _unlock_to_json(sealed: bytes, passphrase: str) -> str:
    _load_review_machinery()
    return unlock(sealed, passphrase).to_json()


class _SegmentWriter(io.RawIOBase):
    """pyrage writes the plaintext straight into the shared-memory segment the GUI created."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view, self.written = view, 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.written

    def write(self, data) -> int:
        size = len(data)
        end = self.written + size
        if end > len(self._view):
            raise OSError("more plaintext than the manifest announced")
        self._view[self.written : end] = data
        self.written = end
        return size


_worker_packages: dict[tuple, OpenedPackage] = {}
"""In the worker process: packages already opened and verified, by path and file identity."""


def _worker_package(package_file: str) -> OpenedPackage:
    info = os.stat(package_file)
    key = (package_file, info.st_size, info.st_mtime_ns, info.st_ino)
    package = _worker_packages.get(key)
    if package is None:
        for stale in [k for k in _worker_packages if k[0] == package_file]:
            _worker_packages.pop(stale).close()
        package = _worker_packages[key] = open_package(Path(package_file))
    return package


def _allocate(segment: shared_memory.SharedMemory) -> None:
    """Allocate the segment's memory in one call before writing into it.

    Page by page, each first write to shared memory faults and allocates (≈ 0.3 s per 60 MiB
    here, more than the decryption); one fallocate is ≈ 0.05 s. It also fails cleanly when
    /dev/shm cannot hold the attachment, where writing would kill the process with SIGBUS.
    """
    fd = getattr(segment, "_fd", -1)
    if fd < 0 or not hasattr(os, "posix_fallocate"):
        return
    try:
        os.posix_fallocate(fd, 0, segment.size)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.ENOMEM):
            raise TicError(
                "内存不足，无法在内存中打开该附件（请关闭其他程序后重试）",
                "not enough memory to open the attachment in memory (close other programs and retry)",
            ) from None


_worker_timings: list[tuple[float, float]] = []
"""In the worker process: how long each decryption took there (for the benchmark)."""


def _worker_last_timing() -> tuple[float, float]:
    """(seconds in all, of which before read_member: allocation, package, credential check)."""
    return _worker_timings[-1] if _worker_timings else (float("nan"), float("nan"))


def _warm_up_worker(package_file: str) -> None:
    """Open (and verify) the package in the worker before the first attachment is asked for."""
    _load_review_machinery()
    _worker_package(package_file)


def _worker_peak_rss_kib() -> int:
    """The worker process's own peak RSS (for the benchmark)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _decrypt_in_worker_process(
    package_file: str,
    application_id: str,
    index: int,
    credential_json: str,
    progress_name: str,
    segment_name: str,
    worker: WorkerProcess | None = None,
) -> int:
    """pyrage holds the GIL while it decrypts: a 200 MB attachment would freeze the window.

    The worker process decrypts straight into shared memory (RAM, never a file) created by the
    GUI process, which then reads the PDF from there in place: no copy crosses back.
    """
    run = worker.run if worker is not None else in_worker_process
    return run(
        _decrypt_attachment,
        package_file,
        application_id,
        index,
        credential_json,
        progress_name,
        segment_name,
    )


def _decrypt_attachment(
    package_file: str,
    application_id: str,
    index: int,
    credential_json: str,
    progress_name: str,
    segment_name: str,
) -> int:
    _load_review_machinery()
    # Attaching registers the names again with the one resource tracker the processes share; the
    # GUI's unlink unregisters them once. Unregistering here too made the tracker print a KeyError.
    progress = shared_memory.SharedMemory(name=progress_name)
    segment = shared_memory.SharedMemory(name=segment_name)
    started = time.perf_counter()
    _allocate(segment)
    package = _worker_package(package_file)
    sink = _SegmentWriter(segment.buf)
    try:
        credential = Credential.from_json(credential_json)
        package.check_credential(credential, credential.expert_id)
        entry = package.manifest.application(application_id)
        checked = time.perf_counter()
        package.read_member(
            entry.attachments[index].file,
            credential,
            on_read=lambda done: struct.pack_into("<q", progress.buf, 0, done),
            sink=sink,
        )
        _worker_timings.append((time.perf_counter() - started, checked - started))
        return sink.written
    except BaseException:
        segment.buf[: sink.written] = bytes(sink.written)  # no partial plaintext left behind
        raise
    finally:
        sink._view = None
        progress.close()
        segment.close()


class _Plaintext:
    """A decrypted attachment in shared memory, read in place by the viewer; gone on release."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.segment = shared_memory.SharedMemory(create=True, size=max(1, size))

    def array(self):
        return (ctypes.c_char * self.size).from_buffer(self.segment.buf)

    def release(self) -> None:
        if self.segment is None:
            return
        segment, self.segment = self.segment, None
        segment.unlink()  # the name goes now; the memory when the last mapping is closed
        _lingering.append(segment)
        for waiting in list(_lingering):
            try:
                waiting.close()
            except BufferError:  # a view of it (pdfium's ctypes array) is still being dropped
                continue
            _lingering.remove(waiting)


_lingering: list[shared_memory.SharedMemory] = []
"""Unlinked segments whose mapping could not be closed yet; closed at a later release."""


@atexit.register
def _forget_lingering() -> None:
    # At exit the mappings go with the process; closing them from __del__ would only complain.
    for segment in _lingering:
        segment._buf = segment._mmap = None
    _lingering.clear()


class ExpertWindow(RemembersGeometry, QMainWindow):
    """One expert, one package, a whole review day."""

    default_size = QSize(1366, 768)

    signed_in = Signal(str)
    """The credential is open (the expert id)."""
    certified = Signal()
    """The conflict-of-interest certification was recorded."""
    sign_blocked = Signal(list)
    """Signing was refused; carries the list of (application, Chinese, English) problems."""
    exported = Signal(object)
    """The return and opinion PDFs were written: (ReturnMade, [pdf paths])."""
    error_shown = Signal(str)
    message_shown = Signal(str, str)
    """A message is in the window's message strip: (kind: info/ok/error, text)."""
    sign_in_dialog_shown = Signal(object)
    """The package was verified and the sign-in dialog is open (the dialog)."""
    attachment_shown = Signal(str)
    """An attachment was decrypted into memory and its first page is on screen (its title)."""

    def __init__(
        self,
        db: Database,
        preferences: Preferences,
        language: str = "zh",
        set_language=None,
        set_point_size=None,
    ) -> None:
        super().__init__()
        self.ui = form_class("expert_window", "ExpertWindow")()
        self.ui.setupUi(self)
        self.db = db
        self.preferences = preferences
        self.language = language
        self.bus = EventBus()
        self.bridge = QtEventBridge(self.bus, self)
        self.bridge.saved.connect(self._show_saved)
        self.package: OpenedPackage | None = None
        self.desk: ExpertDesk | None = None
        self.scoring: ScoringForm | None = None
        self.formal_panel: FormalReviewPanel | None = None
        self.chair_panel: ChairPanel | None = None
        self.inspection_panel: InspectionPanel | None = None
        self.inspection_scroll: QScrollArea | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.worker = WorkerProcess()
        """The process that decrypts attachments (kept: forked once per window)."""
        self.confirm_box: QMessageBox | None = None
        self._message_kind = ""
        self.ui.openPackageButton.clicked.connect(self.choose_package)
        self.ui.openPackageAction.triggered.connect(self.choose_package)
        self.ui.signAction.triggered.connect(
            lambda: self.sign_and_export()
        )  # not the action's "checked"
        self.ui.closeAction.triggered.connect(self.close)
        self.ui.userGuideAction.triggered.connect(self.show_guide)
        self.ui.certifyButton.clicked.connect(self.confirm_certification)
        self.ui.messageCloseButton.clicked.connect(self.clear_message)
        self.ui.applicationList.currentItemChanged.connect(self._application_chosen)
        self.viewer = PdfViewer()
        self.viewer.document_shown.connect(self._document_shown)
        self.viewer.failed.connect(
            lambda _reason: self.show_error(
                self.tr("The attachment could not be opened"),
                self.tr("This document is not a PDF that can be shown."),
            )
        )
        self.ui.materialsLayout.addWidget(self.viewer, 1)
        # Which document, in the viewer's own toolbar: the page gets the height.
        self.viewer.title.hide()
        for position, widget in enumerate(
            (self.ui.attachmentLabel, self.ui.attachmentCombo, self.ui.attachmentStatus)
        ):
            self.viewer.bar.insertWidget(position, widget)
        self.ui.attachmentStatus.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.ui.materialsInfo.setWordWrap(False)
        self.ui.materialsInfo.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.ui.materialsInfo.installEventFilter(self)
        self._materials_text = ""
        self.ui.attachmentCombo.activated.connect(self.show_attachment)
        # Formal review: the engine's checks above, the items left to the expert below, each
        # scrolling on its own so that neither is cut on a small screen.
        self.formal_splitter = QSplitter(Qt.Orientation.Vertical)
        self.ui.formalLayout.removeWidget(self.ui.formalView)
        self.formal_splitter.addWidget(self.ui.formalView)
        self.formal_scroll = QScrollArea()
        self.formal_scroll.setWidgetResizable(True)
        self.formal_splitter.addWidget(self.formal_scroll)
        self.formal_splitter.setChildrenCollapsible(False)
        self.formal_splitter.setSizes([200, 300])
        self.ui.formalLayout.addWidget(self.formal_splitter)
        self.ui.applicationList.setWordWrap(True)
        self.ui.applicationList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.applicationList.setMinimumWidth(180)
        self._message_timer = QTimer(self, singleShot=True, interval=15_000)
        self._message_timer.timeout.connect(self._expire_message)
        self._coi_rows = QTimer(self, singleShot=True, interval=0)
        self._coi_rows.timeout.connect(lambda: self.ui.coiTable.resizeRowsToContents())
        self.ui.coiTable.horizontalHeader().sectionResized.connect(
            lambda *_: self._coi_rows.start()
        )
        self.ui.workTabs.currentChanged.connect(self._tab_changed)
        # The first document opens by itself once the expert rests on an application's materials
        # (not for every application passed on the way with the arrow keys).
        self._auto_open = QTimer(self, singleShot=True, interval=150)
        self._auto_open.timeout.connect(self._open_first_attachment)
        self._current_application: str | None = None
        self._shown_attachment: tuple[str, int] | None = None
        self._pending_attachment: tuple[str, int] | None = None
        self._plaintext: _Plaintext | None = None
        self.ui.workSplitter.setSizes([260, 1000])
        self.ui.workSplitter.setStretchFactor(1, 1)
        self._set_language = set_language
        self._set_point_size = set_point_size
        connect_view_actions(
            self, self.ui, preferences, language, self.switch_language, set_point_size
        )
        # One meaning per key: Ctrl++ / Ctrl+- zoom the PDF on the materials tab; the interface's
        # type size is Ctrl+Alt++ / Ctrl+Alt+- (Ctrl+Alt+= too: "+" needs Shift on most keyboards).
        self.ui.largerTextAction.setShortcuts(
            [QKeySequence("Ctrl+Alt++"), QKeySequence("Ctrl+Alt+=")]
        )
        self.ui.smallerTextAction.setShortcuts([QKeySequence("Ctrl+Alt+-")])
        self.ui.signAction.setEnabled(False)
        self.setAcceptDrops(True)  # a package dragged from the USB stick's folder opens too
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Decrypting"))
        self.progress_bar.hide()
        self.progress_bar.setMaximumWidth(120)
        self.viewer.bar.insertWidget(3, self.progress_bar)
        self.restore_geometry(preferences)
        # 发送到会场 (issue #16): its own widget in the status bar, following sign-in and signing.
        self.meeting = SendToMeeting.attach(self)
        self._preloading: threading.Thread | None = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._preloading is None and "ExpertDesk" not in globals():
            # On screen first; what opening a package needs loads meanwhile, off the GUI thread.
            self._preloading = preload_review_machinery()

    # --- messages in the window ---------------------------------------------------------------
    def notify(self, text: str, kind: str = "info", title: str = "") -> None:
        """Say ``text`` in the message strip at the top of the window (and the status bar)."""
        lines = text.splitlines() or [""]
        if len(lines) > MESSAGE_LINES + 1:
            more = len(lines) - MESSAGE_LINES
            lines = [*lines[:MESSAGE_LINES], self.tr("… and %1 more").replace("%1", str(more))]
        body = "<br>".join(escape(line) for line in lines)
        self.ui.messageLabel.setText((f"<b>{escape(title)}</b><br>" if title else "") + body)
        self.ui.messageFrame.setStyleSheet(MESSAGE_STYLES.get(kind, MESSAGE_STYLES["info"]))
        self.ui.messageFrame.show()
        self._message_kind = kind
        # Errors stay until dealt with; news goes after a while (it stays in the status bar).
        if kind == "error":
            self._message_timer.stop()
        else:
            self._message_timer.start()
        self.statusBar().showMessage((title + "：" if title else "") + lines[0], 20_000)
        self.message_shown.emit(kind, text)

    def _expire_message(self) -> None:
        if self._message_kind != "error":
            self.clear_message()

    def clear_message(self) -> None:
        self.ui.messageFrame.hide()
        self.ui.messageLabel.clear()
        self._message_kind = ""

    def message_text(self) -> str:
        """What the message strip says (empty when hidden)."""
        return self.ui.messageLabel.text() if self.ui.messageFrame.isVisible() else ""

    def show_error(self, title: str, text: str) -> None:
        self.notify(text, "error", title)
        self.error_shown.emit(text)

    # --- opening ----------------------------------------------------------------------------
    def _start_folder(self) -> str:
        folder = self.preferences.get(LAST_PACKAGE_FOLDER)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open review package"),
            self._start_folder(),
            self.tr("Review package (*.ticpkg)"),
        )
        if path:
            self.open_with_dialog(Path(path))

    def dragEnterEvent(self, event) -> None:
        if any(url.toLocalFile().endswith(".ticpkg") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [
            url.toLocalFile()
            for url in event.mimeData().urls()
            if url.toLocalFile().endswith(".ticpkg")
        ]
        if files:
            event.acceptProposedAction()
            self.open_with_dialog(Path(files[0]))

    def open_with_dialog(self, path: Path) -> None:
        """Verify the package, then ask who is opening it (and the passphrase the first time).

        The package is read and its signature checked off the GUI thread; ``sign_in_dialog_shown``
        tells when the dialog is up. It stays open until the credential is unlocked; problems
        are shown inside it.
        """

        def verified(package: OpenedPackage) -> None:
            dialog = SignInDialog(package.manifest, self.preferences, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.unlock_requested.connect(
                lambda expert_id, passphrase: self.sign_in(package, expert_id, passphrase, dialog)
            )
            dialog.rejected.connect(package.close)
            self.sign_in_dialog = dialog
            dialog.open()
            self.sign_in_dialog_shown.emit(dialog)

        self._open_verified(path, verified)

    def _open_verified(self, path: Path, then) -> None:
        """Open and verify ``path`` on a worker thread; ``then(package)`` on the GUI thread."""
        self.preferences.set(LAST_PACKAGE_FOLDER, str(Path(path).resolve().parent))
        self.statusBar().showMessage(self.tr("Checking the package's signature…"))
        self.setCursor(Qt.CursorShape.BusyCursor)

        def opened(package: OpenedPackage) -> None:
            self.unsetCursor()
            self.statusBar().clearMessage()
            then(package)

        def failed(error: Exception) -> None:
            self.unsetCursor()
            if not isinstance(error, TicError):
                raise error
            self.show_error(
                self.tr("The package could not be opened"), error.message(self.language)
            )

        run_task(lambda: _open_in_background(path), opened, failed)

    def open_package_as(self, path: Path, expert_id: str, passphrase: str | None) -> None:
        """Open ``path`` as ``expert_id`` without dialogs (used by tests and the command line)."""
        self._open_verified(path, lambda package: self.sign_in(package, expert_id, passphrase))

    def sign_in(
        self,
        package: OpenedPackage,
        expert_id: str,
        passphrase: str | None,
        dialog: SignInDialog | None = None,
    ) -> None:
        """Unlock ``expert_id``'s credential: from the keyring, else with the passphrase.

        Nothing of it runs on the GUI thread: the keyring in a thread, scrypt in a worker process.
        """
        entry = keyring_entry(package.bureau_fingerprint, package.manifest.round.id, expert_id)

        def problem(title: str, text: str) -> None:
            self.unsetCursor()
            if dialog is not None:
                dialog.show_problem(text)
            else:
                self.show_error(title, text)

        def unlocked(result: tuple[str, bool]) -> None:
            credential_json, remembered = result
            note = (
                ""
                if remembered
                else self.tr(
                    "This computer has no secure keyring: your passphrase cannot be remembered "
                    "and will be asked for each time you open the package."
                )
            )
            credential = Credential.from_json(credential_json)
            db, bus = self.db, self.bus

            def desk_ready(desk: ExpertDesk) -> None:
                self.unsetCursor()
                self._present(desk, package, expert_id, note)
                if dialog is not None:
                    dialog.accept()

            # The desk checks the local database's integrity (SQL): a worker thread does it.
            run_task(lambda: ExpertDesk(db, package, credential, bus), desk_ready, failed)

        def failed(error: Exception) -> None:
            if isinstance(error, TicError):
                problem(self.tr("The package could not be opened"), error.message(self.language))
            else:
                self.unsetCursor()
                raise error

        def looked_up(stored: str | None) -> None:
            if stored is not None:
                unlocked((stored, True))
                return
            if not passphrase:
                problem(
                    self.tr("Passphrase needed"),
                    self.tr(
                        "This computer does not know you yet: enter the passphrase from your sheet."
                    ),
                )
                return
            try:
                sealed = package.sealed_credential(expert_id)
            except TicError as error:
                problem(self.tr("The package could not be opened"), error.message(self.language))
                return
            self.statusBar().showMessage(self.tr("Unlocking your credential… (a few seconds)"))
            run_task(lambda: _unlock_and_remember(sealed, passphrase, entry), unlocked, failed)

        self.setCursor(Qt.CursorShape.BusyCursor)
        run_task(lambda: _stored_credential(entry), looked_up, failed)

    def _signed_in(
        self,
        package: OpenedPackage,
        credential: Credential,
        expert_id: str,
        note: str,
        dialog: SignInDialog | None = None,
    ) -> bool:
        _load_review_machinery()
        try:
            desk = ExpertDesk(self.db, package, credential, self.bus)
        except TicError as error:
            if dialog is not None:
                dialog.show_problem(error.message(self.language))
            else:
                self.show_error(
                    self.tr("The package could not be opened"), error.message(self.language)
                )
            return False
        self._present(desk, package, expert_id, note)
        return True

    def _present(self, desk: ExpertDesk, package: OpenedPackage, expert_id: str, note: str) -> None:
        """Show the open package: the declaration first, or the work when it was made."""
        # The decrypting process is started and opens the package now, not at the first click.
        package_file, worker = str(package.file), self.worker
        run_task(
            lambda: worker.run(_warm_up_worker, package_file), lambda _r: None, lambda _e: None
        )
        if self.package is not None and self.package is not package:
            self.viewer.clear()
            self.package.close()
        self.desk = desk
        self.package = package
        manifest = package.manifest
        member = manifest.member(expert_id)
        self.ui.titleLabel.setText(
            f"<b>{escape(manifest.round.title)}</b> · {escape(manifest.panel_id)} · "
            f"{escape(member.name)}（{escape(member.unit_name)}）"
        )
        self.ui.trustLabel.setText(
            self.tr("Bureau signature verified: %1, fingerprint %2")
            .replace("%1", manifest.bureau.name)
            .replace("%2", short_fingerprint(manifest.bureau.fingerprint))
        )
        self.ui.signAction.setEnabled(True)
        self._add_chair_tab()
        self.clear_message()
        if note:
            self.notify(note, "info")
        self.statusBar().showMessage(self.tr("Package opened"))
        self.signed_in.emit(expert_id)
        if self.desk.certified:
            self._show_work()
        else:
            self._show_certification()

    def _add_chair_tab(self) -> None:
        if self.desk.expert_id != self.desk.manifest.chair or self.chair_panel is not None:
            return
        self.chair_panel = ChairPanel(ChairDesk(self.desk))
        self.chair_panel.problem.connect(lambda text: self.show_error(self.tr("Panel chair"), text))
        self.chair_panel.signed.connect(
            lambda path: self.notify(
                self.tr("Group opinion signed: %1").replace("%1", str(path)), "ok"
            )
        )
        self.ui.workTabs.addTab(self.chair_panel, self.tr("Panel chair"))

    # --- certification gate -----------------------------------------------------------------
    def _coi_headers(self) -> list[str]:
        return [
            self.tr("Application"),
            self.tr("Center"),
            self.tr("Units involved"),
            self.tr("Conflict"),
            self.tr("Reason"),
        ]

    def _show_certification(self) -> None:
        table = self.ui.coiTable
        applications = self.desk.manifest.applications
        known = self.desk.known_conflicts()
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(self._coi_headers())
        table.setRowCount(len(applications))
        table.setTabKeyNavigation(False)  # Tab leaves the table for the boxes and the button
        table.setWordWrap(True)
        previous = table
        for row, entry in enumerate(applications):
            units = "、".join([entry.lead_unit.name, *(c.name for c in entry.co_builders)])
            for column, value in enumerate((entry.id, entry.center_name, units)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(value)
                table.setItem(row, column, item)
            box = QCheckBox(
                self.tr("Known conflict (locked)")
                if entry.id in known
                else self.tr("I have a conflict")
            )
            box.setAccessibleName(self.tr("Conflict with %1").replace("%1", entry.id))
            reason = QLineEdit(known.get(entry.id, ""))
            reason.setAccessibleName(self.tr("Reason for %1").replace("%1", entry.id))
            reason.setPlaceholderText(self.tr("Reason, if you have a conflict"))
            if entry.id in known:
                box.setChecked(True)
                box.setEnabled(False)
                reason.setReadOnly(True)
            else:
                box.toggled.connect(lambda _on: self._update_coi_summary())
                reason.textChanged.connect(lambda _text: self._update_coi_summary())
                for widget in (box, reason):
                    widget.installEventFilter(self)
            table.setCellWidget(row, 3, box)
            table.setCellWidget(row, 4, reason)
            if box.isEnabled():
                QMainWindow.setTabOrder(previous, box)
                previous = box
            QMainWindow.setTabOrder(previous, reason)
            previous = reason
        QMainWindow.setTabOrder(previous, self.ui.certifyButton)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (0, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Rows follow the wrapped units' height as the columns take their widths.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.certifyButton.setDefault(True)
        self._update_coi_summary()
        self.ui.pages.setCurrentWidget(self.ui.coiPage)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.ui.materialsInfo and event.type() == QEvent.Type.Resize:
            self._elide_materials_info()
        # A check box or reason reached by Tab scrolls its row into view.
        if event.type() == QEvent.Type.FocusIn and self.ui.pages.currentWidget() is self.ui.coiPage:
            table = self.ui.coiTable
            for row in range(table.rowCount()):
                if watched in (table.cellWidget(row, 3), table.cellWidget(row, 4)):
                    table.scrollToItem(table.item(row, 0))
        return super().eventFilter(watched, event)

    def _declared(self) -> dict[str, str]:
        table = self.ui.coiTable
        known = self.desk.known_conflicts()
        declared = {}
        for row in range(table.rowCount()):
            app_id = table.item(row, 0).text()
            if app_id not in known and table.cellWidget(row, 3).isChecked():
                declared[app_id] = table.cellWidget(row, 4).text().strip()
        return declared

    def _update_coi_summary(self) -> None:
        if self.desk is None:
            return
        declared = self._declared()
        known = self.desk.known_conflicts()
        self.ui.coiSummary.setText(
            self.tr("Declared: %1 conflicts (%2 already locked by the bureau)")
            .replace("%1", str(len(declared)))
            .replace("%2", str(len(known)))
        )

    def set_declaration(self, application_id: str, reason: str) -> None:
        """Tick an application as a conflict with its reason (what the expert does in the table)."""
        table = self.ui.coiTable
        for row in range(table.rowCount()):
            if table.item(row, 0).text() == application_id:
                table.cellWidget(row, 3).setChecked(True)
                table.cellWidget(row, 4).setText(reason)

    def certification_question(self) -> str:
        """What the expert confirms: the declared conflicts, or that there are none."""
        declared = self._declared()
        names = {e.id: e.center_name for e in self.desk.manifest.applications}
        if declared:
            lines = "\n".join(
                f"· {app_id} {names.get(app_id, '')}：{reason}"
                for app_id, reason in declared.items()
            )
            text = (
                self.tr("You declare a conflict of interest with these applications:")
                + "\n"
                + lines
            )
        else:
            text = self.tr(
                "You declare no conflict of interest with any application of this panel."
            )
        known = self.desk.known_conflicts()
        if known:
            text += "\n" + self.tr("Already locked by the bureau: %1").replace(
                "%1", "、".join(sorted(known))
            )
        return (
            text
            + "\n\n"
            + self.tr("After you confirm, the declaration cannot be changed. Confirm?")
        )

    def confirm_certification(self) -> None:
        """The certify button: check every ticked row has a reason, then ask before recording."""
        missing = [app_id for app_id, reason in self._declared().items() if not reason]
        if missing:
            self.show_error(
                self.tr("Declaration incomplete"),
                self.tr("Give the reason for your conflict with %1.").replace(
                    "%1", "、".join(missing)
                ),
            )
            table = self.ui.coiTable
            for row in range(table.rowCount()):
                if table.item(row, 0).text() == missing[0]:
                    table.cellWidget(row, 4).setFocus()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Confirm the declaration"),
            self.certification_question(),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        confirm = box.addButton(self.tr("Confirm"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Go back and change"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.confirm_box = None
            if box.clickedButton() is confirm:
                self.certify()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def certify(self) -> None:
        """Record the declaration as it stands in the table (no question asked)."""
        try:
            self.desk.certify(self._declared())
        except TicError as error:
            self.show_error(self.tr("Declaration incomplete"), error.message(self.language))
            return
        self.notify(self.tr("Your declaration is recorded."), "ok")
        self.certified.emit()
        self._show_work()

    # --- work -------------------------------------------------------------------------------
    def _show_work(self) -> None:
        self.ui.pages.setCurrentWidget(self.ui.workPage)
        self.refresh_list()
        if self.ui.applicationList.count():
            self.ui.applicationList.setCurrentRow(0)

    def refresh_list(self) -> None:
        current = self.ui.applicationList.currentRow()
        self.ui.applicationList.blockSignals(True)
        self.ui.applicationList.clear()
        problems = {p[0] for p in self.desk.problems()}
        for entry in self.desk.manifest.applications:
            if self.desk.locked(entry.id):
                status = self.tr("recused")
            elif entry.id in problems:
                status = self.tr("to do")
            else:
                status = self.tr("complete")
            item = QListWidgetItem(f"{entry.id}  {entry.center_name}\n    {status}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(f"{entry.id} {entry.center_name}")
            if self.desk.locked(entry.id):
                item.setForeground(Qt.GlobalColor.gray)
            self.ui.applicationList.addItem(item)
        self.ui.applicationList.blockSignals(False)
        if current >= 0:
            self.ui.applicationList.setCurrentRow(current)

    def _application_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or self.desk is None:
            return
        if self.scoring is not None:
            self.scoring.flush()
        app_id = item.data(Qt.ItemDataRole.UserRole)
        self._current_application = app_id
        self._shown_attachment = self._pending_attachment = None
        self.viewer.clear()
        self._drop_plaintext()
        tabs = self.ui.workTabs
        if self.desk.locked(app_id):
            text = self.tr("You are recused from this application: no materials, no scoring.")
            # No materials tab at all: nothing of it may be read.
            if tabs.currentWidget() is self.ui.materialsTab:
                tabs.setCurrentWidget(self.ui.formalTab)
            tabs.setTabVisible(tabs.indexOf(self.ui.materialsTab), False)
            self.ui.attachmentCombo.clear()
            self._materials_text = ""
            self.ui.materialsInfo.clear()
            self.ui.formalView.show()
            self.ui.formalView.setHtml(f"<p>{escape(text)}</p>")
            self._set_formal_panel(None)
            self._set_scoring(None)
            self._set_inspection(None)
            return
        tabs.setTabVisible(tabs.indexOf(self.ui.materialsTab), True)
        data = self.desk.read_application_data(app_id)
        application = Application.model_validate(json.loads(data, parse_float=JsonFloat))
        self._fill_materials(app_id, application)
        self.ui.formalView.setHtml(self._formal_html(application))
        self._set_formal_panel(FormalReviewPanel(self.desk, app_id, self.language))
        self._set_scoring(ScoringForm(self.desk, app_id))
        self._set_inspection(InspectionPanel(InspectionDesk(self.desk), app_id))
        if tabs.currentWidget() is self.ui.materialsTab:
            self._auto_open.start()

    def _tab_changed(self, _index: int) -> None:
        if self.ui.workTabs.currentWidget() is self.ui.materialsTab:
            self._auto_open.start()

    def _open_first_attachment(self) -> None:
        """The materials tab shows a document at once, not an empty box."""
        app_id = self._current_application
        if (
            self.desk is None
            or self.ui.workTabs.currentWidget() is not self.ui.materialsTab
            or app_id is None
            or self.desk.locked(app_id)
            or not self.ui.attachmentCombo.count()
            or self._shown_attachment is not None
            or self._pending_attachment is not None
        ):
            return
        self.show_attachment(max(0, self.ui.attachmentCombo.currentIndex()))

    def _set_formal_panel(self, panel: FormalReviewPanel | None) -> None:
        if self.formal_panel is not None:
            old = self.formal_scroll.takeWidget()
            if old is not None:
                old.hide()  # deleteLater waits for the event loop; never show it meanwhile
                old.deleteLater()
        self.formal_panel = panel
        if panel is not None:
            self.formal_scroll.setWidget(panel)
        self.formal_scroll.setVisible(panel is not None)

    def _set_inspection(self, panel: InspectionPanel | None) -> None:
        """The 现场考察 tab shows the current application's checklist (absent while recused)."""
        index = (
            self.ui.workTabs.indexOf(self.inspection_scroll)
            if self.inspection_scroll is not None
            else -1
        )
        if panel is None:
            if index >= 0:
                self.ui.workTabs.removeTab(index)
            self.inspection_panel = None
            return
        if self.inspection_scroll is None:
            self.inspection_scroll = QScrollArea()
            self.inspection_scroll.setWidgetResizable(True)
        if index < 0:
            self.ui.workTabs.insertTab(3, self.inspection_scroll, self.tr("On-site inspection"))
        panel.problem.connect(lambda text: self.show_error(self.tr("On-site inspection"), text))
        panel.signed.connect(
            lambda path: self.notify(
                self.tr("Inspection report signed: %1").replace("%1", str(path)), "ok"
            )
        )
        self.inspection_scroll.setWidget(panel)
        self.inspection_panel = panel

    def _set_scoring(self, form: ScoringForm | None) -> None:
        self.scoring = form
        if form is not None:
            form.problem.connect(lambda text: self.show_error(self.tr("Scoring"), text))
            self.ui.scoringScroll.setWidget(form)
        else:
            self.ui.scoringScroll.takeWidget()

    def _fill_materials(self, app_id: str, app: Application) -> None:
        entry = self.desk.manifest.application(app_id)
        rows = [
            (self.tr("Center"), app.center_name),
            (self.tr("Field"), app.field or "—"),
            (self.tr("Lead unit"), app.lead_unit.name),
            (self.tr("Co-builders"), "、".join(c.name for c in app.co_builders) or "—"),
            (
                self.tr("Director"),
                f"{app.director.name} {app.director.title or ''}" if app.director else "—",
            ),
        ]
        self._materials_text = f"{app.id}　" + "　".join(f"{k}：{v}" for k, v in rows)
        self.ui.materialsInfo.setToolTip("\n".join(f"{k}：{v}" for k, v in rows))
        self._elide_materials_info()
        combo = self.ui.attachmentCombo
        combo.blockSignals(True)
        combo.clear()
        for attachment in entry.attachments:
            combo.addItem(
                self.tr("%1 (%2)")
                .replace("%1", attachment.title)
                .replace("%2", _size_text(attachment.file.plaintext_size))
            )
        combo.blockSignals(False)
        if not entry.attachments:
            self.ui.attachmentStatus.setText(self.tr("This application has no attachments."))
        else:
            self.ui.attachmentStatus.clear()

    def _elide_materials_info(self) -> None:
        """One line of the application's facts (all of them in the tooltip)."""
        label = self.ui.materialsInfo
        label.setText(
            label.fontMetrics().elidedText(
                self._materials_text, Qt.TextElideMode.ElideRight, max(50, label.width())
            )
        )

    def _formal_html(self, app: Application) -> str:
        report = evaluate(app)
        head = "".join(
            f"<th align='left' bgcolor='#e8e8e8'>{escape(h)}</th>"
            for h in (
                self.tr("Check"),
                self.tr("Clause"),
                self.tr("Result"),
                self.tr("Application data"),
                self.tr("Explanation"),
            )
        )
        rows = "".join(
            f"<tr><td>{escape(label(CHECK_TITLES, c.id, self.language))}</td><td>{escape(c.clause)}</td>"
            f"<td bgcolor='{result_colour(c.result.value)}'>{escape(label(RESULT_LABELS, c.result.value, self.language))}</td>"
            f"<td>{escape(shown_value(c.id, c.value, self.language))}</td><td>{escape(c.message(self.language))}</td></tr>"
            for c in report.checks
        )
        return f"<table cellpadding='4' border='1' cellspacing='0'><tr>{head}</tr>{rows}</table>"

    def show_attachment(self, index: int) -> None:
        """Decrypt attachment ``index`` of the current application and show it in the viewer."""
        app_id = self._current_application
        if self.desk is None or app_id is None or self.desk.locked(app_id):
            return
        attachments = self.desk.manifest.application(app_id).attachments
        if not 0 <= index < len(attachments):
            return
        title = attachments[index].title
        wanted = (app_id, index)
        if self.ui.attachmentCombo.currentIndex() != index:
            self.ui.attachmentCombo.setCurrentIndex(index)
        if self._shown_attachment == wanted:
            self.attachment_shown.emit(title)
            return
        if self._pending_attachment == wanted:
            return  # already on its way
        self._pending_attachment = wanted

        def show(plaintext: _Plaintext) -> None:
            if self._pending_attachment != wanted or self._current_application != app_id:
                plaintext.release()  # the expert moved on meanwhile
                return
            self._drop_plaintext()
            self._plaintext = plaintext
            self._shown_attachment = wanted
            self.viewer.load_buffer(plaintext.array(), title, plaintext.release)

        self.decrypt_attachment(app_id, index, show)

    def _document_shown(self, _pages: int) -> None:
        if self._shown_attachment is None:
            return
        app_id, index = self._shown_attachment
        self._pending_attachment = None
        title = self.desk.manifest.application(app_id).attachments[index].title
        self.ui.attachmentStatus.setText(self.tr("in memory only"))
        self.statusBar().showMessage(self.tr("Opened %1 (in memory only)").replace("%1", title))
        self.attachment_shown.emit(title)

    def _drop_plaintext(self) -> None:
        # The viewer releases the memory once pdfium has let go of it (viewer.clear()).
        self._plaintext = None

    def decrypt_attachment(self, app_id: str, index: int, on_done) -> None:
        """Decrypt in a worker process (the window keeps responding).

        ``on_done(plaintext)`` runs on the GUI thread with the plaintext in shared memory; the
        receiver calls ``plaintext.release()`` when done with it.
        """
        attachment = self.desk.manifest.application(app_id).attachments[index]
        self.statusBar().showMessage(self.tr("Decrypting %1…").replace("%1", attachment.title))
        self.ui.attachmentStatus.setText(self.tr("Decrypting…"))
        package_file, credential_json = str(self.package.file), self.desk.credential.to_json()
        worker = self.worker
        # The worker process reports the bytes it has read through 8 bytes of shared memory.
        progress = shared_memory.SharedMemory(create=True, size=8)
        struct.pack_into("<q", progress.buf, 0, 0)
        plaintext = _Plaintext(attachment.file.plaintext_size)
        total = max(1, attachment.file.size)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        poll = QTimer(self, interval=100)
        poll.timeout.connect(
            lambda: self.progress_bar.setValue(
                min(1000, struct.unpack_from("<q", progress.buf, 0)[0] * 1000 // total)
            )
        )
        poll.start()

        def finish() -> bool:
            """Tidy up; False when the window was closed meanwhile (its widgets are gone)."""
            progress.close()
            progress.unlink()
            if not shiboken6.isValid(poll):
                return False
            poll.stop()
            poll.deleteLater()
            if self._pending_attachment in (None, (app_id, index)):
                self.progress_bar.hide()
            return True

        def done(_size: int) -> None:
            if finish():
                on_done(plaintext)
            else:
                plaintext.release()

        def failed(error: Exception) -> None:
            plaintext.release()
            if not finish():
                return
            if self._pending_attachment == (app_id, index):
                self._pending_attachment = None
                self.ui.attachmentStatus.clear()
            if isinstance(error, TicError):
                self.show_error(
                    self.tr("The attachment could not be opened"), error.message(self.language)
                )
            else:
                raise error

        run_task(
            lambda: _decrypt_in_worker_process(
                package_file,
                app_id,
                index,
                credential_json,
                progress.name,
                plaintext.segment.name,
                worker,
            ),
            done,
            failed,
        )

    # --- signing ----------------------------------------------------------------------------
    def show_guide(self) -> None:
        from tic_desktop.gui.help_window import UserGuideWindow

        self.guide_window = UserGuideWindow(self.language, self.preferences)
        self.guide_window.show_guide("expert")
        self.guide_window.show()

    def sign_and_export(self, folder: Path | None = None) -> None:
        if self.desk is None:
            return
        if self.scoring is not None:
            self.scoring.flush()
        # What the form shows but the database does not hold (invalid or unsaved) blocks signing too.
        shown = self.scoring.unsaved_or_invalid() if self.scoring is not None else []
        problems = [(self.scoring.application_id, t, t) for t in shown] + self.desk.problems()
        if problems:
            lines = "\n".join(
                f"· {app} {zh if self.language == 'zh' else en}" for app, zh, en in problems
            )
            self.sign_blocked.emit(problems)
            self.show_error(
                self.tr("Not ready to sign"), self.tr("Please complete these first:") + "\n" + lines
            )
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self,
                self.tr("Where should the signed files go? (e.g. a USB stick)"),
                self._start_folder(),
            )
            if not chosen:
                return
            folder = Path(chosen)
        self.notify(self.tr("Signing…"), "info")
        desk = self.desk

        def done(result) -> None:
            made, pdfs = result
            self.notify(
                self.tr("Signed: %1 (revision %2) and %3 opinion PDFs")
                .replace("%1", str(made.file))
                .replace("%2", str(made.revision))
                .replace("%3", str(len(pdfs))),
                "ok",
            )
            self.refresh_list()
            self.exported.emit(result)

        def failed(error: Exception) -> None:
            if isinstance(error, TicError):
                self.show_error(self.tr("Signing failed"), error.message(self.language))
            else:
                raise error

        run_task(lambda: desk.sign_and_export(folder), done, failed)

    # --- language ---------------------------------------------------------------------------
    def switch_language(self, language: str) -> None:
        self.language = language
        if self._set_language is not None:
            self._set_language(language)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.desk is not None:
            self.ui.retranslateUi(self)
            self._restore_shortcuts()
            if self.ui.pages.currentWidget() is self.ui.workPage:
                self.refresh_list()
                self._application_chosen(self.ui.applicationList.currentItem())
            elif self.ui.pages.currentWidget() is self.ui.coiPage:
                self.ui.coiTable.setHorizontalHeaderLabels(self._coi_headers())
                self._update_coi_summary()
        elif event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._restore_shortcuts()
        super().changeEvent(event)

    def _restore_shortcuts(self) -> None:
        # retranslateUi sets the form's shortcuts again; keep the expert window's own.
        self.ui.largerTextAction.setShortcuts(
            [QKeySequence("Ctrl+Alt++"), QKeySequence("Ctrl+Alt+=")]
        )
        self.ui.smallerTextAction.setShortcuts([QKeySequence("Ctrl+Alt+-")])

    # --- feedback ---------------------------------------------------------------------------
    def _show_saved(self, what: str) -> None:
        now = dt.datetime.now().strftime("%H:%M:%S")
        saved = self.tr("Saved %1").replace("%1", now)
        self.ui.savedLabel.setText(f"<span style='color:#1b6e20'>✔ {escape(saved)}</span>")
        self.statusBar().showMessage(saved)
        if self._message_kind == "error" and what.startswith(
            ("score", "opinion", "note", "judgement")
        ):
            self.clear_message()  # the correction went in
        if (
            what.startswith(("score", "opinion", "note", "judgement", "inspection", "photo"))
            and self.ui.pages.currentWidget() is self.ui.workPage
        ):
            item = self.ui.applicationList.currentItem()
            if item is not None:
                app_id = item.data(Qt.ItemDataRole.UserRole)
                done = not self.desk.problems(app_id)
                status = self.tr("complete") if done else self.tr("to do")
                item.setText(item.text().split("\n")[0] + f"\n    {status}")

    def closeEvent(self, event) -> None:
        if self.scoring is not None:
            self.scoring.flush()
        self._pending_attachment = None
        self.viewer.shutdown()  # drop the decrypted PDF from memory
        self.worker.shutdown()
        self.save_geometry(self.preferences)
        if self.package is not None:
            self.package.close()
        self.bridge.close()
        super().closeEvent(event)


def _size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, size // 1024)} KB"
