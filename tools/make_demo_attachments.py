"""Generate the demo round's application PDFs (申报书) from the application JSON files.

    python tools/make_demo_attachments.py [ROUND.json]

Writes ``<apps folder>/<application id>/申报书.pdf`` for every application named by the round
file (default: ``resources/demo/round.json``). Output is deterministic: re-running produces
byte-identical files, so the committed PDFs only change when the data or this script does.
Text uses the bundled WenQuanYiMicroHei.ttf (TrueType, Chinese and Latin), embedded as a subset;
any character it lacks falls back to Helvetica (see ``_mixed``).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROUND = ROOT / "resources" / "demo" / "round.json"
FONT_FILE = ROOT / "resources" / "fonts" / "WenQuanYiMicroHei.ttf"
FONT = "WenQuanYiMicroHei"
LATIN_FONT = "Helvetica"
_cjk_chars: set[int] = set()

KIND_ZH = {
    "enterprise": "企业",
    "university": "高校",
    "institute": "科研院所",
    "new_rd_institution": "新型研发机构",
}


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(FONT, str(FONT_FILE))
        pdfmetrics.registerFont(font)
    _cjk_chars.update(pdfmetrics.getFont(FONT).face.charToGlyph)


def _mixed(text: str) -> str:
    """Paragraph markup: runs of characters the CJK font lacks are set in Helvetica."""
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if ord(ch) in _cjk_chars:
            if run:
                out.append(f'<font face="{LATIN_FONT}">{escape("".join(run))}</font>')
                run = []
            out.append(escape(ch))
        else:
            run.append(ch)
    if run:
        out.append(f'<font face="{LATIN_FONT}">{escape("".join(run))}</font>')
    return "".join(out)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_mixed(text), style)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21
    )
    return {
        "cover": ParagraphStyle(
            "cover", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=15, leading=22, alignment=TA_CENTER, firstLineIndent=0
        ),
        "h": ParagraphStyle(
            "h",
            parent=base,
            fontSize=12,
            leading=20,
            spaceBefore=8,
            spaceAfter=2,
            firstLineIndent=0,
        ),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13, firstLineIndent=0),
    }


def _yuan(text: str) -> str:
    """ "3000000.00" -> "300.00" (万元)."""
    return f"{(Decimal(text) / 10000).quantize(Decimal('0.01')):,}"


def _table(rows: list[list[str]], widths: list[float], st: ParagraphStyle) -> Table:
    table = Table([[_p(cell, st) for cell in row] for row in rows], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _story(app: dict, round_title: str) -> list:
    s = _styles()
    lead = app["lead_unit"]
    co = app.get("co_builders") or []
    field = app.get("field") or "相关产业"
    director = app.get("director") or {}
    story: list = [
        _p(round_title, s["title"]),
        Spacer(1, 6 * mm),
        _p("聊城市技术创新中心组建申报书", s["cover"]),
        Spacer(1, 8 * mm),
    ]
    cover = [
        ["申报编号", app["id"]],
        ["中心名称", app["center_name"]],
        ["所属领域", field],
        [
            "依托单位",
            f"{lead['name']}（{KIND_ZH.get(lead.get('kind', ''), lead.get('kind', ''))}）",
        ],
        ["统一社会信用代码", lead.get("uscc") or "（未填写）"],
        ["共建单位", "；".join(c["name"] for c in co) or "无"],
        ["中心主任", f"{director.get('name', '（未填写）')}　{director.get('title') or ''}"],
    ]
    story.append(_table(cover, [40 * mm, 120 * mm], s["cell"]))

    story.append(_p("一、依托单位基本情况", s["h"]))
    story.append(
        _p(
            f"{lead['name']}是聊城市{field}领域的骨干{KIND_ZH.get(lead.get('kind', ''), '单位')}，"
            f"长期从事{field}关键技术研发与产业化工作，建有较为完善的研发组织体系和质量管理体系，"
            "与产业链上下游企业、高校和科研院所保持长期稳定的产学研合作关系，具备组织和承担重大科技创新项目的能力。",
            s["body"],
        )
    )
    space = app.get("rd_space_m2")
    equipment = app.get("equipment_value")
    story.append(
        _p(
            f"中心现有科研开发用房{space or '（未填写）'}平方米，仪器设备原值"
            f"{_yuan(str(equipment)) + '万元' if equipment is not None else '（未填写）'}，"
            f"{'具备中试或产业化能力' if app.get('pilot_capability') else '中试条件正在建设中'}，"
            f"现有研发人员{len(app.get('staff') or [])}人。",
            s["body"],
        )
    )

    story.append(_p("二、建设目标与主要任务", s["h"]))
    story.append(
        _p(
            f"{app['center_name']}围绕{field}产业关键核心技术攻关，聚焦共性技术研究、工程化验证和成果转移转化，"
            "计划在筹建期内突破一批制约产业发展的“卡脖子”技术，形成一批高价值知识产权，"
            "推动科技成果优先在聊城市落地转化，为科技型中小企业提供技术服务与创新支撑。",
            s["body"],
        )
    )
    if co:
        story.append(
            _p(
                f"中心由{lead['name']}牵头，联合{'、'.join(c['name'] for c in co)}共同建设，"
                "各方已就人财物支持、任务分工及权利义务进行约定。",
                s["body"],
            )
        )

    story.append(_p("三、近三年研发投入情况（单位：万元）", s["h"]))
    finance = app.get("finance")
    if finance:
        rows = [["年度", "研发费用", "主营业务收入"]]
        for entry in finance:
            rows.append(
                [
                    str(entry["year"]),
                    _yuan(str(entry["rd_expense"])),
                    _yuan(str(entry["main_revenue"])),
                ]
            )
        total_rd = sum(Decimal(str(e["rd_expense"])) for e in finance)
        total_rev = sum(Decimal(str(e["main_revenue"])) for e in finance)
        rows.append(["合计", _yuan(str(total_rd)), _yuan(str(total_rev))])
        story.append(_table(rows, [40 * mm, 60 * mm, 60 * mm], s["cell"]))
    elif lead.get("kind") == "enterprise":
        story.append(_p("（申报材料未提供近三年财务数据。）", s["body"]))
    else:
        story.append(
            _p(
                f"依托单位为{KIND_ZH.get(lead.get('kind', ''), '事业单位')}，研发投入总额不作要求；"
                f"近三年在同技术领域科技成果转化成功案例{app.get('transfer_cases', 0)}例。",
                s["body"],
            )
        )

    story.append(_p("四、承诺", s["h"]))
    story.append(
        _p(
            "本单位承诺所提交的申报材料真实、准确、完整，近三年未发生安全生产责任事故、生态环境问责等情形"
            "（如有，已在申报材料中如实说明），并承担技术创新中心建设和运行管理的主体责任。",
            s["body"],
        )
    )
    return story


def make_pdf(app: dict, round_title: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        invariant=1,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=f"{app['center_name']}申报书",
        author=app["lead_unit"]["name"],
        subject=app["id"],
        creator="tools/make_demo_attachments.py",
    )
    doc.build(_story(app, round_title))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round", nargs="?", type=Path, default=DEFAULT_ROUND)
    args = parser.parse_args(argv)
    rl_config.invariant = 1
    _register_font()
    round_file: Path = args.round
    spec = json.loads(round_file.read_text(encoding="utf-8"))
    for relative in spec["applications"]:
        app_file = round_file.parent / relative
        app = json.loads(app_file.read_text(encoding="utf-8"))
        for attachment in app.get("attachments", []):
            if attachment["title"] == "申报书":
                out = app_file.parent / attachment["file"]
                make_pdf(app, spec["title"], out)
                print(
                    f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}  "
                    f"{out.stat().st_size} bytes"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
