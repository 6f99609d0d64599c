"""Tables for spreadsheets: the ranking and every accepted score, as CSV (Excel-friendly) or XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from tic_desktop.aggregation import EXCLUSION_TEXT, FLAG_TEXT, ApplicationResult, money2
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.returns.receiving import ReceivedReturn

RANKING_HEADER = [
    "排名",
    "申报编号",
    "中心名称",
    "有效评分",
    "平均分",
    "最终得分",
    "最低分",
    "最高分",
    "标记",
    "未计入",
]
SCORES_HEADER = ["专家", "申报编号", "评分项", "分数", "总分", "推荐", "回执文件", "版本"]


def ranking_rows(review_round: ReviewRound, results: list[ApplicationResult]) -> list[list]:
    rows = []
    for r in sorted(results, key=lambda r: (r.rank is None, r.rank or 0)):
        rows.append(
            [
                r.rank or "",
                r.application_id,
                review_round.applications[r.application_id].center_name,
                r.valid,
                money2(r.mean) or "",
                money2(r.final) or "",
                money2(r.minimum) or "",
                money2(r.maximum) or "",
                "；".join(FLAG_TEXT.get(f, f) for f in r.flags),
                "；".join(f"{e}（{EXCLUSION_TEXT.get(x, x)}）" for e, x in r.excluded),
            ]
        )
    return rows


def score_rows(review_round: ReviewRound, returns: list[ReceivedReturn]) -> list[list]:
    """One row per criterion score of every accepted return (decimal strings, never floats)."""
    rows = []
    criteria = [c.id for c in review_round.rubric.criteria]
    for item in returns:
        if item.status != "accepted" or item.sheet is None:
            continue
        for score in item.sheet.scores:
            total = format(sum(score.criteria.values()), "f")
            for criterion_id in criteria:
                value = score.criteria.get(criterion_id)
                rows.append(
                    [
                        item.expert,
                        score.application,
                        criterion_id,
                        "" if value is None else format(value, "f"),
                        total,
                        "是" if score.recommend else "否",
                        item.file.name,
                        item.revision,
                    ]
                )
    return rows


def as_csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def as_xlsx(sheets: dict[str, tuple[list[str], list[list]]]) -> bytes:
    """Figures stay text: Excel must not turn 80.50 into a float."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([value if isinstance(value, int) else str(value) for value in row])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column) + 2
            sheet.column_dimensions[column[0].column_letter].width = min(48, width * 1.6)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
