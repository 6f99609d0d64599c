"""Errors a person can cause, with a message for people in Chinese and English.

Bugs are not ``TicError``; they propagate and become exit code 1 / a crash dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _rebuilt(kind: type[TicError], args: tuple[object, ...], state: dict[str, Any]) -> TicError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class TicError(Exception):
    """An error the user can fix, carrying a Chinese and an English message."""

    def __reduce__(self) -> tuple[Callable[..., TicError], tuple[object, ...]]:
        # Errors cross from worker processes (scrypt, decryption) to the window: pickle them whole,
        # whatever a subclass's constructor takes; the default would call it with the message only.
        return _rebuilt, (type(self), self.args, dict(self.__dict__))

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def __str__(self) -> str:
        return f"{self.message_zh}\n{self.message_en}"


class InputError(TicError):
    """Bad input data: names the file and the field path at fault."""

    def __init__(self, file: str, field: str | None, problem_zh: str, problem_en: str) -> None:
        self.file = file
        self.field = field
        where_zh = f"{file}" + (f"，字段 {field}" if field else "")
        where_en = f"{file}" + (f", field {field}" if field else "")
        super().__init__(
            f"输入有误：{where_zh}：{problem_zh}", f"Invalid input: {where_en}: {problem_en}"
        )
        self.problem_zh = problem_zh
        self.problem_en = problem_en


class DatabaseError(TicError):
    """The local database cannot be used as it is (newer schema, corrupt, disk full)."""
