"""Exact decimal fields for money, areas and percentages.

Amounts arrive as decimal strings (``"10000000.00"``) or JSON integers. A JSON number with a
fractional part is refused: it has passed through a binary float and may have lost cents.
The JSON reader hands such numbers over as :class:`JsonFloat` so they can be told apart.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

_DECIMAL_TEXT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
# A trillion yuan is beyond any applicant; larger figures are typing errors (and would
# overflow the decimal context's precision in later arithmetic).
MAX_AMOUNT = Decimal(10) ** 15


class JsonFloat(Decimal):
    """A JSON number written with a fraction or exponent (kept exact for the error message)."""


def _to_amount(value: Any) -> Decimal:
    amount = _parse_amount(value)
    if amount < 0:
        raise ValueError("数值不能为负数 | must not be negative")
    if amount >= MAX_AMOUNT:
        raise ValueError(
            f"数值 {value} 过大，请核对 | {value} is implausibly large (limit {MAX_AMOUNT:f})"
        )
    return amount


def _parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(
            '应为数字文本，如 "1234.56"，实际为 true/false | '
            'expected a decimal string such as "1234.56", got true/false'
        )
    if isinstance(value, JsonFloat):
        if not value.is_finite() or value.copy_abs() >= MAX_AMOUNT:
            raise ValueError(
                f"数值 {value} 过大，请核对 | {value} is implausibly large (limit {MAX_AMOUNT:f})"
            )
        if value != value.to_integral_value():
            raise ValueError(
                f'带小数的数值须写成文本，如 "{value}"（JSON 浮点数会丢失精度） | '
                f'a number with a fraction must be written as a string, e.g. "{value}" '
                "(JSON floats lose precision)"
            )
        return Decimal(int(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value!r} 不是数字 | {value!r} is not a number")
        if not value.is_integer():
            raise ValueError(
                f'带小数的数值须写成文本，如 "{value!r}" | '
                f'a number with a fraction must be written as a string, e.g. "{value!r}"'
            )
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueError(
            '应为数字文本，如 "1234.56" | '
            f'expected a decimal string such as "1234.56", got {type(value).__name__}'
        )
    if not _DECIMAL_TEXT.match(text):
        raise ValueError(
            f'应为非负数，最多两位小数，如 "1234.56"，实际为 {text!r} | '
            "expected a non-negative decimal with at most 2 decimals, "
            f'such as "1234.56", got {text!r}'
        )
    return Decimal(text)


def _to_percent(value: Any) -> Decimal:
    amount = _to_amount(value)
    if amount > 100:
        raise ValueError(f"百分比 {amount} 超过 100 | percentage {amount} is over 100")
    return amount


Percent = Annotated[
    Decimal,
    BeforeValidator(_to_percent),
    PlainSerializer(lambda d: format(d, "f"), return_type=str),
]
"""A share in percent: an Amount no greater than 100."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_to_amount),
    PlainSerializer(lambda d: format(d, "f"), return_type=str),
]
"""Non-negative exact decimal (yuan, m², percent) with at most two decimals."""
