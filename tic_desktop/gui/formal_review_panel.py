"""The expert's judgement on each formal-review item the rules leave open: agree, or say why not."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QLineEdit, QWidget

from tic_desktop.errors import TicError
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.formal_review import open_items
from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label

RESULT_COLOURS = {
    "pass": "#e3f4e5",
    "fail": "#fbe0dd",
    "review": "#fff2cc",
    "missing": "#fde4c8",
    "not_applicable": "#eeeeee",
}


def result_colour(result: str) -> str:
    """The background of a result, the same in the checks table and the judgement rows."""
    return RESULT_COLOURS.get(result, "#ffffff")


class FormalReviewPanel(QWidget):
    """One row per open item: the engine's finding, agree/disagree with it, and a reason.

    Saved as chosen. The choices say what is agreed to ("同意系统结论：需研判"), not a bare 同意.
    """

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
        layout.setColumnStretch(2, 0)
        layout.setColumnStretch(3, 2)
        items = open_items(desk.formal_review(application_id))
        judgements = desk.judgements.of(application_id)
        heading = QLabel(
            self.tr(
                "Items left to the experts: agree with the finding, or give your own judgement and why"  # noqa: E501
            )
            if items
            else self.tr("No formal-review item needs your judgement.")
        )
        heading.setWordWrap(True)
        layout.addWidget(heading, 0, 0, 1, 4)
        if items:
            for column, text in enumerate(
                (
                    self.tr("Item and finding"),
                    self.tr("System's conclusion"),
                    self.tr("Your judgement"),
                    self.tr("Why (when you disagree)"),
                )
            ):
                header = QLabel(f"<b>{escape(text)}</b>")
                header.setFrameShape(QFrame.Shape.StyledPanel)
                header.setStyleSheet("QLabel { background: #e8e8e8; padding: 3px; }")
                layout.addWidget(header, 1, column)
        for row, check in enumerate(items, start=2):
            title = label(CHECK_TITLES, check.id, language)
            result = label(RESULT_LABELS, check.result.value, language)
            finding = QLabel(f"<b>{escape(title)}</b>：{escape(check.message(language))}")
            finding.setWordWrap(True)
            conclusion = QLabel(result)
            conclusion.setStyleSheet(
                f"QLabel {{ background: {result_colour(check.result.value)}; padding: 3px; }}"
            )
            choice = QComboBox()
            choice.addItems(
                [
                    self.tr("Choose…"),
                    self.tr("Agree with the system's conclusion: %1").replace("%1", result),
                    self.tr("Disagree: my judgement is in the reason"),
                ]
            )
            choice.setAccessibleName(self.tr("Judgement on %1").replace("%1", title))
            reason = QLineEdit()
            reason.setPlaceholderText(self.tr("Reason (required when you disagree)"))
            reason.setAccessibleName(self.tr("Reason for %1").replace("%1", title))
            reason.setMinimumWidth(180)
            existing = judgements.get(check.id)
            if existing is not None:
                choice.setCurrentIndex(self.AGREE if existing.agrees else self.DISAGREE)
                reason.setText(existing.reason)
            choice.currentIndexChanged.connect(lambda _i, cid=check.id: self._save(cid))
            reason.editingFinished.connect(lambda cid=check.id: self._save(cid))
            layout.addWidget(finding, row, 0)
            layout.addWidget(conclusion, row, 1)
            layout.addWidget(choice, row, 2)
            layout.addWidget(reason, row, 3)
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
