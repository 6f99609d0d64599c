"""What a package build made: a row per package, where the new passphrase sheets are, and printing
those sheets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.domain.files import make_private
from tic_desktop.gui.pdf_printing import paint_pdf_pages
from tic_desktop.packages.build_job import BuildOutcome

# Part of the build dialog: its words are in the catalogue under BuildPackagesDialog (literal calls,
# so that lupdate finds them there).
translate = QCoreApplication.translate


class BuildOutcomeView(QWidget):
    """The packages built (panel, file, chair, members, manifest hash), then a word on the new
    passphrase sheets: where they are and what to do with them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.results = QTreeWidget()
        self.results.setRootIsDecorated(False)
        self.results.setHeaderLabels(
            [
                translate("BuildPackagesDialog", "Panel"),
                translate("BuildPackagesDialog", "Package"),
                translate("BuildPackagesDialog", "Chair"),
                translate("BuildPackagesDialog", "Members"),
                translate("BuildPackagesDialog", "Manifest SHA-256"),
            ]
        )
        self.results.setAccessibleName(translate("BuildPackagesDialog", "Packages built"))
        header = self.results.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.results, 1)
        self.sheets_label = QLabel()
        self.sheets_label.setWordWrap(True)
        self.sheets_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sheets_label)

    def clear(self) -> None:
        self.results.clear()
        self.sheets_label.clear()

    def show_outcome(
        self, outcome: BuildOutcome, chairs: dict[str, str], person: Callable[[str], str]
    ) -> None:
        """List ``outcome``'s packages (``chairs``: each panel's chair; ``person``: how an expert
        id is shown) and say what to do with its new passphrase sheets."""
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for package in outcome.packages:
            item = QTreeWidgetItem(
                [
                    package.panel_id,
                    package.file.name,
                    person(chairs[package.panel_id]),
                    ", ".join(person(m) for m in package.members),
                    package.package_sha256,
                ]
            )
            item.setToolTip(1, str(package.file))
            item.setFont(4, fixed)
            self.results.addTopLevelItem(item)
        if outcome.sheets:
            self.sheets_label.setText(
                translate("BuildPackagesDialog", "%1 new passphrase sheets in %2.")
                .replace("%1", str(len(outcome.sheets)))
                .replace("%2", str(outcome.sheets_dir))
                + " "
                + translate(
                    "BuildPackagesDialog",
                    "Each sheet unlocks one expert's credential: keep the sheets secret, print "
                    "them, hand each to its expert in person, then delete the files.",
                )
            )
        else:
            self.sheets_label.setText(
                translate(
                    "BuildPackagesDialog",
                    "No new passphrase sheets: the experts of these panels received "
                    "theirs with an earlier build (their credentials are reused).",
                )
            )


def sheets_printer(sheets: list[Path]) -> QPrinter:
    """A printer set up for the passphrase sheets: A4, and a file beside them when "print to file"
    is chosen."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if sheets:
        # Used only when "print to file" is chosen (no printer attached): a file, not the home
        # folder.
        printer.setOutputFileName(str(sheets[0].parent / "打印用-全部口令单.pdf"))
    return printer


def paint_sheets(printer: QPrinter, sheets: list[Path]) -> int | None:
    """Paint every passphrase sheet onto ``printer``, a page each, rendered with PDFium; returns
    pages, or None if the printer could not be started."""
    printer.setFullPage(True)  # the sheets carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        return None
    try:
        return paint_pdf_pages(painter, printer, sheets)
    finally:
        painter.end()
        if printer.outputFileName() and Path(printer.outputFileName()).is_file():
            # printed to a file: as secret as the sheets themselves (0600)
            make_private(Path(printer.outputFileName()))
