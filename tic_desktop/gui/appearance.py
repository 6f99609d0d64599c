"""Fonts and type size: the bundled CJK font so Chinese never shows as boxes, and a larger-type
setting."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from tic_desktop.paths import resources_dir

DEFAULT_POINT_SIZE = 11  # readable for senior reviewers on a 1366×768 laptop
MIN_POINT_SIZE, MAX_POINT_SIZE = 9, 22


def register_bundled_fonts() -> list[str]:
    """Load resources/fonts/*.ttf; returns the families they provide."""
    families: list[str] = []
    for font_file in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def apply_font(app: QApplication, point_size: int, cjk_families: list[str]) -> None:
    """A system sans-serif with the bundled CJK face as fallback for Chinese glyphs."""
    size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, point_size))
    font = QFont()
    font.setFamilies(
        ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", *cjk_families, "DejaVu Sans"]
    )
    font.setPointSize(size)
    app.setFont(font)
