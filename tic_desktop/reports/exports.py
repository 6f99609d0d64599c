"""The round's results for spreadsheets: an XLSX workbook, and the ranking as CSV.

Every sheet of the workbook starts with the round's title, its id and the export date; the table
starts on row ``TABLE_ROW`` under a bold, frozen header with a filter. Figures are numeric cells
with a number format, so SUM and AVERAGE work on them: scores, totals, means and finals as
"0.00" (the means and finals rounded half-up to two places, as in the signed summary), counts
and ranks as whole numbers. A Decimal is written as a number only when Excel's double keeps it
exactly (its shortest repr reads back as the same decimal, which holds for every 2-decimal score
with at most 15 significant digits); otherwise it is written as text, never rounded.

Sheets: 排名 (the ranking with the recommendation counts), 专家评分矩阵 (application × expert
totals; a member not counted is blank with the reason in a comment, and listed in 未计入),
评分明细 (each counted expert's criterion scores under the criteria's Chinese titles),
评审意见 (opinions, reasons and formal-review judgements, as signed), 未计入 and 回执.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tic_desktop.aggregation import (
    EXCLUSION_TEXT,
    FLAG_TEXT,
    ApplicationResult,
    Method,
    round_method,
    trimmed_experts,
)
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.domain.round import Panel
from tic_desktop.returns.explaining import return_reason
from tic_desktop.returns.receiving import STATUS_TEXT, ReceivedReturn
from tic_desktop.returns.scoring import ApplicationScore
from tic_desktop.rules.messages import CHECK_TITLES

TABLE_ROW = 4  # the table's header row on every sheet; rows 1-3 name the round and the date
SCORE_FORMAT = "0.00"
COUNT_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
_TWO = Decimal("0.01")
_BOLD = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NOT_IN_PANEL_FILL = PatternFill("solid", fgColor="EDEDED")
_NOT_COUNTED_FILL = PatternFill("solid", fgColor="FCE4D6")
_WRAP = Alignment(wrap_text=True, vertical="top")
_AUTHOR = "TIC Review Desktop"


@dataclass(frozen=True)
class Figure:
    """A number for a cell: exact, with the format it is shown in."""

    value: Decimal | int
    number_format: str


def score(value: Decimal | None) -> Figure | None:
    """A score as written: exact, at least two decimals shown."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return Figure(value, "0." + "0" * places)


def rounded(value: Decimal | None) -> Figure | None:
    """A mean or final: rounded half-up to two places, as the signed summary prints it."""
    if value is None:
        return None
    return Figure(value.quantize(_TWO, rounding=ROUND_HALF_UP), SCORE_FORMAT)


def count(value: int | None) -> Figure | None:
    return None if value is None else Figure(value, COUNT_FORMAT)


def excel_number(value: Decimal) -> float | None:
    """The double Excel stores for ``value``, or None when it would not read back exactly."""
    if not value.is_finite() or len(value.normalize().as_tuple().digits) > 15:
        return None
    number = float(value)
    return number if Decimal(repr(number)) == value else None


# ---- the tables --------------------------------------------------------------------------------


@dataclass
class Table:
    """One sheet: a caption line under the title, a header and rows of cells."""

    title: str
    header: list[str]
    rows: list[list[Any]]
    note: str = ""
    widths: dict[int, int] | None = None  # column index (0-based) -> width, where fixed
    wrap: tuple[int, ...] = ()  # columns whose text wraps
    comments: dict[tuple[int, int], str] | None = None  # (row, column) 0-based -> comment
    fills: dict[tuple[int, int], PatternFill] | None = None
    freeze_columns: int = 0


def _ordered(results: Sequence[ApplicationResult]) -> list[ApplicationResult]:
    return sorted(results, key=lambda r: (r.rank is None, r.rank or 0))


def _expert_name(review_round: ReviewRound, expert_id: str) -> str:
    expert = review_round.experts.get(expert_id)
    return expert.name if expert is not None else ""


def _who(review_round: ReviewRound, expert_id: str) -> str:
    name = _expert_name(review_round, expert_id)
    return f"{name}（{expert_id}）" if name else expert_id


def _recommendations(result: ApplicationResult) -> tuple[int, int]:
    votes = [entry.recommend for entry in result.entries.values()]
    return sum(votes), len(votes) - sum(votes)


def _excluded_text(review_round: ReviewRound, result: ApplicationResult) -> str:
    return "；".join(
        f"{_who(review_round, e)}：{EXCLUSION_TEXT.get(x, x)}" for e, x in result.excluded
    )


def ranking_table(
    review_round: ReviewRound, results: Sequence[ApplicationResult], method: Method
) -> Table:
    performance = review_round.spec.kind == "performance"
    header = [
        "排名",
        "申报编号",
        "中心名称",
        "牵头单位",
        "有效评分",
        "平均分",
        "最终得分",
        "最低分",
        "最高分",
        *(["等次"] if performance else []),
        "推荐",
        "不推荐",
        "标记",
        "未计入",
    ]
    rows = []
    for r in _ordered(results):
        application = review_round.applications[r.application_id]
        yes, no = _recommendations(r)
        rows.append(
            [
                count(r.rank),
                r.application_id,
                application.center_name,
                application.lead_unit.name,
                count(r.valid),
                rounded(r.mean),
                rounded(r.final),
                score(r.minimum),
                score(r.maximum),
                *([r.grade or ""] if performance else []),
                count(yes),
                count(no),
                "、".join(FLAG_TEXT.get(f, f) for f in r.flags),
                _excluded_text(review_round, r),
            ]
        )
    return Table(
        "排名",
        header,
        rows,
        note=f"计算方法：{method.describe()}。推荐/不推荐为计入的专家人数。",
        widths={2: 34, 3: 28, len(header) - 1: 40},
        wrap=(2, 3, len(header) - 1),
        freeze_columns=2,
    )


def _panel_of(review_round: ReviewRound) -> dict[str, Panel]:
    panels: dict[str, Panel] = {}
    for panel in review_round.panels:
        for app_id in panel.applications:
            panels.setdefault(app_id, panel)
    return panels


def matrix_table(
    review_round: ReviewRound, results: Sequence[ApplicationResult], method: Method
) -> Table:
    """Applications × experts: each counted expert's total; blank where not counted."""
    panel_of = _panel_of(review_round)
    experts = [e for e in review_round.experts if any(e in p.members for p in review_round.panels)]
    header = [
        "申报编号",
        "中心名称",
        *(_who(review_round, e) for e in experts),
        "有效评分",
        "最终得分",
    ]
    rows: list[list[Any]] = []
    comments: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], PatternFill] = {}
    for row_index, r in enumerate(_ordered(results)):
        panel = panel_of.get(r.application_id)
        excluded = dict(r.excluded)
        dropped = trimmed_experts(r.totals, method.trim_from)
        row: list[Any] = [r.application_id, review_round.applications[r.application_id].center_name]
        for offset, expert in enumerate(experts):
            column = 2 + offset
            if expert in r.totals:
                row.append(score(r.totals[expert]))
                if expert in dropped:
                    which = "最低分" if expert == dropped[0] else "最高分"
                    comments[(row_index, column)] = f"计入有效评分；计算最终得分时作为{which}去掉"
            else:
                row.append(None)
                if expert in excluded:
                    reason = EXCLUSION_TEXT.get(excluded[expert], excluded[expert])
                    comments[(row_index, column)] = f"未计入：{reason}"
                    fills[(row_index, column)] = _NOT_COUNTED_FILL
                elif panel is None or expert not in panel.members:
                    fills[(row_index, column)] = _NOT_IN_PANEL_FILL
        row += [count(r.valid), rounded(r.final)]
        rows.append(row)
    return Table(
        "专家评分矩阵",
        header,
        rows,
        note=(
            "每格为该专家给该申报的总分。橙色空白：专家组成员未计入（原因见批注和“未计入”表）；"
            "灰色空白：不在该申报的专家组。"
        ),
        widths={1: 30},
        comments=comments,
        fills=fills,
        freeze_columns=2,
    )


def _entries(
    results: Sequence[ApplicationResult],
) -> Iterable[tuple[ApplicationResult, str, ApplicationScore]]:
    for r in _ordered(results):
        for expert in sorted(r.entries):
            yield r, expert, r.entries[expert]


def scores_table(review_round: ReviewRound, results: Sequence[ApplicationResult]) -> Table:
    criteria = review_round.rubric.criteria
    header = [
        "申报编号",
        "中心名称",
        "专家编号",
        "专家",
        *(f"{c.title}（满分 {c.max}）" for c in criteria),
        "总分",
        "推荐",
    ]
    rows = []
    for r, expert, entry in _entries(results):
        rows.append(
            [
                r.application_id,
                review_round.applications[r.application_id].center_name,
                expert,
                _expert_name(review_round, expert),
                *(score(entry.criteria.get(c.id)) for c in criteria),
                score(entry.total),
                "是" if entry.recommend else "否",
            ]
        )
    return Table("评分明细", header, rows, widths={1: 30}, freeze_columns=4)


def opinions_table(review_round: ReviewRound, results: Sequence[ApplicationResult]) -> Table:
    titles = {c.id: c.title for c in review_round.rubric.criteria}
    header = [
        "申报编号",
        "中心名称",
        "专家编号",
        "专家",
        "总分",
        "推荐",
        "评审意见",
        "评分理由",
        "形式审查研判",
    ]
    rows = []
    for r, expert, entry in _entries(results):
        reasons = "\n".join(f"{titles.get(k, k)}：{v}" for k, v in entry.reasons.items())
        judgements = "\n".join(
            f"{CHECK_TITLES.get(k, (k, k))[0]}：{'同意' if j.agrees else '不同意'}系统结论"
            + (f"。{j.reason}" if j.reason else "")
            for k, j in entry.judgements.items()
        )
        rows.append(
            [
                r.application_id,
                review_round.applications[r.application_id].center_name,
                expert,
                _expert_name(review_round, expert),
                score(entry.total),
                "是" if entry.recommend else "否",
                entry.opinion,
                reasons,
                judgements,
            ]
        )
    return Table(
        "评审意见",
        header,
        rows,
        note="计入的每位专家签名的评审意见、评分理由和对形式审查项的研判，原文照录。",
        widths={1: 24, 6: 60, 7: 40, 8: 40},
        wrap=(1, 6, 7, 8),
        freeze_columns=4,
    )


def excluded_table(review_round: ReviewRound, results: Sequence[ApplicationResult]) -> Table:
    rows = [
        [
            r.application_id,
            review_round.applications[r.application_id].center_name,
            expert,
            _expert_name(review_round, expert),
            EXCLUSION_TEXT.get(reason, reason),
        ]
        for r in _ordered(results)
        for expert, reason in r.excluded
    ]
    return Table(
        "未计入",
        ["申报编号", "中心名称", "专家编号", "专家", "原因"],
        rows,
        note="专家组成员中未计入该申报得分的专家及原因。",
        widths={1: 30},
    )


def returns_table(review_round: ReviewRound, returns: Sequence[ReceivedReturn]) -> Table:
    rows = [
        [
            item.file.name,
            item.expert or "",
            _expert_name(review_round, item.expert) if item.expert else "",
            count(item.revision),
            STATUS_TEXT.get(item.status, str(item.status)),
            "" if item.status == "accepted" else return_reason(item),
            item.file_sha256,
        ]
        for item in sorted(returns, key=lambda i: (i.file.name, i.file_sha256))
    ]
    return Table(
        "回执",
        ["回执文件", "专家编号", "专家", "版本", "状态", "原因", "SHA-256"],
        rows,
        note="收到的全部回执文件；SHA-256 与签章的评审结果汇总表一致，"
        "可用 tic aggregate 离线复算。",
        widths={0: 28, 5: 44, 6: 66},
        wrap=(5,),
    )


# ---- writing ------------------------------------------------------------------------------------


def results_workbook(
    review_round: ReviewRound,
    results: Sequence[ApplicationResult],
    returns: Sequence[ReceivedReturn],
    method: Method | None = None,
    exported_on: dt.date | None = None,
) -> bytes:
    """The XLSX the bureau hands on: ranking, matrix, criterion scores, opinions, exclusions,
    returns."""
    method = method or round_method(review_round)
    exported_on = exported_on or dt.date.today()
    tables = [
        ranking_table(review_round, results, method),
        matrix_table(review_round, results, method),
        scores_table(review_round, results),
        opinions_table(review_round, results),
        excluded_table(review_round, results),
        returns_table(review_round, returns),
    ]
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _write_sheet(workbook.create_sheet(table.title), table, review_round, exported_on)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_sheet(
    sheet: Worksheet, table: Table, review_round: ReviewRound, exported_on: dt.date
) -> None:
    sheet["A1"] = f"{review_round.spec.title} — {table.title}"
    sheet["A1"].font = _TITLE_FONT
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["D2"] = (
        "评审批次",
        review_round.id,
        "导出日期",
        exported_on,
    )
    sheet["D2"].number_format = DATE_FORMAT
    sheet["A2"].font = sheet["C2"].font = _BOLD
    if table.note:
        sheet["A3"] = table.note
    for column, title in enumerate(table.header, start=1):
        cell = sheet.cell(row=TABLE_ROW, column=column, value=title)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [_display_width(title) for title in table.header]
    for row_index, values in enumerate(table.rows):
        for column_index, value in enumerate(values):
            cell = sheet.cell(row=TABLE_ROW + 1 + row_index, column=column_index + 1)
            _put(cell, value)
            if column_index in table.wrap:
                cell.alignment = _WRAP
            if table.comments and (row_index, column_index) in table.comments:
                cell.comment = Comment(table.comments[(row_index, column_index)], _AUTHOR)
            if table.fills and (row_index, column_index) in table.fills:
                cell.fill = table.fills[(row_index, column_index)]
            if value is not None and not isinstance(value, Figure):
                first_line = str(value).split("\n")[0]
                widths[column_index] = max(widths[column_index], _display_width(first_line))
            elif isinstance(value, Figure):
                widths[column_index] = max(widths[column_index], 8)
    for column_index, width in enumerate(widths):
        fixed = (table.widths or {}).get(column_index)
        sheet.column_dimensions[get_column_letter(column_index + 1)].width = (
            fixed if fixed is not None else min(max(width + 2, 8), 40)
        )
    last = get_column_letter(len(table.header))
    sheet.auto_filter.ref = f"A{TABLE_ROW}:{last}{TABLE_ROW + max(len(table.rows), 1)}"
    sheet.freeze_panes = f"{get_column_letter(table.freeze_columns + 1)}{TABLE_ROW + 1}"


def _put(cell: Cell, value: Any) -> None:
    if isinstance(value, Figure):
        if isinstance(value.value, int):
            cell.value = value.value
        else:
            number = excel_number(value.value)
            # Not exact as a double: the digits as text, never a rounded number.
            cell.value = number if number is not None else format(value.value, "f")
        cell.number_format = value.number_format
    else:
        cell.value = None if value == "" else value


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# ---- CSV ----------------------------------------------------------------------------------------


def ranking_csv(
    review_round: ReviewRound, results: Sequence[ApplicationResult], method: Method | None = None
) -> bytes:
    """The ranking as a plain CSV table (one header row, then one row per application).

    Figures are written as decimal text with two places (81.67), which Excel reads as numbers;
    the round and the date are left to the XLSX's header rows, so that the file stays a table
    any tool can read.
    """
    table = ranking_table(review_round, results, method or round_method(review_round))
    return as_csv(table.header, [[_csv_value(v) for v in row] for row in table.rows])


def _csv_value(value: Any) -> Any:
    if isinstance(value, Figure):
        if isinstance(value.value, int):
            return value.value
        places = len(value.number_format.partition(".")[2])
        # As many places as the XLSX shows (never fewer than the value has: nothing is rounded).
        return format(value.value.quantize(Decimal(1).scaleb(-places)), "f")
    return "" if value is None else value


def as_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8
