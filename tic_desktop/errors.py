"""Errors a person can cause, with a message for people in Chinese and English.

Bugs are not ``TicError``; they propagate and become exit code 1 / a crash dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tic_desktop.catalogue import InLanguage, Said, Text, t


def _rebuilt(kind: type[TicError], args: tuple[object, ...], state: dict[str, Any]) -> TicError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class TicError(Exception):
    """An error the user can fix, with its message for people in Chinese and English.

    Raised with a :class:`~tic_desktop.catalogue.Text`: ``TicError(t("English {x}", x=x))``, the
    Chinese in the core's catalogue (tic_desktop/catalogue.py).
    """

    def __reduce__(self) -> tuple[Callable[..., TicError], tuple[object, ...]]:
        # Errors cross from worker processes (scrypt, decryption) to the window: pickle them whole,
        # whatever a subclass's constructor takes; the default would call it with the message only.
        return _rebuilt, (type(self), self.args, dict(self.__dict__))

    def __init__(self, text: Said) -> None:
        self.text = text
        super().__init__(text.in_language("zh"))

    message_zh = InLanguage("text", "zh")
    message_en = InLanguage("text", "en")

    def message(self, lang: str = "zh") -> str:
        return self.text.in_language(lang)

    def __str__(self) -> str:
        return f"{self.message_zh}\n{self.message_en}"


class InputError(TicError):
    """Bad input data: names the file and the field path at fault."""

    def __init__(self, file: str, field: str | None, problem: Said) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        where = t("{file}, field {field}", file=file, field=field) if field else file
        super().__init__(t("Invalid input: {where}: {problem}", where=where, problem=problem))

    problem_zh = InLanguage("problem", "zh")
    problem_en = InLanguage("problem", "en")


class DatabaseError(TicError):
    """The local database cannot be used as it is (newer schema, corrupt, disk full)."""


class Refusal(ValueError):
    """A domain validator's refusal of a value, said as a :class:`~tic_desktop.catalogue.Text`.

    Pydantic turns a ``ValueError`` raised in a validator into a validation error and keeps the
    exception (``ctx["error"]``): :func:`tic_desktop.domain.jsonfile.validate` says its Text.
    ``str()`` is ``"中文 | English"``, the form bureau/excel_reading.py reads from the message.
    """

    def __init__(self, text: Text) -> None:
        super().__init__(f"{text.zh} | {text.en}")
        self.text = text
