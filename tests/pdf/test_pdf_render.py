"""The four documents for the demo round: the text poppler extracts is the data we drew
(Chinese included), page 1 renders to PNG, a long opinion wraps onto three pages, and each
visible stamp carries the signer's name, role and time."""

from __future__ import annotations

import re
import subprocess

import pytest
from pdf_checks import body_text, layout_lines, page_count, pdftotext, row_with, squash, tool
from pdf_documents import APPLICATION, BUREAU, BUREAU_ROLE, RECUSED

from tic_desktop.reports.layout import PAGE_HEIGHT


def test_expert_opinion_text(documents, review):
    document = documents["opinion"]
    opinion = document.data
    text = body_text(document.path)
    app = review.applications[APPLICATION]
    for expected in (
        "专家评审意见表",
        review.spec.title,
        app.center_name,
        app.lead_unit.name,
        APPLICATION,
        opinion.expert_name,
        opinion.expert_unit,
        "■推荐",
        "回避声明",
        "LC-2026-003（近三年曾在申报单位任职）",
        opinion.date,
    ):
        assert squash(expected) in text, expected
    for criterion in opinion.criteria:
        assert squash(criterion.title) in text
        assert re.search(
            rf"{re.escape(criterion.title)}{criterion.maximum}{criterion.score}", text
        ), criterion
    assert f"合计{sum(c.maximum for c in opinion.criteria)}{opinion.total}" in text
    for paragraph in opinion.opinion.split(
        "\n"
    ):  # every paragraph whole, in order, across the page breaks
        assert squash(paragraph) in text, paragraph
    positions = [text.index(squash(p)) for p in opinion.opinion.split("\n")]
    assert positions == sorted(positions)


def test_long_opinion_wraps_onto_three_pages(documents):
    document = documents["opinion"]
    assert page_count(document.path) == 3
    (slot,) = document.slots
    assert slot.page == 2  # the signature block follows the text to the last page
    last_paragraph = document.data.opinion.split("\n")[-1]
    assert squash(last_paragraph) in squash(pdftotext(document.path, first=2, last=3))
    assert "第3页" in squash(pdftotext(document.path, first=3, last=3))


def test_group_opinion_text(documents, review):
    document = documents["group-opinion"]
    group = document.data
    text = body_text(document.path)
    assert squash(review.applications[APPLICATION].center_name) in text
    lines = layout_lines(document.path)
    for member in group.members:  # one table row per member: name, unit, total (or 回避)
        row = row_with(lines, f"{member.name}（{member.expert_id}）").split(" ")
        total = "回避" if member.total is None else str(member.total)
        assert total in row, (member.expert_id, row)
        assert squash(member.unit) in text
    recused = next(m for m in group.members if m.expert_id == RECUSED)
    row = row_with(lines, f"{recused.name}（{RECUSED}）")
    assert row.endswith(f"回避 {recused.recusal_reason}"), row
    assert "有效评分平均分最终得分最低分最高分683.5083.508086" in text
    assert squash(group.consensus) in text
    assert f"专家组组长：{group.chair_name}" in text


def test_inspection_report_text(documents, review):
    document = documents["inspection-report"]
    report = document.data
    text = body_text(document.path)
    assert squash(review.applications[APPLICATION].center_name) in text
    assert squash(report.site_address) in text
    lines = layout_lines(document.path)
    for item in report.items:  # long cells wrap above and below the line with clause and result
        _line_found = next(
            line
            for line in lines
            if squash(line)
            in squash(item.title + item.clause + item.result + item.measured + item.note)
            and f"{item.clause} {item.result}" in line
        )
        for value in (item.title, item.measured, item.note):
            assert squash(value) in text, value
    for photo in report.photos:
        assert f"{photo.caption}SHA-256：{photo.sha256}" in text
    for expert_id, name, unit in report.team:
        assert f"{name}（{expert_id}）{squash(unit)}" in text
    assert squash(report.conclusion) in text


def test_result_summary_text(documents, review):
    document = documents["result-summary"]
    summary = document.data
    text = body_text(document.path)
    for row in summary.rows:
        assert f"{row.rank}{row.application_id}" in text
        assert squash(review.applications[row.application_id].center_name) in text
        assert f"{row.valid}{row.mean}{row.final}" in text
    assert "分差过大" in text
    assert squash(summary.method) in text and "法定人数：5" in text and "分差预警：20" in text
    for name, digest in summary.inputs:
        assert f"{name}{digest}" in text
    assert f"{APPLICATION}{RECUSED}回避（来自共建单位）" in text


def test_page_one_renders_to_png(document, tmp_path):
    target = tmp_path / document.name
    subprocess.run(
        [
            tool("pdftoppm"),
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(document.path),
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    png = target.with_suffix(".png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    with Image.open(target.with_suffix(".png")) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
        assert image.convert("L").getextrema()[0] < 64  # something dark was drawn


def test_cjk_font_is_embedded(document):
    fonts = subprocess.run(
        [tool("pdffonts"), str(document.path)], check=True, capture_output=True
    ).stdout.decode()
    rows = [line.split() for line in fonts.splitlines() if "WenQuanYiMicroHei" in line]
    form = [row for row in rows if row[1] == "TrueType"]  # reportlab: 256-glyph subsets
    stamps = [row for row in rows if row[1:3] == ["CID", "TrueType"]]  # pyHanko: one per signature
    assert form and len(stamps) == len(document.signers) and len(form) + len(stamps) == len(rows), (
        rows
    )
    for row in rows:
        tag, _, family = row[0].partition("+")
        assert len(tag) == 6 and tag.isupper() and family.startswith("WenQuanYiMicroHei"), (
            row
        )  # subset tag
        assert row[-5:-2] == ["yes", "yes", "yes"], row  # embedded, subset, ToUnicode


def test_each_stamp_shows_name_role_and_time(document):
    for signer_id, name, _unit, role in document.signers:
        slot = document.slot_for(signer_id)
        stamp = pdftotext(
            document.path,
            first=slot.page + 1,
            last=slot.page + 1,
            crop=slot.box,
            page_height=PAGE_HEIGHT,
        )
        lines = [line.strip() for line in stamp.splitlines() if line.strip()]
        assert lines[:2] == [name, role], (slot.field_name, lines)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", lines[2]), lines


def test_bureau_stamp(documents):
    document = documents["result-summary"]
    (slot,) = document.slots
    stamp = pdftotext(
        document.path,
        first=slot.page + 1,
        last=slot.page + 1,
        crop=slot.box,
        page_height=PAGE_HEIGHT,
    )
    assert squash(stamp).startswith(squash(BUREAU + BUREAU_ROLE))


@pytest.mark.parametrize("name", ["opinion", "group-opinion"])
def test_stamp_region_renders(documents, tmp_path, name):
    """The stamp region drawn at 150 dpi has dark text pixels inside the box (not an empty
    field)."""
    document = documents[name]
    slot = document.slots[-1]
    x1, y1, x2, y2 = (v * 150 / 72 for v in slot.box)
    top = PAGE_HEIGHT * 150 / 72 - y2
    target = tmp_path / "stamp"
    subprocess.run(
        [
            tool("pdftoppm"),
            "-png",
            "-r",
            "150",
            "-f",
            str(slot.page + 1),
            "-l",
            str(slot.page + 1),
            "-x",
            str(int(x1) + 4),
            "-y",
            str(int(top) + 4),
            "-W",
            str(int(x2 - x1) - 8),
            "-H",
            str(int(y2 - y1) - 8),
            "-singlefile",
            str(document.path),
            str(target),
        ],
        check=True,
        capture_output=True,
    )
    from PIL import Image

    with Image.open(target.with_suffix(".png")) as image:
        dark = sum(image.convert("L").histogram()[:100])
        assert dark > 300, dark  # three lines of 12 pt text


def test_stamp_fonts_are_small_subsets(document):
    """Each stamp embeds a font cut to its own text (the whole 4 MB font made signing take ~1 s)."""
    import io

    from fontTools.ttLib import TTFont
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(document.signed), strict=False)
    for signature in reader.embedded_signatures:
        appearance = signature.sig_field["/AP"]["/N"]
        (font,) = appearance["/Resources"]["/Font"].values()
        program = (
            font.get_object()["/DescendantFonts"][0]
            .get_object()["/FontDescriptor"]["/FontFile2"]
            .get_object()
        )
        assert len(program.data) < 40_000, len(program.data)
        # glyph ids are kept by pyHanko's own subsetting, so this counts the pre-cut font's glyphs
        assert TTFont(io.BytesIO(program.data))["maxp"].numGlyphs < 300
