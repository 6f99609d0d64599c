"""The Excel workbook for a round's applications and experts (issue #6): writing and reading.

``write_workbook`` gives the empty template or a filled workbook; ``read_workbook`` (in
excel_reading) takes it back, all or nothing. The sheets and columns are in excel_layout.
Amounts are written as text cells so their digits stay exactly as in the JSON files. Text,
code (USCC), amount and percentage columns are formatted as text ("@") for the whole column, so
what the clerk types later stays text too: a credit code never becomes 9.13715E+17.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tic_desktop.bureau.excel_import_report import (
    CellNote,
    CellProblem,
    ExcelImportError,
    WorkbookContents,
)
from tic_desktop.bureau.excel_layout import (
    AMOUNT,
    BASIC,
    BOOL,
    CHAIR,
    CODE,
    COMMITTEE,
    DATA_SHEETS,
    EXPERTS,
    GENERAL_NOTES,
    INSTRUCTIONS_SHEET,
    NO,
    PERCENT,
    TEXT,
    TITLE_LEVEL,
    TITLE_LEVEL_LABELS,
    UNIT_KIND,
    UNIT_KIND_LABELS,
    YES,
    SheetLayout,
)
from tic_desktop.bureau.excel_reading import read_workbook
from tic_desktop.domain.application import Application
from tic_desktop.domain.round import Expert
from tic_desktop.security.atomic import write_atomically

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "CellNote",
    "CellProblem",
    "ExcelImportError",
    "WorkbookContents",
    "read_workbook",
    "write_workbook",
]
_TEXT_KINDS = (TEXT, CODE, AMOUNT, PERCENT)

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_LAST_ROW = 1048576
_CHOICES = {
    BOOL: (YES, NO),
    CHAIR: (YES, NO),
    UNIT_KIND: tuple(UNIT_KIND_LABELS.values()),
    TITLE_LEVEL: tuple(TITLE_LEVEL_LABELS.values()),
}


def write_workbook(
    path: Path, applications: Sequence[Application] = (), experts: Sequence[Expert] = ()
) -> None:
    """Write the template (no applications, no experts) or a filled workbook, atomically."""
    book = Workbook()
    book.remove(book.active)
    records = [a.model_dump(mode="json") for a in applications]
    for layout in DATA_SHEETS:
        sheet = book.create_sheet(layout.name)
        _write_header(sheet, layout)
        if layout is BASIC:
            rows = [[_cell_value(c.kind, _get(r, c.path)) for c in layout.columns] for r in records]
        elif layout is EXPERTS:
            rows = [
                [_cell_value(c.kind, getattr(e, c.key)) for c in layout.columns] for e in experts
            ]
        else:
            rows = [row for record in records for row in _child_rows(layout, record)]
        for values in rows:
            sheet.append(values)
        _format_columns(sheet, layout, len(rows))
    _write_instructions(book.create_sheet(INSTRUCTIONS_SHEET))
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(Path(path), buffer.getvalue())


def _get(record: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = record
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _child_rows(layout: SheetLayout, record: dict[str, Any]) -> list[list[Any]]:
    if layout is COMMITTEE:
        committee = record.get("committee")
        entries = committee["members"] if committee else []
        chair = committee["chair"] if committee else None
    else:
        entries = (record.get(layout.block) if layout.block else None) or []
        chair = None
    rows = []
    for index, entry in enumerate(entries):
        row = []
        for column in layout.columns:
            if column.key == "application":
                row.append(record["id"])
            elif column.kind == CHAIR:
                row.append(YES if index == chair else NO)
            else:
                row.append(_cell_value(column.kind, entry.get(column.key)))
        rows.append(row)
    return rows


def _cell_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in (BOOL, CHAIR):
        return YES if value else NO
    if kind == UNIT_KIND:
        return UNIT_KIND_LABELS.get(value, value)
    if kind == TITLE_LEVEL:
        return TITLE_LEVEL_LABELS.get(value, value)
    return value


def _write_header(sheet: Worksheet, layout: SheetLayout) -> None:
    sheet.append([column.header for column in layout.columns])
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 36
    # The header row stays in view; so does the id in column A.
    sheet.freeze_panes = "B2"


def _format_columns(sheet: Worksheet, layout: SheetLayout, rows: int) -> None:
    for index, column in enumerate(layout.columns, start=1):
        letter = get_column_letter(index)
        width = max(column.width, _display_width(column.zh) + 2)
        as_text = column.kind in _TEXT_KINDS or column.key == "application"
        for row in range(2, rows + 2):
            cell = sheet.cell(row=row, column=index)
            if cell.value is not None:
                width = max(width, _display_width(str(cell.value)) + 2)
            if as_text:
                cell.number_format = (
                    "@"  # typed digits stay text: exact, and USCCs keep leading zeros
                )
        dimension = sheet.column_dimensions[letter]
        dimension.width = min(width, 48)
        if as_text:
            # The column's own format: cells typed below the written rows are text too (Excel
            # and WPS give a new cell its column's format), so an 18-digit code stays whole.
            dimension.number_format = "@"
        choices = _CHOICES.get(column.kind)
        if choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle="请从列表中选择",
                error="可选：" + "、".join(choices),
            )
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
            sheet.add_data_validation(validation)


def _write_instructions(sheet: Worksheet) -> None:
    sheet.append(["填表说明 / How to fill in this workbook"])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for note in GENERAL_NOTES:
        sheet.append([note])
    sheet.append([])
    sheet.append(["工作表", "列标题", "是否必填", "填写说明"])
    header_row = sheet.max_row
    for index in range(1, 5):
        sheet.cell(row=header_row, column=index).font = _HEADER_FONT
        sheet.cell(row=header_row, column=index).fill = _HEADER_FILL
    for layout in DATA_SHEETS:
        sheet.append([layout.name, "（整表）", "", layout.note])
        for column in layout.columns:
            required = (
                "必填"
                if column.required
                else ("每个委员会一位“是”" if column.kind == CHAIR else "选填")
            )
            sheet.append([layout.name, column.header, required, column.note])
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (12, 34, 14, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
