"""The scoring form built from the rubric: every change is saved as it is made."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.errors import TicError
from tic_desktop.expert.desk import ExpertDesk

OPINION_SAVE_DELAY_MS = 400  # typing pauses this long before the opinion is written


class ScoringForm(QWidget):
    """One row per criterion (max, guidance, a spin box in the rubric's step), total, opinion, recommendation."""

    problem = Signal(str)
    """An edit was refused (the reason, for the status bar)."""

    def __init__(
        self, desk: ExpertDesk, application_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.application_id = application_id
        rubric = desk.manifest.rubric
        form = desk.form(application_id)
        self._loading = True
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.reasons: dict[str, QLineEdit] = {}
        decimals = max(0, -rubric.step.as_tuple().exponent)
        for row, criterion in enumerate(rubric.criteria):
            title = QLabel(
                f"<b>{criterion.title}</b>" + self.tr(" (max %1)").replace("%1", f"{criterion.max}")
            )
            # Colour through rich text, not a style sheet: styled widgets ignore the larger-text setting.
            guidance = QLabel(f"<span style='color:#444'>{escape(criterion.guidance)}</span>")
            guidance.setWordWrap(True)
            spin = QDoubleSpinBox()
            spin.setDecimals(decimals)
            spin.setSingleStep(float(rubric.step))
            # One step below zero stands for "not scored yet", shown as text.
            spin.setRange(-float(rubric.step), float(criterion.max))
            spin.setSpecialValueText(self.tr("not scored"))
            spin.setAccessibleName(criterion.title)
            spin.setMinimumWidth(110)
            value = form.scores.get(criterion.id)
            spin.setValue(float(value) if value is not None else -float(rubric.step))
            spin.valueChanged.connect(lambda _v, cid=criterion.id: self._score_changed(cid))
            reason = QLineEdit(form.notes.get(criterion.id, ""))
            reason.setPlaceholderText(
                self.tr("This score is far from the guidance: give a short reason")
            )
            reason.setAccessibleName(self.tr("Reason for %1").replace("%1", criterion.title))
            reason.editingFinished.connect(lambda cid=criterion.id: self._reason_changed(cid))
            grid.addWidget(title, row * 3, 0, 1, 2)
            grid.addWidget(spin, row * 3, 2)
            grid.addWidget(guidance, row * 3 + 1, 0, 1, 2)
            grid.addWidget(reason, row * 3 + 2, 0, 1, 3)
            self.spins[criterion.id] = spin
            self.reasons[criterion.id] = reason
        layout.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        self.total = QLabel()
        layout.addWidget(self.total)
        bottom = QFormLayout()
        self.opinion = QPlainTextEdit(form.opinion)
        self.opinion.setAccessibleName(self.tr("Opinion"))
        self.opinion.setMinimumHeight(140)
        self.opinion.setTabChangesFocus(True)
        self._opinion_timer = QTimer(self, singleShot=True, interval=OPINION_SAVE_DELAY_MS)
        self._opinion_timer.timeout.connect(self._save_opinion)
        self.opinion.textChanged.connect(self._opinion_timer.start)
        bottom.addRow(self.tr("Opinion:"), self.opinion)
        self.recommend_yes = QRadioButton(self.tr("Recommend"))
        self.recommend_no = QRadioButton(self.tr("Do not recommend"))
        group = QButtonGroup(self)
        group.addButton(self.recommend_yes)
        group.addButton(self.recommend_no)
        if form.recommend is not None:
            (self.recommend_yes if form.recommend else self.recommend_no).setChecked(True)
        # The group, not one button: "do not recommend" as the first choice toggles no "recommend".
        group.buttonToggled.connect(
            lambda _button, checked: self._recommend_changed() if checked else None
        )
        row = QWidget()
        row_layout = QVBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.recommend_yes)
        row_layout.addWidget(self.recommend_no)
        bottom.addRow(self.tr("Recommendation:"), row)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self._loading = False
        self._refresh()

    def value_of(self, criterion_id: str) -> Decimal | None:
        spin = self.spins[criterion_id]
        if spin.value() < 0:
            return None
        return Decimal(str(round(spin.value(), spin.decimals())))

    def _score_changed(self, criterion_id: str) -> None:
        if self._loading:
            return
        try:
            self.desk.set_score(self.application_id, criterion_id, self.value_of(criterion_id))
        except TicError as error:
            self.problem.emit(error.message_zh)
        self._refresh()

    def _reason_changed(self, criterion_id: str) -> None:
        if self._loading or self.value_of(criterion_id) is None:
            return
        try:
            self.desk.set_note(
                self.application_id, criterion_id, self.reasons[criterion_id].text().strip()
            )
        except TicError as error:
            self.problem.emit(error.message_zh)

    def _save_opinion(self) -> None:
        self.desk.set_opinion(self.application_id, opinion=self.opinion.toPlainText())

    def flush(self) -> None:
        """Write anything still waiting (the opinion's typing pause) now."""
        if self._opinion_timer.isActive():
            self._opinion_timer.stop()
            self._save_opinion()

    def _recommend_changed(self) -> None:
        if not self._loading:
            self.desk.set_opinion(self.application_id, recommend=self.recommend_yes.isChecked())

    def _refresh(self) -> None:
        total = Decimal(0)
        missing = 0
        for criterion_id, spin in self.spins.items():
            value = self.value_of(criterion_id)
            reason = self.reasons[criterion_id]
            needs = value is not None and self.desk.needs_reason(criterion_id, value)
            reason.setVisible(needs)
            if value is None:
                missing += 1
            else:
                total += value
        text = (
            self.tr("Total: %1 / %2")
            .replace("%1", f"{total}")
            .replace("%2", f"{self.desk.manifest.rubric.total_max}")
        )
        if missing:
            text += self.tr(" (%1 criteria not scored)").replace("%1", str(missing))
        self.total.setText(f"<b>{text}</b>")
        self.total.setTextFormat(Qt.TextFormat.RichText)
