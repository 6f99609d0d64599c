"""The printed passphrase sheet an expert receives with a package (one A4 page per expert).

A sheet unlocks an expert's credential: it is written readable by its owner only (0600) into a
folder only its owner can open (0700), like the sealed credentials themselves.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from tic_desktop.domain.files import PRIVATE_FILE_MODE, private_folder
from tic_desktop.reports.fonts import cjk_font
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.fingerprints import short_fingerprint


def passphrase_sheet(
    *,
    expert_id: str,
    name: str,
    unit: str,
    panels: list[str],
    round_id: str,
    round_title: str,
    passphrase: str,
    bureau_name: str,
    bureau_fingerprint: str,
) -> bytes:
    font = cjk_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(f"评审口令单 {expert_id}")
    width, height = A4
    y = height - 30 * mm
    pdf.setFont(font, 20)
    pdf.drawCentredString(width / 2, y, "评审专家口令单")
    y -= 10 * mm
    pdf.setFont(font, 12)
    pdf.drawCentredString(width / 2, y, round_title)
    y -= 18 * mm
    rows = [
        ("专家", f"{name}（{expert_id}）"),
        ("单位", unit),
        ("评审批次", round_id),
        ("专家组", "、".join(panels)),
        ("发放单位", bureau_name),
    ]
    for label, value in rows:
        pdf.setFont(font, 14)
        pdf.drawString(25 * mm, y, label)
        pdf.drawString(55 * mm, y, value)
        y -= 10 * mm
    y -= 8 * mm
    pdf.setFont(font, 14)
    pdf.drawString(25 * mm, y, "本批次评审口令（打开评审包时输入）：")
    y -= 22 * mm
    pdf.setFont(font, 30)
    groups = passphrase.split("-")
    pdf.drawCentredString(width / 2, y, "  ".join(groups[:3]))
    y -= 15 * mm
    pdf.drawCentredString(width / 2, y, "  ".join(groups[3:]))
    y -= 12 * mm
    pdf.rect(20 * mm, y, width - 40 * mm, 55 * mm, stroke=1, fill=0)
    y -= 14 * mm
    pdf.setFont(font, 12)
    for line in (
        f"评审局根证书指纹：{short_fingerprint(bureau_fingerprint)}",
        "打开评审包时，软件显示的评审局指纹应与上行一致。",
        "在有系统密钥环的电脑上只需输入一次；否则每次打开评审包时输入。",
        "本批次所有评审包都使用这一口令。请妥善保管本单，勿转交他人。",
        "评审结束后请将本单交回或销毁。",
    ):
        pdf.drawString(25 * mm, y, line)
        y -= 8 * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def sheet_path(folder: Path, expert_id: str) -> Path:
    """Where one expert's sheet goes."""
    return Path(folder) / f"{expert_id}.pdf"


def write_sheet(folder: Path, expert_id: str, sheet: bytes) -> Path:
    """Write one expert's sheet as ``folder/<expert id>.pdf``: the file 0600 in a folder 0700
    (an existing folder is tightened, since it holds sheets); returns the file."""
    target = sheet_path(private_folder(folder), expert_id)
    write_atomically(target, sheet, PRIVATE_FILE_MODE)
    return target
