"""A PDF viewer for decrypted materials, from memory only (pdfium renders; nothing touches the
disk).

QtPdf is not part of the PySide6 wheels this project installs, so pages are rendered with
pypdfium2 (Google's PDFium) into images: page thumbnails, zoom, and text search with the
matches highlighted and scrolled into view.

Every call into pdfium runs on one rendering thread owned by the viewer (pdfium is not
thread-safe, and a scanned page takes tens of milliseconds to decode): the GUI thread only
posts requests and shows the images that come back. The page on screen comes first; page
thumbnails are rendered only for the rows scrolled into view, after it. The document is read
from the caller's buffer in place (e.g. the shared memory the decrypting process wrote into),
without a copy.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # imported on the rendering thread, when the first document opens
    import pypdfium2 as pdfium

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
DEFAULT_ZOOM = 2
THUMBNAIL_SIZE = QSize(96, 132)
ZOOM_IN_KEYS = ("Ctrl++", "Ctrl+=")
ZOOM_OUT_KEYS = ("Ctrl+-",)
ACTUAL_SIZE_KEYS = ("Ctrl+0",)
HIGHLIGHT = QColor(255, 200, 0, 120)

Box = tuple[float, float, float, float]
# The PDF: bytes, or a ctypes array over memory (read in place).
Source = bytes | ctypes.Array[ctypes.c_char]
OpenRequest = tuple[int, Source]  # (generation, the PDF)
PageRequest = tuple[int, int, float, list[Box]]  # (generation, page, scale, highlight boxes)
SearchRequest = tuple[int, str]  # (generation, text)
ThumbnailRequest = tuple[int, int]  # (generation, page)
# (kind, what the request carries); a "close" carries the buffers' release callbacks
Job = tuple[
    str, OpenRequest | PageRequest | SearchRequest | ThumbnailRequest | list[Callable[[], None]]
]


def _qimage(bitmap: pdfium.PdfBitmap) -> QImage:
    """A QImage owning a copy of the rendered pixels (the bitmap is freed afterwards)."""
    channels = bitmap.n_channels
    image_format = {
        4: QImage.Format.Format_RGB32,  # BGRx in memory on little-endian machines
        3: QImage.Format.Format_BGR888,
        1: QImage.Format.Format_Grayscale8,
    }[channels]
    pixels = bytes(bitmap.buffer) if not isinstance(bitmap.buffer, bytes) else bitmap.buffer
    return QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, image_format).copy()


@dataclass
class _Requests:
    """What the GUI asked for and the rendering thread has not done yet (newest wins)."""

    open: OpenRequest | None = None
    page: PageRequest | None = None
    search: SearchRequest | None = None
    thumbnails: list[ThumbnailRequest] = field(default_factory=list)
    close: list[Callable[[], None]] = field(default_factory=list)
    stop: bool = False


class _Renderer(QObject):
    """The rendering thread: the only code that touches pdfium documents of the viewer."""

    opened = Signal(int, int, object)
    """(generation, page count, error text or None)"""
    page_ready = Signal(int, int, float, object, object)
    """(generation, page, scale, QImage, (page height in points, highlight boxes))"""
    thumbnail_ready = Signal(int, int, object)
    searched = Signal(int, str, object)
    """(generation, text, [(page, boxes)])"""

    def __init__(self) -> None:
        super().__init__()
        self._condition = threading.Condition()
        self._requests = _Requests()
        self._document: pdfium.PdfDocument | None = None
        self._generation = -1
        self._thread = threading.Thread(target=self._run, name="pdf-render", daemon=True)
        self._thread.start()

    # --- called on the GUI thread --------------------------------------------------------------
    def post(self, **requests) -> None:
        with self._condition:
            for name, value in requests.items():
                if name == "close":
                    self._requests.close.append(value)
                else:
                    setattr(self._requests, name, value)
            self._condition.notify()

    def stop(self) -> None:
        self.post(stop=True)
        self._thread.join(5)

    def _pending(self) -> bool:
        r = self._requests
        return bool(r.open or r.page or r.search or r.thumbnails or r.close)

    # --- the rendering thread ------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending() or self._requests.stop)
                r = self._requests
                if r.stop:
                    self._close_document()
                    for release in r.close:
                        release()
                    return
                job: Job
                if r.close:
                    job, r.close = ("close", list(r.close)), []
                elif r.open:
                    job, r.open = ("open", r.open), None
                elif r.page:
                    job, r.page = ("page", r.page), None
                elif r.search:
                    job, r.search = ("search", r.search), None
                else:
                    job = ("thumbnail", r.thumbnails.pop(0))
            try:
                self._do(*job)
            except Exception as error:  # a damaged page must not end the thread
                if job[0] == "open":
                    self.opened.emit(job[1][0], 0, str(error))

    def _close_document(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def _do(self, kind: str, job) -> None:
        if kind == "close":
            self._close_document()
            for release in job:
                release()
        elif kind == "open":
            import pypdfium2 as pdfium

            generation, source = job
            self._close_document()
            self._generation = generation
            self._document = pdfium.PdfDocument(source)
            self.opened.emit(generation, len(self._document), None)
        elif self._document is None or job[0] != self._generation:
            return  # a request for a document already replaced
        elif kind == "page":
            generation, index, scale, highlights = job
            page = self._document[index]
            image = _qimage(page.render(scale=scale, prefer_bgrx=True))
            self.page_ready.emit(generation, index, scale, image, (page.get_height(), highlights))
        elif kind == "thumbnail":
            generation, index = job
            page = self._document[index]
            scale = min(
                THUMBNAIL_SIZE.width() / page.get_width(),
                THUMBNAIL_SIZE.height() / page.get_height(),
            )
            self.thumbnail_ready.emit(
                generation, index, _qimage(page.render(scale=scale, prefer_bgrx=True))
            )
        elif kind == "search":
            generation, text = job
            matches: list[tuple[int, list[Box]]] = []
            for index in range(len(self._document)):
                with self._condition:
                    if self._requests.open or self._requests.close:
                        return  # the document is being replaced: stop searching it
                textpage = self._document[index].get_textpage()
                searcher = textpage.search(text)
                while (found := searcher.get_next()) is not None:
                    start, count = found
                    matches.append(
                        (index, [textpage.get_charbox(i) for i in range(start, start + count)])
                    )
            self.searched.emit(generation, text, matches)


class PdfViewer(QWidget):
    """Pages of one PDF held in memory."""

    page_shown = Signal(int)
    """A page is on screen (0-based index)."""
    document_shown = Signal(int)
    """A document was opened and its first page is on screen (page count)."""
    search_finished = Signal(int)
    """A search is done (number of matches; the first is on screen and scrolled into view)."""
    failed = Signal(str)
    """The document could not be opened (pdfium's reason)."""
    # Hides QWidget.scroll(dx, dy), which nothing calls on the viewer; the expert window's tests
    # read the page area by this name.
    scroll: QScrollArea  # type: ignore[assignment]  # an attribute over QWidget's method

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = _Renderer()
        self._renderer.opened.connect(self._opened)
        self._renderer.page_ready.connect(self._page_ready)
        self._renderer.thumbnail_ready.connect(self._thumbnail_ready)
        self._renderer.searched.connect(self._searched)
        self._generation = 0
        self._page_count = 0
        self._page = 0
        self._shown_page = -1
        self._zoom = DEFAULT_ZOOM
        self._release: Callable[[], None] | None = None
        self._first_page_pending = False
        self._thumbs_done: set[int] = set()
        self._matches: list[tuple[int, list[Box]]] = []
        self._match_index = -1
        self._match_text = ""
        self._searching = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.bar = bar
        """The toolbar; a window may add its own controls (e.g. which document) at the front."""
        self.title = QLabel()
        self.zoom_out = QToolButton()
        self.zoom_out.setText(self.tr("Zoom out"))
        self.zoom_out.setToolTip(self.tr("Zoom out of the document (Ctrl+-)"))
        self.zoom_in = QToolButton()
        self.zoom_in.setText(self.tr("Zoom in"))
        self.zoom_in.setToolTip(self.tr("Zoom into the document (Ctrl++)"))
        self.zoom_label = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search in this document"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setToolTip(self.tr("Search in this document (Ctrl+F); Enter finds the next"))
        self.search.setMinimumWidth(90)
        self.find_next = QToolButton()
        self.find_next.setText(self.tr("Find next"))
        self.page_label = QLabel()
        for widget in (
            self.title,
            self.zoom_out,
            self.zoom_label,
            self.zoom_in,
            self.search,
            self.find_next,
            self.page_label,
        ):
            bar.addWidget(widget)
        bar.setStretch(0, 1)
        bar.setStretch(4, 1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.thumbnails = QListWidget()
        self.thumbnails.setIconSize(THUMBNAIL_SIZE)
        self.thumbnails.setUniformItemSizes(True)
        self.thumbnails.setLayoutMode(QListView.LayoutMode.Batched)
        self.thumbnails.setAccessibleName(self.tr("Pages"))
        self.thumbnails.setMinimumWidth(THUMBNAIL_SIZE.width() + 24)
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_view = QLabel()
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.page_view)
        self.scroll.setWidgetResizable(True)
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([THUMBNAIL_SIZE.width() + 30, 700])
        layout.addWidget(splitter, 1)
        self._blank = QPixmap(THUMBNAIL_SIZE)
        self._blank.fill(QColor("#e6e6e6"))
        self._blank_icon = QIcon(self._blank)
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self._zoom - 1))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self._zoom + 1))
        self.thumbnails.currentRowChanged.connect(self.show_page)
        self._visible_timer = QTimer(self, singleShot=True, interval=30)
        self._visible_timer.timeout.connect(self._request_visible_thumbnails)
        self.thumbnails.verticalScrollBar().valueChanged.connect(self._visible_timer.start)
        self.search.returnPressed.connect(self.next_match)
        self.find_next.clicked.connect(self.next_match)
        # One meaning per key: Ctrl++ / Ctrl+- / Ctrl+0 zoom the document; the interface's type
        # size has its own keys in the View menu (Ctrl+Alt++ / Ctrl+Alt+-).
        for keys, slot in (
            (ZOOM_IN_KEYS, lambda: self.set_zoom(self._zoom + 1)),
            (ZOOM_OUT_KEYS, lambda: self.set_zoom(self._zoom - 1)),
            (ACTUAL_SIZE_KEYS, lambda: self.set_zoom(DEFAULT_ZOOM)),
        ):
            for key in keys:
                shortcut = QShortcut(
                    QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                )
                shortcut.activated.connect(slot)
        self.find_shortcut = QShortcut(
            QKeySequence.StandardKey.Find,
            self,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.find_shortcut.activated.connect(self._focus_search)
        self._update_labels()

    @property
    def page_count(self) -> int:
        return self._page_count

    @property
    def current_page(self) -> int:
        return self._page

    def load(self, data: bytes, title: str) -> None:
        """Show ``data`` (PDF bytes, kept in memory only)."""
        self.load_buffer(bytes(data), title, None)

    def load_buffer(self, source, title: str, release: Callable[[], None] | None) -> None:
        """Show the PDF in ``source`` (bytes or a ctypes array over memory, read in place).

        ``release`` is called on the rendering thread once pdfium no longer reads ``source``.
        """
        self.clear()
        if isinstance(source, memoryview):
            source = (ctypes.c_char * source.nbytes).from_buffer(source)
        self._release = release
        self._first_page_pending = True
        self.title.setText(title)
        self._renderer.post(open=(self._generation, source))

    def clear(self) -> None:
        """Forget the document; pdfium drops it on its thread, then the buffer is released."""
        self._generation += 1
        release, self._release = self._release, None
        self._renderer.post(close=release or (lambda: None), page=None, search=None)
        with self._renderer._condition:
            self._renderer._requests.thumbnails.clear()
        self.thumbnails.blockSignals(True)
        self.thumbnails.clear()
        self.thumbnails.blockSignals(False)
        self.page_view.clear()
        self.title.clear()
        self._page_count, self._page, self._shown_page = 0, 0, -1
        self._thumbs_done.clear()
        self._first_page_pending = False
        self._matches, self._match_index, self._match_text, self._searching = [], -1, "", ""
        self._update_labels()

    def shutdown(self) -> None:
        self.clear()
        self._renderer.stop()

    # --- rendering results (GUI thread) -----------------------------------------------------------
    def _opened(self, generation: int, count: int, error: str | None) -> None:
        if generation != self._generation:
            return
        if error is not None:
            self.page_view.setText(self.tr("This document cannot be shown."))
            self.failed.emit(error)
            return
        self._page_count = count
        self.thumbnails.blockSignals(True)
        for index in range(count):
            self.thumbnails.addItem(QListWidgetItem(self._blank_icon, str(index + 1)))
        self.thumbnails.setCurrentRow(0)
        self.thumbnails.blockSignals(False)
        self.show_page(0)

    def _request_visible_thumbnails(self) -> None:
        """Queue the thumbnails of the rows in view (and the next one), nearest the top first."""
        if not self._page_count:
            return
        view = self.thumbnails
        area = view.viewport().rect()
        visible = [
            row
            for row in range(view.count())
            if view.visualItemRect(view.item(row)).intersects(area)
        ]
        if visible:
            visible.append(min(self._page_count - 1, visible[-1] + 1))
        wanted = [row for row in dict.fromkeys(visible) if row not in self._thumbs_done]
        with self._renderer._condition:
            self._renderer._requests.thumbnails = [(self._generation, i) for i in wanted]
            self._renderer._condition.notify()

    def _thumbnail_ready(self, generation: int, index: int, image: QImage) -> None:
        if generation != self._generation or index >= self.thumbnails.count():
            return
        self._thumbs_done.add(index)
        canvas = QPixmap(THUMBNAIL_SIZE)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.drawImage(
            (THUMBNAIL_SIZE.width() - image.width()) // 2,
            (THUMBNAIL_SIZE.height() - image.height()) // 2,
            image,
        )
        painter.end()
        self.thumbnails.item(index).setIcon(QIcon(canvas))

    def set_zoom(self, level: int) -> None:
        self._zoom = max(0, min(len(ZOOMS) - 1, level))
        self._update_labels()
        self.show_page(self._page)

    def show_page(self, index: int) -> None:
        if not 0 <= index < self._page_count:
            return
        self._page = index
        scale = ZOOMS[self._zoom] * 96 / 72
        highlights = [
            boxes
            for page_index, boxes in self._matches[self._match_index : self._match_index + 1]
            if page_index == index
        ]
        self._renderer.post(
            page=(self._generation, index, scale, highlights[0] if highlights else [])
        )
        if self.thumbnails.currentRow() != index:
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(index)
            self.thumbnails.blockSignals(False)
        self._update_labels()

    def _page_ready(self, generation: int, index: int, scale: float, image: QImage, extra) -> None:
        if generation != self._generation:
            return
        height, boxes = extra
        if boxes:
            painter = QPainter(image)
            for left, bottom, right, top in boxes:
                painter.fillRect(
                    int(left * scale),
                    int((height - top) * scale),
                    max(2, int((right - left) * scale)),
                    max(2, int((top - bottom) * scale)),
                    HIGHLIGHT,
                )
            painter.end()
        new_page = index != self._shown_page
        self.page_view.setPixmap(QPixmap.fromImage(image))
        self._shown_page = index
        if boxes:
            left = min(b[0] for b in boxes) * scale
            top = (height - max(b[3] for b in boxes)) * scale
            bottom = (height - min(b[1] for b in boxes)) * scale
            # After the label took the pixmap's size: scroll the match into the middle of the view.
            QTimer.singleShot(0, lambda: self._scroll_to(image.size(), left, top, bottom))
        elif new_page:
            self.scroll.verticalScrollBar().setValue(0)
        self.page_shown.emit(index)
        if self._first_page_pending:
            self._first_page_pending = False
            self.document_shown.emit(self._page_count)
            self._visible_timer.start()

    def _scroll_to(self, image_size: QSize, left: float, top: float, bottom: float) -> None:
        label = self.page_view
        x_offset = max(0, (label.width() - image_size.width()) // 2)
        y_offset = max(0, (label.height() - image_size.height()) // 2)
        middle = y_offset + int((top + bottom) / 2)
        margin = max(20, self.scroll.viewport().height() // 2 - int(bottom - top))
        self.scroll.ensureVisible(x_offset + int(left), middle, 40, margin)

    # --- search -----------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # Hides the static QWidget.find(window id), which nothing calls on the viewer; find(text) is
    # the viewer's search, called by the expert window's tests.
    def find(self, text: str) -> None:  # type: ignore[override]  # not QWidget.find(id)
        """Look for every occurrence of ``text`` (on the rendering thread); ``search_finished``
        tells."""
        self._match_text = text
        self._matches, self._match_index = [], -1
        if not text or not self._page_count:
            self._update_labels()
            self.search_finished.emit(0)
            return
        self._searching = text
        self._update_labels()
        self._renderer.post(search=(self._generation, text))

    def _searched(self, generation: int, text: str, matches) -> None:
        if generation != self._generation or text != self._searching:
            return
        self._searching = ""
        self._matches = matches
        if matches:
            self._match_index = 0
            self.show_page(matches[0][0])
        self._update_labels()
        self.search_finished.emit(len(matches))

    def next_match(self) -> None:
        """Enter / 查找下一个: a new text starts a new search, the same text moves to the next
        match."""
        text = self.search.text()
        if text != self._match_text:
            self.find(text)
        elif self._matches:
            self._match_index = (self._match_index + 1) % len(self._matches)
            self.show_page(self._matches[self._match_index][0])

    def _update_labels(self) -> None:
        self.zoom_label.setText(f"{int(ZOOMS[self._zoom] * 100)}%")
        if not self._page_count:
            self.page_label.setText("")
            return
        text = (
            self.tr("Page %1 of %2")
            .replace("%1", str(self._page + 1))
            .replace("%2", str(self._page_count))
        )
        if self._searching:
            text += self.tr(" · searching…")
        elif self._matches:
            text += (
                self.tr(" · match %1 of %2")
                .replace("%1", str(self._match_index + 1))
                .replace("%2", str(len(self._matches)))
            )
        elif self._match_text:
            text += self.tr(" · not found")
        self.page_label.setText(text)
