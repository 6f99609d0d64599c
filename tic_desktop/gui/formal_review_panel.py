"""The expert's judgement on each formal-review item the rules leave open: agree, or say why not."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from tic_desktop.errors import TicError
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.formal_review import open_items
from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label


class FormalReviewPanel(QWidget):
    """One row per open item: the engine's finding, 同意/不同意, and a reason; saved as chosen."""

    AGREE, DISAGREE = 1, 2

    def __init__(
        self, desk: ExpertDesk, application_id: str, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.application_id = application_id
        self.choices: dict[str, QComboBox] = {}
        self.reasons: dict[str, QLineEdit] = {}
        layout = QGridLayout(self)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(2, 2)
        items = open_items(desk.formal_review(application_id))
        judgements = desk.judgements.of(application_id)
        heading = QLabel(
            self.tr(
                "Items left to the experts: agree with the finding, or give your own judgement and why"
            )
            if items
            else self.tr("No formal-review item needs your judgement.")
        )
        heading.setWordWrap(True)
        layout.addWidget(heading, 0, 0, 1, 3)
        for row, check in enumerate(items, start=1):
            text = QLabel(
                f"<b>{label(CHECK_TITLES, check.id, language)}</b>"
                f"（{label(RESULT_LABELS, check.result.value, language)}）：{check.message(language)}"
            )
            text.setWordWrap(True)
            choice = QComboBox()
            choice.addItems([self.tr("Choose…"), self.tr("Agree"), self.tr("Disagree")])
            choice.setAccessibleName(self.tr("Judgement on %1").replace("%1", check.id))
            reason = QLineEdit()
            reason.setPlaceholderText(self.tr("Reason (required when you disagree)"))
            reason.setMinimumWidth(240)
            existing = judgements.get(check.id)
            if existing is not None:
                choice.setCurrentIndex(self.AGREE if existing.agrees else self.DISAGREE)
                reason.setText(existing.reason)
            choice.currentIndexChanged.connect(lambda _i, cid=check.id: self._save(cid))
            reason.editingFinished.connect(lambda cid=check.id: self._save(cid))
            layout.addWidget(text, row, 0)
            layout.addWidget(choice, row, 1)
            layout.addWidget(reason, row, 2)
            self.choices[check.id] = choice
            self.reasons[check.id] = reason

    def _save(self, check_id: str) -> None:
        index = self.choices[check_id].currentIndex()
        if index not in (self.AGREE, self.DISAGREE):
            return
        try:
            self.desk.judge(
                self.application_id,
                check_id,
                index == self.AGREE,
                self.reasons[check_id].text().strip(),
            )
        except TicError:
            pass  # only open items get a row, so this is not reachable by the user
