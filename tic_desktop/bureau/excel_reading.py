"""Reading applications and experts from the bureau's workbook: all of it, or nothing.

Every problem is collected and reported with its sheet, row and column letter; only a
workbook without a single problem gives applications. Values are validated by the same
pydantic models as the JSON files, and their error locations are mapped back to cells.

An imported workbook comes with its import report (``WorkbookContents.notes``): every cell
whose text was normalised (full-width digits, thousands separators, a unit typed after the
figure) with what was typed and what was read, and every cell imported as written that asks
for confirmation (a figure that looks like 万元 in a 元 column, a share typed as a fraction).
The records given back and the error are in :mod:`.excel_import_report`; opening the file
safely is :mod:`.excel_opening`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from openpyxl.utils import column_index_from_string, get_column_letter
from pydantic import BaseModel, ValidationError

from tic_desktop.bureau.excel_cells import (
    CellReading,
    CellValueError,
    is_empty,
    read_cell,
    shown,
)
from tic_desktop.bureau.excel_import_report import (
    LIST_SEPARATOR,
    CellNote,
    CellProblem,
    ExcelImportError,
    WorkbookContents,
)
from tic_desktop.bureau.excel_layout import (
    APPLICATION_CHILDREN,
    ATTACHMENTS,
    BASIC,
    COMMITTEE,
    DATA_SHEETS,
    EXPERTS,
    FINANCE,
    SHEET_ORDER,
    Column,
    SheetLayout,
)
from tic_desktop.bureau.excel_opening import open_workbook
from tic_desktop.catalogue import Joined, Said, Text, t
from tic_desktop.domain.application import Application
from tic_desktop.domain.files import confined_attachment
from tic_desktop.domain.jsonfile import _explained
from tic_desktop.domain.round import Expert
from tic_desktop.errors import InputError, Refusal

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet
    from pydantic_core import ErrorDetails

MAX_ROWS = 50_000
MAX_COLUMNS = 200
# Ids become file names (applications/<id>.json): nothing a file system would refuse or misread.
_UNSAFE_ID = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')

# Where a value sits in an application's JSON (pydantic's error "loc"): ("finance", 0, "year").
_Location = tuple[str | int, ...]
# A cell as problems and notes name it: (sheet, row, column letter, column title).
_Cell = tuple[str, int, str, str]
_NO_ID = t("the application id is missing")
_Model = TypeVar("_Model", bound=BaseModel)


def read_workbook(path: Path | str) -> WorkbookContents:
    """Read and validate a whole workbook; raises ExcelImportError listing every problem."""
    path = Path(path)
    book = open_workbook(path)
    return _WorkbookReading(path).read(book)


@dataclass
class _Row:
    sheet: str
    number: int
    cells: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # key -> (column letter, header)
    values: dict[str, Any] = field(
        default_factory=dict
    )  # key -> value, for readable non-empty cells

    def cell(self, key: str) -> _Cell:
        letter, header = self.cells.get(key, ("", ""))
        return self.sheet, self.number, letter, header


@dataclass
class _Draft:
    """One application being assembled: its JSON data and where each value came from."""

    row: _Row
    data: dict[str, Any]
    where: dict[_Location, _Cell] = field(default_factory=dict)
    # paths already reported by our own checks
    reported: set[_Location] = field(default_factory=set)


class _WorkbookReading:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.base = path.resolve().parent
        self.problems: list[CellProblem] = []
        self.notes: list[CellNote] = []
        self.flagged: set[tuple[str, int, str]] = set()

    def problem(self, where: _Cell, message: Said) -> None:
        sheet, row, letter, header = where
        self.problems.append(CellProblem(sheet, row, letter, header, message))
        self.flagged.add((sheet, row, letter))

    def read(self, book: Workbook) -> WorkbookContents:
        columns: dict[str, dict[int, Column]] = {}
        for layout in DATA_SHEETS:
            if layout.name not in book.sheetnames:
                both_names = f"{layout.name} ({layout.en})"
                self.problem(
                    (layout.name, 1, "", ""),
                    t("the sheet {sheet} is missing", sheet=both_names, sheet_zh=layout.name),
                )
            else:
                columns[layout.name] = self._header(book[layout.name], layout)
        if self.problems:  # a damaged layout: cell-by-cell checks would only repeat it
            self._fail()
        rows = {
            layout.name: self._rows(book[layout.name], layout, columns[layout.name])
            for layout in DATA_SHEETS
        }
        drafts = self._applications(rows)
        experts = self._experts(rows[EXPERTS.name])
        validated = [self._validate(draft) for draft in drafts]
        if self.problems:
            self._fail()
        applications = [a for a in validated if a is not None]
        # an application the models refuse always leaves a problem (ours or pydantic's)
        assert len(applications) == len(validated)
        return WorkbookContents(
            applications=applications,
            application_data=[a.model_dump(mode="json", exclude_unset=True) for a in applications],
            experts=experts,
            base=self.base,
            notes=self.notes,
            file=str(self.path),
        )

    def _note(self, where: _Cell, typed: Any, reading: CellReading) -> None:
        read = str(reading.value)
        if reading.changes:
            self.notes.append(
                CellNote(
                    *where,
                    shown(typed),
                    read,
                    False,
                    Joined(reading.changes, LIST_SEPARATOR),
                )
            )
        if reading.doubt is not None:
            self.notes.append(CellNote(*where, shown(typed), read, True, reading.doubt))

    def _fail(self) -> NoReturn:
        def order(p: CellProblem) -> tuple[int, int, int]:
            column = column_index_from_string(p.column) if p.column else 0
            return SHEET_ORDER.get(p.sheet, len(SHEET_ORDER)), p.row, column

        raise ExcelImportError(str(self.path), sorted(self.problems, key=order))

    # ---- the sheets' layout -------------------------------------------------------------

    def _header(self, sheet: Worksheet, layout: SheetLayout) -> dict[int, Column]:
        if sheet.max_row > MAX_ROWS + 1 or sheet.max_column > MAX_COLUMNS:
            self.problem(
                (layout.name, 1, "", ""),
                t(
                    "the sheet is too large (at most {rows} rows, {columns} columns)",
                    rows=MAX_ROWS,
                    columns=MAX_COLUMNS,
                ),
            )
            return {}
        known: dict[str, Column] = {}
        for titled in layout.columns:
            for name in (titled.header, titled.zh, titled.en):
                known[_normalised(name)] = titled
        found: dict[int, Column] = {}
        seen: dict[str, str] = {}
        for index in range(1, sheet.max_column + 1):
            value = sheet.cell(row=1, column=index).value
            if is_empty(value):
                continue
            letter = get_column_letter(index)
            column = known.get(_normalised(str(value)))
            where = (layout.name, 1, letter, shown(value))
            if column is None:
                self.problem(
                    where,
                    t("unrecognised column title (do not change the title row)"),
                )
            elif column.key in seen:
                self.problem(
                    where,
                    t(
                        "column {title} appears twice (also column {other})",
                        title=column.en,
                        title_zh=column.zh,
                        other=seen[column.key],
                    ),
                )
            else:
                seen[column.key] = letter
                found[index] = column
        for expected in layout.columns:
            if expected.header_required and expected.key not in seen:
                self.problem((layout.name, 1, "", expected.header), t("this column is missing"))
        return found

    def _rows(
        self, sheet: Worksheet, layout: SheetLayout, columns: dict[int, Column]
    ) -> list[_Row]:
        rows = []
        for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
            if all(is_empty(c.value) for c in cells):
                continue
            row = _Row(layout.name, number)
            for index, titled in columns.items():
                row.cells[titled.key] = (get_column_letter(index), titled.header)
            for index, cell in enumerate(cells, start=1):
                column = columns.get(index)
                if column is None:
                    if not is_empty(cell.value):
                        self.problem(
                            (layout.name, number, get_column_letter(index), ""),
                            t("this column has no title, its content cannot be read"),
                        )
                    continue
                if is_empty(cell.value):
                    continue
                try:
                    if cell.data_type == "e":
                        raise CellValueError(
                            t("the cell holds the error {error}", error=cell.value)
                        )
                    reading = read_cell(column, cell.value, cell.number_format)
                except CellValueError as exc:
                    self.problem(row.cell(column.key), exc.text)
                    continue
                row.values[column.key] = reading.value
                self._note(row.cell(column.key), cell.value, reading)
            rows.append(row)
        return rows

    # ---- assembling applications --------------------------------------------------------

    def _applications(self, rows: dict[str, list[_Row]]) -> list[_Draft]:
        drafts: dict[str, _Draft] = {}
        for row in rows[BASIC.name]:
            app_id = row.values.get("id")
            if app_id is None:
                if (row.sheet, row.number, row.cells["id"][0]) not in self.flagged:
                    self.problem(row.cell("id"), _NO_ID)
                continue
            if _UNSAFE_ID.search(app_id) or app_id in (".", "..") or len(app_id) > 100:
                self.problem(
                    row.cell("id"),
                    t(
                        'the id must not contain / \\ : * ? " < > | or control characters '
                        "(100 characters at most)"
                    ),
                )
            if app_id in drafts:
                self.problem(
                    row.cell("id"),
                    t(
                        "application id {id} is used twice (also row {row})",
                        id=app_id,
                        row=drafts[app_id].row.number,
                    ),
                )
                continue
            draft = _Draft(row, {"lead_unit": {}})
            for column in BASIC.columns:
                draft.where[column.path] = row.cell(column.key)
                if column.key in row.values:
                    _put(draft.data, column.path, row.values[column.key])
            draft.where[("lead_unit",)] = row.cell("lead_unit.name")
            drafts[app_id] = draft

        for layout in APPLICATION_CHILDREN:
            grouped: dict[str, list[_Row]] = {}
            for row in rows[layout.name]:
                app_id = row.values.get("application")
                if app_id is None:
                    if (row.sheet, row.number, row.cells["application"][0]) not in self.flagged:
                        self.problem(row.cell("application"), _NO_ID)
                elif app_id not in drafts:
                    self.problem(
                        row.cell("application"),
                        t(
                            "application id {id} is not in the sheet 基本信息 (basic information)",
                            id=app_id,
                        ),
                    )
                else:
                    grouped.setdefault(app_id, []).append(row)
            for app_id, group in grouped.items():
                self._add_block(drafts[app_id], layout, group)
        return list(drafts.values())

    def _add_block(self, draft: _Draft, layout: SheetLayout, group: list[_Row]) -> None:
        if layout is ATTACHMENTS:
            for row in group:
                self._check_attachment(row)
        block = layout.block
        assert block is not None  # every sheet of APPLICATION_CHILDREN fills a list
        entries = []
        prefix: _Location = ("committee", "members") if layout is COMMITTEE else (block,)
        for index, row in enumerate(group):
            entry = {
                key: value
                for key, value in row.values.items()
                if key not in ("application", "chair")
            }
            entries.append(entry)
            draft.where[(*prefix, index)] = row.cell("application")
            for column in layout.columns:
                draft.where[(*prefix, index, column.key)] = row.cell(column.key)
        draft.where[prefix] = group[0].cell("application")
        if layout is COMMITTEE:
            draft.where[("committee",)] = group[0].cell("application")
            draft.data["committee"] = {"members": entries, "chair": self._chair(draft, group)}
            return
        draft.data[block] = entries
        if layout is FINANCE:
            self._unique_years(draft, group)

    def _chair(self, draft: _Draft, group: list[_Row]) -> int:
        chairs = [index for index, row in enumerate(group) if row.values.get("chair") is True]
        draft.reported.add(("committee", "chair"))
        if not chairs:
            if not any((r.sheet, r.number, r.cells["chair"][0]) in self.flagged for r in group):
                self.problem(
                    group[0].cell("chair"),
                    t(
                        "the committee of {id} has no chair (mark one member 是)",
                        id=draft.row.values["id"],
                    ),
                )
            return 0
        for index in chairs[1:]:
            self.problem(
                group[index].cell("chair"),
                t(
                    "the committee of {id} has more than one chair (also row {row})",
                    id=draft.row.values["id"],
                    row=group[chairs[0]].number,
                ),
            )
        return chairs[0]

    def _unique_years(self, draft: _Draft, group: list[_Row]) -> None:
        first_row: dict[int, int] = {}
        for row in group:
            year = row.values.get("year")
            if year is None:
                continue
            if year in first_row:
                self.problem(
                    row.cell("year"),
                    t(
                        "the year {year} is listed twice (also row {row})",
                        year=year,
                        row=first_row[year],
                    ),
                )
                draft.reported.add(("finance",))
            else:
                first_row[year] = row.number

    def _check_attachment(self, row: _Row) -> None:
        file = row.values.get("file")
        if file is None:
            return
        file = file.replace("\\", "/")
        row.values["file"] = file
        relative = PurePosixPath(file)
        if relative.is_absolute() or re.match(r"^[A-Za-z]:", file):
            self.problem(
                row.cell("file"),
                t("must be a path relative to the workbook's folder, not an absolute path"),
            )
            return
        target = (self.base / relative).resolve()
        if not target.is_relative_to(self.base):
            self.problem(
                row.cell("file"),
                t("the attachment must be inside the workbook's folder"),
            )
        elif not target.exists():
            self.problem(
                row.cell("file"),
                t("attachment file not found: {path}", path=self.base / relative),
            )
        else:  # the same check as every loader: no '..' step, a regular file (not a FIFO or device)
            try:
                confined_attachment(self.base, file, str(self.path), None)
            except InputError as error:
                self.problem(row.cell("file"), error.problem)

    # ---- validation with the domain's models --------------------------------------------

    def _validate(self, draft: _Draft) -> Application | None:
        return self._model(Application, draft.data, draft.where, draft.reported, draft.row)

    def _experts(self, rows: list[_Row]) -> list[Expert]:
        experts = []
        seen: dict[str, int] = {}
        for row in rows:
            expert_id = row.values.get("id")
            where: dict[_Location, _Cell] = {
                (column.key,): row.cell(column.key) for column in EXPERTS.columns
            }
            if expert_id is not None and expert_id in seen:
                self.problem(
                    row.cell("id"),
                    t(
                        "expert id {id} is used twice (also row {row})",
                        id=expert_id,
                        row=seen[expert_id],
                    ),
                )
                continue
            if expert_id is not None:
                seen[expert_id] = row.number
            expert = self._model(Expert, dict(row.values), where, set(), row)
            if expert is not None:
                experts.append(expert)
        return experts

    def _model(
        self,
        model: type[_Model],
        data: dict[str, Any],
        where: dict[_Location, _Cell],
        reported: set[_Location],
        row: _Row,
    ) -> _Model | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                location = tuple(
                    p
                    for p in error["loc"]
                    if isinstance(p, int) or not str(p).startswith("function-")
                )
                if any(location[:n] in reported for n in range(1, len(location) + 1)):
                    continue
                cell = _locate(where, location) or row.cell("id")
                if (cell[0], cell[1], cell[2]) in self.flagged:
                    continue
                self.problem(cell, _message(error))
            return None


def _locate(where: dict[_Location, _Cell], location: _Location) -> _Cell | None:
    for length in range(len(location), 0, -1):
        if location[:length] in where:
            return where[location[:length]]
    return None


def _message(error: ErrorDetails) -> Text:
    kind = error["type"]
    if kind == "missing":
        return t("required, must not be empty")
    ctx = error.get("ctx") or {}
    refusal = ctx.get("error") if kind == "value_error" else None
    if isinstance(refusal, Refusal):  # the domain's validators say why
        return refusal.text
    return _explained(kind, ctx, error.get("input"))


def _normalised(title: str) -> str:
    return re.sub(r"[\s/／]+", "", title).casefold()


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value
