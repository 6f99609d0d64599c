"""The expert's workstation: open a package, certify conflicts, read, score, sign and export."""

from __future__ import annotations

import datetime as dt
import json
import struct
from html import escape
from multiprocessing import resource_tracker, shared_memory
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
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
    QTableWidgetItem,
)

from tic_desktop.domain.application import Application
from tic_desktop.domain.decimals import JsonFloat
from tic_desktop.errors import TicError
from tic_desktop.events import EventBus
from tic_desktop.expert.chair import ChairDesk
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.inspection import InspectionDesk
from tic_desktop.gui.bridge import QtEventBridge
from tic_desktop.gui.chair_panel import ChairPanel
from tic_desktop.gui.expert_dialogs import SignInDialog
from tic_desktop.gui.formal_review_panel import FormalReviewPanel
from tic_desktop.gui.forms import form_class
from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.inspection_panel import InspectionPanel
from tic_desktop.gui.pdf_viewer import PdfViewer
from tic_desktop.gui.scoring_form import ScoringForm
from tic_desktop.gui.settings import Preferences
from tic_desktop.gui.tasks import in_worker_process, run_task
from tic_desktop.gui.view_actions import connect_view_actions
from tic_desktop.packages.credentials import Credential, unlock
from tic_desktop.packages.expert_keys import KEYRING_SERVICE, keyring_entry
from tic_desktop.packages.opening import OpenedPackage, open_package
from tic_desktop.rules.display import shown_value
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label
from tic_desktop.security import keyring_store
from tic_desktop.security.certificates import short_fingerprint
from tic_desktop.security.errors import KeyringUnavailable
from tic_desktop.storage.database import Database


def _unlock_to_json(sealed: bytes, passphrase: str) -> str:
    return unlock(sealed, passphrase).to_json()


COPY_SLICE = 8 << 20


def _decrypt_in_worker_process(
    package_file: str, application_id: str, index: int, credential_json: str, progress_name: str
) -> bytearray:
    """pyrage holds the GIL while it decrypts: a 200 MB attachment would freeze the window.

    The plaintext comes back through shared memory (RAM, never a file) and is copied out in
    slices, so no single step holds the GIL for long; the segment is removed at once.
    """
    name, size = in_worker_process(
        _decrypt_attachment, package_file, application_id, index, credential_json, progress_name
    )
    segment = shared_memory.SharedMemory(name=name)
    try:
        # Grown slice by slice: bytearray(size) would zero 200 MB in one step, holding the GIL.
        data = bytearray()
        for start in range(0, size, COPY_SLICE):
            data += segment.buf[start : min(size, start + COPY_SLICE)]
    finally:
        segment.close()
        segment.unlink()
    return data


def _decrypt_attachment(
    package_file: str, application_id: str, index: int, credential_json: str, progress_name: str
) -> tuple[str, int]:
    # Attaching registers the name again with the one resource tracker the processes share; the GUI's
    # unlink unregisters it once. Unregistering here too made the tracker print a KeyError each time.
    progress = shared_memory.SharedMemory(name=progress_name)
    package = open_package(Path(package_file))
    try:
        credential = Credential.from_json(credential_json)
        package.check_credential(credential, credential.expert_id)
        entry = package.manifest.application(application_id)
        data = package.read_member(
            entry.attachments[index].file,
            credential,
            on_read=lambda done: struct.pack_into("<q", progress.buf, 0, done),
        )
    finally:
        package.close()
        progress.close()
    segment = shared_memory.SharedMemory(create=True, size=max(1, len(data)))
    segment.buf[: len(data)] = data
    # The GUI process unlinks it after copying; this worker's tracker must not remove it first.
    resource_tracker.unregister(segment._name, "shared_memory")
    segment.close()
    return segment.name, len(data)


class ExpertWindow(RemembersGeometry, QMainWindow):
    """One expert, one package, a whole review day."""

    signed_in = Signal(str)
    """The credential is open (the expert id)."""
    certified = Signal()
    """The conflict-of-interest certification was recorded."""
    sign_blocked = Signal(list)
    """Signing was refused; carries the list of (application, Chinese, English) problems."""
    exported = Signal(object)
    """The return and opinion PDFs were written: (ReturnMade, [pdf paths])."""
    error_shown = Signal(str)
    attachment_shown = Signal(str)
    """An attachment was decrypted into memory and is on screen (its title)."""

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
        self.ui.openPackageButton.clicked.connect(self.choose_package)
        self.ui.openPackageAction.triggered.connect(self.choose_package)
        self.ui.signAction.triggered.connect(
            lambda: self.sign_and_export()
        )  # not the action's "checked"
        self.ui.closeAction.triggered.connect(self.close)
        self.ui.userGuideAction.triggered.connect(self.show_guide)
        self.ui.certifyButton.clicked.connect(self.certify)
        self.ui.applicationList.currentItemChanged.connect(self._application_chosen)
        self.viewer = PdfViewer()
        self.ui.materialsLayout.addWidget(self.viewer, 1)
        self.ui.materialsLayout.setStretch(0, 0)
        self.ui.materialsView.setOpenLinks(False)
        self.ui.materialsView.setMaximumHeight(230)
        self.ui.materialsView.anchorClicked.connect(
            lambda url: self.show_attachment(int(url.path()))
        )
        self._current_application: str | None = None
        self.ui.workSplitter.setSizes([380, 960])
        self._set_language = set_language
        self._set_point_size = set_point_size
        connect_view_actions(
            self, self.ui, preferences, language, self.switch_language, set_point_size
        )
        self.ui.signAction.setEnabled(False)
        self.setAcceptDrops(True)  # a package dragged from the USB stick's folder opens too
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.restore_geometry(preferences)

    # --- opening ----------------------------------------------------------------------------
    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open review package"), "", self.tr("Review package (*.ticpkg)")
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
        """Verify the package, then ask who is opening it (and the passphrase the first time)."""
        package = self._open_verified(path)
        if package is None:
            return
        dialog = SignInDialog(package.manifest, self.preferences, self)
        if dialog.exec():
            self.sign_in(package, dialog.expert_id(), dialog.passphrase_text())

    def _open_verified(self, path: Path) -> OpenedPackage | None:
        try:
            return open_package(path)
        except TicError as error:
            self.show_error(
                self.tr("The package could not be opened"), error.message(self.language)
            )
            return None

    def open_package_as(self, path: Path, expert_id: str, passphrase: str | None) -> None:
        """Open ``path`` as ``expert_id`` without dialogs (used by tests and the command line)."""
        package = self._open_verified(path)
        if package is not None:
            self.sign_in(package, expert_id, passphrase)

    def sign_in(self, package: OpenedPackage, expert_id: str, passphrase: str | None) -> None:
        entry = keyring_entry(package.bureau_fingerprint, package.manifest.round.id, expert_id)
        stored = keyring_store.load_secret(KEYRING_SERVICE, entry)
        if stored is not None:
            self._signed_in(package, Credential.from_json(stored), expert_id, "")
            return
        if not passphrase:
            self.show_error(
                self.tr("Passphrase needed"),
                self.tr(
                    "This computer does not know you yet: enter the passphrase from your sheet."
                ),
            )
            return
        try:
            sealed = package.sealed_credential(expert_id)
        except TicError as error:
            self.show_error(
                self.tr("The package could not be opened"), error.message(self.language)
            )
            return
        self.statusBar().showMessage(self.tr("Unlocking your credential… (a few seconds)"))
        self.setCursor(Qt.CursorShape.BusyCursor)

        def done(credential_json: str) -> None:
            self.unsetCursor()
            credential = Credential.from_json(credential_json)
            note = ""
            try:
                keyring_store.store_secret(KEYRING_SERVICE, entry, credential.to_json())
            except KeyringUnavailable:
                note = self.tr(
                    "This computer has no secure keyring: your passphrase cannot be remembered "
                    "and will be asked for each time you open the package."
                )
            self._signed_in(package, credential, expert_id, note)

        def failed(error: Exception) -> None:
            self.unsetCursor()
            if isinstance(error, TicError):
                self.show_error(
                    self.tr("The package could not be opened"), error.message(self.language)
                )
            else:
                raise error

        run_task(lambda: in_worker_process(_unlock_to_json, sealed, passphrase), done, failed)

    def _signed_in(
        self, package: OpenedPackage, credential: Credential, expert_id: str, note: str
    ) -> None:
        try:
            self.desk = ExpertDesk(self.db, package, credential, self.bus)
        except TicError as error:
            self.show_error(
                self.tr("The package could not be opened"), error.message(self.language)
            )
            return
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
            + (f"<br><span style='color:#8a5a00'>{escape(note)}</span>" if note else "")
        )
        self.ui.signAction.setEnabled(True)
        self._add_chair_tab()
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
            lambda path: self.statusBar().showMessage(
                self.tr("Group opinion signed: %1").replace("%1", str(path))
            )
        )
        self.ui.workTabs.addTab(self.chair_panel, self.tr("Panel chair"))

    # --- certification gate -----------------------------------------------------------------
    def _show_certification(self) -> None:
        table = self.ui.coiTable
        applications = self.desk.manifest.applications
        known = self.desk.known_conflicts()
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(
            [
                self.tr("Application"),
                self.tr("Center"),
                self.tr("Units involved"),
                self.tr("Conflict"),
                self.tr("Reason"),
            ]
        )
        table.setRowCount(len(applications))
        for row, entry in enumerate(applications):
            units = "、".join([entry.lead_unit.name, *(c.name for c in entry.co_builders)])
            for column, value in enumerate((entry.id, entry.center_name, units)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, column, item)
            box = QCheckBox(
                self.tr("Known conflict (locked)")
                if entry.id in known
                else self.tr("I have a conflict")
            )
            reason = QLineEdit(known.get(entry.id, ""))
            if entry.id in known:
                box.setChecked(True)
                box.setEnabled(False)
                reason.setReadOnly(True)
            table.setCellWidget(row, 3, box)
            table.setCellWidget(row, 4, reason)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.ui.pages.setCurrentWidget(self.ui.coiPage)

    def set_declaration(self, application_id: str, reason: str) -> None:
        """Tick an application as a conflict with its reason (what the expert does in the table)."""
        table = self.ui.coiTable
        for row in range(table.rowCount()):
            if table.item(row, 0).text() == application_id:
                table.cellWidget(row, 3).setChecked(True)
                table.cellWidget(row, 4).setText(reason)

    def certify(self) -> None:
        table = self.ui.coiTable
        known = self.desk.known_conflicts()
        declared = {}
        for row in range(table.rowCount()):
            app_id = table.item(row, 0).text()
            if app_id not in known and table.cellWidget(row, 3).isChecked():
                declared[app_id] = table.cellWidget(row, 4).text()
        try:
            self.desk.certify(declared)
        except TicError as error:
            self.show_error(self.tr("Declaration incomplete"), error.message(self.language))
            return
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
        self.viewer.clear()
        if self.desk.locked(app_id):
            text = self.tr("You are recused from this application: no materials, no scoring.")
            self.ui.materialsView.setHtml(f"<p>{escape(text)}</p>")
            self.ui.formalView.setHtml(f"<p>{escape(text)}</p>")
            self._set_formal_panel(None)
            self._set_scoring(None)
            self._set_inspection(None)
            return
        data = self.desk.read_application_data(app_id)
        application = Application.model_validate(json.loads(data, parse_float=JsonFloat))
        self.ui.materialsView.setHtml(self._materials_html(app_id, application))
        self.ui.formalView.setHtml(self._formal_html(application))
        self._set_formal_panel(FormalReviewPanel(self.desk, app_id, self.language))
        self._set_scoring(ScoringForm(self.desk, app_id))
        self._set_inspection(InspectionPanel(InspectionDesk(self.desk), app_id))

    def _set_formal_panel(self, panel: FormalReviewPanel | None) -> None:
        if self.formal_panel is not None:
            self.ui.formalLayout.removeWidget(self.formal_panel)
            self.formal_panel.hide()  # deleteLater waits for the event loop; never show it meanwhile
            self.formal_panel.deleteLater()
        self.formal_panel = panel
        if panel is not None:
            self.ui.formalLayout.addWidget(panel)

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
        panel.problem.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        panel.signed.connect(
            lambda path: self.statusBar().showMessage(
                self.tr("Inspection report signed: %1").replace("%1", str(path))
            )
        )
        self.inspection_scroll.setWidget(panel)
        self.inspection_panel = panel

    def _set_scoring(self, form: ScoringForm | None) -> None:
        self.scoring = form
        if form is not None:
            form.problem.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            self.ui.scoringScroll.setWidget(form)
        else:
            self.ui.scoringScroll.takeWidget()

    def _materials_html(self, app_id: str, app: Application) -> str:
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
        table = "".join(
            f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows
        )
        files = "".join(
            f"<li><a href='attachment:{i}'>{escape(a.title)}</a>（{a.file.plaintext_size // 1024} KB）</li>"
            for i, a in enumerate(entry.attachments)
        )
        return f"<h3>{escape(app.id)}</h3><table cellpadding='4'>{table}</table><p><b>{self.tr('Attachments')}</b></p><ul>{files}</ul>"

    def _formal_html(self, app: Application) -> str:
        report = evaluate(app)
        rows = "".join(
            f"<tr><td>{escape(label(CHECK_TITLES, c.id, self.language))}</td><td>{escape(c.clause)}</td>"
            f"<td>{escape(label(RESULT_LABELS, c.result.value, self.language))}</td>"
            f"<td>{escape(shown_value(c.id, c.value, self.language))}</td><td>{escape(c.message(self.language))}</td></tr>"
            for c in report.checks
        )
        return f"<table cellpadding='4' border='1' cellspacing='0'>{rows}</table>"

    def show_attachment(self, index: int) -> None:
        """Decrypt attachment ``index`` of the current application and show it in the viewer."""
        app_id = self._current_application
        if self.desk is None or app_id is None or self.desk.locked(app_id):
            return
        title = self.desk.manifest.application(app_id).attachments[index].title

        def show(data: bytes) -> None:
            if self._current_application != app_id:
                return  # the expert moved on meanwhile
            self.viewer.load(bytes(data), title)
            self.statusBar().showMessage(self.tr("Opened %1 (in memory only)").replace("%1", title))
            self.attachment_shown.emit(title)

        self.decrypt_attachment(app_id, index, show)

    def decrypt_attachment(self, app_id: str, index: int, on_done) -> None:
        """Decrypt in a worker process (the window keeps responding); ``on_done(bytes)`` on the GUI thread."""
        attachment = self.desk.manifest.application(app_id).attachments[index]
        self.statusBar().showMessage(self.tr("Decrypting %1…").replace("%1", attachment.title))
        self.setCursor(Qt.CursorShape.BusyCursor)
        package_file, credential_json = str(self.package.file), self.desk.credential.to_json()
        # The worker process reports the bytes it has read through 8 bytes of shared memory.
        progress = shared_memory.SharedMemory(create=True, size=8)
        struct.pack_into("<q", progress.buf, 0, 0)
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

        def finish() -> None:
            poll.stop()
            self.progress_bar.hide()
            self.unsetCursor()
            progress.close()
            progress.unlink()

        def done(data: bytes) -> None:
            finish()
            on_done(data)

        def failed(error: Exception) -> None:
            finish()
            if isinstance(error, TicError):
                self.show_error(
                    self.tr("The attachment could not be opened"), error.message(self.language)
                )
            else:
                raise error

        run_task(
            lambda: _decrypt_in_worker_process(
                package_file, app_id, index, credential_json, progress.name
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
        problems = self.desk.problems()
        if problems:
            lines = "\n".join(
                f"· {app} {zh if self.language == 'zh' else en}" for app, zh, en in problems[:12]
            )
            if len(problems) > 12:
                lines += "\n" + self.tr("… and %1 more").replace("%1", str(len(problems) - 12))
            self.sign_blocked.emit(problems)
            self.show_error(
                self.tr("Not ready to sign"), self.tr("Please complete these first:") + "\n" + lines
            )
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Where should the signed files go? (e.g. a USB stick)")
            )
            if not chosen:
                return
            folder = Path(chosen)
        self.statusBar().showMessage(self.tr("Signing…"))
        desk = self.desk

        def done(result) -> None:
            made, pdfs = result
            self.statusBar().showMessage(
                self.tr("Signed: %1 (revision %2) and %3 opinion PDFs")
                .replace("%1", str(made.file))
                .replace("%2", str(made.revision))
                .replace("%3", str(len(pdfs)))
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
            if self.ui.pages.currentWidget() is self.ui.workPage:
                self.refresh_list()
                self._application_chosen(self.ui.applicationList.currentItem())
            elif self.ui.pages.currentWidget() is self.ui.coiPage:
                self.ui.coiTable.setHorizontalHeaderLabels(
                    [
                        self.tr("Application"),
                        self.tr("Center"),
                        self.tr("Units involved"),
                        self.tr("Conflict"),
                        self.tr("Reason"),
                    ]
                )
        elif event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
        super().changeEvent(event)

    # --- feedback ---------------------------------------------------------------------------
    def _show_saved(self, what: str) -> None:
        now = dt.datetime.now().strftime("%H:%M:%S")
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", now))
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

    def show_error(self, title: str, text: str) -> None:
        self.statusBar().showMessage(text.splitlines()[0], 20_000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_shown.emit(text)

    def closeEvent(self, event) -> None:
        if self.scoring is not None:
            self.scoring.flush()
        self.viewer.clear()  # drop the decrypted PDF from memory
        self.save_geometry(self.preferences)
        if self.package is not None:
            self.package.close()
        self.bridge.close()
        super().closeEvent(event)
