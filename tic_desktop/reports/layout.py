"""The look of the bureau's forms: A4, title, header block, bordered tables, signature block.

Documents are built with reportlab's platypus so long text wraps across pages; the signature
block records where each stamp box landed, for the signing step to place its fields there.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tic_desktop.reports.fonts import cjk_font
from tic_desktop.signing.pdf_signing import SignatureSlot

ISSUER = "聊城市科学技术局"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    small: ParagraphStyle


def styles() -> Styles:
    font = cjk_font()
    base = ParagraphStyle(
        "body", fontName=font, fontSize=11, leading=17, wordWrap="CJK", firstLineIndent=22
    )
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=base,
            fontSize=20,
            leading=28,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=4,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=11.5,
            leading=16,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=10,
        ),
        heading=ParagraphStyle(
            "heading",
            parent=base,
            fontSize=13,
            leading=20,
            firstLineIndent=0,
            spaceBefore=10,
            spaceAfter=4,
        ),
        body=base,
        cell=ParagraphStyle("cell", parent=base, fontSize=10.5, leading=14, firstLineIndent=0),
        cell_bold=ParagraphStyle(
            "cell_bold",
            parent=base,
            fontSize=10.5,
            leading=14,
            firstLineIndent=0,
            textColor=colors.black,
        ),
        small=ParagraphStyle(
            "small",
            parent=base,
            fontSize=9,
            leading=12,
            firstLineIndent=0,
            textColor=colors.HexColor("#333333"),
        ),
    )


def text(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept)."""
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), style)


def bordered_table(
    rows: Sequence[Sequence[object]],
    widths: list[float],
    header_rows: int = 1,
    shade_header: bool = True,
    align_right_columns: tuple[int, ...] = (),
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    commands = [
        ("FONT", (0, 0), (-1, -1), cjk_font(), 10.5),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if shade_header and header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8e8e8")))
    for column in align_right_columns:
        commands.append(("ALIGN", (column, header_rows), (column, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def header_block(pairs: list[tuple[str, str]], st: Styles) -> Table:
    """The form's identity block: label/value pairs, two per row."""
    rows = []
    for i in range(0, len(pairs), 2):
        row = []
        for label, value in pairs[i : i + 2]:
            row += [text(label, st.cell_bold), text(value, st.cell)]
        while len(row) < 4:
            row.append("")
        rows.append(row)
    widths = [24 * mm, CONTENT_WIDTH / 2 - 24 * mm, 24 * mm, CONTENT_WIDTH / 2 - 24 * mm]
    table = bordered_table(rows, widths, header_rows=0, shade_header=False)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#f2f2f2")),
            ]
        )
    )
    return table


@dataclass
class SignatureBlock(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Labelled boxes where the signers' stamps will go; remembers their page and position."""

    signers: list[tuple[str, str]]  # (field name, label under the box)
    slots: list[SignatureSlot] = field(default_factory=list)
    box_width: float = 80 * mm
    box_height: float = 22 * mm
    gap: float = 10 * mm

    def __post_init__(self) -> None:
        Flowable.__init__(self)

    def _rows(self) -> int:
        return (len(self.signers) + 1) // 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return CONTENT_WIDTH, self._rows() * (self.box_height + 9 * mm)

    def draw(self) -> None:
        canvas = self.canv
        page = canvas.getPageNumber() - 1
        _, height = self.wrap(0, 0)
        for index, (field_name, caption) in enumerate(self.signers):
            row, column = divmod(index, 2)
            x = column * (self.box_width + self.gap)
            y = height - (row + 1) * (self.box_height + 9 * mm) + 7 * mm
            canvas.setFont(cjk_font(), 9.5)
            canvas.drawString(x, y - 5 * mm, caption)
            canvas.setStrokeColor(colors.HexColor("#999999"))
            canvas.setDash(2, 2)
            canvas.rect(x, y, self.box_width, self.box_height, stroke=1, fill=0)
            canvas.setDash()
            ax, ay = canvas.absolutePosition(x, y)
            self.slots.append(
                SignatureSlot(field_name, page, (ax, ay, ax + self.box_width, ay + self.box_height))
            )


def _footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(cjk_font(), 8.5)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(MARGIN, 12 * mm, f"{ISSUER} · {document.title}")
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, f"第 {canvas.getPageNumber()} 页")
    canvas.restoreState()


def pdf_date(when: dt.datetime) -> str:
    """A PDF date string (ISO 32000 7.9.4) for ``when``, with its UTC offset."""
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"D:{when:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def build_pdf(
    title: str,
    story: list[Flowable],
    signature_block: SignatureBlock | None,
    author: str = ISSUER,
    created: dt.datetime | None = None,
) -> tuple[bytes, list[SignatureSlot]]:
    """Lay out ``story`` (signature block last, kept together) and return PDF bytes and stamp slots.

    ``author`` is who the document speaks for (the expert for an opinion form, the bureau for its
    summaries); ``created`` becomes the document's CreationDate (the signing time), otherwise the
    output is byte-for-byte reproducible.
    """
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        creator="TIC Review Desktop",
        invariant=1,
    )
    flowables = list(story)
    if signature_block is not None:
        flowables.append(KeepTogether([Spacer(1, 6 * mm), signature_block]))

    def first_page(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        if created is not None:
            stamp = pdf_date(created)
            canvas.setDateFormatter(lambda *_parts: stamp)
        _footer(canvas, doc)

    document.build(flowables, onFirstPage=first_page, onLaterPages=_footer)
    return buffer.getvalue(), list(signature_block.slots) if signature_block else []
