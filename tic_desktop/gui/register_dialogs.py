"""Forms of the center register: add a center, record an annual report or an evaluation, revoke.

Each form hands its values to a ``save`` callback (a :mod:`tic_desktop.register.store` call);
when the store refuses them the reason is shown in the form, which stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.errors import TicError
from tic_desktop.register.domain import (
    CLAUSE_TEXT,
    KIND_TEXT,
    RESULT_TEXT,
    Center,
    EvaluationKind,
    EvaluationResult,
    RevocationClause,
)

ERROR_STYLE = "color: #842029; background: #f8d7da; padding: 6px;"


def _date_edit(day: date, accessible_name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(accessible_name)
    return edit


def _year_spin(value: int, first: int, last: int, accessible_name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(first, last)
    spin.setValue(min(max(value, first), last))
    spin.setAccessibleName(accessible_name)
    return spin


class RegisterForm(QDialog):
    """A form whose values the store checks: refused input is explained in place."""

    saved = Signal(object)
    """The store accepted the form: the updated Center."""
    refused = Signal(str)
    """The store refused the form: the message shown."""

    def __init__(self, title: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.save: Callable[[], Center] | None = None
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def submit(self) -> None:
        """Save through the store; on a refusal show why and keep the form open."""
        assert self.save is not None, "the window sets save before opening the form"
        try:
            center = self.save()
        except TicError as error:
            text = error.message(self.language)
            self.error.setText(text)
            self.error.show()
            self.refused.emit(text)
            return
        self.saved.emit(center)
        self.accept()


class CenterForm(RegisterForm):
    """A newly approved center (第八条（组建程序）（四）: approved when the list is published)."""

    def __init__(self, language: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add an approved center"), language, parent)
        self.center_id = QLineEdit()
        self.name = QLineEdit()
        self.lead_unit = QLineEdit()
        self.lead_uscc = QLineEdit()
        self.lead_uscc.setMaxLength(18)
        self.field = QLineEdit()
        self.approved_on = _date_edit(today, self.tr("Approval date"))
        self.preparation_years = _year_spin(2, 1, 5, self.tr("Preparation period in years"))
        self.preparation_years.setSuffix(self.tr(" years"))
        rows = ((self.tr("Center &number:"), self.center_id, self.tr("Center number")),
                (self.tr("Center &name:"), self.name, self.tr("Center name")),
                (self.tr("&Lead unit:"), self.lead_unit, self.tr("Lead unit")),
                (self.tr("Lead unit's &USCC:"), self.lead_uscc, self.tr("Unified social credit code of the lead unit")),
                (self.tr("&Field:"), self.field, self.tr("Technical field")),
                (self.tr("&Approved on:"), self.approved_on, None),
                (self.tr("&Preparation period:"), self.preparation_years, None))
        for label, widget, name in rows:
            if name:
                widget.setAccessibleName(name)
            self.form.addRow(label, widget)
        hint = QLabel(self.tr("The approval date is the day the bureau published the list of approved centers; "
                              "the preparation period is generally two years (Art. 8, procedure, item 4)."))
        hint.setWordWrap(True)
        self.form.addRow(hint)

    def values(self) -> dict:
        return dict(center_id=self.center_id.text(), name=self.name.text(), lead_unit=self.lead_unit.text(),
                    lead_uscc=self.lead_uscc.text(), field=self.field.text(),
                    approved_on=self.approved_on.date().toPython(),
                    preparation_years=self.preparation_years.value())


class ReportForm(RegisterForm):
    """The annual report for a year (第十七条), received on a date."""

    def __init__(self, center: Center, language: str, today: date, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record an annual report — %1").replace("%1", center.name), language, parent)
        self.year = _year_spin(year, center.approved_on.year, max(today.year - 1, center.approved_on.year),
                               self.tr("Report year"))
        self.received_on = _date_edit(today, self.tr("Date received"))
        self.form.addRow(self.tr("Report for &year:"), self.year)
        self.form.addRow(self.tr("&Received on:"), self.received_on)

    def values(self) -> dict:
        return dict(year=self.year.value(), received_on=self.received_on.date().toPython())


class EvaluationForm(RegisterForm):
    """An evaluation result (第二十条、第二十二条); 无故不参加 counts under 第十九条（二）."""

    def __init__(self, center: Center, language: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record an evaluation — %1").replace("%1", center.name), language, parent)
        self.kind = QComboBox()
        for kind in EvaluationKind:
            self.kind.addItem(KIND_TEXT[kind].get(language), kind.value)
        if center.admission() is not None:
            self.kind.setCurrentIndex(self.kind.findData(EvaluationKind.BIENNIAL.value))
        self.kind.setAccessibleName(self.tr("Kind of evaluation"))
        self.year = _year_spin(today.year, center.approved_on.year, today.year, self.tr("Evaluation year"))
        self.result = QComboBox()
        for result in EvaluationResult:
            self.result.addItem(RESULT_TEXT[result].get(language), result.value)
        self.result.setCurrentIndex(self.result.findData(EvaluationResult.PASS.value))
        self.result.setAccessibleName(self.tr("Result"))
        self.form.addRow(self.tr("&Kind:"), self.kind)
        self.form.addRow(self.tr("&Year:"), self.year)
        self.form.addRow(self.tr("R&esult:"), self.result)

    def values(self) -> dict:
        return dict(kind=self.kind.currentData(), year=self.year.value(), result=self.result.currentData())


class RevocationForm(RegisterForm):
    """The bureau's revocation decision, the clause it rests on and its reason or document number."""

    def __init__(self, center: Center, language: str, today: date, suggested: RevocationClause | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Revoke — %1").replace("%1", center.name), language, parent)
        self.revoked_on = _date_edit(today, self.tr("Date of the decision"))
        self.clause = QComboBox()
        for clause in RevocationClause:
            self.clause.addItem(CLAUSE_TEXT[clause].get(language), clause.value)
        if suggested is not None:
            self.clause.setCurrentIndex(self.clause.findData(suggested.value))
        self.clause.setAccessibleName(self.tr("Clause"))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(self.tr("Reason or document number"))
        self.note.setFixedHeight(90)
        self.form.addRow(self.tr("&Decided on:"), self.revoked_on)
        self.form.addRow(self.tr("&Clause:"), self.clause)
        self.form.addRow(self.tr("&Reason / document no.:"), self.note)

    def values(self) -> dict:
        return dict(revoked_on=self.revoked_on.date().toPython(), clause=self.clause.currentData(),
                    note=self.note.toPlainText())
