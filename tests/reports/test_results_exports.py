"""The results exports as the bureau's staff open them in Excel (issue #14): numbers are numeric
cells with number formats (SUM and AVERAGE work), decimals exact and consistent, Chinese criterion
titles, a header with the round and the date, the application × expert matrix with the reason
for every blank, opinions, reasons and judgements, recommendation counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from round_results import E01_LC001, day_results, demo_round, performance_round

from tic_desktop.aggregation import round_method
from tic_desktop.reports.exports import TABLE_ROW, excel_number, ranking_csv, results_workbook

DAY = dt.date(2026, 12, 3)
SHEETS = ["排名", "专家评分矩阵", "评分明细", "评审意见", "未计入", "回执"]


@pytest.fixture(scope="module")
def review_round():
    return demo_round()


@pytest.fixture(scope="module")
def day(review_round):
    return day_results(review_round)


@pytest.fixture(scope="module")
def book(review_round, day, tmp_path_factory):
    results, returns = day
    path = tmp_path_factory.mktemp("exports") / "results.xlsx"
    path.write_bytes(results_workbook(review_round, results, returns, exported_on=DAY))
    return load_workbook(path)


def _table(sheet) -> tuple[list[str], list[list]]:
    """The header and the rows of the sheet's table (cells, not values)."""
    header = [c.value for c in sheet[TABLE_ROW]]
    rows = [list(row) for row in sheet.iter_rows(min_row=TABLE_ROW + 1)]
    return header, rows


def _by_header(header, row) -> dict:
    return dict(zip(header, row, strict=True))


def _exact(cell) -> Decimal:
    """The decimal a numeric cell holds (its shortest repr, as Excel shows it)."""
    assert cell.data_type == "n" and isinstance(cell.value, (int, float)), (
        cell.coordinate,
        cell.value,
    )
    return Decimal(repr(cell.value)) if isinstance(cell.value, float) else Decimal(cell.value)


def test_every_sheet_names_the_round_and_the_date(book, review_round):
    assert book.sheetnames == SHEETS
    for sheet in book:
        assert sheet["A1"].value == f"{review_round.spec.title} — {sheet.title}"
        assert [sheet["A2"].value, sheet["B2"].value, sheet["C2"].value] == [
            "评审批次",
            "2026-TIC-01",
            "导出日期",
        ]
        assert sheet["D2"].is_date and sheet["D2"].value.date() == DAY
        assert sheet["D2"].number_format == "yyyy-mm-dd"
        assert sheet.freeze_panes.endswith(str(TABLE_ROW + 1))
        assert sheet.auto_filter.ref.startswith(f"A{TABLE_ROW}:")


def test_the_ranking_is_numbers_with_formats(book, review_round, day):
    results, _ = day
    header, rows = _table(book["排名"])
    assert header == [
        "排名",
        "申报编号",
        "中心名称",
        "牵头单位",
        "有效评分",
        "平均分",
        "最终得分",
        "最低分",
        "最高分",
        "推荐",
        "不推荐",
        "标记",
        "未计入",
    ]  # no 等次 column in an establishment round
    assert len(rows) == len(review_round.applications)
    first = _by_header(header, rows[0])
    result = next(r for r in results if r.rank == 1)
    assert first["申报编号"].value == result.application_id
    assert first["排名"].value == 1 and first["排名"].data_type == "n"
    assert first["有效评分"].value == result.valid and first["有效评分"].number_format == "0"
    for title in ("平均分", "最终得分", "最低分", "最高分"):
        assert first[title].number_format == "0.00", title
    assert _exact(first["最终得分"]) == result.final.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert _exact(first["最低分"]) == result.minimum

    lc001 = _by_header(header, next(r for r in rows if r[1].value == "LC-2026-001"))
    assert _exact(lc001["最终得分"]) == Decimal("69.17")  # 69.1666… rounded half-up, as signed
    assert _exact(lc001["平均分"]) == Decimal("71.00")
    assert lc001["标记"].value == "分差过大"
    assert lc001["未计入"].value == "朱某（E04）：回避；吴某（E07）：未提交".replace(
        "朱某", review_round.experts["E04"].name
    ).replace("吴某", review_round.experts["E07"].name)
    # E03 and E06 do not recommend (every third expert), E01, E02 and E05 do; E04 is not counted.
    assert (lc001["推荐"].value, lc001["不推荐"].value) == (3, 2)
    assert lc001["推荐"].number_format == "0"
    # Applications nobody scored: blank figures, not zeros or text.
    unscored = _by_header(header, next(r for r in rows if r[1].value == "LC-2026-005"))
    assert unscored["最终得分"].value is None and unscored["排名"].value is None
    assert unscored["有效评分"].value == 0 and "有效评分不足" in unscored["标记"].value


def test_the_matrix_gives_each_experts_total_and_says_why_a_cell_is_blank(book, review_round, day):
    results, _ = day
    header, rows = _table(book["专家评分矩阵"])
    experts = review_round.experts
    assert header[:2] == ["申报编号", "中心名称"] and header[-2:] == ["有效评分", "最终得分"]
    assert header[2] == f"{experts['E01'].name}（E01）" and len(header) == 2 + 21 + 2
    lc001 = _by_header(header, next(r for r in rows if r[0].value == "LC-2026-001"))
    who = {e: f"{experts[e].name}（{e}）" for e in experts}
    assert (
        _exact(lc001[who["E01"]]) == sum(Decimal(v) for v in E01_LC001.values()) == Decimal("85.5")
    )
    assert lc001[who["E01"]].number_format == "0.00"
    assert lc001[who["E01"]].comment.text == "计入有效评分；计算最终得分时作为最高分去掉"
    assert lc001[who["E02"]].comment.text == "计入有效评分；计算最终得分时作为最低分去掉"
    assert lc001[who["E04"]].value is None and lc001[who["E04"]].comment.text == "未计入：回避"
    assert lc001[who["E07"]].value is None and lc001[who["E07"]].comment.text == "未计入：未提交"
    assert lc001[who["E08"]].value is None and lc001[who["E08"]].comment is None  # another panel
    assert lc001[who["E08"]].fill.fgColor.rgb.endswith("EDEDED")
    assert lc001[who["E04"]].fill.fgColor.rgb.endswith("FCE4D6")
    lc003 = _by_header(header, next(r for r in rows if r[0].value == "LC-2026-003"))
    assert lc003[who["E05"]].comment.text == "未计入：回避"  # declared in the return
    # Every counted total is in the matrix: its row averages to the mean.
    for result in results:
        row = _by_header(header, next(r for r in rows if r[0].value == result.application_id))
        shown = {e: _exact(row[who[e]]) for e in experts if row[who[e]].value is not None}
        assert shown == result.totals
        assert row["有效评分"].value == result.valid
    # The reasons are also in a neighbouring sheet.
    header, rows = _table(book["未计入"])
    assert header == ["申报编号", "中心名称", "专家编号", "专家", "原因"]
    listed = {(r[0].value, r[2].value): r[4].value for r in rows}
    assert listed[("LC-2026-001", "E04")] == "回避" and listed[("LC-2026-001", "E07")] == "未提交"
    assert len(listed) == sum(len(r.excluded) for r in results)


def test_criterion_scores_under_their_chinese_titles(book, review_round, day):
    results, _ = day
    header, rows = _table(book["评分明细"])
    criteria = review_round.rubric.criteria
    assert header == [
        "申报编号",
        "中心名称",
        "专家编号",
        "专家",
        *(f"{c.title}（满分 {c.max}）" for c in criteria),
        "总分",
        "推荐",
    ]
    assert "依托单位基础条件（满分 20）" in header and "foundation" not in header
    assert len(rows) == sum(r.valid for r in results)
    e01 = _by_header(
        header, next(r for r in rows if (r[0].value, r[2].value) == ("LC-2026-001", "E01"))
    )
    for c in criteria:
        cell = e01[f"{c.title}（满分 {c.max}）"]
        assert _exact(cell) == Decimal(E01_LC001[c.id]) and cell.number_format == "0.00"
    assert _exact(e01["总分"]) == Decimal("85.5") and e01["推荐"].value == "是"
    # The per-criterion columns add up to the total, as a SUM in Excel would.
    for row in rows:
        values = _by_header(header, row)
        assert sum(_exact(values[f"{c.title}（满分 {c.max}）"]) for c in criteria) == _exact(
            values["总分"]
        )


def test_opinions_reasons_and_judgements_as_signed(book, review_round, day):
    header, rows = _table(book["评审意见"])
    assert header == [
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
    e01 = _by_header(
        header, next(r for r in rows if (r[0].value, r[2].value) == ("LC-2026-001", "E01"))
    )
    assert e01["评审意见"].value == "E01 对 LC-2026-001 的评审意见：依托单位基础较好。"
    assert e01["评分理由"].value == "依托单位基础条件：研发投入连续三年增长，设备原值远超门槛"
    assert e01["形式审查研判"].value == "中试/产业化能力：不同意系统结论。现场未见中试线"
    assert e01["评审意见"].alignment.wrap_text
    e02 = _by_header(
        header, next(r for r in rows if (r[0].value, r[2].value) == ("LC-2026-001", "E02"))
    )
    assert e02["评分理由"].value is None and e02["形式审查研判"].value is None


def test_returns_sheet_gives_each_reason_once_and_in_chinese(book):
    header, rows = _table(book["回执"])
    assert header == ["回执文件", "专家编号", "专家", "版本", "状态", "原因", "SHA-256"]
    by_file = {r[0].value: _by_header(header, r) for r in rows}
    wrong_round = by_file["E07-旧批次.ticreturn"]
    assert wrong_round["状态"].value == "拒收"
    # The detail alone: the general wording "不属于本评审批次…" would say the same thing twice.
    assert wrong_round["原因"].value == "回执属于评审批次 2025-TIC-09，不是 2026-TIC-01"
    assert wrong_round["版本"].value == 2 and wrong_round["版本"].data_type == "n"
    assert by_file["损坏.ticreturn"]["原因"].value == "无法解密回执：文件内容被截断或被篡改"
    assert (
        by_file["E01.ticreturn"]["状态"].value == "接收"
        and by_file["E01.ticreturn"]["原因"].value is None
    )


def test_a_performance_round_has_its_grades(tmp_path):
    review_round = performance_round(tmp_path)
    results, returns = day_results(review_round)
    path = tmp_path / "p.xlsx"
    path.write_bytes(results_workbook(review_round, results, returns, exported_on=DAY))
    header, rows = _table(load_workbook(path)["排名"])
    assert "等次" in header
    grades = {r[1].value: _by_header(header, r)["等次"].value for r in rows}
    assert grades["LC-2026-001"] == "合格" and grades["LC-2026-005"] is None


def test_the_csv_is_the_ranking_with_two_decimals(review_round, day):
    results, _ = day
    data = ranking_csv(review_round, results, round_method(review_round))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:3] == ["排名", "申报编号", "中心名称"] and "推荐" in header
    lc001 = dict(zip(header, next(r for r in rows if r[1] == "LC-2026-001"), strict=True))
    assert (lc001["平均分"], lc001["最终得分"], lc001["最低分"], lc001["最高分"]) == (
        "71.00",
        "69.17",
        "62.00",
        "85.50",
    )
    assert lc001["有效评分"] == "5" and lc001["排名"] == "3"


@given(st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False))
def test_two_decimal_figures_are_exact_as_doubles(value):
    number = excel_number(value)
    assert number is not None and Decimal(repr(number)) == value


@given(st.decimals(min_value=0, max_value=1000, places=20, allow_nan=False, allow_infinity=False))
def test_a_decimal_a_double_cannot_hold_is_never_written_rounded(value):
    number = excel_number(value)
    assert number is None or Decimal(repr(number)) == value
