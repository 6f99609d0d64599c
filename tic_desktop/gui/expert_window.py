"""The expert's workstation: open a package, certify conflicts, read, score, sign and export.

This module is the frame: the menus, the message strip, the integrity banner, and the wiring of
the parts, each in its own module (the core's work is in ``tic_desktop/expert/``):

- :mod:`~tic_desktop.gui.expert_signin`: opening a package, the bureau question, signing in
  (core: ``expert/session.py``);
- :mod:`~tic_desktop.gui.coi_page`: the conflict-of-interest declaration;
- :mod:`~tic_desktop.gui.application_work`: the application list and the work tabs;
- :mod:`~tic_desktop.gui.materials_tab`: the attachments, decrypted in memory only
  (core: ``expert/attachments.py``);
- :mod:`~tic_desktop.gui.expert_signing`: signing, the signed state (需重新签名), writing the
  signed files again, and what closing the window asks first.

What matters to the expert (saved, signed, refused, failed) is said in a message strip inside the
window, not only in the status bar (which a laptop screen may cut off) or in a modal box.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton

from tic_desktop.events import EventBus
from tic_desktop.gui.application_work import ApplicationWork
from tic_desktop.gui.bridge import QtEventBridge
from tic_desktop.gui.coi_page import CoiPage
from tic_desktop.gui.expert_signin import LAST_PACKAGE_FOLDER, SignInFlow
from tic_desktop.gui.expert_signing import SigningFlow
from tic_desktop.gui.forms import form_class
from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.materials_tab import MaterialsTab
from tic_desktop.gui.send_to_meeting import SendToMeeting
from tic_desktop.gui.settings import Preferences
from tic_desktop.gui.view_actions import connect_view_actions

if TYPE_CHECKING:
    from tic_desktop.errors import TicError
    from tic_desktop.expert.desk import ExpertDesk
    from tic_desktop.packages.opening import OpenedPackage
    from tic_desktop.storage import Database

__all__ = ["LAST_PACKAGE_FOLDER", "ExpertWindow", "preload_review_machinery"]

_machinery_lock = threading.Lock()
_machinery_loaded = threading.Event()
_MACHINERY = (
    "tic_desktop.gui.chair_panel",
    "tic_desktop.gui.expert_dialogs",
    "tic_desktop.gui.formal_review_panel",
    "tic_desktop.gui.inspection_panel",
    "tic_desktop.gui.scoring_form",
)


def _load_review_machinery() -> None:
    """Import what reviewing needs: the core's part (:mod:`tic_desktop.expert.preload`) and the
    window's panels.

    Not at module import: the window appears first, and these are loaded on a background thread
    once it is on screen (or at the first use, whichever comes first); the window's parts then
    import them from ``sys.modules`` at no cost.
    """
    with _machinery_lock:
        if _machinery_loaded.is_set():
            return
        from tic_desktop.expert.preload import load_review_core

        load_review_core()
        for module in _MACHINERY:
            importlib.import_module(module)
        _machinery_loaded.set()


def preload_review_machinery() -> threading.Thread:
    """Load the machinery on a background thread (the GUI thread stays free)."""
    thread = threading.Thread(target=_load_review_machinery, name="expert-preload", daemon=True)
    thread.start()
    return thread


MESSAGE_STYLES = {
    "info": "QFrame#messageFrame { background: #eef4fb; border: 1px solid #a9c4e6; }",
    "ok": "QFrame#messageFrame { background: #e8f5e9; border: 1px solid #9fcfa3; }",
    "error": "QFrame#messageFrame { background: #fdecea; border: 1px solid #e0a39a; }",
}
MESSAGE_LINES = 6
"""A longer list (e.g. what is missing before signing) is cut, with how many more."""

Action = tuple[str, Callable[[], None]]
"""A button in the message strip: (its text, what it does)."""


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
    """A revision was signed and its files written (expert.signing.SignResult)."""
    written_again = Signal(object)
    """The last signed revision's files were written again (expert.signing.SignResult)."""
    error_shown = Signal(str)
    message_shown = Signal(str, str)
    """A message is in the window's message strip: (kind: info/ok/error, text)."""
    sign_in_dialog_shown = Signal(object)
    """The package was verified and the sign-in dialog is open (the dialog)."""
    bureau_question_shown = Signal(object)
    """The round is known here from another bureau: the question is open (the message box)."""
    close_question_shown = Signal(object)
    """Closing was held back with a question (the message box): unsaved entries or 需重新签名."""
    attachment_shown = Signal(str)
    """An attachment was decrypted into memory and its first page is on screen (its title)."""

    def __init__(
        self,
        db: Database | None,
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
        self.package: OpenedPackage | None = None
        self.desk: ExpertDesk | None = None
        self._message_kind = ""
        self._message_buttons: list[QPushButton] = []
        self._message_timer = QTimer(self, singleShot=True, interval=15_000)
        self._message_timer.timeout.connect(self._expire_message)
        self.ui.messageCloseButton.clicked.connect(self.clear_message)
        # The parts (each its own module); the materials first: the work tabs fill it.
        self.materials = MaterialsTab(self)
        self.work = ApplicationWork(self)
        self.coi = CoiPage(self)
        self.signin = SignInFlow(self)
        self.signing = SigningFlow(self)
        self.bridge.saved.connect(self._show_saved)
        self.ui.openPackageButton.clicked.connect(self.signin.choose_package)
        self.ui.openPackageAction.triggered.connect(self.signin.choose_package)
        # Not the action's "checked" flag as the folder.
        self.ui.signAction.triggered.connect(lambda: self.signing.sign_and_export())
        self.ui.writeAgainAction.triggered.connect(lambda: self.signing.write_again(choose=True))
        self.ui.closeAction.triggered.connect(self.close)
        self.ui.userGuideAction.triggered.connect(self.show_guide)
        self._set_language = set_language
        self._set_point_size = set_point_size
        connect_view_actions(
            self, self.ui, preferences, language, self.switch_language, set_point_size
        )
        self._restore_shortcuts()
        self.ui.signAction.setEnabled(False)
        self.ui.writeAgainAction.setEnabled(False)
        self.setAcceptDrops(True)  # a package dragged from the USB stick's folder opens too
        self.restore_geometry(preferences)
        # 发送到会场 (issue #16): its own widget in the status bar, following sign-in and signing.
        self.meeting = SendToMeeting.attach(self)
        self._preloading: threading.Thread | None = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._preloading is None and not _machinery_loaded.is_set():
            # On screen first; what opening a package needs loads meanwhile, off the GUI thread.
            self._preloading = preload_review_machinery()

    # --- the parts, by the names the tests, tools and benchmarks use ---------------------------
    @property
    def viewer(self):
        return self.materials.viewer

    @property
    def progress_bar(self):
        return self.materials.progress_bar

    @property
    def worker(self):
        """The attachments' worker process (expert.attachments.AttachmentWorker)."""
        return self.materials.worker

    @property
    def _auto_open(self) -> QTimer:
        return self.materials.auto_open

    @property
    def scoring(self):
        return self.work.scoring

    @property
    def formal_panel(self):
        return self.work.formal_panel

    @property
    def formal_scroll(self):
        return self.work.formal_scroll

    @property
    def inspection_panel(self):
        return self.work.inspection_panel

    @property
    def inspection_scroll(self):
        return self.work.inspection_scroll

    @property
    def chair_panel(self):
        return self.work.chair_panel

    @property
    def confirm_box(self):
        return self.coi.confirm_box

    @property
    def bureau_question(self):
        return self.signin.bureau_question

    @property
    def close_box(self):
        return self.signing.close_box

    def open_with_dialog(self, path: Path) -> None:
        self.signin.open_with_dialog(Path(path))

    def open_package_as(self, path: Path, expert_id: str, passphrase: str | None) -> None:
        self.signin.open_package_as(Path(path), expert_id, passphrase)

    def _signed_in(self, package, credential, expert_id: str, note: str, dialog=None) -> bool:
        """Present ``package`` as ``expert_id`` with an unlocked credential (tests, benchmarks)."""
        return self.signin.present_unlocked(package, credential, expert_id, note, dialog)

    def set_declaration(self, application_id: str, reason: str) -> None:
        self.coi.set_declaration(application_id, reason)

    def certification_question(self) -> str:
        return self.coi.certification_question()

    def confirm_certification(self) -> None:
        self.coi.confirm_certification()

    def certify(self) -> None:
        self.coi.certify()

    def refresh_list(self) -> None:
        self.work.refresh_list()

    def show_attachment(self, index: int) -> None:
        self.materials.show_attachment(index)

    def decrypt_attachment(self, app_id: str, index: int, on_done) -> None:
        self.materials.decrypt_attachment(app_id, index, on_done)

    def sign_and_export(self, folder: Path | None = None) -> None:
        self.signing.sign_and_export(folder)

    def write_signed_files_again(self, folder: Path | None = None) -> None:
        self.signing.write_again(folder)

    # --- a package is open --------------------------------------------------------------------
    def present(self, desk: ExpertDesk, package: OpenedPackage, expert_id: str, note: str) -> None:
        """Show the open package: the declaration first, or the work when it was made."""
        from tic_desktop.security.fingerprints import short_fingerprint

        self.materials.warm_up(str(package.file))
        if self.package is not None and self.package is not package:
            self.viewer.clear()
            self.package.close()
        self.desk = desk
        self.package = package
        self.work.current, self.work.states = None, {}
        manifest = package.manifest
        member = manifest.member(expert_id)
        assert member is not None  # the desk checked the credential against the package
        self.ui.titleLabel.setText(
            f"<b>{escape(manifest.round.title)}</b> · {escape(manifest.panel_id)} · "
            f"{escape(member.name)}（{escape(member.unit_name)}）"
        )
        self.ui.trustLabel.setText(
            self.tr("Bureau signature verified: %1, fingerprint %2")
            .replace("%1", manifest.bureau.name)
            .replace("%2", short_fingerprint(manifest.bureau.fingerprint))
        )
        self.work.add_chair_tab()
        self.clear_message()
        self.show_integrity(desk.integrity)
        if note:
            self.notify(note, "info")
        self.statusBar().showMessage(self.tr("Package opened"))
        self.signed_in.emit(expert_id)
        if desk.certified:
            self.work.show()
        else:
            self.coi.show()
        self.signing.update_title()

    def show_integrity(self, problem: TicError | None) -> None:
        """The saved work differs from its audit log: said until the package is opened intact.

        Signing stays refused meanwhile (the core refuses too, and checks again before signing).
        """
        self.ui.integrityFrame.setVisible(problem is not None)
        self.ui.integrityLabel.setText(
            ""
            if problem is None
            else "<b>"
            + escape(self.tr("Signing is refused: the saved work does not match its record"))
            + f"</b><br>{escape(problem.message(self.language))}"
        )
        self.ui.signAction.setEnabled(self.desk is not None and problem is None)
        self.ui.writeAgainAction.setEnabled(self.desk is not None)

    def integrity_text(self) -> str:
        """What the integrity banner says (empty when hidden)."""
        frame = self.ui.integrityFrame
        return self.ui.integrityLabel.text() if not frame.isHidden() else ""

    # --- messages in the window ---------------------------------------------------------------
    def notify(
        self, text: str, kind: str = "info", title: str = "", actions: Sequence[Action] = ()
    ) -> None:
        """Say ``text`` in the message strip at the top of the window (and the status bar).

        ``actions`` become buttons in the strip (e.g. 重新写出已签名文件).
        """
        lines = text.splitlines() or [""]
        if len(lines) > MESSAGE_LINES + 1:
            more = len(lines) - MESSAGE_LINES
            lines = [*lines[:MESSAGE_LINES], self.tr("… and %1 more").replace("%1", str(more))]
        body = "<br>".join(escape(line) for line in lines)
        self.ui.messageLabel.setText((f"<b>{escape(title)}</b><br>" if title else "") + body)
        self.ui.messageFrame.setStyleSheet(MESSAGE_STYLES.get(kind, MESSAGE_STYLES["info"]))
        self._set_message_actions(actions)
        self.ui.messageFrame.show()
        self._message_kind = kind
        # Errors and questions stay until dealt with; news goes after a while (the status bar
        # keeps it).
        if kind == "error" or actions:
            self._message_timer.stop()
        else:
            self._message_timer.start()
        self.statusBar().showMessage((title + "：" if title else "") + lines[0], 20_000)
        self.message_shown.emit(kind, text)

    def _set_message_actions(self, actions: Sequence[Action]) -> None:
        for button in self._message_buttons:
            button.hide()
            button.deleteLater()
        self._message_buttons = []
        layout = self.ui.messageLayout
        for text, act in actions:
            button = QPushButton(text, self.ui.messageFrame)
            button.clicked.connect(act)
            layout.insertWidget(layout.count() - 1, button)
            self._message_buttons.append(button)

    def message_actions(self) -> list[QPushButton]:
        """The buttons the message strip offers now."""
        return list(self._message_buttons) if self.ui.messageFrame.isVisible() else []

    def _expire_message(self) -> None:
        if self._message_kind != "error":
            self.clear_message()

    def clear_message(self) -> None:
        self.ui.messageFrame.hide()
        self.ui.messageLabel.clear()
        self._set_message_actions(())
        self._message_kind = ""

    def message_text(self) -> str:
        """What the message strip says (empty when hidden)."""
        return self.ui.messageLabel.text() if self.ui.messageFrame.isVisible() else ""

    def show_error(self, title: str, text: str, actions: Sequence[Action] = ()) -> None:
        self.notify(text, "error", title, actions)
        self.error_shown.emit(text)

    def _show_saved(self, what: str) -> None:
        now = dt.datetime.now().strftime("%H:%M:%S")
        saved = self.tr("Saved %1").replace("%1", now)
        self.ui.savedLabel.setText(f"<span style='color:#1b6e20'>✔ {escape(saved)}</span>")
        self.statusBar().showMessage(saved)
        edit = what.startswith(("score", "opinion", "note", "judgement"))
        if self._message_kind == "error" and edit and not self._message_buttons:
            self.clear_message()  # the correction went in
        self.work.saved(what)
        if edit:
            self.signing.update_title()

    # --- drag and drop, the guide -------------------------------------------------------------
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

    def show_guide(self) -> None:
        from tic_desktop.gui.help_window import UserGuideWindow

        self.guide_window = UserGuideWindow(self.language, self.preferences)
        self.guide_window.show_guide("expert")
        self.guide_window.show()

    # --- language -----------------------------------------------------------------------------
    def switch_language(self, language: str) -> None:
        self.language = language
        if self._set_language is not None:
            self._set_language(language)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._restore_shortcuts()
            if self.desk is not None:
                if self.ui.pages.currentWidget() is self.ui.workPage:
                    self.work.retranslate()
                elif self.ui.pages.currentWidget() is self.ui.coiPage:
                    self.coi.retranslate()
                self.show_integrity(self.desk.integrity)
            self.signing.update_title()
        super().changeEvent(event)

    def _restore_shortcuts(self) -> None:
        # One meaning per key: Ctrl++ / Ctrl+- zoom the PDF on the materials tab; the interface's
        # type size is Ctrl+Alt++ / Ctrl+Alt+- (Ctrl+Alt+= too: "+" needs Shift on most keyboards).
        # retranslateUi sets the form's shortcuts again, hence after each language change too.
        self.ui.largerTextAction.setShortcuts(
            [QKeySequence("Ctrl+Alt++"), QKeySequence("Ctrl+Alt+=")]
        )
        self.ui.smallerTextAction.setShortcuts([QKeySequence("Ctrl+Alt+-")])

    # --- leaving ------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.signing.may_close():  # asks first: unsaved entries, 需重新签名
            event.ignore()
            return
        self.materials.shutdown()  # the decrypted PDF leaves memory, the worker process ends
        self.save_geometry(self.preferences)
        if self.package is not None:
            self.package.close()
        self.bridge.close()
        super().closeEvent(event)
