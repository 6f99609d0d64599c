"""The bundled TrueType CJK font, registered once with reportlab and embedded as a subset."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tic_desktop.paths import resources_dir

CJK_FONT = "WenQuanYiMicroHei"


@cache
def cjk_font() -> str:
    """Register the font (first call only) and return its reportlab name."""
    pdfmetrics.registerFont(
        TTFont(CJK_FONT, str(resources_dir() / "fonts" / "WenQuanYiMicroHei.ttf"))
    )
    return CJK_FONT
