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
    YUAN,
    Column,
)
from tic_desktop.catalogue import InLanguage, Said, Text, t

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

    def __init__(self, text: Said) -> None:
        super().__init__(text.in_language("en"))
        self.text = text

    def __reduce__(self) -> tuple[type[CellValueError], tuple[Said]]:
        return type(self), (self.text,)

    message_zh = InLanguage("text", "zh")
    message_en = InLanguage("text", "en")


@dataclass(frozen=True)
class CellReading:
    """A cell's value, what was normalised to get it, and a doubt to confirm if any."""

    value: Any
    changes: tuple[Text, ...] = ()  # each change made to what was typed
    doubt: Text | None = None


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
        raise CellValueError(t("a date or time is not expected here ({value})", value=shown(value)))
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
            labels = "、".join(TITLE_LEVEL_LABELS.values())
            codes_and_labels = f"{', '.join(TITLE_LEVEL_LABELS)} ({labels})"
            raise CellValueError(
                t(
                    "title level {value} is not one of {allowed}",
                    value=shown(value),
                    allowed=codes_and_labels,
                    allowed_zh=labels,
                )
            )
        return CellReading(code)
    raise AssertionError(f"unknown column kind {kind}")


def _not_text(value: Any) -> CellValueError:
    return CellValueError(t("expected text, got {value}", value=shown(value)))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise _not_text(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _not_text(value)
        return str(int(value)) if value.is_integer() else repr(value)
    raise _not_text(value)


def excel_general(number: int | float) -> str:
    """How Excel's General format shows a number in a standard-width column (9.13715E+17)."""
    digits = format(Decimal(repr(number)) if isinstance(number, float) else Decimal(number), "f")
    if len(digits.lstrip("-").split(".")[0]) <= 11:
        return digits
    mantissa, exponent = f"{float(number):.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E+{int(exponent):02d}"


_FULL_WIDTH_MADE_HALF = t("full-width characters made half-width")


def _code(value: Any, number_format: str = "General") -> CellReading:
    """A credit code: text only. A number cannot be turned back into the code that was typed."""
    if isinstance(value, bool):
        raise _not_text(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise _not_text(value)
        raise _code_as_number(value, number_format)
    if not isinstance(value, str):
        raise _not_text(value)
    changes = []
    text = value.strip()
    half = text.translate(_HALF_WIDTH)
    if half != text:
        changes.append(_FULL_WIDTH_MADE_HALF)
    compact = re.sub(r"\s+", "", half)
    if compact != half.strip():
        changes.append(t("spaces inside the code removed"))
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
    stored: Text | str = (
        t(", stored as {digits}", digits=digits) if digits and digits != seen else ""
    )
    why = (
        t(
            "Excel keeps only 15 significant digits of a number, so the last digits of the "
            "18-character code are lost and cannot be recovered from the workbook"
        )
        if lost
        else t("a code is 18 characters of text; as a number it loses leading zeros and letters")
    )
    return CellValueError(
        t(
            "the credit code was stored as a number (shown as {seen}{stored}): {why}. "
            "Format the column as Text (the template does) and type the whole code again, "
            "or type an apostrophe before it, e.g. {example}",
            seen=seen,
            stored=stored,
            why=why,
            example=example,
        )
    )


def _number_text(column: Column, typed: str) -> tuple[str, tuple[Text, ...], bool]:
    """What was typed as a plain number: (text, changes made, whether it was given in 万元)."""
    changes: list[Text] = []
    text = typed.strip()
    half = text.translate(_HALF_WIDTH).strip()
    if half != text:
        changes.append(_FULL_WIDTH_MADE_HALF)
    text = half
    wan = False
    if column.yuan:
        for spelling in _WAN:
            if text.endswith(spelling) and text[: -len(spelling)].strip():
                text, wan = text[: -len(spelling)].strip(), True
                changes.append(t("converted from 万元 to 元"))
                break
        else:
            if text.endswith(column.unit) and text[: -len(column.unit)].strip():
                text = text[: -len(column.unit)].strip()
                changes.append(t("the unit {unit} removed", unit=YUAN))
    elif column.unit:
        for spelling in _UNIT_SPELLINGS.get(column.unit, (column.unit,)):
            if text.endswith(spelling) and text[: -len(spelling)].strip():
                text = text[: -len(spelling)].strip()
                changes.append(t("the unit {unit} removed", unit=spelling))
                break
    if "," in text:
        if not _GROUPED.fullmatch(text):
            raise CellValueError(
                t(
                    "the commas in {typed} are not thousands separators (one every three "
                    "digits, as in 1,250,000), so the figure is unclear; type it without commas",
                    typed=shown(typed),
                )
            )
        text = text.replace(",", "")
        changes.append(t("thousands separators removed"))
    if wan:
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise CellValueError(
                t(
                    "{typed} cannot be converted to yuan; type the figure in yuan, e.g. 1250000",
                    typed=shown(typed),
                )
            )
        text = _plain(Decimal(text) * 10000)
    return text, tuple(changes), wan


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _not_whole(typed: Any) -> CellValueError:
    return CellValueError(t("expected a whole number, got {value}", value=shown(typed)))


def _integer(value: Any, typed: Any) -> int:
    if isinstance(value, bool):
        raise _not_whole(typed)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER_TEXT.match(value.strip()):
        return int(value.strip())
    raise _not_whole(typed)


def _not_number(value: Any) -> CellValueError:
    return CellValueError(t("expected a number, got {value}", value=shown(value)))


def _decimal(column: Column, value: Any, percent_cell: bool) -> CellReading:
    """Decimal digits as text; a cell formatted as a percentage (60% is stored as 0.6) is scaled."""
    percent = column.kind == PERCENT
    changes: tuple[Text, ...] = ()
    wan = typed_percent = False
    if isinstance(value, bool):
        raise _not_number(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellValueError(t("{value} is not a number", value=shown(value)))
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
        raise _not_number(value)
    if percent and percent_cell:
        number *= 100
    if number.copy_abs() >= _TOO_LARGE:
        raise CellValueError(t("{value} is implausibly large", value=shown(value)))
    text = _plain(number)
    return CellReading(text, (), _doubt(column, text, percent and percent_cell, value))


def _doubt(column: Column, text: str, explicit: bool, typed: Any) -> Text | None:
    """A plausible figure that is probably not what was meant: asked about, not changed."""
    if explicit or not _PLAIN_DECIMAL.fullmatch(text):
        return None
    number = Decimal(text)
    if column.yuan and 0 < number < MONEY_DOUBT_BELOW:
        return t(
            "{value} yuan is under 100,000 yuan, far below the rules' thresholds in millions: "
            "it looks like a figure in 万元 (10,000 yuan); if so, it should be {meant}. "
            "Imported as {value} yuan; please check",
            value=text,
            meant=_plain(number * 10000),
        )
    if column.kind == PERCENT and 0 < number <= 1:
        return t(
            "the share is {typed}, which looks like a fraction; this column takes a "
            "percentage (70 means 70%): if {meant}% is meant, type {meant}. "
            "Imported as {value}%; please check",
            typed=shown(typed),
            meant=_plain(number * 100),
            value=text,
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
    raise CellValueError(t("expected 是 (yes) or 否 (no), got {value}", value=shown(value)))
