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

from tic_desktop.catalogue import t
from tic_desktop.errors import Refusal

_DECIMAL_TEXT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
# A trillion yuan is beyond any applicant; larger figures are typing errors (and would
# overflow the decimal context's precision in later arithmetic).
MAX_AMOUNT = Decimal(10) ** 15


class JsonFloat(Decimal):
    """A JSON number written with a fraction or exponent (kept exact for the error message)."""


def _to_amount(value: Any) -> Decimal:
    amount = _parse_amount(value)
    if amount < 0:
        raise Refusal(t("must not be negative"))
    if amount >= MAX_AMOUNT:
        raise _too_large(value)
    return amount


def _too_large(value: Any) -> Refusal:
    return Refusal(
        t(
            "{value} is implausibly large (limit {limit:f})",
            value=value,
            limit=MAX_AMOUNT,
        )
    )


def _parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise Refusal(t('expected a decimal string such as "1234.56", got true/false'))
    if isinstance(value, JsonFloat):
        if not value.is_finite() or value.copy_abs() >= MAX_AMOUNT:
            raise _too_large(value)
        if value != value.to_integral_value():
            raise Refusal(
                t(
                    'a number with a fraction must be written as a string, e.g. "{value}" '
                    "(JSON floats lose precision)",
                    value=value,
                )
            )
        return Decimal(int(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Refusal(t("{value} is not a number", value=repr(value)))
        if not value.is_integer():
            raise Refusal(
                t(
                    'a number with a fraction must be written as a string, e.g. "{value}"',
                    value=repr(value),
                )
            )
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise Refusal(
            t(
                'expected a decimal string such as "1234.56", got {type}',
                type=type(value).__name__,
            )
        )
    if not _DECIMAL_TEXT.match(text):
        raise Refusal(
            t(
                'expected a non-negative decimal with at most 2 decimals, such as "1234.56", '
                "got {text}",
                text=repr(text),
            )
        )
    return Decimal(text)


def _to_percent(value: Any) -> Decimal:
    amount = _to_amount(value)
    if amount > 100:
        raise Refusal(t("percentage {amount} is over 100", amount=amount))
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
