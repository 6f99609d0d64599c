"""Figures as shown in tables and sentences (tic_desktop/rules/display.py)."""

from __future__ import annotations

import pytest

from tic_desktop.rules.display import message_figure, shown_value


def test_money_is_grouped_with_its_places() -> None:
    assert shown_value("rd.expense_total", "10200000.00") == "10,200,000.00 元"
    assert shown_value("rd.expense_total", "10200000", "en") == "10,200,000 yuan"
    assert message_figure("premises.equipment_value", "5000000.5") == "5,000,000.5"


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "-Infinity", "n/a"])
def test_money_that_is_not_a_finite_number_is_shown_as_given(text: str) -> None:
    # Decimal('NaN').as_tuple().exponent is 'n' (and 'F' for infinity): comparing it with 0
    # raised TypeError before issue #13's type check found it.
    assert message_figure("rd.expense_total", text) == text
