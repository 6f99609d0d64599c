"""The scoring form built from the rubric: what the expert sees is what is stored and signed.

A score box keeps exactly the text typed into it. The text is read with ``decimal.Decimal`` and
checked by the core (``ExpertDesk.check_score``): a valid score is saved as it stands; an invalid
one (``17.3`` where the step is 0.5, ``25`` where the maximum is 20) is marked in red at the box
with the reason beside it, is not saved, is not counted in the total, and blocks signing until it
is corrected. Nothing is rounded or clamped behind the expert's back.

Every save that fails (disk full, database locked) is shown at its field, which stays marked as
not saved, with a 重试保存 button; editing the field again retries too. The window refuses to sign
while :meth:`ScoringForm.unsaved_or_invalid` lists anything (``state_changed`` when it changes).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
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
from tic_desktop.gui.save_status import FAILED, INVALID, PENDING, FieldStatus, MarkFrame
from tic_desktop.gui.score_entry import ScoreEntry, read_score

SAVE_DELAY_MS = 400  # typing pauses this long before a score, reason or opinion is written


class ScoringForm(QWidget):
    """One row per criterion (max, guidance, the score box and its state), total, opinion,
    recommendation."""

    problem = Signal(str)
    """A save failed or an entry was refused (the reason, for the status bar)."""
    state_changed = Signal(list)
    """:meth:`unsaved_or_invalid` changed; carries the new list."""

    def __init__(
        self, desk: ExpertDesk, application_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.application_id = application_id
        rubric = desk.manifest.rubric
        self._titles = {c.id: c.title for c in rubric.criteria}
        form = desk.form(application_id)
        self._loading = True
        # What the database holds, as far as this form knows: compared before each save.
        self._stored_scores: dict[str, Decimal | None] = {
            c.id: form.scores.get(c.id) for c in rubric.criteria
        }
        self._stored_notes: dict[str, str] = {
            c.id: form.notes.get(c.id, "") for c in rubric.criteria
        }
        self._stored_opinion = form.opinion
        self._stored_recommend = form.recommend
        # key ("score:<id>", "note:<id>", "opinion", "recommend") -> (INVALID/FAILED/PENDING,
        # detail)
        self._trouble: dict[str, tuple[str, str]] = {}
        self._last_state: list[str] = []
        self._timers: dict[str, QTimer] = {}

        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        self.entries: dict[str, ScoreEntry] = {}
        self.spins = self.entries  # the old name, for scripts
        self.frames: dict[str, MarkFrame] = {}
        self.statuses: dict[str, FieldStatus] = {}
        self.reasons: dict[str, QLineEdit] = {}
        self.reason_statuses: dict[str, FieldStatus] = {}
        for index, criterion in enumerate(rubric.criteria):
            row = index * 4
            title = QLabel(
                f"<b>{escape(criterion.title)}</b>"
                + escape(self.tr(" (max %1)").replace("%1", f"{criterion.max}"))
            )
            title.setWordWrap(True)
            # Colour through rich text, not a style sheet: styled widgets ignore the larger-text
            # setting.
            guidance = QLabel(f"<span style='color:#444'>{escape(criterion.guidance)}</span>")
            guidance.setWordWrap(True)
            entry = ScoreEntry(rubric.step, criterion.max)
            entry.setAccessibleName(criterion.title)
            entry.lineEdit().setPlaceholderText(self.tr("not scored"))
            value = form.scores.get(criterion.id)
            entry.setText(format(value, "f") if value is not None else "")
            entry.lineEdit().textChanged.connect(
                lambda _text, cid=criterion.id: self._score_edited(cid)
            )
            entry.editingFinished.connect(lambda cid=criterion.id: self._save_score(cid))
            frame = MarkFrame(entry)
            status = FieldStatus()
            status.retry.connect(lambda cid=criterion.id: self._save_score(cid))
            reason = QLineEdit(form.notes.get(criterion.id, ""))
            reason.setPlaceholderText(
                self.tr("This score is far from the guidance: give a short reason")
            )
            reason.setAccessibleName(self.tr("Reason for %1").replace("%1", criterion.title))
            reason.textChanged.connect(lambda _text, cid=criterion.id: self._note_edited(cid))
            reason.editingFinished.connect(lambda cid=criterion.id: self._save_note(cid))
            reason_status = FieldStatus()
            reason_status.retry.connect(lambda cid=criterion.id: self._save_note(cid))
            grid.addWidget(title, row, 0)
            grid.addWidget(frame, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(status, row, 2)
            grid.addWidget(guidance, row + 1, 0, 1, 3)
            grid.addWidget(reason, row + 2, 0, 1, 3)
            grid.addWidget(reason_status, row + 3, 0, 1, 3)
            self.entries[criterion.id] = entry
            self.frames[criterion.id] = frame
            self.statuses[criterion.id] = status
            self.reasons[criterion.id] = reason
            self.reason_statuses[criterion.id] = reason_status
        layout.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        bottom = QFormLayout()
        self.opinion = QPlainTextEdit(form.opinion)
        self.opinion.setAccessibleName(self.tr("Opinion"))
        self.opinion.setMinimumHeight(140)
        self.opinion.setTabChangesFocus(True)
        self.opinion.textChanged.connect(self._opinion_edited)
        self.opinion.installEventFilter(self)  # leaving it saves at once (no editingFinished)
        self.opinion_frame = MarkFrame(self.opinion)
        self.opinion_status = FieldStatus()
        self.opinion_status.retry.connect(self._save_opinion)
        opinion_box = QWidget()
        opinion_layout = QVBoxLayout(opinion_box)
        opinion_layout.setContentsMargins(0, 0, 0, 0)
        opinion_layout.addWidget(self.opinion_frame)
        opinion_layout.addWidget(self.opinion_status)
        bottom.addRow(self.tr("Opinion:"), opinion_box)
        self.recommend_yes = QRadioButton(self.tr("Recommend"))
        self.recommend_no = QRadioButton(self.tr("Do not recommend"))
        group = QButtonGroup(self)
        group.addButton(self.recommend_yes)
        group.addButton(self.recommend_no)
        if form.recommend is not None:
            (self.recommend_yes if form.recommend else self.recommend_no).setChecked(True)
        # The group, not one button: "do not recommend" as the first choice toggles no "recommend".
        group.buttonToggled.connect(
            lambda _button, checked: self._save_recommend() if checked else None
        )
        # Clicking the chosen button again retries a failed save.
        group.buttonClicked.connect(lambda _button: self._save_recommend())
        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        choices_layout.addWidget(self.recommend_yes)
        choices_layout.addWidget(self.recommend_no)
        self.recommend_frame = MarkFrame(choices)
        self.recommend_status = FieldStatus()
        self.recommend_status.retry.connect(self._save_recommend)
        recommend_box = QWidget()
        recommend_layout = QVBoxLayout(recommend_box)
        recommend_layout.setContentsMargins(0, 0, 0, 0)
        recommend_layout.addWidget(self.recommend_frame)
        recommend_layout.addWidget(self.recommend_status)
        bottom.addRow(self.tr("Recommendation:"), recommend_box)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self._loading = False
        for criterion_id in self.entries:
            _value, problem = self._read(criterion_id)
            if problem is not None:  # stored before the rule it breaks (a rubric changed, say)
                self._trouble[f"score:{criterion_id}"] = (INVALID, problem)
            self._show_score_state(criterion_id)
            self._show_note_state(criterion_id)
        self.opinion_status.show_state(None)
        self.recommend_status.show_state(None)
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.opinion and event.type() == QEvent.Type.FocusOut:
            timer = self._timers.get("opinion")
            if timer is not None and timer.isActive():
                self._save_opinion()
        return super().eventFilter(watched, event)

    # --- reading the boxes ----------------------------------------------------------------------
    def value_of(self, criterion_id: str) -> Decimal | None:
        """The score the box shows if it is a valid one, else ``None`` (empty or invalid)."""
        return self._read(criterion_id)[0]

    def _read(self, criterion_id: str) -> tuple[Decimal | None, str | None]:
        """(value, None) for a valid or empty box, (None, the reason in Chinese) for an invalid
        one."""
        return read_score(self.desk, criterion_id, self.entries[criterion_id].text())

    # --- scores -----------------------------------------------------------------------------
    def _score_edited(self, criterion_id: str) -> None:
        if self._loading:
            return
        key = f"score:{criterion_id}"
        value, problem = self._read(criterion_id)
        timer = self._timer(key, lambda: self._save_score(criterion_id))
        if problem is not None:
            timer.stop()
            self._trouble[key] = (INVALID, problem)
        elif value == self._stored_scores[criterion_id]:
            timer.stop()  # back to what the database holds (even after a failed save)
            self._trouble.pop(key, None)
        else:
            if self._trouble.get(key, (None,))[0] != FAILED:  # stays marked until the retry works
                self._trouble[key] = (PENDING, "")
            timer.start()
        self._show_score_state(criterion_id)
        self._refresh()

    def _save_score(self, criterion_id: str) -> None:
        """Save the box's score now if it is valid and differs from the database (or failed
        before)."""
        if self._loading:
            return
        key = f"score:{criterion_id}"
        self._stop_timer(key)
        value, problem = self._read(criterion_id)
        if problem is not None:
            self._trouble[key] = (INVALID, problem)
        elif value == self._stored_scores[criterion_id] and key not in self._trouble:
            return
        else:
            reason = self.reasons[criterion_id].text().strip()
            note = reason if value is not None and reason else None
            try:
                self.desk.set_score(self.application_id, criterion_id, value, note)
            except TicError as error:
                self._trouble[key] = (FAILED, error.message_zh)
                self.problem.emit(error.message_zh)
            else:
                self._stored_scores[criterion_id] = value
                self._trouble.pop(key, None)
                if value is None:
                    self._stored_notes[criterion_id] = ""  # the row, and its reason, are gone
                if note is not None:
                    self._stored_notes[criterion_id] = note
                    self._trouble.pop(f"note:{criterion_id}", None)
        self._show_score_state(criterion_id)
        self._show_note_state(criterion_id)
        self._refresh()

    def _show_score_state(self, criterion_id: str) -> None:
        title = self._titles[criterion_id]
        kind, detail = self._trouble.get(f"score:{criterion_id}", (None, ""))
        stored = self._stored_scores[criterion_id]
        status = self.statuses[criterion_id]
        if kind == INVALID:
            text = self.tr("“%1”: %2, not saved").replace("%1", title).replace("%2", detail)
            if stored is not None:
                text += self.tr(" (the saved score is still %1)").replace("%1", format(stored, "f"))
            status.show_state(INVALID, text)
        elif kind == FAILED:
            status.show_state(
                FAILED,
                self.tr("“%1” could not be saved: %2").replace("%1", title).replace("%2", detail),
            )
        elif not self.entries[criterion_id].text().strip():
            status.show_state(None, self.tr("not scored"))
        else:
            status.show_state(None)
        self.frames[criterion_id].set_mark(kind if kind in (INVALID, FAILED) else None)
        self.entries[criterion_id].setAccessibleDescription(status.text())

    # --- reasons for scores far from the guidance -------------------------------------------------
    def _note_edited(self, criterion_id: str) -> None:
        if self._loading:
            return
        key = f"note:{criterion_id}"
        text = self.reasons[criterion_id].text().strip()
        timer = self._timer(key, lambda: self._save_note(criterion_id))
        if text == self._stored_notes[criterion_id]:
            timer.stop()
            self._trouble.pop(key, None)
        else:
            if self._trouble.get(key, (None,))[0] != FAILED:  # stays marked until the retry works
                self._trouble[key] = (PENDING, "")
            timer.start()
        self._show_note_state(criterion_id)
        self._emit_state()

    def _save_note(self, criterion_id: str) -> None:
        if self._loading:
            return
        key = f"note:{criterion_id}"
        self._stop_timer(key)
        text = self.reasons[criterion_id].text().strip()
        if text == self._stored_notes[criterion_id] and key not in self._trouble:
            return
        if self._stored_scores[criterion_id] is None:
            # No score stored yet: the reason is saved together with the score, when there is one.
            self._trouble.pop(key, None)
            if self.value_of(criterion_id) is not None:
                self._save_score(criterion_id)
            self._show_note_state(criterion_id)
            self._emit_state()
            return
        try:
            self.desk.set_note(self.application_id, criterion_id, text)
        except TicError as error:
            self._trouble[key] = (FAILED, error.message_zh)
            self.problem.emit(error.message_zh)
        else:
            self._stored_notes[criterion_id] = text
            self._trouble.pop(key, None)
        self._show_note_state(criterion_id)
        self._emit_state()

    def _show_note_state(self, criterion_id: str) -> None:
        kind, detail = self._trouble.get(f"note:{criterion_id}", (None, ""))
        if kind == FAILED:
            self.reason_statuses[criterion_id].show_state(
                FAILED,
                self.tr("The reason for “%1” could not be saved: %2")
                .replace("%1", self._titles[criterion_id])
                .replace("%2", detail),
            )
        else:
            self.reason_statuses[criterion_id].show_state(None)

    # --- opinion and recommendation ---------------------------------------------------------------
    def _opinion_edited(self) -> None:
        if self._loading:
            return
        timer = self._timer("opinion", self._save_opinion)
        if self.opinion.toPlainText() == self._stored_opinion:
            timer.stop()  # back to what the database holds (even after a failed save)
            self._trouble.pop("opinion", None)
            self.opinion_status.show_state(None)
            self.opinion_frame.set_mark(None)
        else:
            if self._trouble.get("opinion", (None,))[0] != FAILED:
                self._trouble["opinion"] = (PENDING, "")
            timer.start()
        self._emit_state()

    def _save_opinion(self) -> None:
        self._stop_timer("opinion")
        text = self.opinion.toPlainText()
        if text == self._stored_opinion and "opinion" not in self._trouble:
            return
        try:
            self.desk.set_opinion(self.application_id, opinion=text)
        except TicError as error:
            self._trouble["opinion"] = (FAILED, error.message_zh)
            self.problem.emit(error.message_zh)
            self.opinion_status.show_state(
                FAILED,
                self.tr("The opinion could not be saved: %1").replace("%1", error.message_zh),
            )
            self.opinion_frame.set_mark(FAILED)
        else:
            self._stored_opinion = text
            self._trouble.pop("opinion", None)
            self.opinion_status.show_state(None)
            self.opinion_frame.set_mark(None)
        self._emit_state()

    def _chosen_recommend(self) -> bool | None:
        if self.recommend_yes.isChecked():
            return True
        return False if self.recommend_no.isChecked() else None

    def _save_recommend(self) -> None:
        if self._loading:
            return
        chosen = self._chosen_recommend()
        if chosen is None or (
            chosen == self._stored_recommend and "recommend" not in self._trouble
        ):
            return
        try:
            self.desk.set_opinion(self.application_id, recommend=chosen)
        except TicError as error:
            self._trouble["recommend"] = (FAILED, error.message_zh)
            self.problem.emit(error.message_zh)
            self.recommend_status.show_state(
                FAILED,
                self.tr("The recommendation could not be saved: %1").replace(
                    "%1", error.message_zh
                ),
            )
            self.recommend_frame.set_mark(FAILED)
        else:
            self._stored_recommend = chosen
            self._trouble.pop("recommend", None)
            self.recommend_status.show_state(None)
            self.recommend_frame.set_mark(None)
        self._emit_state()

    # --- for the window ---------------------------------------------------------------------------
    def flush(self) -> None:
        """Write everything still waiting for the typing pause, now (before signing, switching,
        closing)."""
        for key, timer in list(self._timers.items()):
            if timer.isActive():
                timer.stop()
                self._save(key)

    def unsaved_or_invalid(self) -> list[str]:
        """Everything on the form that is not what the database holds, in Chinese; empty when all is
        saved.

        The window must not sign while this lists anything: the signed return carries the
        database, and the database would not carry what the expert sees.
        """
        found = []
        for criterion_id, title in self._titles.items():
            kind, detail = self._trouble.get(f"score:{criterion_id}", (None, ""))
            if kind == INVALID:
                found.append(
                    f"“{title}”输入有误（{self.entries[criterion_id].text().strip()}）：{detail}，未保存"
                )
            elif kind == FAILED:
                found.append(f"“{title}”的分数未能保存：{detail}")
            elif kind == PENDING:
                found.append(f"“{title}”的分数尚未保存")
            kind, detail = self._trouble.get(f"note:{criterion_id}", (None, ""))
            if kind == FAILED:
                found.append(f"“{title}”的理由未能保存：{detail}")
            elif kind == PENDING:
                found.append(f"“{title}”的理由尚未保存")
        for key, label in (("opinion", "评审意见"), ("recommend", "是否推荐")):
            kind, detail = self._trouble.get(key, (None, ""))
            if kind == FAILED:
                found.append(f"{label}未能保存：{detail}")
            elif kind == PENDING:
                found.append(f"{label}尚未保存")
        return found

    # --- plumbing ---------------------------------------------------------------------------------
    def _save(self, key: str) -> None:
        if key.startswith("score:"):
            self._save_score(key.split(":", 1)[1])
        elif key.startswith("note:"):
            self._save_note(key.split(":", 1)[1])
        elif key == "opinion":
            self._save_opinion()
        elif key == "recommend":
            self._save_recommend()

    def _timer(self, key: str, save) -> QTimer:
        if key not in self._timers:
            timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
            timer.timeout.connect(save)
            self._timers[key] = timer
        return self._timers[key]

    def _stop_timer(self, key: str) -> None:
        if key in self._timers:
            self._timers[key].stop()

    def _emit_state(self) -> None:
        state = self.unsaved_or_invalid()
        if state != self._last_state:
            self._last_state = state
            self.state_changed.emit(state)

    def _refresh(self) -> None:
        total = Decimal(0)
        missing = invalid = 0
        for criterion_id in self.entries:
            value, problem = self._read(criterion_id)
            reason = self.reasons[criterion_id]
            needs = value is not None and self.desk.needs_reason(criterion_id, value)
            reason.setVisible(needs)
            if problem is not None:
                invalid += 1
            elif value is None:
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
        if invalid:
            text += self.tr(" (%1 entries invalid, not counted)").replace("%1", str(invalid))
        failed = sum(
            1 for cid in self.entries if self._trouble.get(f"score:{cid}", (None,))[0] == FAILED
        )
        if failed:
            text += self.tr(" (%1 of them could not be saved)").replace("%1", str(failed))
        self.total.setText(f"<b>{escape(text)}</b>")
        self._emit_state()
