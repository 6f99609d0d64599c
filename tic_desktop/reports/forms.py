"""Drawing the four review documents; each returns the PDF and where its signatures go."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from tic_desktop.reports.documents import (
    CaseHeader,
    ExpertOpinion,
    GroupOpinion,
    InspectionReport,
    ResultSummary,
)
from tic_desktop.reports.layout import (
    CONTENT_WIDTH,
    SignatureBlock,
    Styles,
    bordered_table,
    build_pdf,
    header_block,
    styles,
    text,
)
from tic_desktop.signing.pdf_signing import SignatureSlot

Drawn = tuple[bytes, list[SignatureSlot]]


def signature_field(role: str, person_id: str) -> str:
    return f"{role}-{person_id}"


def _case_block(case: CaseHeader, st: Styles, extra: Sequence[tuple[str, str]] = ()) -> Table:
    pairs = [
        ("评审批次", case.round_id),
        ("专家组", case.panel_id),
        ("申报编号", case.application_id),
        ("技术领域", case.field or "—"),
        ("中心名称", case.center_name),
        ("依托单位", case.lead_unit),
        *extra,
    ]
    return header_block(pairs, st)


def _paragraphs(body: str, st: Styles) -> list[Paragraph]:
    return [text(p.strip(), st.body) for p in body.split("\n") if p.strip()] or [
        text("（无）", st.body)
    ]


def draw_expert_opinion(doc: ExpertOpinion) -> Drawn:
    st = styles()
    rows = [[text(h, st.cell_bold) for h in ("序号", "评分项", "满分", "得分", "评分理由")]]
    for number, item in enumerate(doc.criteria, start=1):
        rows.append(
            [
                str(number),
                text(item.title, st.cell),
                f"{item.maximum}",
                f"{item.score}",
                text(item.reason or "—", st.small),
            ]
        )
    total_max = sum(c.maximum for c in doc.criteria)
    rows.append(["", text("合计", st.cell_bold), f"{total_max}", f"{doc.total}", ""])
    scores = bordered_table(
        rows,
        [12 * mm, 52 * mm, 18 * mm, 18 * mm, CONTENT_WIDTH - 100 * mm],
        align_right_columns=(2, 3),
    )
    judgement_rows = [
        [text(h, st.cell_bold) for h in ("形式审查项", "系统结论", "专家意见", "理由")]
    ]
    for line in doc.judgements:
        judgement_rows.append(
            [
                text(line.title, st.cell),
                text(line.engine_result, st.cell),
                text("同意系统结论" if line.agrees else "不同意系统结论", st.cell),
                text(line.reason or "—", st.small),
            ]
        )
    judgements = (
        [bordered_table(judgement_rows, [44 * mm, 24 * mm, 36 * mm, CONTENT_WIDTH - 104 * mm])]
        if doc.judgements
        else [text("本申报没有需要专家研判的形式审查项。", st.body)]
    )
    declared = "；".join(doc.declared_conflicts) if doc.declared_conflicts else "无"
    story = [
        text("专家评审意见表", st.title),
        text(doc.case.round_title, st.subtitle),
        _case_block(
            doc.case,
            st,
            [
                ("评审专家", f"{doc.expert_name}（{doc.expert_id}）"),
                ("单位/职称", f"{doc.expert_unit} {doc.expert_title}".strip()),
            ],
        ),
        text("一、评分", st.heading),
        scores,
        text("二、评审意见", st.heading),
        *_paragraphs(doc.opinion, st),
        text("三、推荐意见", st.heading),
        text(f"{'■ 推荐　　□ 不推荐' if doc.recommend else '□ 推荐　　■ 不推荐'}", st.body),
        text("四、形式审查研判", st.heading),
        *judgements,
        text("五、回避声明", st.heading),
        text(
            "本人已阅读评审回避规定，确认与本申报的依托单位及共建单位不存在任职、合作、亲属等利益关系；"
            "如有隐瞒，愿承担相应责任。",
            st.body,
        ),
        text(f"本人在本专家组声明回避的申报：{declared}", st.body),
        Spacer(1, 3 * mm),
        text(f"日期：{doc.date}", st.body),
    ]
    block = SignatureBlock(
        [(signature_field("expert", doc.expert_id), f"评审专家签名：{doc.expert_name}")]
    )
    return build_pdf(
        f"专家评审意见表 {doc.case.application_id} {doc.expert_id}",
        story,
        block,
        author=f"{doc.expert_name}（{doc.expert_id}）",
        created=doc.signed_at,
    )


def draw_group_opinion(doc: GroupOpinion, member_signatures: bool = True) -> Drawn:
    """``member_signatures=False``: only the chair signs (members sign their own opinion forms)."""
    st = styles()
    rows = [[text(h, st.cell_bold) for h in ("专家", "单位", "总分", "说明")]]
    for member in doc.members:
        total = member.status if member.total is None else f"{member.total}"
        rows.append(
            [
                text(f"{member.name}（{member.expert_id}）", st.cell),
                text(member.unit, st.cell),
                total,
                text(member.recusal_reason, st.small),
            ]
        )
    members = bordered_table(
        rows, [38 * mm, 62 * mm, 22 * mm, CONTENT_WIDTH - 122 * mm], align_right_columns=(2,)
    )
    figures = bordered_table(
        [
            [text(h, st.cell_bold) for h in ("有效评分", "平均分", "最终得分", "最低分", "最高分")],
            [
                str(doc.valid_count),
                f"{doc.mean}",
                f"{doc.final}",
                f"{doc.minimum}",
                f"{doc.maximum}",
            ],
        ],
        [CONTENT_WIDTH / 5] * 5,
    )
    story = [
        text("专家组意见", st.title),
        text(doc.case.round_title, st.subtitle),
        _case_block(doc.case, st),
        text("一、专家评分", st.heading),
        members,
        text("二、汇总", st.heading),
        figures,
        text(f"计算方法：{doc.method}", st.small),
        text("三、专家组意见", st.heading),
        *_paragraphs(doc.consensus, st),
        text(f"专家组结论：{'推荐' if doc.recommend else '不推荐'}", st.body),
        text(f"日期：{doc.date}", st.body),
    ]
    signers = [
        (signature_field("member", m.expert_id), f"专家：{m.name}")
        for m in doc.members
        if member_signatures and m.total is not None and m.expert_id != doc.chair_id
    ]
    signers.append((signature_field("chair", doc.chair_id), f"专家组组长：{doc.chair_name}"))
    return build_pdf(f"专家组意见 {doc.case.application_id}", story, SignatureBlock(signers))


def _thumbnail(photo_bytes: bytes, width: float) -> Image:
    image = Image(io.BytesIO(photo_bytes))
    ratio = image.imageHeight / image.imageWidth if image.imageWidth else 1
    image.drawWidth, image.drawHeight = width, width * ratio
    return image


def draw_inspection_report(doc: InspectionReport, member_signatures: bool = True) -> Drawn:
    """``member_signatures=False``: only the team leader signs."""
    st = styles()
    rows = [[text(h, st.cell_bold) for h in ("考察项目", "依据", "结果", "实测/核查情况", "备注")]]
    for item in doc.items:
        rows.append(
            [
                text(item.title, st.cell),
                text(item.clause, st.small),
                text(item.result, st.cell),
                text(item.measured, st.cell),
                text(item.note, st.small),
            ]
        )
    items = bordered_table(rows, [42 * mm, 22 * mm, 16 * mm, 46 * mm, CONTENT_WIDTH - 126 * mm])
    story = [
        text("现场考察报告", st.title),
        text(doc.case.round_title, st.subtitle),
        _case_block(doc.case, st, [("考察地点", doc.site_address), ("考察日期", doc.visit_date)]),
        text("一、考察情况", st.heading),
        items,
    ]
    if doc.photos:
        story.append(text("二、现场照片", st.heading))
        photo_rows = []
        for photo in doc.photos:
            photo_rows.append(
                [
                    _thumbnail(photo.jpeg_or_png, 45 * mm),
                    text(f"{photo.caption}\nSHA-256：{photo.sha256}", st.small),
                ]
            )
        story.append(
            bordered_table(
                photo_rows, [50 * mm, CONTENT_WIDTH - 50 * mm], header_rows=0, shade_header=False
            )
        )
    team = bordered_table(
        [[text(h, st.cell_bold) for h in ("考察组成员", "单位", "分工")]]
        + [
            [text(f"{name}（{eid}）", st.cell), text(unit, st.cell), "组长" if i == 0 else "成员"]
            for i, (eid, name, unit) in enumerate(doc.team)
        ],
        [50 * mm, CONTENT_WIDTH - 80 * mm, 30 * mm],
    )
    story += [
        text("三、考察组", st.heading),
        team,
        text("四、考察结论", st.heading),
        *_paragraphs(doc.conclusion, st),
    ]
    leader_id, leader_name, _ = doc.team[0]
    signers = [
        (signature_field("member", eid), f"考察组成员：{name}")
        for eid, name, _ in doc.team[1:]
        if member_signatures
    ]
    signers.append((signature_field("leader", leader_id), f"考察组组长：{leader_name}"))
    return build_pdf(f"现场考察报告 {doc.case.application_id}", story, SignatureBlock(signers))


def _handling_lines(st: Styles) -> Table:
    """Lines for the bureau's staff to sign by hand: who prepared the summary, who checked it."""
    rows = [
        [text(label, st.cell), "", text("日期", st.cell), ""]
        for label in ("经办人（签字）", "审核人（签字）")
    ]
    table = Table(
        rows,
        colWidths=[30 * mm, CONTENT_WIDTH / 2 - 20 * mm, 12 * mm, CONTENT_WIDTH / 2 - 22 * mm],
        rowHeights=[12 * mm] * len(rows),
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def draw_result_summary(doc: ResultSummary, signer_field: str = "bureau-summary") -> Drawn:
    """The signed 评审结果汇总表. Grades and their bands only in a performance round; the method's
    parameters labelled in Chinese; lines for the 经办人 and 审核人 to sign above the bureau's
    seal."""
    st = styles()
    # A heading stays with the table under it (not alone at the foot of a page).
    heading = ParagraphStyle("summary_heading", parent=st.heading, keepWithNext=1)
    marks_title = "等次/标记" if doc.performance else "标记"
    rows = [
        [
            text(h, st.cell_bold)
            for h in ("排名", "申报编号", "中心名称", "有效", "平均分", "最终得分", marks_title)
        ]
    ]
    for row in doc.rows:
        grade = row.grade if doc.performance else ""
        marks = "、".join(filter(None, [grade, *row.flags])) or "—"
        rows.append(
            [
                str(row.rank) if row.rank else "—",
                row.application_id,
                text(row.center_name, st.cell),
                str(row.valid),
                row.mean,
                row.final,
                text(marks, st.small),
            ]
        )
    ranking = bordered_table(
        rows,
        [12 * mm, 28 * mm, CONTENT_WIDTH - 124 * mm, 12 * mm, 22 * mm, 22 * mm, 28 * mm],
        align_right_columns=(3, 4, 5),
    )
    parameters = [
        text(f"{label}：{value}", st.body)
        for label, value in doc.parameters.items()
        if doc.performance or label != "等次分档"
    ]
    story = [
        text("评审结果汇总表", st.title),
        text(doc.round_title, st.subtitle),
        header_block([("评审批次", doc.round_id), ("汇总日期", doc.date)], st),
        text("一、排名", heading),
        ranking,
        text("二、计算方法", heading),
        text(f"{doc.method}。", st.body),
        *parameters,
    ]
    section = 3
    if doc.excluded:
        story += [
            text("三、未计入的评分", heading),
            bordered_table(
                [[text(h, st.cell_bold) for h in ("申报", "专家", "原因")]]
                + [[a, text(e, st.cell), text(r, st.cell)] for a, e, r in doc.excluded],
                [35 * mm, 40 * mm, CONTENT_WIDTH - 75 * mm],
            ),
        ]
        section += 1
    story += [
        text(f"{'三四'[section - 3]}、输入文件（SHA-256，可用 tic aggregate 离线复算）", heading),
        bordered_table(
            [[text(h, st.cell_bold) for h in ("文件", "SHA-256")]]
            + [[text(name, st.small), text(digest, st.small)] for name, digest in doc.inputs],
            [45 * mm, CONTENT_WIDTH - 45 * mm],
        ),
        KeepTogether([Spacer(1, 6 * mm), _handling_lines(st)]),
    ]
    return build_pdf(
        f"评审结果汇总表 {doc.round_id}",
        story,
        SignatureBlock([(signer_field, "聊城市科学技术局（签章）")]),
    )


__all__ = [
    "draw_expert_opinion",
    "draw_group_opinion",
    "draw_inspection_report",
    "draw_result_summary",
    "signature_field",
    "PageBreak",
]
