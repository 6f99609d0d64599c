"""A PDF viewer for decrypted materials, from memory only (pdfium renders; nothing touches the disk).

QtPdf is not part of the PySide6 wheels this project installs, so pages are rendered with
pypdfium2 (Google's PDFium) into images: page thumbnails, zoom, and text search with the
matches highlighted.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
THUMBNAIL_SCALE = 0.18


def _qimage(bitmap) -> QImage:
    image = bitmap.to_pil().convert("RGB")
    data = image.tobytes()
    return QImage(
        data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
    ).copy()


class PdfViewer(QWidget):
    """Pages of one PDF held in memory."""

    page_shown = Signal(int)
    """A page is on screen (0-based index)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: pdfium.PdfDocument | None = None
        self._data = b""
        self._page = 0
        self._zoom = 2
        self._matches: list[tuple[int, list[tuple[float, float, float, float]]]] = []
        self._match_index = -1
        self._match_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.title = QLabel()
        self.zoom_out = QPushButton(self.tr("Zoom out"))
        self.zoom_in = QPushButton(self.tr("Zoom in"))
        self.zoom_label = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search in this document"))
        self.search.setAccessibleName(self.tr("Search"))
        self.find_next = QPushButton(self.tr("Find next"))
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
        self.thumbnails.setIconSize(QSize(110, 150))
        self.thumbnails.setAccessibleName(self.tr("Pages"))
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_view = QLabel()
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.page_view)
        self.scroll.setWidgetResizable(True)
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.scroll)
        splitter.setSizes([150, 700])
        layout.addWidget(splitter, 1)
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self._zoom - 1))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self._zoom + 1))
        self.thumbnails.currentRowChanged.connect(self.show_page)
        self.search.returnPressed.connect(self.next_match)
        self.find_next.clicked.connect(self.next_match)
        QShortcut(
            QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.set_zoom(self._zoom + 1)
        )
        QShortcut(
            QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.set_zoom(self._zoom - 1)
        )
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self._update_labels()

    @property
    def page_count(self) -> int:
        return len(self._document) if self._document is not None else 0

    def load(self, data: bytes, title: str) -> None:
        """Show ``data`` (PDF bytes, kept in memory only)."""
        self.clear()
        self._data = bytes(data)
        self._document = pdfium.PdfDocument(self._data)
        self.title.setText(title)
        for index in range(len(self._document)):
            thumbnail = QPixmap.fromImage(
                _qimage(self._document[index].render(scale=THUMBNAIL_SCALE))
            )
            self.thumbnails.addItem(QListWidgetItem(QIcon(thumbnail), str(index + 1)))
        self.thumbnails.setCurrentRow(0)

    def clear(self) -> None:
        self.thumbnails.clear()
        self.page_view.clear()
        if self._document is not None:
            self._document.close()
        self._document, self._data = None, b""
        self._matches, self._match_index = [], -1
        self._update_labels()

    def set_zoom(self, level: int) -> None:
        self._zoom = max(0, min(len(ZOOMS) - 1, level))
        self.show_page(self._page)

    def show_page(self, index: int) -> None:
        if self._document is None or not 0 <= index < len(self._document):
            return
        self._page = index
        scale = ZOOMS[self._zoom] * 96 / 72
        page = self._document[index]
        image = _qimage(page.render(scale=scale))
        highlights = [
            boxes
            for page_index, boxes in self._matches[self._match_index : self._match_index + 1]
            if page_index == index
        ]
        if highlights:
            height = page.get_height()
            painter = QPainter(image)
            for left, bottom, right, top in highlights[0]:
                painter.fillRect(
                    int(left * scale),
                    int((height - top) * scale),
                    int((right - left) * scale),
                    int((top - bottom) * scale),
                    QColor(255, 220, 0, 110),
                )
            painter.end()
        self.page_view.setPixmap(QPixmap.fromImage(image))
        if self.thumbnails.currentRow() != index:
            self.thumbnails.setCurrentRow(index)
        self._update_labels()
        self.page_shown.emit(index)

    def find(self, text: str) -> int:
        """Find every occurrence of ``text``; returns how many, and shows the first."""
        self._match_text = text
        self._matches, self._match_index = [], -1
        if self._document is not None and text:
            for index in range(len(self._document)):
                textpage = self._document[index].get_textpage()
                searcher = textpage.search(text)
                while (found := searcher.get_next()) is not None:
                    start, count = found
                    self._matches.append(
                        (index, [textpage.get_charbox(i) for i in range(start, start + count)])
                    )
        if self._matches:
            self._match_index = 0
            self.show_page(self._matches[0][0])
        self._update_labels()
        return len(self._matches)

    def next_match(self) -> None:
        """Enter / 查找下一个: a new text starts a new search, the same text moves to the next match."""
        text = self.search.text()
        if text != self._match_text:
            self.find(text)
        elif self._matches:
            self._match_index = (self._match_index + 1) % len(self._matches)
            self.show_page(self._matches[self._match_index][0])

    def _update_labels(self) -> None:
        self.zoom_label.setText(f"{int(ZOOMS[self._zoom] * 100)}%")
        if self._document is None:
            self.page_label.setText("")
            return
        text = (
            self.tr("Page %1 of %2")
            .replace("%1", str(self._page + 1))
            .replace("%2", str(len(self._document)))
        )
        if self._matches:
            text += (
                self.tr(" · match %1 of %2")
                .replace("%1", str(self._match_index + 1))
                .replace("%2", str(len(self._matches)))
            )
        self.page_label.setText(text)
