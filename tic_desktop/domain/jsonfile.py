"""Reading the bureau's JSON files strictly, with errors that name file and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tic_desktop.domain.decimals import JsonFloat
from tic_desktop.errors import InputError

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
    """Parse a JSON file: no duplicate keys, no NaN/Infinity, fractions kept exact."""
    shown = display_name or str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(shown, None, "文件不存在", "file not found") from None
    except OSError as exc:
        raise InputError(shown, None, f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})") from None
    if path.is_dir():
        raise InputError(shown, None, "这是一个文件夹，不是 JSON 文件", "is a folder, not a JSON file")
    if size > MAX_JSON_BYTES:
        raise InputError(shown, None, "文件过大", f"file too large ({size} bytes)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(shown, None, "文件不是 UTF-8 编码", "file is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(shown, None, f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})") from None
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_float=JsonFloat,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            shown, None,
            f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）",
            f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(shown, None, f"JSON 内容无效（{exc}）", f"invalid JSON ({exc})") from None


def field_path(location: tuple[Any, ...]) -> str:
    """``('finance', 2, 'rd_expense')`` -> ``finance[2].rd_expense``."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(根对象 / root)"


_PROBLEMS_ZH = {
    "missing": "缺少必填字段",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表",
    "model_type": "应为对象",
    "dict_type": "应为对象",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "too_short": "内容过少",
    "string_too_short": "不能为空",
}


def validate(model: type[Model], data: Any, shown: str) -> Model:
    """Validate ``data`` as ``model``; the first error becomes an InputError naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        location = tuple(p for p in error["loc"] if p not in ("function-after",))
        kind = error["type"]
        detail = error["msg"]
        if kind == "value_error":
            detail = detail.removeprefix("Value error, ")
            # Our validators write "中文 | English"; pydantic's own messages are English only.
            zh_part, _, en_part = detail.partition(" | ")
            if en_part:
                raise InputError(shown, field_path(location), zh_part, en_part) from None
        if kind == "literal_error":
            expected = error.get("ctx", {}).get("expected", "")
            zh = f"取值 {error.get('input')!r} 不在允许范围内（允许：{expected}）"
            en = f"value {error.get('input')!r} is not allowed (expected {expected})"
        else:
            zh = _PROBLEMS_ZH.get(kind, detail) if kind != "value_error" else detail
            en = detail
            if kind != "missing" and "input" in error and kind != "value_error":
                en = f"{detail}, got {error['input']!r}"
                zh = f"{zh}，实际为 {error['input']!r}"
        raise InputError(shown, field_path(location), zh, en) from None
