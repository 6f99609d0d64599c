"""The four review documents for the demo round and who signs them (used by conftest's fixtures
and by the tamper tests that sign their own variants).

Keys are throwaway: one bureau CA (the trusted root), one certificate per signer issued by it,
and a second, unrelated CA for the "signed by someone else's certificate" tests.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tic_desktop.reports.documents import (
    CaseHeader,
    CriterionScore,
    ExpertOpinion,
    GroupOpinion,
    InspectionItem,
    InspectionPhoto,
    InspectionReport,
    MemberTotal,
    RankingRow,
    ResultSummary,
)
from tic_desktop.reports.forms import (
    draw_expert_opinion,
    draw_group_opinion,
    draw_inspection_report,
    draw_result_summary,
)
from tic_desktop.security import certificates as certs
from tic_desktop.signing.pdf_signing import (
    SignatureSlot,
    SignerIdentity,
    prepare_signature_fields,
    sign_pdf,
)

BUREAU = "聊城市科学技术局"
BUREAU_SIGNER_ID = "BUREAU"
BUREAU_ROLE = "评审结果签发"
APPLICATION = "LC-2026-001"
PANEL = "P1"
RECUSED = "E04"  # 聊城大学: shown as 回避 in the group opinion
INSPECTION_TEAM = ["E02", "E03", "E05"]  # leader first
DATE = "2026年11月25日"


def _photo(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 220), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, 320, 40):
        draw.line((x, 0, x, 220), fill=(255, 255, 255), width=2)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def long_opinion_text() -> str:
    """Numbered, distinct paragraphs: enough to push the expert opinion onto three pages."""
    topics = [
        "研发基础",
        "研发投入",
        "建设目标",
        "产学研合作",
        "人才队伍",
        "中试平台",
        "成果转化",
        "运行机制",
        "经费保障",
        "开放共享",
        "知识产权",
        "行业带动",
    ]
    paragraphs = [
        f"第{i + 1}点（{topic}）：该中心依托单位在高端精密轴承领域研发基础扎实，"
        "近三年研发投入持续增长，建设目标聚焦行业共性关键技术，产学研合作基础较好，"
        f"{topic}方面的安排具体可行。"
        for i, topic in enumerate(topics * 2)
    ]
    paragraphs.append(
        "建议进一步明确中试平台的开放共享机制，加强与聊城大学等共建单位的人才联合培养。"
    )
    return "\n".join(paragraphs)


class Pki:
    """A bureau CA and its signers (certificates issued on demand, one per signer and role)."""

    def __init__(self, organisation: str) -> None:
        self.ca_key, self.ca = certs.create_bureau_ca(organisation)
        self.root_pem = certs.certificate_to_pem(self.ca)
        self._issued: dict[tuple[str, str], SignerIdentity] = {}

    def identity(self, signer_id: str, name: str, unit: str, role: str) -> SignerIdentity:
        """``signer_id``'s certificate as the bureau issues it (title 评审专家 for every expert, as
        packages/credentials.py does; 评审结果签发 for the bureau), signing in ``role``."""
        if (signer_id, role) not in self._issued:
            certified = BUREAU_ROLE if signer_id == BUREAU_SIGNER_ID else "评审专家"
            key, cert = certs.issue_expert_certificate(
                self.ca_key, self.ca, signer_id, name, unit, role=certified
            )
            self._issued[(signer_id, role)] = SignerIdentity(
                certs.key_to_pem(key), certs.certificate_to_pem(cert), self.root_pem, name, role
            )
        return self._issued[(signer_id, role)]


@dataclass
class Document:
    """One document: its data, the drawn (unsigned) PDF and its stamp slots, who signs, the
    results."""

    name: str
    data: object
    drawn: bytes
    slots: list[SignatureSlot]
    signers: list[tuple[str, str, str, str]]  # (signer id, name, unit, role), in signing order
    signed: bytes = b""
    after_each: list[bytes] = field(default_factory=list)  # the PDF after each signature
    path: Path | None = None

    def slot_for(self, signer_id: str) -> SignatureSlot:
        return next(
            s
            for s in self.slots
            if s.field_name.endswith(f"-{signer_id}")
            or (signer_id == BUREAU_SIGNER_ID and s.field_name == "bureau-summary")
        )


def sign_all(document: Document, pki: Pki) -> None:
    pdf = prepare_signature_fields(document.drawn, document.slots)
    document.after_each = []
    for index, (signer_id, name, unit, role) in enumerate(document.signers):
        pdf = sign_pdf(
            pdf,
            pki.identity(signer_id, name, unit, role),
            document.slot_for(signer_id),
            certify=index == 0,
        )
        document.after_each.append(pdf)
    document.signed = pdf


def build_documents(review) -> dict[str, Document]:
    experts = review.experts
    app = review.applications[APPLICATION]
    panel = next(p for p in review.panels if p.id == PANEL)
    case = CaseHeader(
        review.id,
        review.spec.title,
        PANEL,
        app.id,
        app.center_name,
        app.lead_unit.name,
        app.field or "",
    )
    step = review.rubric.step
    criteria = [
        CriterionScore(
            c.id, c.title, c.max, (c.max * Decimal("0.85") / step).to_integral_value() * step
        )
        for c in review.rubric.criteria
    ]
    e01 = experts["E01"]

    def person(expert_id: str, role: str) -> tuple[str, str, str, str]:
        return expert_id, experts[expert_id].name, experts[expert_id].unit_name, role

    opinion = ExpertOpinion(
        case,
        "E01",
        e01.name,
        e01.unit_name,
        e01.title or "",
        criteria,
        long_opinion_text(),
        True,
        ["LC-2026-003（近三年曾在申报单位任职）"],
        DATE,
    )

    members = [
        MemberTotal(
            m,
            experts[m].name,
            experts[m].unit_name,
            None if m == RECUSED else Decimal(80 + i),
            "来自聊城大学（共建单位）" if m == RECUSED else "",
        )
        for i, m in enumerate(panel.members)
    ]
    group = GroupOpinion(
        case,
        members,
        6,
        Decimal("83.50"),
        Decimal("83.50"),
        Decimal("80"),
        Decimal("86"),
        "有效评分不少于5个时去掉一个最高分和一个最低分后取平均",
        "专家组一致认为该中心具备组建条件，建议予以支持。",
        True,
        panel.chair,
        experts[panel.chair].name,
        DATE,
    )
    group_signers = [
        person(m.expert_id, "评审专家")
        for m in members
        if m.total is not None and m.expert_id != panel.chair
    ]
    group_signers.append(person(panel.chair, "专家组组长"))

    photos = [
        InspectionPhoto(name, data, hashlib.sha256(data).hexdigest())
        for name, data in (
            ("研发楼外景", _photo((70, 110, 160))),
            ("检测中心", _photo((120, 150, 90))),
        )
    ]
    inspection = InspectionReport(
        case,
        "聊城市临清市烟店镇轴承产业园",
        "2026年11月20日",
        [
            InspectionItem(
                "科研开发用房面积", "第八条（三）", "符合", "实测 512 平方米", "与申报一致"
            ),
            InspectionItem("仪器设备抽查", "第八条（三）", "符合", "抽查 10 台，账实相符", ""),
            InspectionItem(
                "专职科研人员名册及出勤", "第八条（四）", "符合", "在册 24 人，抽查 6 人考勤", ""
            ),
            InspectionItem("中试能力", "第八条（三）", "不适用", "—", "中试线在建"),
        ],
        photos,
        [(e, experts[e].name, experts[e].unit_name) for e in INSPECTION_TEAM],
        "现场核查情况与申报材料基本一致，建议通过。",
    )
    inspection_signers = [person(e, "考察组成员") for e in INSPECTION_TEAM[1:]]
    inspection_signers.append(person(INSPECTION_TEAM[0], "考察组组长"))

    ranked = panel.applications
    summary = ResultSummary(
        review.id,
        review.spec.title,
        "有效评分不少于5个时去掉一个最高分和一个最低分后取平均",
        {"法定人数": "5", "分差预警": "20"},
        [
            RankingRow(
                i + 1,
                a,
                review.applications[a].center_name,
                6,
                f"{85 - i * 2}.00",
                f"{85 - i * 2}.25",
                "78.00",
                "90.00",
                ["分差过大"] if i == 2 else [],
            )
            for i, a in enumerate(ranked)
        ],
        [
            (f"{m}.ticreturn", hashlib.sha256(f"return of {m}".encode()).hexdigest())
            for m in panel.members
        ],
        [(APPLICATION, RECUSED, "回避（来自共建单位）")],
        DATE,
    )

    documents = {}
    for name, data, draw, signers in (
        ("opinion", opinion, draw_expert_opinion, [person("E01", "评审专家")]),
        ("group-opinion", group, draw_group_opinion, group_signers),
        ("inspection-report", inspection, draw_inspection_report, inspection_signers),
        (
            "result-summary",
            summary,
            draw_result_summary,
            [(BUREAU_SIGNER_ID, BUREAU, BUREAU, BUREAU_ROLE)],
        ),
    ):
        pdf, slots = draw(data)
        documents[name] = Document(name, data, pdf, slots, signers)
    return documents


DOCUMENT_NAMES = ["opinion", "group-opinion", "inspection-report", "result-summary"]
