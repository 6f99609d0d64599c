"""Reading one cell of the workbook as the value its column expects, exactly.

Numbers keep their written digits: a float cell 0.1 becomes the text "0.1" (its shortest repr),
never Decimal(0.1). Amounts are passed on as text so the domain's Amount rules (non-negative,
at most two decimals, not implausibly large) decide, with their own messages.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any

from tic_desktop.bureau.excel_layout import (
    AMOUNT,
    BOOL,
    CHAIR,
    INT,
    NO,
    PERCENT,
    REF,
    TEXT,
    TITLE_LEVEL,
    TITLE_LEVEL_LABELS,
    UNIT_KIND,
    UNIT_KIND_LABELS,
    YES,
)

_TOO_LARGE = Decimal(10) ** 18
_INTEGER_TEXT = re.compile(r"^[+-]?[0-9]{1,15}$")
_TRUE_TEXT = {YES, "true"}
_FALSE_TEXT = {NO, "false"}
_UNIT_KINDS = {
    **{label: code for code, label in UNIT_KIND_LABELS.items()},
    **{c: c for c in UNIT_KIND_LABELS},
}
_TITLE_LEVELS = {
    **{label: code for code, label in TITLE_LEVEL_LABELS.items()},
    **{c: c for c in TITLE_LEVEL_LABELS},
}


class CellValueError(ValueError):
    """A cell that cannot be read as its column expects; carries the message for people."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any) -> str:
    """A cell value quoted back to people as they see it in the sheet."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def read_cell(kind: str, value: Any, number_format: str = "General") -> Any:
    """The value for a non-empty cell of a column of ``kind``; raises CellValueError."""
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        raise CellValueError(
            f"这里不能填日期或时间（{shown(value)}）",
            f"a date or time is not expected here ({shown(value)})",
        )
    if kind in (TEXT, REF):
        return _text(value)
    if kind == INT:
        return _integer(value)
    if kind in (AMOUNT, PERCENT):
        return _decimal_text(value, kind == PERCENT, "%" in (number_format or ""))
    if kind in (BOOL, CHAIR):
        return _boolean(value)
    if kind == UNIT_KIND:
        text = _text(value)
        # Unknown kinds are kept as given (formats.md): the lead_unit.kind check fails them by name.
        return _UNIT_KINDS.get(text, _UNIT_KINDS.get(text.lower(), text))
    if kind == TITLE_LEVEL:
        text = _text(value)
        code = _TITLE_LEVELS.get(text, _TITLE_LEVELS.get(text.lower()))
        if code is None:
            allowed = "、".join(TITLE_LEVEL_LABELS.values())
            raise CellValueError(
                f"职称级别 {shown(value)} 无效，应为 {allowed} 之一",
                f"title level {shown(value)} is not one of {', '.join(TITLE_LEVEL_LABELS)} "
                f"({allowed})",
            )
        return code
    raise AssertionError(f"unknown column kind {kind}")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise CellValueError(
            f"应为文本，实际为 {shown(value)}", f"expected text, got {shown(value)}"
        )
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellValueError(
                f"应为文本，实际为 {shown(value)}", f"expected text, got {shown(value)}"
            )
        return str(int(value)) if value.is_integer() else repr(value)
    raise CellValueError(f"应为文本，实际为 {shown(value)}", f"expected text, got {shown(value)}")


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellValueError(
            f"应为整数，实际为 {shown(value)}", f"expected a whole number, got {shown(value)}"
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER_TEXT.match(value.strip()):
        return int(value.strip())
    raise CellValueError(
        f"应为整数，实际为 {shown(value)}", f"expected a whole number, got {shown(value)}"
    )


def _decimal_text(value: Any, percent: bool, percent_cell: bool) -> str:
    """Decimal digits as text; a cell formatted as a percentage (60% is stored as 0.6) is scaled."""
    if isinstance(value, bool):
        raise CellValueError(
            f"应为数字，实际为 {shown(value)}", f"expected a number, got {shown(value)}"
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellValueError(f"{shown(value)} 不是数字", f"{shown(value)} is not a number")
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if percent and text.endswith("%"):
            text = text[:-1].strip()
        return text
    else:
        raise CellValueError(
            f"应为数字，实际为 {shown(value)}", f"expected a number, got {shown(value)}"
        )
    if percent and percent_cell:
        number *= 100
    if number.copy_abs() >= _TOO_LARGE:
        raise CellValueError(
            f"数值 {shown(value)} 过大，请核对", f"{shown(value)} is implausibly large"
        )
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE_TEXT:
            return True
        if text in _FALSE_TEXT:
            return False
    raise CellValueError(
        f"应为“是”或“否”，实际为 {shown(value)}",
        f"expected 是 (yes) or 否 (no), got {shown(value)}",
    )
