"""What reading the bureau's workbook gives back: its contents with the import report, or the
error listing every problem, each at its cell.

The import report (``WorkbookContents.notes``) names every cell whose text was normalised
(full-width digits, thousands separators, a unit typed after the figure) with what was typed and
what was read, and every cell imported as written that asks for confirmation (a figure that looks
like 万元 in a 元 column, a share typed as a fraction). :mod:`.excel_reading` fills them in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tic_desktop.catalogue import InLanguage, Joined, Said, Text, t, tc
from tic_desktop.domain.application import Application
from tic_desktop.domain.round import Expert
from tic_desktop.errors import InputError

_SHOWN_IN_MESSAGE = 5


def _where(sheet: str, row: int, column: str, header: str) -> Text:
    where = t("sheet {sheet}, row {row}", sheet=sheet, row=row)
    if column:
        where = t("{where}, column {column}", where=where, column=column)
    if header:
        where = t("{where} ({header})", where=where, header=header)
    return where


LIST_SEPARATOR = tc("list separator", "; ")


@dataclass(frozen=True)
class CellProblem:
    """One problem, at one cell (column "" when it concerns a whole row or sheet)."""

    sheet: str
    row: int
    column: str
    header: str
    message: Said

    message_zh = InLanguage("message", "zh")
    message_en = InLanguage("message", "en")

    @property
    def text(self) -> Text:
        where = _where(self.sheet, self.row, self.column, self.header)
        return t("{where}: {problem}", where=where, problem=self.message)

    def describe(self, lang: str = "zh") -> str:
        return self.text.in_language(lang)


@dataclass(frozen=True)
class CellNote:
    """A line of the import report: a cell read differently from how it was typed
    (``confirm`` False: normalised), or imported as typed but to be checked (``confirm`` True)."""

    sheet: str
    row: int
    column: str
    header: str
    typed: str  # the cell as the sheet shows it
    read: str  # the value imported
    confirm: bool
    message: Said

    message_zh = InLanguage("message", "zh")
    message_en = InLanguage("message", "en")

    def describe(self, lang: str = "zh") -> str:
        return t(
            "{where}: typed “{typed}”, read as {read} ({note})",
            where=_where(self.sheet, self.row, self.column, self.header),
            typed=self.typed,
            read=self.read,
            note=self.message,
        ).in_language(lang)


class ExcelImportError(InputError):
    """The workbook cannot be imported; ``problems`` lists every problem found (empty when
    the file as a whole is unusable, e.g. not an xlsx file: the message then says why)."""

    def __init__(
        self, file: str, problems: Sequence[CellProblem], problem: Said | None = None
    ) -> None:
        self.problems = list(problems)
        super().__init__(file, None, self._summary() if problem is None else problem)

    def __reduce__(self) -> tuple[Callable[..., ExcelImportError], tuple[object, ...]]:
        # Picklable, so a worker process can hand the error back whole.
        return type(self), (self.file, self.problems, self.problem)

    def _summary(self) -> Text:
        first = Joined(tuple(p.text for p in self.problems[:_SHOWN_IN_MESSAGE]), LIST_SEPARATOR)
        more = len(self.problems) - len(first.parts)
        if more:
            return t(
                "{count} problem(s): {problems}; and {more} more",
                count=len(self.problems),
                problems=first,
                more=more,
            )
        return t("{count} problem(s): {problems}", count=len(self.problems), problems=first)

    def report(self, lang: str = "zh") -> str:
        """Every problem, one per line, under a line naming the file."""
        if not self.problems:
            return self.message(lang)
        head = t(
            "Cannot import {file}: {count} problem(s), nothing was imported:",
            file=self.file,
            count=len(self.problems),
        )
        return "\n".join(
            [head.in_language(lang), *("  " + p.describe(lang) for p in self.problems)]
        )

    @property
    def whole_report(self) -> Said:
        """:meth:`report` in either language: every problem, not only the first few."""
        return _WholeReport(self)


@dataclass(frozen=True)
class _WholeReport:
    error: ExcelImportError

    def in_language(self, lang: str) -> str:
        return self.error.report(lang)


@dataclass(frozen=True)
class WorkbookContents:
    applications: list[Application]
    application_data: list[dict[str, Any]]
    experts: list[Expert]
    base: Path
    notes: list[CellNote] = field(default_factory=list)  # the import report, in sheet order
    file: str = ""

    @property
    def to_confirm(self) -> list[CellNote]:
        return [note for note in self.notes if note.confirm]

    @property
    def normalised(self) -> list[CellNote]:
        return [note for note in self.notes if not note.confirm]

    def report_title(self, lang: str = "zh") -> str:
        """One line: how many cells to check and how many were normalised ("" without notes)."""
        if not self.notes:
            return ""
        return t(
            "Imported {file}: {check} cell(s) to check, {changed} cell(s) normalised",
            file=self.file or t("the workbook"),
            check=len(self.to_confirm),
            changed=len(self.normalised),
        ).in_language(lang)

    def report(self, lang: str = "zh") -> str:
        """The import report: the cells to check, then the cells normalised ("" without notes)."""
        if not self.notes:
            return ""
        lines = [self.report_title(lang)]
        if self.to_confirm:
            lines.append(t("Imported as typed, please check:").in_language(lang))
            lines += ["  " + note.describe(lang) for note in self.to_confirm]
        if self.normalised:
            lines.append(t("Normalised:").in_language(lang))
            lines += ["  " + note.describe(lang) for note in self.normalised]
        return "\n".join(lines)
