"""The applications workbook: demo round trip, a hand-filled workbook, exact decimals, the
template."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from excel_test_books import EXPECTED_DATA, B, expected_applications, hand_filled_book, save
from openpyxl import load_workbook

from tic_desktop.bureau.excel_template import (
    ExcelImportError,
    WorkbookContents,
    read_workbook,
    write_workbook,
)
from tic_desktop.domain.loading import load_round

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
SHEETS = ["基本信息", "共建单位", "财务数据", "人员", "专家委员会", "附件", "专家库", "填表说明"]


@pytest.fixture(scope="module")
def demo_round():
    return load_round(DEMO / "round.json")


def _demo_folder(tmp_path: Path) -> Path:
    """Attachments are relative to the workbook's folder: copy the demo's next to it."""
    for folder in (DEMO / "apps").iterdir():
        if folder.is_dir():
            shutil.copytree(folder, tmp_path / folder.name)
    return tmp_path


def test_demo_round_trip_gives_equal_models(tmp_path, demo_round):
    applications = list(demo_round.applications.values())
    experts = list(demo_round.spec.experts)
    assert len(applications) == 12 and len(experts) == 21
    path = _demo_folder(tmp_path) / "demo.xlsx"

    write_workbook(path, applications, experts)
    contents = read_workbook(path)

    assert isinstance(contents, WorkbookContents)
    assert contents.applications == applications
    assert contents.experts == experts
    assert contents.base == tmp_path.resolve()
    # The JSON-ready data is what the demo files say (an empty co_builders list is simply absent).
    for data, file in zip(
        contents.application_data, demo_round.application_files.values(), strict=True
    ):
        original = json.loads(file.read_text(encoding="utf-8"))
        if original.get("co_builders") == []:
            del original["co_builders"]
        assert data == original


def test_application_data_is_json_ready_and_revalidates(tmp_path, demo_round):
    path = _demo_folder(tmp_path) / "demo.xlsx"
    write_workbook(path, list(demo_round.applications.values()), demo_round.spec.experts)
    contents = read_workbook(path)
    text = json.dumps(contents.application_data, ensure_ascii=False)
    assert '"equipment_value": "6800000"' in text  # amounts stay decimal strings
    reloaded = [
        type(a).model_validate(d)
        for a, d in zip(contents.applications, json.loads(text), strict=True)
    ]
    assert reloaded == contents.applications


def test_hand_filled_workbook_gives_the_expected_applications(tmp_path):
    path = save(hand_filled_book(tmp_path), tmp_path)
    contents = read_workbook(path)
    assert contents.applications == expected_applications()
    assert contents.application_data == EXPECTED_DATA
    assert [e.model_dump(exclude_none=True) for e in contents.experts] == [
        {
            "id": "E01",
            "name": "张某",
            "unit_name": "山东大学",
            "unit_uscc": "12100000XXXXXXXXXX",
            "title": "教授",
            "field": "机械工程",
        },
        {"id": "E02", "name": "李某", "unit_name": "聊城大学"},
    ]


def test_float_cells_keep_their_written_digits(tmp_path):
    book = hand_filled_book(tmp_path)
    book["财务数据"]["C2"] = 12.345  # three decimals: not an amount
    path = save(book, tmp_path)
    with pytest.raises(ExcelImportError) as caught:
        read_workbook(path)
    problems = caught.value.problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [("财务数据", 2, "C")]
    assert "12.345" in problems[0].message_en

    book["财务数据"]["C2"] = 0.1 + 0.2  # stored with 15 significant digits, as Excel does: 0.3
    book["财务数据"]["D2"] = 1234567.89
    contents = read_workbook(save(book, tmp_path))
    finance = contents.applications[0].finance
    assert finance[0].rd_expense == Decimal("0.3")
    assert finance[0].main_revenue == Decimal("1234567.89")
    assert contents.application_data[0]["finance"][0]["main_revenue"] == "1234567.89"
    assert contents.application_data[0]["finance"][2]["rd_expense"] == "0.1"


def test_a_percentage_formatted_cell_is_read_as_percent(tmp_path):
    book = hand_filled_book(tmp_path)
    cell = book["基本信息"][f"{B['share_conditions']}2"]
    cell.value = 0.625  # Excel stores a typed 62.5% as 0.625
    cell.number_format = "0.0%"
    contents = read_workbook(save(book, tmp_path))
    assert contents.applications[0].lead_share_percent.conditions == Decimal("62.5")


def test_true_false_cells_and_english_codes_are_accepted(tmp_path):
    book = hand_filled_book(tmp_path)
    basic = book["基本信息"]
    basic[f"{B['pilot']}2"] = False
    basic[f"{B['special']}2"] = "TRUE"
    basic[f"{B['title_level']}2"] = "associate_senior"
    book["人员"]["C2"] = True
    contents = read_workbook(save(book, tmp_path))
    application = contents.applications[0]
    assert application.pilot_capability is False
    assert application.special_industry is True
    assert application.director.title_level == "associate_senior"
    assert application.staff[0].full_time is True


def test_an_unknown_unit_kind_is_kept_as_given(tmp_path):
    """formats.md: anything else is kept as given and fails the lead_unit.kind check, by name."""
    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['lead_kind']}2"] = "个体工商户"
    contents = read_workbook(save(book, tmp_path))
    assert contents.applications[0].lead_unit.kind == "个体工商户"


def test_empty_template_has_every_sheet_and_reads_as_empty(tmp_path):
    path = tmp_path / "template.xlsx"
    write_workbook(path)
    book = load_workbook(path)
    assert book.sheetnames == SHEETS
    basic = book["基本信息"]
    assert basic["A1"].value == "申报编号 / Application id"
    assert basic.freeze_panes == "B2"
    assert basic.column_dimensions["B"].width >= 14
    lists = {dv.formula1 for dv in basic.data_validations.dataValidation}
    assert '"是,否"' in lists
    assert '"企业,高校,科研院所,新型研发机构"' in lists
    assert '"正高级,副高级,中级,初级,无"' in lists
    assert '"是,否"' in {dv.formula1 for dv in book["专家委员会"].data_validations.dataValidation}
    explained = {
        row[1] for row in book["填表说明"].iter_rows(values_only=True) if row and len(row) > 1
    }
    for sheet in SHEETS[:-1]:
        for header in next(book[sheet].iter_rows(max_row=1, values_only=True)):
            assert header in explained, header
    contents = read_workbook(path)
    assert (
        contents.applications == [] and contents.experts == [] and contents.application_data == []
    )


def test_write_replaces_a_file_whole(tmp_path, demo_round):
    path = _demo_folder(tmp_path) / "demo.xlsx"
    write_workbook(path, list(demo_round.applications.values()))
    write_workbook(path)
    assert read_workbook(path).applications == []
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
