"""The scoring form's score box, and what the text typed into it means.

:class:`ScoreEntry` keeps exactly the text typed into it and steps it by the rubric's step, never
rounding or clamping what was typed; :func:`parse_score` reads that text as the number a person
meant (full-width digits, the Chinese full stop), exactly, with ``decimal.Decimal``;
:func:`read_score` also checks it against the rubric (``ExpertDesk.check_score``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWidget

from tic_desktop.errors import InputError

if TYPE_CHECKING:
    from tic_desktop.expert.desk import ExpertDesk

NOT_A_NUMBER = "请输入数字，例如 17.5"
"""Why a box whose text is not a number is not saved (shown at the box)."""

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_score(text: str) -> Decimal | None:
    """The number a person typed, exactly (``None`` for an empty box); ``ValueError`` if not a
    number.

    Full-width digits and the Chinese full stop are read as the digits and point they stand for;
    exponents, ``NaN`` and thousands separators are not numbers here.
    """
    plain = unicodedata.normalize("NFKC", text).strip().replace("。", ".")
    if not plain:
        return None
    if not _NUMBER.fullmatch(plain):
        raise ValueError(text)
    return Decimal(plain)


def read_score(desk: ExpertDesk, criterion_id: str, text: str) -> tuple[Decimal | None, str | None]:
    """(value, None) for a valid score or an empty box (value ``None``), (None, the reason in
    Chinese) for text that is not a number or a score the rubric refuses."""
    try:
        value = parse_score(text)
    except ValueError:
        return None, NOT_A_NUMBER
    if value is None:
        return None, None
    try:
        desk.check_score(criterion_id, value)
    except InputError as error:
        return None, error.problem_zh
    return value, None


class ScoreEntry(QAbstractSpinBox):
    """A score box that keeps the typed text as it is; Up/Down (and the arrows) step by the rubric's
    step.

    The mouse wheel steps it only while it has the focus (``wheel_guard``).
    """

    def __init__(self, step: Decimal, maximum: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step, self.max = step, maximum
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(130)

    def text(self) -> str:
        """The text as typed (no prefix, no suffix, nothing rounded)."""
        return self.lineEdit().text()

    def setText(self, text: str) -> None:
        self.lineEdit().setText(text)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.isReadOnly():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        return (
            QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
            | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        )

    def stepBy(self, steps: int) -> None:
        """One step up from an empty box is 0; one step down from 0 empties it (not scored)."""
        try:
            value = parse_score(self.text())
        except ValueError:
            return  # not a number: leave the text for the person to correct
        if value is None:
            if steps <= 0:
                return
            value, steps = Decimal(0), steps - 1
        elif value <= 0 and steps < 0:
            self.setText("")
            return
        moved = value + steps * self.step
        rounding = ROUND_FLOOR if steps > 0 else ROUND_CEILING
        on_grid = (moved / self.step).to_integral_value(rounding) * self.step
        new = min(max(on_grid, Decimal(0)), self.max)
        self.setText(format(new.quantize(self.step), "f"))

    # Old name kept for scripts (tools/crash_test.py, tools/screenshots_expert.py) and tests.
    def setValue(self, value) -> None:
        """Type ``value`` (a number or text) into the box and leave it, as a person would."""
        self.setText(value if isinstance(value, str) else str(value))
        self.editingFinished.emit()

    def maximum(self) -> float:
        return float(self.max)

    def singleStep(self) -> float:
        return float(self.step)
