"""Column types that keep values exact across the SQLite boundary.

SQLite has no decimal type and a NUMERIC column would turn ``"0.10"`` into a binary float, so
scores and money are stored as decimal text. Timestamps are stored as ISO-8601 text in UTC
because they take part in the audit hash chain and must read back bit-for-bit.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """``decimal.Decimal`` stored as its plain decimal string (``Decimal("0.10")`` → ``"0.10"``).

    Floats are refused: a float reaching this column means a score has already passed through
    binary floating point somewhere, which is a bug to fix at its source, not to round here.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise TypeError(f"DecimalText needs a Decimal, got {type(value).__name__}: {value!r}")
        value = Decimal(value)
        if not value.is_finite():
            raise ValueError(f"DecimalText cannot store {value}")
        # Fixed-point text ("100", "0.10"), never exponent form, so people reading the file
        # with any SQLite tool see the number as they entered it.
        return format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC ISO-8601 text with microseconds."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            # A naive time is ambiguous between the reviewer's local time and UTC.
            raise TypeError(f"UtcDateTime needs a timezone-aware datetime, got {value!r}")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)


def canonical_json(value: Any) -> str:
    """The one JSON spelling used for stored documents and for hashing.

    Keys sorted and no spaces so the same content always gives the same text; Chinese kept as
    is (``ensure_ascii=False``) so the database stays readable. ``Decimal`` becomes its decimal
    string; floats are refused because scores and money must never be floats.
    """
    _refuse_floats(value)
    return json.dumps(
        value,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
        default=_json_default,
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable: {value!r}")


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError(f"floating-point number {value!r} must be stored as a decimal string")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _refuse_floats(item)


class JsonText(TypeDecorator[Any]):
    """A JSON document stored as canonical text (see :func:`canonical_json`).

    Values are treated as immutable: assign a new list/dict to change one, in-place edits are
    not tracked.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return canonical_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value)
