"""The on-site inspection tab: the checklist, photos, and the team leader's signed report.

Every field is saved as it is made, the report's site, date, team and conclusion too, so nothing
is lost on switching application or restarting. A failed save is shown at its field with a
重试保存 button. Before signing, every problem is listed at once, each also shown at its field.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.errors import TicError
from tic_desktop.expert.inspection import InspectionDesk
from tic_desktop.expert.inspection_records import RESULTS, PhotoRecord
from tic_desktop.gui.inspection_checklist import InspectionChecklist
from tic_desktop.gui.inspection_photos import THUMBNAIL, PhotoPreview, photo_list_item
from tic_desktop.gui.save_status import FAILED, INVALID, PENDING, FieldStatus, MarkFrame

SAVE_DELAY_MS = 400  # typing pauses this long before a text field is written
NO_DATE = QDate(2000, 1, 1)  # the date box's "not chosen yet" (shown as words, never saved)


class InspectionPanel(QWidget):
    """The checklist (declared figure beside what was found), photos, and the report's fields."""

    signed = Signal(Path)
    """The inspection report was signed and written."""
    problem = Signal(str)
    """A save failed or signing was refused (the reason, for the status bar)."""
    state_changed = Signal(list)
    """:meth:`unsaved_or_invalid` changed; carries the new list."""
    photos_changed = Signal()

    def __init__(
        self, inspection: InspectionDesk, application_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self.application_id = application_id
        self._loading = True
        self._trouble: dict[str, tuple[str, str]] = {}  # field -> (FAILED/PENDING, detail)
        self._problems: dict[str, list[str]] = {}  # field -> validation problems, once asked
        self._validated = False
        self._last_state: list[str] = []
        self._timers: dict[str, QTimer] = {}
        self.preview: PhotoPreview | None = None
        self._records: list[PhotoRecord] = []
        self._caption_photo: PhotoRecord | None = None  # the photo the caption box shows
        self.confirm_box: QMessageBox | None = None
        self._titles = {item.id: item.title for item in inspection.items}
        layout = QVBoxLayout(self)
        self.checklist = InspectionChecklist(inspection, application_id)
        self.checklist.typed.connect(self._edited)
        self.checklist.changed.connect(self._save_item)
        self.results = self.checklist.results
        self.measured = self.checklist.measured
        self.notes = self.checklist.notes
        self.declared_labels = self.checklist.declared_labels
        self.frames = self.checklist.frames
        self.statuses = self.checklist.statuses
        layout.addWidget(self.checklist)

        photos_heading = self.tr("Photos (stored encrypted, with their SHA-256)")
        layout.addWidget(QLabel(f"<b>{escape(photos_heading)}</b>"))
        self.photo_list = QListWidget()
        self.photo_list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.photo_list.setMinimumHeight(THUMBNAIL + 24)
        self.photo_list.setMaximumHeight(THUMBNAIL * 3)
        self.photo_list.setAccessibleName(self.tr("Photos"))
        self.photo_list.currentRowChanged.connect(lambda _row: self._photo_chosen())
        self.photo_list.itemActivated.connect(lambda _item: self.preview_photo())
        layout.addWidget(self.photo_list)
        caption_row = QHBoxLayout()
        self.caption = QLineEdit()
        self.caption.setAccessibleName(self.tr("Caption of the chosen photo"))
        self.caption.setPlaceholderText(self.tr("Choose a photo above to write its caption"))
        self.caption.textChanged.connect(lambda _t: self._edited("photos"))
        self.caption.editingFinished.connect(self._save_caption)
        caption_row.addWidget(QLabel(self.tr("Caption:")))
        caption_row.addWidget(self.caption, 1)
        layout.addLayout(caption_row)
        self.photos_status = FieldStatus()
        self.photos_status.retry.connect(self._save_caption)
        layout.addWidget(self.photos_status)
        buttons = QHBoxLayout()
        add_photo = QPushButton(self.tr("Add photos…"))
        add_photo.clicked.connect(self.choose_photos)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(lambda: self.preview_photo())
        self.remove_button = QPushButton(self.tr("Remove photo…"))
        self.remove_button.clicked.connect(lambda: self.ask_remove_photo())
        for button in (add_photo, self.preview_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        report = inspection.report_fields(application_id)
        form = QFormLayout()
        self.site = QLineEdit(report.site_address)
        self.site.setAccessibleName(self.tr("Site address"))
        self.site.textChanged.connect(lambda _t: self._edited("site_address"))
        self.site.editingFinished.connect(lambda: self._save_field("site_address"))
        self.visit_date = QDateEdit()
        self.visit_date.setCalendarPopup(True)
        self.visit_date.setDisplayFormat("yyyy-MM-dd")
        self.visit_date.setMinimumDate(NO_DATE)
        self.visit_date.setSpecialValueText(self.tr("not chosen"))
        self.visit_date.setAccessibleName(self.tr("Date of visit"))
        if report.visit_date is not None:
            day = report.visit_date
            self.visit_date.setDate(QDate(day.year, day.month, day.day))
        else:
            self.visit_date.setDate(NO_DATE)
        self.visit_date.dateChanged.connect(lambda _d: self._edited("visit_date"))
        self.visit_date.editingFinished.connect(lambda: self._save_field("visit_date"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.clicked.connect(lambda: self.visit_date.setDate(QDate.currentDate()))
        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.visit_date)
        date_layout.addWidget(self.today_button)
        date_layout.addStretch(1)
        self.team = QListWidget()
        self.team.setMaximumHeight(160)
        self.team.setAccessibleName(self.tr("Team members"))
        manifest = inspection.desk.manifest
        for member in manifest.members:
            if member.id == inspection.desk.expert_id:
                continue
            member_item = QListWidgetItem(f"{member.name}（{member.unit_name}）")
            member_item.setData(Qt.ItemDataRole.UserRole, member.id)
            member_item.setFlags(member_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            member_item.setCheckState(
                Qt.CheckState.Checked if member.id in report.team else Qt.CheckState.Unchecked
            )
            self.team.addItem(member_item)
        self.team.itemChanged.connect(lambda _item: self._save_field("team"))
        self.conclusion = QPlainTextEdit(report.conclusion)
        self.conclusion.setAccessibleName(self.tr("Conclusion"))
        self.conclusion.setMaximumHeight(120)
        self.conclusion.setTabChangesFocus(True)
        self.conclusion.textChanged.connect(lambda: self._edited("conclusion"))
        self.conclusion.installEventFilter(self)  # leaving it saves at once (no editingFinished)
        self.field_frames: dict[str, MarkFrame] = {}
        self.field_statuses: dict[str, FieldStatus] = {}
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("site_address", self.tr("Site address:"), self.site),
            ("visit_date", self.tr("Date of visit:"), date_row),
            ("team", self.tr("Team members:"), self.team),
            ("conclusion", self.tr("Conclusion:"), self.conclusion),
        )
        for name, label, widget in rows:
            frame = MarkFrame(widget)
            status = FieldStatus()
            status.retry.connect(lambda field=name: self._save_field(field))
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(frame)
            box_layout.addWidget(status)
            form.addRow(label, box)
            self.field_frames[name] = frame
            self.field_statuses[name] = status
        layout.addLayout(form)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()
        layout.addWidget(self.summary)
        sign = QPushButton(self.tr("Sign the inspection report as team leader…"))
        sign.clicked.connect(lambda: self.sign())
        layout.addWidget(sign, alignment=Qt.AlignmentFlag.AlignRight)
        self._loading = False
        self._refresh_photos()
        self._show_all()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.conclusion and event.type() == QEvent.Type.FocusOut:
            timer = self._timers.get("conclusion")
            if timer is not None and timer.isActive():
                self._save_field("conclusion")
        return super().eventFilter(watched, event)

    # --- what is on screen ----------------------------------------------------------------------
    def chosen_date(self):
        """The date in the date box, or ``None`` while it shows "not chosen"."""
        day = self.visit_date.date()
        return None if day == NO_DATE else day.toPython()

    def chosen_team(self) -> list[str]:
        return [
            self.team.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.team.count())
            if self.team.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _field_value(self, name: str):
        if name == "site_address":
            return self.site.text()
        if name == "visit_date":
            return self.chosen_date()
        if name == "team":
            return self.chosen_team()
        return self.conclusion.toPlainText()

    # --- saving ---------------------------------------------------------------------------------
    def _edited(self, key: str) -> None:
        """A text was typed: save after the typing pause (and when the field is left)."""
        if self._loading:
            return
        if self._trouble.get(key, (None,))[0] != FAILED:
            self._trouble[key] = (PENDING, "")
        if key not in self._timers:
            timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
            timer.timeout.connect(lambda: self._save(key))
            self._timers[key] = timer
        self._timers[key].start()
        self._emit_state()

    def _save(self, key: str) -> None:
        if key in self.results:
            self._save_item(key)
        elif key == "photos":
            self._save_caption()
        else:
            self._save_field(key)

    def _stop(self, key: str) -> None:
        if key in self._timers:
            self._timers[key].stop()

    def _attempt(self, key: str, save) -> bool:
        self._stop(key)
        try:
            save()
        except TicError as error:
            self._trouble[key] = (FAILED, error.message_zh)
            self.problem.emit(error.message_zh)
            ok = False
        else:
            self._trouble.pop(key, None)
            ok = True
        if self._validated:
            self._recheck()
        self._show_all()
        return ok

    def _save_item(self, item_id: str) -> None:
        if self._loading:
            return
        index = self.results[item_id].currentIndex()
        self._attempt(
            item_id,
            lambda: self.inspection.record(
                self.application_id,
                item_id,
                result=RESULTS[index - 1] if index > 0 else None,
                measured=self.measured[item_id].text(),
                note=self.notes[item_id].text(),
            ),
        )

    def _save_field(self, name: str) -> None:
        if self._loading:
            return
        value = self._field_value(name)
        self._attempt(
            name,
            lambda: self.inspection.save_report_fields(self.application_id, **{name: value}),
        )

    # --- photos ---------------------------------------------------------------------------------
    def choose_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Site photos"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        self.add_photos([Path(f) for f in files])

    def add_photos(self, files: list[Path]) -> None:
        for file in files:
            try:
                self.inspection.add_photo(self.application_id, file, file.stem)
            except TicError as error:
                self.photos_status.show_state(FAILED, error.message_zh)
                self.problem.emit(error.message_zh)
        self._refresh_photos()
        self.photo_list.setCurrentRow(self.photo_list.count() - 1)

    def _refresh_photos(self) -> None:
        self._records = self.inspection.photo_records(self.application_id)
        current = self.photo_list.currentRow()
        self.photo_list.blockSignals(True)
        self.photo_list.clear()
        for record in self._records:
            self.photo_list.addItem(photo_list_item(record))
        self.photo_list.setCurrentRow(min(current, self.photo_list.count() - 1))
        self.photo_list.blockSignals(False)
        self._photo_chosen()
        self.photos_changed.emit()

    def _current_record(self) -> PhotoRecord | None:
        row = self.photo_list.currentRow()
        return self._records[row] if 0 <= row < len(self._records) else None

    def _photo_chosen(self) -> None:
        previous = self._caption_photo
        if previous is not None and "photos" in self._trouble and not self._save_caption():
            # The caption typed for the previous photo is not saved: stay on it.
            rows = [r.id for r in self._records]
            if previous.id in rows:
                self.photo_list.blockSignals(True)
                self.photo_list.setCurrentRow(rows.index(previous.id))
                self.photo_list.blockSignals(False)
            return
        record = self._current_record()
        self._caption_photo = record
        loading, self._loading = self._loading, True
        self.caption.setText(record.caption if record is not None else "")
        self._loading = loading
        self.caption.setEnabled(record is not None)
        self.preview_button.setEnabled(record is not None)
        self.remove_button.setEnabled(record is not None)

    def _save_caption(self) -> bool:
        """Save the caption box for the photo it belongs to; whether that photo's caption is
        saved."""
        record = self._caption_photo
        if self._loading or record is None:
            self._stop("photos")
            self._trouble.pop("photos", None)
            self._emit_state()
            return True
        text = self.caption.text().strip()
        if text == record.caption:
            self._stop("photos")
            self._trouble.pop("photos", None)
            self._show_all()
            return True
        saved = self._attempt(
            "photos",
            lambda: self.inspection.set_photo_caption(self.application_id, record.id, text),
        )
        if saved:
            self._caption_photo = None
            self._refresh_photos()
        return saved

    def preview_photo(self) -> PhotoPreview | None:
        record = self._current_record()
        if record is None:
            return None
        self.preview = PhotoPreview(record, self)
        self.preview.show()
        return self.preview

    def ask_remove_photo(self) -> QMessageBox | None:
        """Ask before removing the chosen photo (the answer removes it)."""
        record = self._current_record()
        if record is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove photo"),
            self.tr("Remove the photo “%1” from the report?").replace("%1", record.caption),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(
            lambda: self.remove_photo(record.id)
        )
        self.confirm_box = box
        box.open()
        return box

    def remove_photo(self, photo_id: int) -> None:
        if self._caption_photo is not None and self._caption_photo.id == photo_id:
            self._stop("photos")  # the caption being typed goes with the photo
            self._trouble.pop("photos", None)
            self._caption_photo = None
        try:
            self.inspection.remove_photo(self.application_id, photo_id)
        except TicError as error:
            self.photos_status.show_state(FAILED, error.message_zh)
            self.problem.emit(error.message_zh)
            return
        self._refresh_photos()

    # --- state, validation and signing ------------------------------------------------------------
    def flush(self) -> None:
        """Write everything still waiting for the typing pause, now."""
        for key, timer in list(self._timers.items()):
            if timer.isActive():
                self._save(key)

    def unsaved_or_invalid(self) -> list[str]:
        """Fields whose entry is not (yet) what the database holds, in Chinese; empty when all is
        saved."""
        names = {
            "site_address": "考察地点",
            "visit_date": "考察日期",
            "team": "考察组成员",
            "conclusion": "考察结论",
            "photos": "照片说明",
        }
        found = []
        for key, (kind, detail) in self._trouble.items():
            name = f"“{self._titles[key]}”" if key in self._titles else names.get(key, key)
            found.append(f"{name}未能保存：{detail}" if kind == FAILED else f"{name}尚未保存")
        return found

    def validate(self) -> list[str]:
        """Every problem that stops signing, in Chinese, each also shown at its field."""
        self.flush()
        self._validated = True
        problems = self._recheck()
        self._show_all()
        return problems

    def _recheck(self) -> list[str]:
        self._problems = {}
        found = []
        for problem in self.inspection.report_problems(self.application_id):
            self._problems.setdefault(problem.field, []).append(problem.zh)
            found.append(problem.zh)
        return found

    def _show_all(self) -> None:
        for key in [*self.statuses, *self.field_statuses]:
            kind, detail = self._trouble.get(key, (None, ""))
            status = self.statuses.get(key) or self.field_statuses[key]
            frame = self.frames.get(key) or self.field_frames[key]
            if kind == FAILED:
                status.show_state(FAILED, self.tr("Not saved: %1").replace("%1", detail))
                frame.set_mark(FAILED)
            elif key in self._problems:
                status.show_state(INVALID, "；".join(self._problems[key]))
                frame.set_mark(INVALID)
            else:
                status.show_state(None)
                frame.set_mark(None)
        kind, detail = self._trouble.get("photos", (None, ""))
        self.photos_status.show_state(
            FAILED if kind == FAILED else None,
            self.tr("Not saved: %1").replace("%1", detail) if kind == FAILED else "",
        )
        if self._validated:
            listed = sum(self._problems.values(), [])
            if listed:
                text = self.tr("Before signing, please complete these %1 items:").replace(
                    "%1", str(len(listed))
                )
                self.summary.setText(
                    f"<span style='color:#c62828'><b>{escape(text)}</b><br>"
                    + "<br>".join(f"· {escape(p)}" for p in listed)
                    + "</span>"
                )
                self.summary.show()
            else:
                self.summary.hide()
        self._emit_state()

    def _emit_state(self) -> None:
        state = self.unsaved_or_invalid()
        if state != self._last_state:
            self._last_state = state
            self.state_changed.emit(state)

    def sign(self, folder: Path | None = None) -> Path | None:
        """Sign the saved report; refused (with every problem listed) while anything is missing or
        unsaved."""
        problems = self.validate()  # saves what is waiting first
        unsaved = self.unsaved_or_invalid()
        if unsaved or problems:
            self.problem.emit(
                self.tr("The inspection report cannot be signed yet: %1").replace(
                    "%1", "；".join(unsaved + problems)
                )
            )
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Where should the signed report go?")
            )
            if not chosen:
                return None
            folder = Path(chosen)
        try:
            target = self.inspection.sign_saved_report(self.application_id, folder)
        except TicError as error:
            self.problem.emit(error.message_zh)
            return None
        self.signed.emit(target)
        return target
