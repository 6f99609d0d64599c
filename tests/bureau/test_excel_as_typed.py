"""The workbook as clerks fill it in Excel and WPS (issue #14): full-width digits, thousands
separators and 元 are normalised and reported; a credit code stored as a number is refused with
the reason; figures that look like 万元 and shares typed as fractions are imported as typed and
listed for confirmation.

Cells are written with openpyxl the way Excel and WPS store them: what was typed as a number is
a number cell (an 18-digit code typed into a General cell is the double 9.13715001234568E+17),
what was typed into a text cell is a string, full-width characters included.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal

import pytest
from excel_test_books import B, hand_filled_book, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tic_desktop.bureau.excel_cells import MONEY_DOUBT_BELOW, CellValueError, read_cell
from tic_desktop.bureau.excel_layout import BASIC, CO_BUILDERS, EXPERTS, FINANCE, STAFF
from tic_desktop.bureau.excel_template import ExcelImportError, read_workbook, write_workbook

FULL_WIDTH_DIGITS = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
# What Excel keeps of the code 913715001234567890 typed into a General cell: 15 digits.
CODE_AS_EXCEL_STORES_IT = 9.13715001234568e17
BASIC_COLUMNS = {c.key: c for c in BASIC.columns}
EQUIPMENT = BASIC_COLUMNS["equipment_value"]
SHARE = BASIC_COLUMNS["lead_share_percent.conditions"]


def _notes(contents):
    return {(n.sheet, n.row, n.column): n for n in contents.notes}


def _problems(tmp_path, book):
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(save(book, tmp_path))
    return caught.value


def test_full_width_separators_and_yuan_are_read_and_reported(tmp_path):
    book = hand_filled_book(tmp_path)
    basic, finance = book["基本信息"], book["财务数据"]
    basic[f"{B['equipment_value']}2"] = "５，３００，０００元"  # WPS with the Chinese input method
    basic[f"{B['rd_space']}2"] = "６２０"
    basic[f"{B['share_staff']}2"] = "６５％"
    basic[f"{B['transfer_cases']}2"] = "０"
    finance["C2"] = "3,800,000.00"
    finance["D2"] = "１２０，000,０００"  # full-width and ASCII commas mixed, grouped by three
    finance["D3"] = "110,000,000元"
    finance["B3"] = "２０２４"
    book["人员"]["D2"] = "２４０天"

    contents = read_workbook(save(book, tmp_path))

    application = contents.applications[0]
    assert application.equipment_value == Decimal("5300000")
    assert application.rd_space_m2 == Decimal("620")
    assert application.lead_share_percent.staff == Decimal("65")
    assert application.transfer_cases == 0
    assert [(f.year, f.rd_expense, f.main_revenue) for f in application.finance[:2]] == [
        (2023, Decimal("3800000.00"), Decimal("120000000")),
        (2024, Decimal("3300000.5"), Decimal("110000000")),
    ]
    assert application.staff[0].days_worked == 240
    data = contents.application_data[0]
    assert data["equipment_value"] == "5300000" and data["finance"][0]["rd_expense"] == "3800000.00"

    notes = _notes(contents)
    equipment = notes[("基本信息", 2, B["equipment_value"])]
    assert (equipment.typed, equipment.read, equipment.confirm) == (
        "５，３００，０００元",
        "5300000",
        False,
    )
    assert equipment.header == "仪器设备原值（元） / Equipment value (yuan)"
    for words in ("全角字符改为半角", "去掉单位“元”", "去掉千位分隔符"):
        assert words in equipment.message_zh
    assert "thousands separators removed" in equipment.message_en
    assert equipment.describe("zh") == (
        "工作表“基本信息”第 2 行 O 列（仪器设备原值（元） / Equipment value (yuan)）："
        "填写“５，３００，０００元”，读作 5300000（全角字符改为半角；去掉单位“元”；去掉千位分隔符）"
    )
    assert notes[("财务数据", 2, "C")].read == "3800000.00"
    assert notes[("财务数据", 2, "D")].read == "120000000"
    assert notes[("财务数据", 3, "D")].message_zh == "去掉单位“元”；去掉千位分隔符"
    assert notes[("财务数据", 3, "B")].read == "2024"
    assert notes[("人员", 2, "D")].read == "240"
    assert notes[("基本信息", 2, B["share_staff"])].read == "65"
    # Cells typed plainly are not in the report.
    assert ("基本信息", 2, B["share_conditions"]) not in notes
    report = contents.report("zh")
    assert report.splitlines()[0].endswith("处已自动规范")
    assert "工作表“财务数据”第 3 行 D 列" in report
    assert "Normalised:" in contents.report("en")


def test_a_credit_code_stored_as_a_number_is_refused_with_the_reason(tmp_path):
    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['lead_uscc']}2"] = CODE_AS_EXCEL_STORES_IT
    book["共建单位"]["D2"] = 123713000000001  # 15 digits: none lost, but not a code
    book["专家库"]["D2"] = "9.13715E+17"  # what Excel shows, pasted back as text

    error = _problems(tmp_path, book)

    cells = [(p.sheet, p.row, p.column) for p in error.problems]
    assert cells == [("基本信息", 2, B["lead_uscc"]), ("共建单位", 2, "D"), ("专家库", 2, "D")]
    lead, co_builder, expert = error.problems
    assert lead.header == "牵头单位统一社会信用代码 / Lead unit USCC"
    assert "显示为 9.13715E+17" in lead.message_zh and "913715001234568000" in lead.message_zh
    assert "15 位有效数字" in lead.message_zh and "无法从工作簿中恢复" in lead.message_zh
    assert "“文本”格式" in lead.message_zh and "英文单引号" in lead.message_zh
    assert "cannot be recovered" in lead.message_en and "apostrophe" in lead.message_en
    assert "开头的 0" in co_builder.message_zh and "无法从工作簿中恢复" not in co_builder.message_zh
    assert "无法从工作簿中恢复" in expert.message_zh
    assert "工作表“基本信息”第 2 行 F 列（牵头单位统一社会信用代码" in error.message_zh


def test_a_code_in_a_number_formatted_cell_is_quoted_as_it_shows(tmp_path):
    book = hand_filled_book(tmp_path)
    cell = book["基本信息"][f"{B['lead_uscc']}2"]
    cell.value, cell.number_format = CODE_AS_EXCEL_STORES_IT, "0"  # shows 913715001234568000
    [problem] = _problems(tmp_path, book).problems
    assert "显示为 913715001234568000）" in problem.message_zh
    assert "15 位有效数字" in problem.message_zh


def test_a_code_typed_as_text_in_full_width_is_read(tmp_path):
    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['lead_uscc']}2"] = "９１３７１５００ＭＡ３Ｃ０ＸＸＸＸ１"
    book["专家委员会"]["D2"] = "12100000 XXXXXXXXXX"
    contents = read_workbook(save(book, tmp_path))
    assert contents.applications[0].lead_unit.uscc == "91371500MA3C0XXXX1"
    assert contents.applications[0].committee.members[0].unit_uscc == "12100000XXXXXXXXXX"
    notes = _notes(contents)
    assert notes[("基本信息", 2, B["lead_uscc"])].read == "91371500MA3C0XXXX1"
    assert notes[("专家委员会", 2, "D")].message_zh == "去掉代码中的空格"


def test_figures_that_look_like_wan_yuan_and_fractions_are_listed_not_changed(tmp_path):
    book = hand_filled_book(tmp_path)
    basic, finance = book["基本信息"], book["财务数据"]
    basic[f"{B['equipment_value']}2"] = 530  # 530 万元 meant
    basic[f"{B['share_conditions']}2"] = 0.7  # 70 % meant
    basic[f"{B['share_projects']}2"] = "0.8"
    fraction_formatted = basic[f"{B['share_achievements']}2"]
    fraction_formatted.value, fraction_formatted.number_format = 0.6, "0%"  # a real percentage
    finance["C2"] = "380"
    finance["D2"] = "12,000"
    finance["C5"] = 0  # zero is zero, not 万元 (row 4 is empty)
    basic[f"{B['rd_space']}2"] = 62  # an area: no 万元 question

    contents = read_workbook(save(book, tmp_path))  # imported: nothing is refused

    application = contents.applications[0]
    assert application.equipment_value == Decimal("530")  # as typed, not multiplied
    assert application.lead_share_percent.conditions == Decimal("0.7")
    assert application.lead_share_percent.projects == Decimal("0.8")
    assert application.lead_share_percent.achievements == Decimal("60")
    assert application.finance[0].rd_expense == Decimal("380")
    to_confirm = {(n.sheet, n.row, n.column): n for n in contents.to_confirm}
    assert set(to_confirm) == {
        ("基本信息", 2, B["equipment_value"]),
        ("基本信息", 2, B["share_conditions"]),
        ("基本信息", 2, B["share_projects"]),
        ("财务数据", 2, "C"),
        ("财务数据", 2, "D"),
    }
    equipment = to_confirm[("基本信息", 2, B["equipment_value"])]
    assert (equipment.typed, equipment.read) == ("530", "530")
    assert "像是按万元填写" in equipment.message_zh and "应填 5300000" in equipment.message_zh
    assert "已按 530 元导入" in equipment.message_zh
    assert "10,000 yuan" in equipment.message_en
    share = to_confirm[("基本信息", 2, B["share_conditions"])]
    assert (share.typed, share.read) == ("0.7", "0.7")
    assert "若指 70%，应填 70" in share.message_zh and "已按 0.7% 导入" in share.message_zh
    revenue = to_confirm[("财务数据", 2, "D")]
    assert revenue.read == "12000" and "应填 120000000" in revenue.message_zh
    # 12,000 was also normalised: that is its own line of the report.
    assert [n.read for n in contents.normalised if (n.sheet, n.row) == ("财务数据", 2)] == ["12000"]
    report = contents.report("zh").splitlines()
    assert report[0].startswith("已导入") and "5 处请核对" in report[0]
    assert report[1] == "按原样导入，请核对："
    assert contents.report_title("en").endswith("5 cell(s) to check, 1 cell(s) normalised")


def test_a_figure_given_in_wan_yuan_is_converted_and_said_so(tmp_path):
    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['equipment_value']}2"] = "530万元"
    book["财务数据"]["C2"] = "３８０万"
    book["财务数据"]["C5"] = "3100000"
    contents = read_workbook(save(book, tmp_path))
    assert contents.applications[0].equipment_value == Decimal("5300000")
    assert contents.applications[0].finance[0].rd_expense == Decimal("3800000")
    notes = _notes(contents)
    assert "按万元换算为元" in notes[("基本信息", 2, B["equipment_value"])].message_zh
    assert not contents.to_confirm


def test_commas_that_are_not_thousands_separators_are_refused_by_name(tmp_path):
    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['equipment_value']}2"] = "53,00,000"
    error = _problems(tmp_path, book)
    [problem] = error.problems
    assert (problem.sheet, problem.column) == ("基本信息", B["equipment_value"])
    assert "不是千位分隔符" in problem.message_zh and "53,00,000" in problem.message_zh


def test_the_template_keeps_code_and_amount_columns_as_text(tmp_path):
    path = tmp_path / "template.xlsx"
    write_workbook(path)
    book = load_workbook(path)
    for layout in (BASIC, CO_BUILDERS, EXPERTS, FINANCE):
        sheet = book[layout.name]
        for index, column in enumerate(layout.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            expected = "@" if column.kind in ("text", "code", "amount", "percent") else "General"
            if column.key == "application":
                expected = "@"
            assert sheet.column_dimensions[letter].number_format == expected, column.key
    # In the file itself: the code column carries a style whose number format is 49 (text).
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode()
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert 'numFmtId="49"' in styles
    assert 'min="6" max="6"' in sheet_xml and "style=" in sheet_xml
    explained = "\n".join(
        str(row[0]) for row in book["填表说明"].iter_rows(values_only=True) if row and row[0]
    )
    assert "千位分隔符" in explained and "存成数字的代码" in explained


def test_a_filled_workbook_writes_codes_as_text_cells(tmp_path):
    book = hand_filled_book(tmp_path)
    contents = read_workbook(save(book, tmp_path))
    path = tmp_path / "filled.xlsx"
    write_workbook(path, contents.applications, contents.experts)
    cell = load_workbook(path)["基本信息"][f"{B['lead_uscc']}2"]
    assert (cell.value, cell.data_type, cell.number_format) == ("91371500MA3C0XXXX1", "s", "@")


def test_staff_sheet_units_are_accepted(tmp_path):
    assert {c.key: c.unit for c in STAFF.columns}["days_worked"] == "天"


# ---- properties ------------------------------------------------------------------------------

amounts = st.builds(
    lambda whole, cents, decimals: Decimal(whole) + (Decimal(cents) / 100 if decimals else 0),
    st.integers(min_value=0, max_value=10**13),
    st.integers(min_value=0, max_value=99),
    st.booleans(),
)


def _plain(number: Decimal) -> str:
    return format(number, "f")


@given(amounts, st.booleans(), st.booleans(), st.booleans())
def test_any_amount_typed_with_separators_full_width_and_yuan_reads_the_same(
    number, grouped, full_width, yuan
):
    text = f"{number:,f}" if grouped else _plain(number)
    if full_width:
        text = text.translate(FULL_WIDTH_DIGITS)
    if yuan:
        text += "元"
    reading = read_cell(EQUIPMENT, text)
    assert Decimal(reading.value) == number
    assert bool(reading.changes) == (text != _plain(number))
    assert (reading.doubt is not None) == (0 < number < MONEY_DOUBT_BELOW)


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=2, max_size=5))
def test_commas_anywhere_give_the_digits_or_a_refusal_never_another_number(group_sizes):
    groups = ["".join(str((i + j) % 10) for j in range(size)) for i, size in enumerate(group_sizes)]
    groups[0] = "1" + groups[0][1:]
    text = ",".join(groups)
    try:
        reading = read_cell(EQUIPMENT, text)
    except CellValueError as error:
        assert "千位分隔符" in error.message_zh and text in error.message_zh
        assert any(len(g) != 3 for g in groups[1:]) or len(groups[0]) > 3
    else:
        assert reading.value == "".join(groups)
        assert all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=10**17, max_value=10**18 - 1), st.booleans())
def test_any_code_stored_as_a_number_is_refused(code, as_float):
    value = float(code) if as_float else code
    column = {c.key: c for c in BASIC.columns}["lead_unit.uscc"]
    with pytest.raises(CellValueError) as caught:
        read_cell(column, value)
    assert "无法从工作簿中恢复" in caught.value.message_zh


@given(
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["General", "0", "0.00", "0%", "0.0%"]),
)
def test_a_share_is_asked_about_only_when_it_reads_as_a_fraction(share, number_format):
    value = float(share) if share != share.to_integral_value() else int(share)
    percent_cell = "%" in number_format
    if percent_cell:
        value = float(share / 100)
        if Decimal(repr(value)) * 100 != share:
            return  # not how Excel would store that percentage
    reading = read_cell(SHARE, value, number_format)
    assert Decimal(reading.value) == share
    assert (reading.doubt is not None) == (not percent_cell and 0 < share <= 1)


def test_the_cli_prints_the_import_report(tmp_path, capsys):
    from tic_desktop.cli.main import main

    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['equipment_value']}2"] = "５，３００，０００元"
    path = save(book, tmp_path)
    assert main(["round", "import-excel", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "按原样导入，请核对：" in out and "读作 0.1" in out  # the book's 0.1 元 of R&D
    assert "已自动规范：" in out and "填写“５，３００，０００元”，读作 5300000" in out
    code = main(
        ["--lang", "en", "round", "import-excel", str(path), "--out", str(tmp_path / "json")]
        + ["--format", "json"]
    )
    assert code == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert len(notes) == 2 and "typed “５，３００，０００元”, read as 5300000" in notes[0]
