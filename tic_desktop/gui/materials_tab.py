"""The expert window's materials tab: an application's facts and its attachments, in memory only.

The window only starts the core's job (:mod:`tic_desktop.expert.attachments`: one kept worker
process decrypts into shared memory) and shows its progress; the viewer reads the PDF in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressBar, QSizePolicy

from tic_desktop.errors import TicError
from tic_desktop.expert.attachments import (
    AttachmentRequest,
    AttachmentWorker,
    DecryptCancelled,
    DecryptJob,
    Plaintext,
)
from tic_desktop.gui.pdf_viewer import PdfViewer
from tic_desktop.gui.tasks import run_task
from tic_desktop.processes import WorkerShutDown

if TYPE_CHECKING:
    from tic_desktop.domain.application import Application


def size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, size // 1024)} KB"


class MaterialsTab(QObject):
    """The facts line, the attachment chooser and the PDF viewer of the 申报材料 tab."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        ui = self.ui = window.ui
        self.viewer = PdfViewer()
        self.viewer.document_shown.connect(self._document_shown)
        self.viewer.failed.connect(
            lambda _reason: window.show_error(
                self.tr("The attachment could not be opened"),
                self.tr("This document is not a PDF that can be shown."),
            )
        )
        ui.materialsLayout.addWidget(self.viewer, 1)
        # Which document, in the viewer's own toolbar: the page gets the height.
        self.viewer.title.hide()
        for position, widget in enumerate(
            (ui.attachmentLabel, ui.attachmentCombo, ui.attachmentStatus)
        ):
            self.viewer.bar.insertWidget(position, widget)
        ui.attachmentStatus.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        ui.materialsInfo.setWordWrap(False)
        ui.materialsInfo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        ui.materialsInfo.installEventFilter(self)
        self._info_text = ""
        ui.attachmentCombo.activated.connect(self.show_attachment)
        # The first document opens by itself once the expert rests on an application's materials
        # (not for every application passed on the way with the arrow keys).
        self.auto_open = QTimer(self, singleShot=True, interval=150)
        self.auto_open.timeout.connect(self._open_first_attachment)
        ui.workTabs.currentChanged.connect(self._tab_changed)
        self.application: str | None = None
        self.shown: tuple[str, int] | None = None
        self.pending: tuple[str, int] | None = None
        self._job: DecryptJob | None = None
        self.worker = AttachmentWorker()
        """The process that decrypts attachments (kept: forked once per window)."""
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Decrypting"))
        self.progress_bar.hide()
        self.progress_bar.setMaximumWidth(120)
        self.viewer.bar.insertWidget(3, self.progress_bar)

    @property
    def desk(self):
        return self.window.desk

    def warm_up(self, package_file: str) -> None:
        """The decrypting process is started and opens the package now, not at the first click."""
        worker = self.worker
        run_task(lambda: worker.warm_up(package_file), lambda _r: None, lambda _e: None)

    # --- which application ---------------------------------------------------------------------
    def show_application(self, app_id: str, application: Application) -> None:
        """The facts and the attachment list of a readable application."""
        self.leave()
        self.application = app_id
        tabs = self.ui.workTabs
        tabs.setTabVisible(tabs.indexOf(self.ui.materialsTab), True)
        entry = self.desk.manifest.application(app_id)
        rows = [
            (self.tr("Center"), application.center_name),
            (self.tr("Field"), application.field or "—"),
            (self.tr("Lead unit"), application.lead_unit.name),
            (self.tr("Co-builders"), "、".join(c.name for c in application.co_builders) or "—"),
            (
                self.tr("Director"),
                f"{application.director.name} {application.director.title or ''}"
                if application.director
                else "—",
            ),
        ]
        self._info_text = f"{application.id}　" + "　".join(f"{k}：{v}" for k, v in rows)
        self.ui.materialsInfo.setToolTip("\n".join(f"{k}：{v}" for k, v in rows))
        self._elide_info()
        combo = self.ui.attachmentCombo
        combo.blockSignals(True)
        combo.clear()
        for attachment in entry.attachments:
            combo.addItem(
                self.tr("%1 (%2)")
                .replace("%1", attachment.title)
                .replace("%2", size_text(attachment.file.plaintext_size))
            )
        combo.blockSignals(False)
        if not entry.attachments:
            self.ui.attachmentStatus.setText(self.tr("This application has no attachments."))
        else:
            self.ui.attachmentStatus.clear()
        if tabs.currentWidget() is self.ui.materialsTab:
            self.auto_open.start()

    def show_recused(self, app_id: str) -> None:
        """No materials tab at all: nothing of a recused application may be read."""
        self.leave()
        self.application = app_id
        tabs = self.ui.workTabs
        if tabs.currentWidget() is self.ui.materialsTab:
            tabs.setCurrentWidget(self.ui.formalTab)
        tabs.setTabVisible(tabs.indexOf(self.ui.materialsTab), False)
        self.ui.attachmentCombo.clear()
        self._info_text = ""
        self.ui.materialsInfo.clear()

    def leave(self) -> None:
        """The expert moves on: the shown document leaves memory, one on its way is cancelled."""
        if self._job is not None:
            self._job.cancel()
        self.shown = self.pending = None
        self.viewer.clear()  # the viewer releases the memory once pdfium has let go of it

    def eventFilter(self, watched, event) -> bool:
        if watched is self.ui.materialsInfo and event.type() == QEvent.Type.Resize:
            self._elide_info()
        return super().eventFilter(watched, event)

    def _elide_info(self) -> None:
        """One line of the application's facts (all of them in the tooltip)."""
        label = self.ui.materialsInfo
        label.setText(
            label.fontMetrics().elidedText(
                self._info_text, Qt.TextElideMode.ElideRight, max(50, label.width())
            )
        )

    def _tab_changed(self, _index: int) -> None:
        if self.ui.workTabs.currentWidget() is self.ui.materialsTab:
            self.auto_open.start()

    def _open_first_attachment(self) -> None:
        """The materials tab shows a document at once, not an empty box."""
        app_id = self.application
        if (
            self.desk is None
            or self.ui.workTabs.currentWidget() is not self.ui.materialsTab
            or app_id is None
            or self.desk.locked(app_id)
            or not self.ui.attachmentCombo.count()
            or self.shown is not None
            or self.pending is not None
        ):
            return
        self.show_attachment(max(0, self.ui.attachmentCombo.currentIndex()))

    # --- one document ----------------------------------------------------------------------------
    def show_attachment(self, index: int) -> None:
        """Decrypt attachment ``index`` of the current application and show it in the viewer."""
        app_id = self.application
        if self.desk is None or app_id is None or self.desk.locked(app_id):
            return
        attachments = self.desk.manifest.application(app_id).attachments
        if not 0 <= index < len(attachments):
            return
        title = attachments[index].title
        wanted = (app_id, index)
        if self.ui.attachmentCombo.currentIndex() != index:
            self.ui.attachmentCombo.setCurrentIndex(index)
        if self.shown == wanted:
            self.window.attachment_shown.emit(title)
            return
        if self.pending == wanted:
            return  # already on its way
        if self._job is not None:
            self._job.cancel()  # another document of the same application was asked for
        self.pending = wanted

        def show(plaintext: Plaintext) -> None:
            if self.pending != wanted or self.application != app_id:
                plaintext.release()  # the expert moved on meanwhile
                return
            self.shown = wanted
            self.viewer.load_buffer(plaintext.array(), title, plaintext.release)

        self._job = self.decrypt_attachment(app_id, index, show)

    def _document_shown(self, _pages: int) -> None:
        if self.shown is None:
            return
        app_id, index = self.shown
        self.pending = None
        title = self.desk.manifest.application(app_id).attachments[index].title
        self.ui.attachmentStatus.setText(self.tr("in memory only"))
        self.window.statusBar().showMessage(
            self.tr("Opened %1 (in memory only)").replace("%1", title)
        )
        self.window.attachment_shown.emit(title)

    def decrypt_attachment(self, app_id: str, index: int, on_done) -> DecryptJob:
        """Start the core's job; ``on_done(plaintext)`` runs on the GUI thread with the plaintext
        in shared memory (the receiver calls ``plaintext.release()`` when done with it)."""
        request = AttachmentRequest.of(self.desk, app_id, index)
        self.window.statusBar().showMessage(self.tr("Decrypting %1…").replace("%1", request.title))
        self.ui.attachmentStatus.setText(self.tr("Decrypting…"))
        job = self.worker.job(request)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        poll = QTimer(self, interval=100)
        poll.timeout.connect(lambda: self.progress_bar.setValue(job.progress().per_mille))
        poll.start()

        def finish() -> bool:
            """Tidy up; False when the window was closed meanwhile (its widgets are gone)."""
            if self._job is job:
                self._job = None
            if not shiboken6.isValid(poll):
                return False
            poll.stop()
            poll.deleteLater()
            if self.pending in (None, (app_id, index)):
                self.progress_bar.hide()
            return True

        def done(plaintext: Plaintext) -> None:
            if finish():
                on_done(plaintext)
            else:
                plaintext.release()

        def failed(error: Exception) -> None:
            if not finish():
                return
            if self.pending == (app_id, index):
                self.pending = None
                self.ui.attachmentStatus.clear()
            if isinstance(error, DecryptCancelled | WorkerShutDown):
                return  # the expert moved on, or closed the window: nothing to say
            if isinstance(error, TicError):
                self.window.show_error(
                    self.tr("The attachment could not be opened"),
                    error.message(self.window.language),
                )
            else:
                raise error

        run_task(job.run, done, failed)
        return job

    def shutdown(self) -> None:
        """The window closes: the decrypted PDF leaves memory, the worker process ends."""
        if self._job is not None:
            self._job.cancel()
        self.pending = None
        self.viewer.shutdown()
        self.worker.shutdown()
