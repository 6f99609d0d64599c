"""Printing PDF files (the passphrase sheets) page by page on a QPrinter, rendered with PDFium."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300  # sharp enough for the 24 digits; more only makes the print job larger


def page_image(page, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72)
    try:
        image = bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()
    data = image.tobytes()
    return QImage(
        data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
    ).copy()


def paint_pdf_pages(painter: QPainter, printer: QPrinter, paths: list[Path]) -> int:
    """Paint every page of the PDFs at ``paths`` onto ``printer`` (one sheet a page), with PDFium;
    returns pages."""
    pages = 0
    dpi = min(printer.resolution(), PRINT_DPI)
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    image = page_image(page, dpi)
                finally:
                    page.close()
                if pages:
                    printer.newPage()
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(
                    QRect(
                        area.x() + (area.width() - size.width()) // 2,
                        area.y(),
                        size.width(),
                        size.height(),
                    ),
                    image,
                )
                pages += 1
        finally:
            document.close()
    return pages
