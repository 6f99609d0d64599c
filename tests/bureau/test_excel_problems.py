"""Bad workbooks: every problem named by sheet, row and column letter; nothing is returned."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import tempfile
import zipfile
from pathlib import Path

import pytest
from excel_test_books import B, hand_filled_book, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from tic_desktop.bureau.excel_template import CellProblem, ExcelImportError, read_workbook
from tic_desktop.errors import InputError


def _problems(tmp_path: Path, change) -> list[CellProblem]:
    book = hand_filled_book(tmp_path)
    change(book)
    path = save(book, tmp_path)
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(path)
    assert caught.value.problems, caught.value
    return caught.value.problems


def _cells(problems: list[CellProblem]) -> list[tuple[str, int, str]]:
    return [(p.sheet, p.row, p.column) for p in problems]


def _set(sheet: str, cell: str, value):
    def change(book):
        book[sheet][cell] = value

    return change


CASES = {
    "missing center name": (_set("基本信息", "B2", None), ("基本信息", 2, "B"), "required"),
    "missing lead unit name": (_set("基本信息", "D3", "  "), ("基本信息", 3, "D"), "required"),
    "missing lead unit kind": (_set("基本信息", "E3", None), ("基本信息", 3, "E"), "required"),
    "bad boolean": (
        _set("基本信息", f"{B['pilot']}2", "可能"),
        ("基本信息", 2, B["pilot"]),
        "是 (yes) or 否",
    ),
    "number for a boolean": (
        _set("基本信息", f"{B['safety']}2", 1),
        ("基本信息", 2, B["safety"]),
        "got 1",
    ),
    "bad title level": (
        _set("基本信息", f"{B['title_level']}2", "特级"),
        ("基本信息", 2, B["title_level"]),
        "title level",
    ),
    "director without a name": (
        _set("基本信息", f"{B['director_name']}2", None),
        ("基本信息", 2, B["director_name"]),
        "required",
    ),
    "share over 100": (
        _set("基本信息", f"{B['share_staff']}2", "120"),
        ("基本信息", 2, B["share_staff"]),
        "over 100",
    ),
    "negative amount": (
        _set("基本信息", f"{B['rd_space']}2", -5),
        ("基本信息", 2, B["rd_space"]),
        "non-negative",
    ),
    "text amount": (
        _set("基本信息", f"{B['equipment_value']}2", "五百万"),
        ("基本信息", 2, B["equipment_value"]),
        "五百万",
    ),
    "date for an amount": (
        _set("基本信息", f"{B['equipment_value']}2", dt.datetime(2024, 1, 2)),
        ("基本信息", 2, B["equipment_value"]),
        "date",
    ),
    "fraction for a count": (
        _set("基本信息", f"{B['transfer_cases']}2", 2.5),
        ("基本信息", 2, B["transfer_cases"]),
        "whole number",
    ),
    "negative count": (
        _set("基本信息", f"{B['transfer_cases']}2", -1),
        ("基本信息", 2, B["transfer_cases"]),
        "too small",
    ),
    "too many decimals": (
        _set("财务数据", "D3", "110000000.123"),
        ("财务数据", 3, "D"),
        "at most 2 decimals",
    ),
    "text year": (_set("财务数据", "B2", "二〇二三"), ("财务数据", 2, "B"), "whole number"),
    "duplicate year": (
        _set("财务数据", "B3", 2023),
        ("财务数据", 3, "B"),
        "listed twice (also row 2)",
    ),
    "days over 366": (_set("人员", "D3", 400), ("人员", 3, "D"), "at most 366"),
    "missing staff name": (_set("人员", "B2", None), ("人员", 2, "B"), "required"),
    "unknown application id": (_set("人员", "A3", "LC-T-999"), ("人员", 3, "A"), "LC-T-999"),
    "child row without id": (_set("共建单位", "A2", None), ("共建单位", 2, "A"), "id is missing"),
    "two chairs": (
        _set("专家委员会", "E4", "是"),
        ("专家委员会", 4, "E"),
        "more than one chair (also row 3)",
    ),
    "no chair": (_set("专家委员会", "E3", "否"), ("专家委员会", 2, "E"), "no chair"),
    "missing member unit": (_set("专家委员会", "C2", None), ("专家委员会", 2, "C"), "required"),
    "missing attachment file": (
        _set("附件", "C2", "LC-T-001/没有这个文件.pdf"),
        ("附件", 2, "C"),
        "not found",
    ),
    "absolute attachment path": (_set("附件", "C2", "/etc/passwd"), ("附件", 2, "C"), "relative"),
    "attachment outside the folder": (
        _set("附件", "C2", "../outside.pdf"),
        ("附件", 2, "C"),
        "inside",
    ),
    "duplicate application id": (
        _set("基本信息", "A3", "LC-T-001"),
        ("基本信息", 3, "A"),
        "used twice (also row 2)",
    ),
    "missing application id": (_set("基本信息", "A3", None), ("基本信息", 3, "A"), "id is missing"),
    "unsafe application id": (
        _set("基本信息", "A3", "../LC"),
        ("基本信息", 3, "A"),
        "must not contain",
    ),
    "duplicate expert id": (
        _set("专家库", "A3", "E01"),
        ("专家库", 3, "A"),
        "used twice (also row 2)",
    ),
    "expert without a unit": (_set("专家库", "C3", None), ("专家库", 3, "C"), "required"),
    "boolean for a name": (_set("专家库", "B3", True), ("专家库", 3, "B"), "expected text"),
    "unknown column title": (
        _set("人员", "E1", "备注"),
        ("人员", 1, "E"),
        "unrecognised column title",
    ),
    "data without a column title": (_set("人员", "F2", "备注"), ("人员", 2, "F"), "no title"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_bad_input_names_its_cell(tmp_path, name):
    change, cell, text = CASES[name]
    problems = _problems(tmp_path, change)
    assert _cells(problems) == [cell], [p.describe("en") for p in problems]
    problem = problems[0]
    assert text in problem.message_en, problem.message_en
    assert problem.message_zh and problem.message_zh != problem.message_en
    if cell[1] > 1 and name != "data without a column title":
        assert " / " in problem.header  # the column's title, as shown in the sheet


def test_the_message_names_sheet_row_and_column(tmp_path):
    book = hand_filled_book(tmp_path)
    book["财务数据"]["C3"] = "abc"
    path = save(book, tmp_path)
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(path)
    error = caught.value
    assert isinstance(error, InputError)
    assert str(path) in error.message_zh and str(path) in error.message_en
    assert "工作表“财务数据”第 3 行 C 列（研发费用（元） / R&D expense (yuan)）" in error.message_zh
    assert "sheet 财务数据, row 3, column C" in error.message_en
    copy = pickle.loads(pickle.dumps(error))  # a worker process can hand it back whole
    assert (copy.problems, copy.message_zh, copy.file) == (
        error.problems,
        error.message_zh,
        error.file,
    )


def test_all_problems_are_reported_in_sheet_and_row_order(tmp_path):
    def change(book):
        book["专家库"]["C2"] = None
        book["人员"]["D2"] = "很多"
        book["基本信息"]["B2"] = None
        book["基本信息"]["B3"] = None
        book["附件"]["C2"] = "nope.pdf"
        book["专家委员会"]["E2"] = "是"
        for row in range(7):
            book["财务数据"].append(["LC-T-404", 2020 + row])

    problems = _problems(tmp_path, change)
    assert _cells(problems) == [
        ("基本信息", 2, "B"),
        ("基本信息", 3, "B"),
        *[("财务数据", row, "A") for row in range(6, 13)],
        ("人员", 2, "D"),
        ("专家委员会", 3, "E"),
        ("附件", 2, "C"),
        ("专家库", 2, "C"),
    ]
    error = ExcelImportError("x.xlsx", problems)
    assert "共 13 处问题" in error.message_zh and "另有 8 处" in error.message_zh
    assert "and 8 more" in error.message_en
    assert len(error.report("en").splitlines()) == 14


def test_a_missing_sheet_and_a_missing_column_are_reported_first(tmp_path):
    def change(book):
        del book["附件"]
        book["人员"].delete_cols(4)
        book["基本信息"]["B2"] = None  # not reported: the layout is checked before the cells

    problems = _problems(tmp_path, change)
    assert _cells(problems) == [("人员", 1, ""), ("附件", 1, "")]
    assert problems[0].header == "年度工作天数 / Days worked"
    assert "missing" in problems[1].message_en


def test_a_formula_error_cell_is_refused(tmp_path):
    book = hand_filled_book(tmp_path)
    path = save(book, tmp_path)
    # openpyxl writes formulas without results; an error value is put in the file by hand.
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet3.xml"  # 财务数据, the third sheet
    parts[sheet] = parts[sheet].replace(
        b'<c r="D2" t="n"><v>120000000</v></c>', b'<c r="D2" t="e"><v>#DIV/0!</v></c>'
    )
    assert b"#DIV/0!" in parts[sheet]
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(path)
    assert _cells(caught.value.problems) == [("财务数据", 2, "D")]
    assert "#DIV/0!" in caught.value.problems[0].message_en


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"id,center_name\nLC-1,x\n", "not an Excel workbook"),
        (b"", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        (b"PK\x03\x04garbage", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_xlsx_is_named(tmp_path, content, expected):
    path = tmp_path / "申报.xlsx"
    path.write_bytes(content)
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(path)
    assert caught.value.problems == []
    assert str(path) in caught.value.message_en and expected in caught.value.message_en
    assert str(path) in caught.value.message_zh


def test_a_zip_that_is_not_a_workbook_and_a_missing_file(tmp_path):
    path = tmp_path / "other.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ExcelImportError, match="other.xlsx"):
        read_workbook(path)
    with pytest.raises(ExcelImportError, match="file not found"):
        read_workbook(tmp_path / "absent.xlsx")
    with pytest.raises(ExcelImportError, match="folder"):
        read_workbook(tmp_path)


_GARBAGE = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "是",
            "否",
            "TRUE",
            "企业",
            "正高级",
            "LC-T-001",
            "LC-T-002",
            "E01",
            "60%",
            "-0",
            "1e9",
            "NaN",
            "inf",
            "../x",
            "/",
            "LC-T-001/申报书.pdf",
            "年度 / Year",
            "申报编号 / Application id",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
_SHEETS = ["基本信息", "共建单位", "财务数据", "人员", "专家委员会", "附件", "专家库"]


@pytest.fixture(scope="module")
def garbage_base():
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        path = save(hand_filled_book(base), base, "base.xlsx")
        yield base, path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(_SHEETS), st.integers(1, 6), st.integers(1, 25), _GARBAGE),
        min_size=1,
        max_size=6,
    )
)
def test_garbage_in_any_cell_gives_only_an_import_error(garbage_base, changes):
    base, original = garbage_base
    book = load_workbook(original)
    for sheet, row, column, value in changes:
        cell = book[sheet].cell(row=row, column=column)
        try:
            cell.value = value
        except IllegalCharacterError:  # openpyxl refuses control characters itself
            continue
    path = base / "garbage.xlsx"
    book.save(path)
    try:
        contents = read_workbook(path)
    except ExcelImportError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.sheet and problem.row >= 1 and problem.message_zh and problem.message_en
    else:
        assert len(contents.applications) == len(contents.application_data)
