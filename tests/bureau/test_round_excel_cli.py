"""``tic round template`` and ``tic round import-excel``: exit codes, files written, nothing on
error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from excel_test_books import EXPECTED_DATA, hand_filled_book, save
from openpyxl import load_workbook

from tic_desktop.cli.main import main
from tic_desktop.domain.loading import load_application, load_round

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _files(folder: Path) -> list[str]:
    return (
        sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        if folder.exists()
        else []
    )


def test_template_writes_the_empty_workbook(tmp_path, capsys):
    out = tmp_path / "模板.xlsx"
    code, stdout, err = _run(capsys, "round", "template", out)
    assert (code, err) == (0, "")
    assert "申报 0 项" in stdout
    assert load_workbook(out).sheetnames[0] == "基本信息"

    code, _, err = _run(capsys, "round", "template", out)  # an existing file is kept
    assert code == 2 and str(out) in err and "--force" in err
    assert _run(capsys, "round", "template", out, "--force")[0] == 0


def test_template_from_the_demo_round_then_import_writes_every_file(tmp_path, capsys):
    # Next to the round file, the attachments are inside the workbook's folder.
    round_folder = tmp_path / "demo"
    shutil.copytree(DEMO, round_folder)
    workbook = round_folder / "round.xlsx"
    code, stdout, err = _run(
        capsys, "--lang", "en", "round", "template", workbook, "--from", round_folder / "round.json"
    )
    assert (code, err) == (0, "")
    assert "12 application(s), 21 expert(s)" in stdout and "outside" not in stdout

    out = tmp_path / "imported"
    code, stdout, err = _run(
        capsys, "round", "import-excel", workbook, "--out", out, "--format", "json"
    )
    assert (code, err) == (0, "")
    result = json.loads(stdout)
    assert (
        result["applications"] == [f"LC-2026-{n:03d}" for n in range(1, 13)]
        and result["experts"] == 21
    )

    demo = load_round(DEMO / "round.json")
    for app_id, original in demo.applications.items():
        assert load_application(out / "applications" / f"{app_id}.json") == original.model_copy(
            update={
                "attachments": [
                    a.model_copy(update={"file": "apps/" + a.file}) for a in original.attachments
                ]
            }
        )
        assert (out / "applications" / "apps" / app_id / "申报书.pdf").read_bytes() == (
            DEMO / "apps" / app_id / "申报书.pdf"
        ).read_bytes()
    experts = json.loads((out / "experts.json").read_text(encoding="utf-8"))
    assert experts == json.loads((DEMO / "round.json").read_text(encoding="utf-8"))["experts"]


def test_template_says_when_attachments_lie_outside_the_workbook_folder(tmp_path, capsys):
    code, stdout, _ = _run(
        capsys, "round", "template", tmp_path / "t.xlsx", "--from", DEMO / "round.json"
    )
    assert code == 0
    assert "不在工作簿所在文件夹内" in stdout and "LC-2026-001" in stdout


def test_import_of_a_hand_filled_workbook(tmp_path, capsys):
    workbook = save(hand_filled_book(tmp_path), tmp_path)
    out = tmp_path / "out"
    code, stdout, err = _run(capsys, "round", "import-excel", workbook, "--out", out)
    assert (code, err) == (0, "")
    assert "已导入申报 2 项、专家 2 人" in stdout
    assert _files(out) == [
        "applications/LC-T-001.json",
        "applications/LC-T-001/申报书.pdf",
        "applications/LC-T-002.json",
        "experts.json",
    ]
    for data in EXPECTED_DATA:
        assert (
            json.loads((out / "applications" / f"{data['id']}.json").read_text(encoding="utf-8"))
            == data
        )


def test_bad_workbook_lists_every_problem_and_writes_nothing(tmp_path, capsys):
    book = hand_filled_book(tmp_path)
    book["基本信息"]["B2"] = None
    book["人员"]["D3"] = 400
    for row in range(8):
        book["人员"].append(["LC-T-001", f"某{row}", "是", "很多"])
    workbook = save(book, tmp_path)
    out = tmp_path / "out"

    code, stdout, err = _run(capsys, "round", "import-excel", workbook, "--out", out)
    assert (code, stdout) == (2, "")
    assert "Traceback" not in err
    assert str(workbook) in err and "共 10 处问题" in err
    assert "工作表“基本信息”第 2 行 B 列" in err
    assert "工作表“人员”第 11 行 D 列" in err  # the last one too, not only the first few
    assert _files(out) == []

    code, _, err = _run(capsys, "--lang", "en", "round", "import-excel", workbook, "--out", out)
    assert code == 2 and "sheet 人员, row 3, column D" in err and "10 problem(s)" in err
    code, _, err = _run(capsys, "round", "import-excel", workbook, "--out", out, "--lang", "en")
    assert code == 2 and "sheet 基本信息, row 2, column B" in err


def test_import_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys):
    workbook = save(hand_filled_book(tmp_path), tmp_path)
    out = tmp_path / "out"
    (out / "applications").mkdir(parents=True)
    (out / "applications" / "LC-T-002.json").write_text("{}", encoding="utf-8")
    code, _, err = _run(capsys, "round", "import-excel", workbook, "--out", out)
    assert code == 2 and "LC-T-002.json" in err and "未写入任何文件" in err
    assert _files(out) == ["applications/LC-T-002.json"]
    assert (out / "applications" / "LC-T-002.json").read_text(encoding="utf-8") == "{}"


def test_import_of_a_file_that_is_not_a_workbook(tmp_path, capsys):
    fake = tmp_path / "申报.xlsx"
    fake.write_text("id,name\n", encoding="utf-8")
    code, stdout, err = _run(
        capsys, "--lang", "en", "round", "import-excel", fake, "--out", tmp_path / "out"
    )
    assert (code, stdout) == (2, "")
    assert str(fake) in err and "not an Excel workbook" in err
    code, _, err = _run(
        capsys, "round", "import-excel", tmp_path / "absent.xlsx", "--out", tmp_path / "out"
    )
    assert code == 2 and "文件不存在" in err
    assert not (tmp_path / "out").exists()


def test_import_of_an_empty_template_is_refused(tmp_path, capsys):
    template = tmp_path / "t.xlsx"
    assert _run(capsys, "round", "template", template)[0] == 0
    code, _, err = _run(capsys, "round", "import-excel", template, "--out", tmp_path / "out")
    assert code == 2 and "没有申报" in err
    assert not (tmp_path / "out").exists()
