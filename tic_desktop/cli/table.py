"""Plain text for a terminal: tables that line up Chinese (double-width) and Latin text, and
what is said in both languages at once."""

from __future__ import annotations

import unicodedata

from tic_desktop.catalogue import Said


def both(text: Said) -> str:
    """``text`` in Chinese and English at once ("中文 / English"), for what is said before a
    language is chosen: help, usage errors."""
    return f"{text.in_language('zh')} / {text.in_language('en')}"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(headers: list[str], rows: list[list[str]]) -> str:
    """Columns padded to the widest cell; the last column is left ragged."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = ["  ".join(_pad(h, widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
    return "\n".join(lines)
