"""Forms of the center register: add a center, record an annual report or an evaluation, revoke.

Each form hands its values to a ``save`` callback (a :mod:`tic_desktop.register.store` call);
when the store refuses them the reason is shown under the field at fault, named by the field's
label (the store's field path, e.g. ``lead_uscc``, is for the CLI and logs), and the form stays
open with what was typed. Required fields are marked with "*". A form may ask for confirmation
before saving (``warning``), e.g. when another center has the same lead unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.errors import InputError, TicError
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
FIELD_ERROR_STYLE = "color: #842029;"
INVALID_STYLE = "border: 2px solid #b02a37;"
REQUIRED_MARK = "* "
FORM_WIDTH = 540


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    """The date chosen in ``edit`` (QDate.toPython() is typed as returning object)."""
    day = edit.date().toPython()
    assert isinstance(day, date)
    return day


def _date_edit(day: date, accessible_name: str) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
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


def plain_label(label: str) -> str:
    """A form label as a name in a message: "技术领域(&F)：" → "技术领域", "Lead unit's &USCC:" →
    "Lead unit's USCC"."""
    text = re.sub(r"\(&.\)", "", label).replace("&", "")
    return text.removeprefix(REQUIRED_MARK).strip().rstrip(":：").strip()


class RegisterForm(QDialog):
    """A form whose values the store checks: refused input is explained at the field."""

    saved = Signal(object)
    """The store accepted the form: the updated Center."""
    refused = Signal(str)
    """The store refused the form: the message shown (naming the field by its label)."""
    confirmation_requested = Signal(object)
    """A warning asks whether to save anyway: the (window-modal, open) QMessageBox."""

    def __init__(self, title: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.save: Callable[[], Center] | None = None
        self.warning: Callable[[], str | None] | None = None
        """Called before saving; a text means: ask the person to confirm first."""
        self.confirm_text = QCoreApplication.translate("RegisterForm", "&Save anyway")
        """The button that confirms the warning: named for what it does."""
        self.required: set[str] = set()
        self.fields: dict[str, tuple[str, QWidget, QLabel]] = {}
        """Store field path → (label as shown in messages, widget, the error label under it)."""
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        # The dialog grows with its word-wrapped texts (an error appearing must not squeeze the
        # hint).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        # The width the dialog wants (a minimum size set on the dialog itself would be overridden by
        # the size constraint above).
        layout.addSpacerItem(
            QSpacerItem(FORM_WIDTH, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        )
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.notes = QVBoxLayout()
        layout.addLayout(self.notes)
        self.required_note = QLabel(QCoreApplication.translate("RegisterForm", "* Required"))
        self.required_note.hide()
        layout.addWidget(self.required_note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- building ------------------------------------------------------------------------------
    def add_field(
        self,
        key: str,
        label: str,
        widget: QWidget,
        accessible_name: str | None = None,
        required: bool = False,
    ) -> None:
        """A row ``label`` (with its mnemonic) → ``widget``, for the store's field ``key``, and a
        hidden error line under it."""
        if accessible_name:
            widget.setAccessibleName(accessible_name)
        if required:
            self.required.add(key)
            self.required_note.show()
            widget.setAccessibleDescription(QCoreApplication.translate("RegisterForm", "Required"))
        self.form.addRow(REQUIRED_MARK + label if required else label, widget)
        error = QLabel()
        error.setWordWrap(True)
        error.setStyleSheet(FIELD_ERROR_STYLE)
        self.form.addRow("", error)
        self.form.setRowVisible(error, False)
        self.fields[key] = (plain_label(label), widget, error)

    def add_note(self, text: str) -> QLabel:
        """An explanation under the fields, wrapped to the dialog's width."""
        note = QLabel(text)
        note.setWordWrap(True)
        self.notes.addWidget(note)
        return note

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fields and not event.spontaneous():
            # Typing starts in the first field, not on Save (the buttons come first in the tab
            # chain).
            next(iter(self.fields.values()))[1].setFocus()

    # --- saving --------------------------------------------------------------------------------
    def submit(self) -> None:
        """Save through the store (after a confirmation if a warning applies); on a refusal show
        why."""
        self.clear_errors()
        question = self.warning() if self.warning is not None else None
        if question:
            self._confirm(question)
            return
        self._save_now()

    def _confirm(self, question: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.windowTitle(),
            question,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        save = box.button(QMessageBox.StandardButton.Save)
        save.setText(self.confirm_text)

        def answered(_result: int) -> None:
            box.deleteLater()
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Save):
                self._save_now()

        box.finished.connect(answered)
        box.open()
        self.confirmation_requested.emit(box)

    def _save_now(self) -> None:
        assert self.save is not None, "the window sets save before opening the form"
        try:
            center = self.save()
        except InputError as error:
            problem = error.problem_en if self.language == "en" else error.problem_zh
            self.show_error(self.describe(error), error.field, problem)
            return
        except TicError as error:
            self.show_error(error.message(self.language))
            return
        self.saved.emit(center)
        self.accept()

    def describe(self, error: InputError) -> str:
        """The store's refusal in words for this form: the field's label, not its path."""
        problem = error.problem_en if self.language == "en" else error.problem_zh
        if error.field in self.fields:
            label = self.fields[error.field][0]
            return f"{label}: {problem}" if self.language == "en" else f"{label}：{problem}"
        return problem

    def show_error(self, text: str, field: str | None = None, problem: str | None = None) -> None:
        """Show ``text`` at the bottom, and ``problem`` under the field it concerns (which gets the
        focus)."""
        if field in self.fields:
            _, widget, error = self.fields[field]
            error.setText(problem or text)
            self.form.setRowVisible(error, True)
            widget.setStyleSheet(INVALID_STYLE)
            widget.setAccessibleDescription(text)
            widget.setFocus()
        self.error.setText(text)
        self.error.show()
        layout = self.layout()  # the QVBoxLayout made in __init__
        if layout is not None:
            layout.activate()  # grow now, so the new lines never overlap the hint
        self.refused.emit(text)

    def clear_errors(self) -> None:
        self.error.hide()
        for key, (_, widget, error) in self.fields.items():
            if error.text():
                error.clear()
                self.form.setRowVisible(error, False)
                widget.setStyleSheet("")
                required = QCoreApplication.translate("RegisterForm", "Required")
                widget.setAccessibleDescription(required if key in self.required else "")


class CenterForm(RegisterForm):
    """A newly approved center (第八条（组建程序）（四）: approved when the list is published), or,
    given ``center``, a correction of its fields with the reason (what they were is kept)."""

    def __init__(
        self,
        language: str,
        today: date,
        parent: QWidget | None = None,
        center: Center | None = None,
    ) -> None:
        super().__init__(
            self.tr("Add an approved center")
            if center is None
            else self.tr("Correct the center — %1").replace("%1", center.name),
            language,
            parent,
        )
        self.editing = center
        self.center_id = QLineEdit()
        self.name = QLineEdit()
        self.lead_unit = QLineEdit()
        self.lead_uscc = QLineEdit()
        self.lead_uscc.setMaxLength(18)
        self.field = QLineEdit()
        self.approved_on = _date_edit(today, self.tr("Approval date"))
        self.preparation_years = _year_spin(2, 1, 5, self.tr("Preparation period in years"))
        self.preparation_years.setSuffix(self.tr(" years"))
        self.add_field(
            "center_id", self.tr("Center &number:"), self.center_id, self.tr("Center number"), True
        )
        self.add_field("name", self.tr("Center &name:"), self.name, self.tr("Center name"), True)
        self.add_field(
            "lead_unit", self.tr("&Lead unit:"), self.lead_unit, self.tr("Lead unit"), True
        )
        self.add_field(
            "lead_uscc",
            self.tr("Lead unit's &USCC:"),
            self.lead_uscc,
            self.tr("Unified social credit code of the lead unit"),
            True,
        )
        self.add_field("field", self.tr("&Field:"), self.field, self.tr("Technical field"), True)
        self.add_field("approved_on", self.tr("&Approved on:"), self.approved_on, None, True)
        self.add_field("preparation_years", self.tr("&Preparation period:"), self.preparation_years)
        self.hint = self.add_note(
            self.tr(
                "The approval date is the day the bureau published the list of approved centers; "
                "the preparation period is generally two years (Art. 8, procedure, item 4)."
            )
        )
        self.reason = QLineEdit()
        if center is not None:
            self.center_id.setText(center.id)
            self.center_id.setReadOnly(True)  # records and documents refer to it
            self.name.setText(center.name)
            self.lead_unit.setText(center.lead_unit)
            self.lead_uscc.setText(center.lead_uscc)
            self.field.setText(center.field)
            self.approved_on.setDate(_qdate(center.approved_on))
            self.preparation_years.setValue(center.preparation_years)
            self.add_field(
                "reason",
                self.tr("Reason for the &correction:"),
                self.reason,
                self.tr("Reason for the correction"),
                True,
            )
            self.add_note(
                self.tr("The fields as they were are kept in the center's history with the reason.")
            )

    def values(self) -> dict:
        if self.editing is not None:
            return dict(
                center_id=self.editing.id,
                name=self.name.text(),
                lead_unit=self.lead_unit.text(),
                lead_uscc=self.lead_uscc.text(),
                field=self.field.text(),
                approved_on=self.approved_on.date().toPython(),
                preparation_years=self.preparation_years.value(),
                reason=self.reason.text(),
            )
        return dict(
            center_id=self.center_id.text(),
            name=self.name.text(),
            lead_unit=self.lead_unit.text(),
            lead_uscc=self.lead_uscc.text(),
            field=self.field.text(),
            approved_on=self.approved_on.date().toPython(),
            preparation_years=self.preparation_years.value(),
        )


class ReportForm(RegisterForm):
    """The annual report for a year (第十七条), received on a date."""

    def __init__(
        self, center: Center, language: str, today: date, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Record an annual report — %1").replace("%1", center.name), language, parent
        )
        self.year = _year_spin(
            year,
            center.approved_on.year,
            max(today.year - 1, center.approved_on.year),
            self.tr("Report year"),
        )
        self.received_on = _date_edit(today, self.tr("Date received"))
        self.add_field("year", self.tr("Report for &year:"), self.year, None, True)
        self.add_field("received_on", self.tr("&Received on:"), self.received_on, None, True)

    def values(self) -> dict:
        return dict(year=self.year.value(), received_on=self.received_on.date().toPython())


class EvaluationForm(RegisterForm):
    """An evaluation result (第二十条、第二十二条); 无故不参加 counts under 第十九条（二）."""

    # Hides QDialog.result() (the code the dialog closed with), which nothing calls on the form;
    # the register window's tests choose the grade by this name.
    result: QComboBox  # type: ignore[assignment]  # an attribute over QDialog's method

    def __init__(
        self, center: Center, language: str, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Record an evaluation — %1").replace("%1", center.name), language, parent
        )
        self.kind = QComboBox()
        for kind in EvaluationKind:
            self.kind.addItem(KIND_TEXT[kind].get(language), kind.value)
        if center.admission() is not None:
            self.kind.setCurrentIndex(self.kind.findData(EvaluationKind.BIENNIAL.value))
        self.year = _year_spin(
            today.year, center.approved_on.year, today.year, self.tr("Evaluation year")
        )
        self.result = QComboBox()
        self.result.addItem(self.tr("— Choose —"), None)  # no grade until the person picks one
        for result in EvaluationResult:
            self.result.addItem(RESULT_TEXT[result].get(language), result.value)
        self.result.setCurrentIndex(0)
        self.add_field("kind", self.tr("&Kind:"), self.kind, self.tr("Kind of evaluation"), True)
        self.add_field("year", self.tr("&Year:"), self.year, self.tr("Evaluation year"), True)
        self.add_field("result", self.tr("R&esult:"), self.result, self.tr("Result"), True)

    def values(self) -> dict:
        return dict(
            kind=self.kind.currentData(), year=self.year.value(), result=self.result.currentData()
        )


class RevocationForm(RegisterForm):
    """The bureau's decision to revoke (第十九条) or cancel the qualification (第二十二条), with its
    reason."""

    def __init__(
        self,
        center: Center,
        language: str,
        today: date,
        suggested: RevocationClause | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Revoke or cancel qualification — %1").replace("%1", center.name),
            language,
            parent,
        )
        self.revoked_on = _date_edit(today, self.tr("Date of the decision"))
        self.clause = QComboBox()
        self.clause.addItem(self.tr("— Choose —"), None)
        for clause in center.revocation_grounds():  # only what 第十九条 and 第二十二条 give
            self.clause.addItem(CLAUSE_TEXT[clause].get(language), clause.value)
        if suggested is not None and self.clause.findData(suggested.value) >= 0:
            self.clause.setCurrentIndex(self.clause.findData(suggested.value))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.add_field("revoked_on", self.tr("&Decided on:"), self.revoked_on, None, True)
        self.add_field("clause", self.tr("&Clause:"), self.clause, self.tr("Clause"), True)
        self.add_field(
            "note",
            self.tr("&Reason / document no.:"),
            self.note,
            self.tr("Reason or document number"),
            True,
        )
        self.center = center
        self.confirm_text = self.tr("&Record the revocation")
        self.warning = self.consequences

    def consequences(self) -> str | None:
        """What recording the decision does, asked before it is saved (None while the form is
        incomplete: the store names the missing field first)."""
        if self.clause.currentData() is None or not self.note.toPlainText().strip():
            return None
        return (
            self.tr(
                "Record that %1 (%2) is revoked on %3 under “%4”?\n\n"
                "From that day no annual report or evaluation can be recorded for it, and it no "
                "longer counts as a center in the register. A revocation recorded by mistake can "
                "only be taken back with a reason, and both stay in the center's history."
            )
            .replace("%1", self.center.name)
            .replace("%2", self.center.id)
            .replace("%3", _day(self.revoked_on).isoformat())
            .replace("%4", self.clause.currentText())
        )

    def values(self) -> dict:
        return dict(
            revoked_on=self.revoked_on.date().toPython(),
            clause=self.clause.currentData(),
            note=self.note.toPlainText(),
        )


class CorrectionForm(RegisterForm):
    """Takes back an annual report, an evaluation or the revocation recorded by mistake, with the
    reason; the record and the reason stay in the center's history."""

    def __init__(self, center: Center, language: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Take back a record — %1").replace("%1", center.name), language, parent
        )
        self.center = center
        self.record = QComboBox()
        self.record.addItem(self.tr("— Choose —"), None)
        for report in center.reports:
            self.record.addItem(
                self.tr("Annual report %1 (received %2)")
                .replace("%1", str(report.year))
                .replace("%2", report.received_on.isoformat()),
                ("annual_report", report.year),
            )
        for evaluation in center.evaluations:
            self.record.addItem(
                f"{evaluation.year} {KIND_TEXT[evaluation.kind].get(language)}："
                f"{RESULT_TEXT[evaluation.result].get(language)}",
                ("evaluation", evaluation.kind.value, evaluation.year),
            )
        if center.revocation is not None:
            self.record.addItem(
                self.tr("Revocation of %1 (%2)")
                .replace("%1", center.revocation.revoked_on.isoformat())
                .replace("%2", CLAUSE_TEXT[center.revocation.clause].get(language)),
                ("revocation",),
            )
        self.reason = QLineEdit()
        self.add_field("record", self.tr("Re&cord:"), self.record, self.tr("Record"), True)
        self.add_field(
            "reason", self.tr("&Reason:"), self.reason, self.tr("Reason for taking it back"), True
        )
        self.add_note(
            self.tr(
                "To correct a record, take it back here and record it again with the right values. "
                "What was recorded and why it was taken back stay in the center's history."
            )
        )
        self.confirm_text = self.tr("&Take it back")
        self.warning = lambda: (
            self.tr("Take back “%1” from the register of %2?")
            .replace("%1", self.record.currentText())
            .replace("%2", center.name)
            if self.record.currentData() is not None and self.reason.text().strip()
            else None
        )

    def values(self) -> dict:
        return dict(record=self.record.currentData(), reason=self.reason.text())
