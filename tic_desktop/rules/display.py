"""Figures as people read them: thousands separators and units, for tables and detail panes.

The JSON output keeps the plain values (a contract); only what people read is dressed up.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tic_desktop.catalogue import t, tc
from tic_desktop.rules.messages import VALUE_LABELS, label, pairs

_UNITS: dict[str, tuple[str, str]] = pairs(
    {
        "rd.expense_total": tc("unit of a figure", " yuan"),
        "premises.equipment_value": tc("unit of a figure", " yuan"),
        "rd.expense_ratio": tc("unit of a figure", "%"),
        "cobuild.lead_share": tc("unit of a figure", "%"),
        "premises.rd_space": tc("unit of a figure", " m²"),
        "team.full_time_staff": tc("unit of a figure", " people"),
        "transfer.cases": tc("unit of a figure", " cases"),
        "cobuild.count": tc("unit of a figure", " co-builders"),
        "cobuild.agreement": tc("unit of a figure", " unsigned"),
        "compliance.incidents": tc("unit of a figure", " incidents"),
        "committee.host_share": tc("unit of a figure", " members"),
        "panel.host_share": tc("unit of a figure", " members"),
        "panel.quorum": tc("unit of a figure", " members"),
    }
)
_LIACHENG_DIVISION = t("3715xx (Liaocheng)")
_MONEY = {"rd.expense_total", "premises.equipment_value"}


def _grouped(text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: no digits to group
        return text
    places = -exponent if exponent < 0 else 0
    return f"{number:,.{places}f}"


def shown_value(check_id: str, value: str | None, lang: str = "zh") -> str:
    """``('rd.expense_total', '10200000.00')`` -> ``'10,200,000.00 元'``."""
    if value is None or value == "":
        return ""
    if value in VALUE_LABELS:
        return label(VALUE_LABELS, value, lang)
    if check_id == "lead_unit.registered_locally" and value == "3715":
        return _LIACHENG_DIVISION.in_language(lang)
    unit_zh, unit_en = _UNITS.get(check_id, ("", ""))
    number = _grouped(value) if check_id in _MONEY else value
    return f"{number}{unit_en if lang == 'en' else unit_zh}"


def message_figure(check_id: str, value: str | None) -> str | None:
    """Money in sentences gets thousands separators too (the unit is in the sentence)."""
    return _grouped(value) if value and check_id in _MONEY else value
