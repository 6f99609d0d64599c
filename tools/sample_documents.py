"""Draw and sign the four review documents for the demo round with throwaway keys, and render
page 1 of each to docs/screenshots/pdf-*.png (the PDFs go to the folder given, default /tmp).

    .venv/bin/python tools/sample_documents.py [OUT_DIR]
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from PIL import Image as PilImage  # noqa: F401  (reportlab needs Pillow for photos)

from tic_desktop.domain.loading import load_round
from tic_desktop.paths import demo_round_file
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
from tic_desktop.signing.pdf_signing import SignerIdentity, prepare_signature_fields, sign_pdf

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _photo(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 220), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, 320, 40):
        draw.line((x, 0, x, 220), fill=(255, 255, 255), width=2)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tic-sample-documents")
    out.mkdir(parents=True, exist_ok=True)
    review = load_round(demo_round_file())
    ca_key, ca = certs.create_bureau_ca("聊城市科学技术局")
    experts = review.experts

    def identity(expert_id: str, role: str) -> SignerIdentity:
        expert = experts[expert_id]
        key, cert = certs.issue_expert_certificate(
            ca_key, ca, expert_id, expert.name, expert.unit_name, role
        )
        return SignerIdentity(
            certs.key_to_pem(key),
            certs.certificate_to_pem(cert),
            certs.certificate_to_pem(ca),
            expert.name,
            role,
        )

    app = review.applications["LC-2026-001"]
    case = CaseHeader(
        review.id,
        review.spec.title,
        "P1",
        app.id,
        app.center_name,
        app.lead_unit.name,
        app.field or "",
    )
    criteria = [
        CriterionScore(
            c.id,
            c.title,
            c.max,
            (c.max * Decimal("0.85") / review.rubric.step).to_integral_value() * review.rubric.step,
        )
        for c in review.rubric.criteria
    ]
    opinion_text = (
        "该中心依托单位在高端轴承领域研发基础扎实，近三年研发投入持续增长，"
        "建设目标聚焦行业共性关键技术，产学研合作基础较好。\n"
        * 8
        + "建议进一步明确中试平台的开放共享机制，加强与聊城大学等共建单位的人才联合培养。"
    )
    documents = {
        "opinion": (
            draw_expert_opinion(
                ExpertOpinion(
                    case,
                    "E01",
                    experts["E01"].name,
                    experts["E01"].unit_name,
                    experts["E01"].title or "",
                    criteria,
                    opinion_text,
                    True,
                    ["LC-2026-003（近三年曾在申报单位任职）"],
                    "2026年11月25日",
                )
            ),
            [("E01", "评审专家")],
        ),
        "group-opinion": (
            draw_group_opinion(
                GroupOpinion(
                    case,
                    [
                        MemberTotal(
                            m,
                            experts[m].name,
                            experts[m].unit_name,
                            None if m == "E04" else Decimal(80 + i),
                            "来自聊城大学（共建单位）" if m == "E04" else "",
                        )
                        for i, m in enumerate(["E01", "E02", "E03", "E04", "E05", "E06", "E07"])
                    ],
                    6,
                    Decimal("83.50"),
                    Decimal("83.50"),
                    Decimal("80"),
                    Decimal("86"),
                    "有效评分不少于5个时去掉一个最高分和一个最低分后取平均",
                    "专家组一致认为该中心具备组建条件。",
                    True,
                    "E01",
                    experts["E01"].name,
                    "2026年11月25日",
                )
            ),
            [("E02", "评审专家"), ("E03", "评审专家"), ("E01", "专家组组长")],
        ),
        "inspection-report": (
            draw_inspection_report(
                InspectionReport(
                    case,
                    "聊城市临清市烟店镇轴承产业园",
                    "2026年11月20日",
                    [
                        InspectionItem(
                            "科研开发用房面积",
                            "第八条（三）",
                            "符合",
                            "实测 512 平方米",
                            "与申报一致",
                        ),
                        InspectionItem(
                            "仪器设备抽查", "第八条（三）", "符合", "抽查 10 台，账实相符", ""
                        ),
                        InspectionItem(
                            "专职科研人员名册及出勤",
                            "第八条（四）",
                            "符合",
                            "在册 24 人，抽查 6 人考勤",
                            "",
                        ),
                        InspectionItem(
                            "研发费用专项审计报告", "第八条（二）", "符合", "审计报告原件已核", ""
                        ),
                        InspectionItem(
                            "共建协议原件", "第八条（五）", "符合", "3 份协议原件已核", ""
                        ),
                        InspectionItem("中试能力", "第八条（三）", "不适用", "—", "中试线在建"),
                        InspectionItem(
                            "安全生产记录", "第八条（六）", "符合", "近三年无事故记录", ""
                        ),
                    ],
                    [
                        InspectionPhoto(name, data, hashlib.sha256(data).hexdigest())
                        for name, data in (
                            ("研发楼外景", _photo((70, 110, 160))),
                            ("检测中心", _photo((120, 150, 90))),
                        )
                    ],
                    [
                        ("E02", experts["E02"].name, experts["E02"].unit_name),
                        ("E03", experts["E03"].name, experts["E03"].unit_name),
                    ],
                    "现场核查情况与申报材料基本一致，建议通过。",
                )
            ),
            [("E03", "考察组成员"), ("E02", "考察组组长")],
        ),
        "result-summary": (
            draw_result_summary(
                ResultSummary(
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
                        for i, a in enumerate(
                            ["LC-2026-001", "LC-2026-002", "LC-2026-003", "LC-2026-004"]
                        )
                    ],
                    [
                        (f"E0{i}.ticreturn", hashlib.sha256(f"E0{i}".encode()).hexdigest())
                        for i in range(1, 8)
                    ],
                    [("LC-2026-001", "E04", "回避（来自共建单位）")],
                    "2026年11月25日",
                )
            ),
            [],
        ),
    }
    for name, ((pdf, slots), signers) in documents.items():
        if signers:
            pdf = prepare_signature_fields(pdf, slots)
            by_field = {s.field_name: s for s in slots}
            for index, (expert_id, role) in enumerate(signers):
                slot = next(s for f, s in by_field.items() if f.endswith(f"-{expert_id}"))
                pdf = sign_pdf(pdf, identity(expert_id, role), slot, certify=index == 0)
        target = out / f"{name}.pdf"
        target.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(target),
                str(SHOTS / f"pdf-{name}"),
            ],
            check=True,
        )
        print(target, SHOTS / f"pdf-{name}.png")
    (out / "root.pem").write_text(certs.certificate_to_pem(ca))
    return 0


if __name__ == "__main__":
    sys.exit(main())
