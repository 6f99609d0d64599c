"""How the inspection's site photos are shown: a thumbnail entry per photo in the tab's list, and a
photo at a readable size with its caption and SHA-256."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.expert.inspection_records import PhotoRecord

THUMBNAIL = 96


def photo_list_item(record: PhotoRecord) -> QListWidgetItem:
    """The photo's entry in a list: its thumbnail, caption and the start of its SHA-256 (the whole
    hash in the tooltip), with the photo's id as ``UserRole`` data."""
    pixmap = QPixmap()
    pixmap.loadFromData(record.data)
    item = QListWidgetItem(f"{record.caption}\nSHA-256 {record.sha256[:16]}…")
    if not pixmap.isNull():
        item.setIcon(
            QIcon(
                pixmap.scaled(
                    THUMBNAIL,
                    THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        )
    item.setData(Qt.ItemDataRole.UserRole, record.id)
    item.setToolTip(f"{record.caption}\nSHA-256 {record.sha256}")
    return item


class PhotoPreview(QDialog):
    """A photo at a readable size, with its caption and SHA-256."""

    def __init__(self, record: PhotoRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(record.caption)
        layout = QVBoxLayout(self)
        pixmap = QPixmap()
        pixmap.loadFromData(record.data)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if not pixmap.isNull():
            pixmap = pixmap.scaled(
                min(pixmap.width(), 1000) or 1,
                min(pixmap.height(), 700) or 1,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.image.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        caption = QLabel(f"<b>{escape(record.caption)}</b><br>SHA-256 {record.sha256}")
        caption.setWordWrap(True)
        caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(caption)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(900, 700)
