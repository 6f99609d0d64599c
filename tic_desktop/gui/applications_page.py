"""Importing a round's applications (and the expert pool) from JSON files or the Excel template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.excel_template import ExcelImportError, read_workbook, write_workbook
from tic_desktop.bureau.round_draft import ApplicationEntry, RoundDraft
from tic_desktop.domain.jsonfile import read_json
from tic_desktop.domain.loading import load_application
from tic_desktop.errors import TicError
from tic_desktop.gui.notices import show_warning
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.messages import VERDICT_LABELS, label
from tic_desktop.rules.results import Verdict

VERDICT_BG = {
    Verdict.ELIGIBLE: QColor("#d1e7dd"),
    Verdict.NEEDS_JUDGEMENT: QColor("#fff3cd"),
    Verdict.INELIGIBLE: QColor("#f8d7da"),
}


def import_json_files(paths: list[Path]) -> list[ApplicationEntry]:
    """All the files or none: the first bad file raises InputError naming it."""
    return [
        ApplicationEntry(load_application(path), read_json(path), path.parent) for path in paths
    ]


class ApplicationsPage(QWidget):
    """Lists the draft's applications with their eligibility verdict; imports more."""

    changed = Signal()
    problems_shown = Signal(str)
    """An import was refused: the text shown to the user."""
    report_shown = Signal(str)
    """A workbook was imported with cells normalised or to confirm: the import report shown."""

    def __init__(self, draft: RoundDraft, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.language = language
        self.confirm_import: Callable[[Callable[[], object]], object] | None = None
        """Set by the round editor when packages were issued: asks, then runs the import it is
        given."""
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Import the applications as JSON files, or fill in the Excel template (one sheet "
                "per part of the application, plus the expert pool) and import the workbook."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Import &JSON files…"), self._choose_json),
            (self.tr("Import &Excel workbook…"), self._choose_excel),
            (self.tr("&Save an empty Excel template…"), self._save_template),
            (self.tr("&Remove application"), self.remove_selected),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Id"), self.tr("Center"), self.tr("Lead unit"), self.tr("Formal review")]
        )
        self.table.setAccessibleName(self.tr("Imported applications"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        for app_id, entry in self.draft.applications.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            verdict = evaluate(entry.application).verdict
            texts = (
                app_id,
                entry.application.center_name,
                entry.application.lead_unit.name,
                label(VERDICT_LABELS, verdict.value, self.language),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setBackground(QBrush(VERDICT_BG[verdict]))
                self.table.setItem(row, column, item)
        self.status.setText(
            self.tr("%1 applications · %2 experts in the pool")
            .replace("%1", str(len(self.draft.applications)))
            .replace("%2", str(len(self.draft.experts)))
        )

    # --- importing ------------------------------------------------------------------------------
    def import_json(self, paths: list[Path]) -> bool:
        try:
            entries = import_json_files(paths)
        except TicError as error:
            self._refused(self.tr("The files were not imported"), error.message(self.language))
            return False
        self.draft.add_applications(entries)
        self._imported()
        return True

    def import_excel(self, path: Path) -> bool:
        try:
            contents = read_workbook(path)
        except ExcelImportError as error:
            lines = [problem.describe(self.language) for problem in error.problems]
            title = self.tr("The workbook was not imported: %1 problems").replace(
                "%1", str(len(lines))
            )
            if not lines:
                self._refused(title, error.message(self.language))
                return False
            # Every problem is listed in the box itself (the first dozen), all of them under the
            # details.
            shown = lines[:12] + (
                [self.tr("… and %1 more (see the details)").replace("%1", str(len(lines) - 12))]
                if len(lines) > 12
                else []
            )
            self.problems_shown.emit("\n".join(lines))
            show_warning(self, title, "\n".join(shown), "\n".join(lines))
            return False
        except TicError as error:
            self._refused(self.tr("The workbook was not imported"), error.message(self.language))
            return False
        self.draft.add_applications(
            [
                ApplicationEntry(a, d, contents.base)
                for a, d in zip(contents.applications, contents.application_data, strict=True)
            ]
        )
        self.draft.merge_experts(contents.experts)
        self._imported()
        if contents.notes:  # the import report: every cell normalised or to be checked
            report = contents.report(self.language)
            self.report_shown.emit(report)
            shown = report.splitlines()
            text = "\n".join(shown[1:14] + (["…"] if len(shown) > 14 else []))
            show_warning(self, contents.report_title(self.language), text, report)
        return True

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            item = self.table.item(row, 0)
            assert item is not None  # every row of the table is filled
            self.draft.remove_application(item.text())
        self._imported()

    def _imported(self) -> None:
        self.refresh()
        self.changed.emit()

    def _refused(self, title: str, text: str) -> None:
        self.problems_shown.emit(text)
        show_warning(
            self, title, text.splitlines()[0] if text else title, text if "\n" in text else ""
        )

    def _choose_json(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import applications"), "", self.tr("Application files (*.json)")
        )
        if paths:
            self._guarded(lambda: self.import_json([Path(p) for p in paths]))

    def _choose_excel(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Excel workbook"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self._guarded(lambda: self.import_excel(Path(path)))

    def _guarded(self, importing: Callable[[], object]) -> None:
        (self.confirm_import or (lambda run: run()))(importing)

    def _save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save Excel template"),
            "申报材料模板.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            try:
                write_workbook(Path(path))
            except OSError as error:
                self._refused(self.tr("The template could not be saved"), str(error))
