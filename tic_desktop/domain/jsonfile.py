"""Reading the bureau's JSON files strictly, with errors that name file and field."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tic_desktop.catalogue import Text, t, tc
from tic_desktop.domain.decimals import JsonFloat
from tic_desktop.domain.files import read_regular_file
from tic_desktop.errors import InputError, Refusal

MAX_JSON_BYTES = 20 * 1024 * 1024
Model = TypeVar("Model", bound=BaseModel)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def read_json(path: Path, display_name: str | None = None) -> Any:
    """Parse a JSON file: no duplicate keys, no NaN/Infinity, fractions kept exact.

    Only a regular file is opened (a FIFO or a device would block or never end), and no text may
    hold a lone surrogate (``"\\ud800"``): it cannot be written out as UTF-8 again.
    """
    shown = display_name or str(path)
    data = read_regular_file(path, shown, MAX_JSON_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(shown, None, t("file is not UTF-8 text")) from None
    try:
        parsed = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_float=JsonFloat,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            shown,
            None,
            t(
                "malformed JSON (line {line}, column {column}: {problem})",
                line=exc.lineno,
                column=exc.colno,
                problem=exc.msg,
            ),
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(shown, None, t("invalid JSON ({error})", error=str(exc))) from None
    except (
        ArithmeticError
    ):  # decimal.InvalidOperation: a number like 1e99999999999999999999 that Decimal cannot hold
        raise InputError(shown, None, t("a number in the JSON is out of range")) from None
    if _MAYBE_SURROGATE.search(text):  # only a \uD800-\uDFFF escape can make one
        _refuse_lone_surrogates(parsed, (), shown)
    return parsed


_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refuse_lone_surrogates(value: Any, location: tuple[Any, ...], shown: str) -> None:
    """InputError at the first text (value or key) holding a lone surrogate, depth first."""
    pending = [(value, location)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, str):
            if _has_lone_surrogate(item):
                raise InputError(
                    shown,
                    field_path(where),
                    t(
                        "the text holds an invalid Unicode character "
                        "(a lone surrogate such as \\ud800)"
                    ),
                )
        elif isinstance(item, dict):
            for key, inner in reversed(list(item.items())):
                if _has_lone_surrogate(key):
                    raise InputError(
                        shown,
                        field_path(where) or None,
                        t("a key holds an invalid Unicode character (a lone surrogate)"),
                    )
                pending.append((inner, (*where, key)))
        elif isinstance(item, list):
            pending.extend((inner, (*where, i)) for i, inner in reversed(list(enumerate(item))))


def field_path(location: tuple[Any, ...]) -> str | None:
    """``('finance', 2, 'rd_expense')`` -> ``finance[2].rd_expense``; None for the whole file."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or None


def _shown_input(value: Any) -> str:
    """How a wrong value is quoted back to people: as it was written, not as a Python repr."""
    if isinstance(value, Decimal):
        # 1e999999999 written out in full ("f") would be a billion digits: keep the exponent then
        text = (
            format(value, "f") if value.is_finite() and -60 < value.adjusted() < 60 else str(value)
        )
        return text if len(text) <= 60 else text[:57] + "…"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_EXPECTED = {
    "string_type": tc("expected JSON value", "text"),
    "int_type": tc("expected JSON value", "a whole number"),
    "bool_type": tc("expected JSON value", "true or false"),
    "list_type": tc("expected JSON value", "a list [...]"),
    "model_type": tc("expected JSON value", "an object {{...}}"),
    "dict_type": tc("expected JSON value", "an object {{...}}"),
    "model_attributes_type": tc("expected JSON value", "an object {{...}}"),
}


def _explained(kind: str, ctx: dict[str, Any], value: Any) -> Text:
    """What is wrong with ``value``, after pydantic's error ``kind`` and its ``ctx``."""
    shown = _shown_input(value)
    if kind == "missing":
        return t("required field is missing")
    if kind == "literal_error":
        allowed = [
            p.strip().strip("'") for p in ctx.get("expected", "").replace(" or ", ", ").split(",")
        ]
        return t(
            "value {shown} is not allowed (allowed: {allowed})",
            shown=shown,
            allowed=", ".join(allowed),
            allowed_zh="、".join(allowed),
        )
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return t("value {shown} is too small (at least {bound})", shown=shown, bound=bound)
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return t("value {shown} is too large (at most {bound})", shown=shown, bound=bound)
    if kind in ("too_short", "string_too_short"):
        return t("must not be empty")
    expected = _EXPECTED.get(kind)
    if expected:
        return t("expected {expected}, got {shown}", expected=expected, shown=shown)
    return t("invalid value {shown}", shown=shown)


def _explain(kind: str, ctx: dict[str, Any], value: Any) -> tuple[str, str]:
    """:func:`_explained` as ``(zh, en)``, as bureau/excel_reading.py takes it."""
    return _explained(kind, ctx, value).pair()


def validate(model: type[Model], data: Any, shown: str) -> Model:
    """Validate ``data`` as ``model``; the first error becomes an InputError naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        location = tuple(p for p in error["loc"] if p not in ("function-after",))
        kind = error["type"]
        ctx = error.get("ctx") or {}
        refusal = ctx.get("error") if kind == "value_error" else None
        if isinstance(refusal, Refusal):  # our validators say why
            raise InputError(shown, field_path(location), refusal.text) from None
        problem = _explained(kind, ctx, error.get("input"))
        raise InputError(shown, field_path(location), problem) from None
