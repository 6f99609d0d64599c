"""The 评审结果汇总表 as printed (issue #14): grades and their bands only in a performance round,
the method's parameters labelled in Chinese only, lines for the 经办人 and 审核人 to sign above the
bureau's seal, each refused return's reason said once and in Chinese. Read back with pdftotext
and rendered with pdftoppm."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from round_results import day_results, demo_round, performance_round

from tic_desktop.aggregation import Method, round_method
from tic_desktop.reports.forms import draw_result_summary
from tic_desktop.reports.result_summary import result_summary


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", "", out)


def _summary(review_round):
    results, returns = day_results(review_round)
    return result_summary(review_round, results, returns, round_method(review_round))


def test_parameters_are_labelled_in_chinese_only():
    labels = Method().parameters()
    assert list(labels) == ["去掉最高分和最低分的最少有效评分数", "分差预警分数", "等次分档"]
    assert labels["等次分档"] == "优秀 ≥ 85，合格 ≥ 60，不合格 < 60"
    assert not any(re.search("[A-Za-z_]", label) for label in labels)


def test_an_establishment_summary_has_no_grades(tmp_path):
    summary = _summary(demo_round())
    assert not summary.performance
    pdf, slots = draw_result_summary(summary)
    text = _text(pdf, tmp_path, "establishment")
    assert "去掉最高分和最低分的最少有效评分数：5" in text and "分差预警分数：20" in text
    for english in ("trim_from", "wide_spread_points", "grade_bands"):
        assert english not in text
    assert "等次" not in text and "优秀" not in text and "不合格" not in text
    assert "排名申报编号中心名称有效平均分最终得分标记" in text
    assert "经办人（签字）日期" in text and "审核人（签字）日期" in text
    assert [s.field_name for s in slots] == ["bureau-summary"]  # the seal's box stays


def test_a_performance_summary_shows_grades_and_bands(tmp_path):
    summary = _summary(performance_round(tmp_path))
    assert summary.performance
    text = _text(draw_result_summary(summary)[0], tmp_path, "performance")
    assert "等次分档：优秀≥85，合格≥60，不合格<60" in text
    assert "最终得分等次/标记" in text
    row = next(r for r in summary.rows if r.application_id == "LC-2026-001")
    assert row.grade == "合格" and f"{row.final}合格、分差过大" in text


def test_refused_returns_give_their_reason_once_in_chinese(tmp_path):
    summary = _summary(demo_round())
    names = [name for name, _ in summary.inputs]
    assert "E07-旧批次.ticreturn（拒收：回执属于评审批次 2025-TIC-09，不是 2026-TIC-01）" in names
    assert "损坏.ticreturn（拒收：无法解密回执：文件内容被截断或被篡改）" in names
    assert "E01.ticreturn（接收）" in names
    text = _text(draw_result_summary(summary)[0], tmp_path, "reasons")
    assert "不属于本评审批次" not in text and "decryption" not in text
    assert text.count("2025-TIC-09") == 1
    # Excluded members are named, not only numbered.
    e04 = demo_round().experts["E04"].name
    assert f"LC-2026-001{e04}（E04）回避" in text


def test_page_one_renders(tmp_path):
    pdf, _ = draw_result_summary(_summary(demo_round()))
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile"]
        + [str(path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "page.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
