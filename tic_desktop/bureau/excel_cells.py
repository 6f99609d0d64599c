"""Reading one cell of the workbook as the value its column expects, exactly.

Numbers keep their written digits: a float cell 0.1 becomes the text "0.1" (its shortest repr),
never Decimal(0.1). Amounts are passed on as text so the domain's Amount rules (non-negative,
at most two decimals, not implausibly large) decide, with their own messages.

What clerks type in Excel and WPS is met halfway, and said so: full-width digits (１２５０),
thousands separators (1,250,000 or 1，250，000) and a trailing unit (元, 万元, ㎡, 天) are
normalised, each change listed in the import report. A figure that reads like 万元 in a 元
column, or a share typed as a fraction (0.7 for 70 %), is imported as written and listed for
confirmation. A credit code stored as a number is refused: Excel has already lost its digits.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tic_desktop.bureau.excel_layout import (
    AMOUNT,
    BOOL,
    CHAIR,
    CODE,
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
    Column,
)

_TOO_LARGE = Decimal(10) ** 18
_INTEGER_TEXT = re.compile(r"^[+-]?[0-9]{1,15}$")
_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
# Thousands separators: groups of three, as Excel's "#,##0" writes them (1,250,000.50).
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
# A code copied from what Excel shows of a number: 9.13715E+17.
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?E\+?[0-9]+", re.IGNORECASE)
# Full-width ASCII (U+FF01–U+FF5E) to ASCII, and the ideographic space to a space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Units a clerk may type after the figure, by the column's unit (the longest first).
_UNIT_SPELLINGS = {
    "㎡": ("平方米", "平米", "m²", "m2", "㎡"),
    "个": ("个", "项", "件"),
}
_WAN = ("万元", "万")
# Below 10 万元 a yearly R&D expense, a revenue or an equipment value is not plausible for a
# centre whose thresholds are in millions (R&D ≥ 10,000,000 over three years, equipment ≥
# 5,000,000), while the same figure read as 万元 is: such a figure is listed for confirmation.
MONEY_DOUBT_BELOW = Decimal(100_000)
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


@dataclass(frozen=True)
class CellReading:
    """A cell's value, what was normalised to get it, and a doubt to confirm (zh, en) if any."""

    value: Any
    changes: tuple[tuple[str, str], ...] = ()  # (zh, en) of each change made to what was typed
    doubt: tuple[str, str] | None = None


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


def read_cell(column: Column, value: Any, number_format: str = "General") -> CellReading:
    """The reading of a non-empty cell of ``column``; raises CellValueError."""
    kind = column.kind
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        raise CellValueError(
            f"这里不能填日期或时间（{shown(value)}）",
            f"a date or time is not expected here ({shown(value)})",
        )
    if kind in (TEXT, REF):
        return CellReading(_text(value))
    if kind == CODE:
        return _code(value, number_format)
    if kind == INT:
        if isinstance(value, str):
            text, changes, _ = _number_text(column, value)
            return CellReading(_integer(text, value), changes)
        return CellReading(_integer(value, value))
    if kind in (AMOUNT, PERCENT):
        return _decimal(column, value, "%" in (number_format or ""))
    if kind in (BOOL, CHAIR):
        return CellReading(_boolean(value))
    if kind == UNIT_KIND:
        text = _text(value)
        # Unknown kinds are kept as given (formats.md): the lead_unit.kind check fails them by name.
        return CellReading(_UNIT_KINDS.get(text, _UNIT_KINDS.get(text.lower(), text)))
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
        return CellReading(code)
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


def excel_general(number: int | float) -> str:
    """How Excel's General format shows a number in a standard-width column (9.13715E+17)."""
    digits = format(Decimal(repr(number)) if isinstance(number, float) else Decimal(number), "f")
    if len(digits.lstrip("-").split(".")[0]) <= 11:
        return digits
    mantissa, exponent = f"{float(number):.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E+{int(exponent):02d}"


def _code(value: Any, number_format: str = "General") -> CellReading:
    """A credit code: text only. A number cannot be turned back into the code that was typed."""
    if isinstance(value, bool):
        raise CellValueError(
            f"应为文本，实际为 {shown(value)}", f"expected text, got {shown(value)}"
        )
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellValueError(
                f"应为文本，实际为 {shown(value)}", f"expected text, got {shown(value)}"
            )
        raise _code_as_number(value, number_format)
    if not isinstance(value, str):
        raise CellValueError(
            f"应为文本，实际为 {shown(value)}", f"expected text, got {shown(value)}"
        )
    changes = []
    text = value.strip()
    half = text.translate(_HALF_WIDTH)
    if half != text:
        changes.append(("全角字符改为半角", "full-width characters made half-width"))
    compact = re.sub(r"\s+", "", half)
    if compact != half.strip():
        changes.append(("去掉代码中的空格", "spaces inside the code removed"))
    if _SCIENTIFIC.fullmatch(compact):
        raise _code_as_number(compact)
    return CellReading(compact, tuple(changes))


def _code_as_number(number: int | float | str, number_format: str = "General") -> CellValueError:
    example = "'91371500MA3C0XXXXX"
    if isinstance(number, str):  # the displayed form was typed or pasted as text
        seen, digits, lost = number, None, True
    else:
        digits = format(
            Decimal(repr(number)) if isinstance(number, float) else Decimal(number), "f"
        )
        # General shows a long number as 9.13715E+17; a format such as "0" shows its digits.
        seen = excel_general(number) if (number_format or "General") == "General" else digits
        lost = len(digits.lstrip("-").split(".")[0]) > 15
    stored_zh = f"，存储的是 {digits}" if digits and digits != seen else ""
    stored_en = f", stored as {digits}" if digits and digits != seen else ""
    if lost:
        why_zh = "Excel 的数字只保留 15 位有效数字，18 位代码的后几位已经丢失，无法从工作簿中恢复"
        why_en = (
            "Excel keeps only 15 significant digits of a number, so the last digits of the "
            "18-character code are lost and cannot be recovered from the workbook"
        )
    else:
        why_zh = "代码须为 18 位文本，存成数字会丢掉开头的 0 和字母"
        why_en = "a code is 18 characters of text; as a number it loses leading zeros and letters"
    return CellValueError(
        f"统一社会信用代码被存成了数字（显示为 {seen}{stored_zh}）：{why_zh}。"
        f"请把该列设为“文本”格式（模板中已设好）后重新输入完整代码，"
        f"或在代码前加英文单引号，如 {example}",
        f"the credit code was stored as a number (shown as {seen}{stored_en}): {why_en}. "
        f"Format the column as Text (the template does) and type the whole code again, "
        f"or type an apostrophe before it, e.g. {example}",
    )


def _number_text(column: Column, typed: str) -> tuple[str, tuple[tuple[str, str], ...], bool]:
    """What was typed as a plain number: (text, changes made, whether it was given in 万元)."""
    changes: list[tuple[str, str]] = []
    text = typed.strip()
    half = text.translate(_HALF_WIDTH).strip()
    if half != text:
        changes.append(("全角字符改为半角", "full-width characters made half-width"))
    text = half
    wan = False
    if column.yuan:
        for spelling in _WAN:
            if text.endswith(spelling) and text[: -len(spelling)].strip():
                text, wan = text[: -len(spelling)].strip(), True
                changes.append(("按万元换算为元", "converted from 万元 to 元"))
                break
        else:
            if text.endswith(column.unit) and text[: -len(column.unit)].strip():
                text = text[: -len(column.unit)].strip()
                changes.append(("去掉单位“元”", "the unit 元 removed"))
    elif column.unit:
        for spelling in _UNIT_SPELLINGS.get(column.unit, (column.unit,)):
            if text.endswith(spelling) and text[: -len(spelling)].strip():
                text = text[: -len(spelling)].strip()
                changes.append((f"去掉单位“{spelling}”", f"the unit {spelling} removed"))
                break
    if "," in text:
        if not _GROUPED.fullmatch(text):
            raise CellValueError(
                f"{shown(typed)} 中的逗号不是千位分隔符（应每三位一个，如 1,250,000），"
                "无法确定数值；请去掉逗号后重新填写",
                f"the commas in {shown(typed)} are not thousands separators (one every three "
                "digits, as in 1,250,000), so the figure is unclear; type it without commas",
            )
        text = text.replace(",", "")
        changes.append(("去掉千位分隔符", "thousands separators removed"))
    if wan:
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise CellValueError(
                f"{shown(typed)} 无法换算为元，请按元填写数字，如 1250000",
                f"{shown(typed)} cannot be converted to yuan; "
                "type the figure in yuan, e.g. 1250000",
            )
        text = _plain(Decimal(text) * 10000)
    return text, tuple(changes), wan


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _integer(value: Any, typed: Any) -> int:
    if isinstance(value, bool):
        raise CellValueError(
            f"应为整数，实际为 {shown(typed)}", f"expected a whole number, got {shown(typed)}"
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER_TEXT.match(value.strip()):
        return int(value.strip())
    raise CellValueError(
        f"应为整数，实际为 {shown(typed)}", f"expected a whole number, got {shown(typed)}"
    )


def _decimal(column: Column, value: Any, percent_cell: bool) -> CellReading:
    """Decimal digits as text; a cell formatted as a percentage (60% is stored as 0.6) is scaled."""
    percent = column.kind == PERCENT
    changes: tuple[tuple[str, str], ...] = ()
    wan = typed_percent = False
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
        if percent:
            half = text.translate(_HALF_WIDTH).rstrip()
            if half.endswith("%"):
                typed_percent = True
                text = text[:-1].strip()
        text, changes, wan = _number_text(column, text)
        return CellReading(text, changes, _doubt(column, text, wan or typed_percent, value))
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
    text = _plain(number)
    return CellReading(text, (), _doubt(column, text, percent and percent_cell, value))


def _doubt(column: Column, text: str, explicit: bool, typed: Any) -> tuple[str, str] | None:
    """A plausible figure that is probably not what was meant: asked about, not changed."""
    if explicit or not _PLAIN_DECIMAL.fullmatch(text):
        return None
    number = Decimal(text)
    if column.yuan and 0 < number < MONEY_DOUBT_BELOW:
        meant = _plain(number * 10000)
        return (
            f"{text} 元不足 10 万元，远低于办法中以百万元计的门槛，像是按万元填写；"
            f"若是万元，应填 {meant}（元）。已按 {text} 元导入，请核对",
            f"{text} yuan is under 100,000 yuan, far below the rules' thresholds in millions: "
            f"it looks like a figure in 万元 (10,000 yuan); if so, it should be {meant}. "
            f"Imported as {text} yuan; please check",
        )
    if column.kind == PERCENT and 0 < number <= 1:
        meant = _plain(number * 100)
        return (
            f"占比填的是 {shown(typed)}，像是小数形式；本列填百分数（70 表示 70%），"
            f"若指 {meant}%，应填 {meant}。已按 {text}% 导入，请核对",
            f"the share is {shown(typed)}, which looks like a fraction; this column takes a "
            f"percentage (70 means 70%): if {meant}% is meant, type {meant}. "
            f"Imported as {text}%; please check",
        )
    return None


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
