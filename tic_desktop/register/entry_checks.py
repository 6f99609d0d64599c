"""Checking what a person entered for the register, before anything is written.

Bad input (a person's mistake) is refused with :class:`~tic_desktop.errors.InputError` naming the
center and the field, with Chinese and English messages.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict

from tic_desktop.catalogue import Said, t
from tic_desktop.errors import InputError
from tic_desktop.rules.uscc import normalise_uscc, uscc_problem

MAX_PREPARATION_YEARS = 5
EARLIEST_APPROVAL_YEAR = 2000

_USCC_PROBLEMS = {
    "length": t("must have 18 characters"),
    "characters": t("has characters outside GB 32100 (no I, O, Z, S, V)"),
    "division": t("characters 3–8 must be the division code"),
    "check_character": t("check character does not match"),
}


def refuse(center_id: str, field: str, problem: Said) -> InputError:
    return InputError(center_id or "—", field, problem)


def checked_text(center_id: str, field: str, value: object, max_length: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise refuse(center_id, field, t("must not be empty"))
    value = value.strip()
    if len(value) > max_length:
        raise refuse(
            center_id,
            field,
            t("must be at most {max_length} characters", max_length=max_length),
        )
    return value


def checked_day(center_id: str, field: str, value: object, today: date) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise refuse(center_id, field, t("must be a date"))
    if value > today:
        raise refuse(
            center_id,
            field,
            t("{day} is after today ({today})", day=value.isoformat(), today=today.isoformat()),
        )
    return value


def checked_year(center_id: str, field: str, value: object, first: int, last: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not first <= value <= last:
        raise refuse(
            center_id,
            field,
            t("must be a year from {first} to {last}", first=first, last=last),
        )
    return value


class CenterFields(TypedDict):
    """A center's own fields as :func:`center_fields` checks them
    (the columns they are kept in)."""

    name: str
    lead_unit: str
    lead_uscc: str
    field: str
    approved_on: date
    preparation_years: int


def center_fields(
    center_id: str,
    name: str,
    lead_unit: str,
    lead_uscc: str,
    field: str,
    approved_on: date,
    preparation_years: int,
    today: date,
) -> CenterFields:
    """A center's own fields, checked and normalised (as stored), or :class:`InputError`."""
    name = checked_text(center_id, "name", name)
    lead_unit = checked_text(center_id, "lead_unit", lead_unit)
    code = normalise_uscc(lead_uscc if isinstance(lead_uscc, str) else None) or ""
    problem = uscc_problem(code)
    if problem is not None:
        raise refuse(
            center_id,
            "lead_uscc",
            t(
                "unified social credit code {code} {problem}",
                code=code or t("(empty)"),
                problem=_USCC_PROBLEMS[problem],
            ),
        )
    field = checked_text(center_id, "field", field)
    approved_on = checked_day(center_id, "approved_on", approved_on, today)
    if approved_on.year < EARLIEST_APPROVAL_YEAR:
        raise refuse(
            center_id,
            "approved_on",
            t("before {year}", year=EARLIEST_APPROVAL_YEAR),
        )
    if (
        isinstance(preparation_years, bool)
        or not isinstance(preparation_years, int)
        or not 1 <= preparation_years <= MAX_PREPARATION_YEARS
    ):
        raise refuse(
            center_id,
            "preparation_years",
            t(
                "the preparation period must be 1 to {most} years (generally 2)",
                most=MAX_PREPARATION_YEARS,
            ),
        )
    return CenterFields(
        name=name,
        lead_unit=lead_unit,
        lead_uscc=code,
        field=field,
        approved_on=approved_on,
        preparation_years=preparation_years,
    )
