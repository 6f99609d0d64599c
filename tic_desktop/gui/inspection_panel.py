"""The on-site inspection tab: the checklist, photos, and the team leader's signed report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.errors import TicError
from tic_desktop.expert.inspection import RESULTS, InspectionDesk


class InspectionPanel(QWidget):
    """Every field is saved as it is left; photos are stored encrypted with their SHA-256."""

    signed = Signal(Path)
    """The inspection report was signed and written."""
    problem = Signal(str)

    def __init__(
        self, inspection: InspectionDesk, application_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self.application_id = application_id
        entries = inspection.entries(application_id)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        headers = (self.tr("Item"), self.tr("Result"), self.tr("Measured / found"), self.tr("Note"))
        for column, header in enumerate(headers):
            grid.addWidget(QLabel(f"<b>{header}</b>"), 0, column)
        self.results: dict[str, QComboBox] = {}
        self.measured: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLineEdit] = {}
        for row, item in enumerate(inspection.items, start=1):
            title = QLabel(
                f"{item.title}（{item.clause}）<br><span style='color:#555'>{item.what_to_check}</span>"
            )
            title.setWordWrap(True)
            result = QComboBox()
            result.addItems(["—", *RESULTS])
            result.setAccessibleName(item.title)
            measured, note = QLineEdit(), QLineEdit()
            entry = entries.get(item.id)
            if entry is not None:
                result.setCurrentIndex(
                    RESULTS.index(entry.result) + 1 if entry.result in RESULTS else 0
                )
                measured.setText(entry.measured)
                note.setText(entry.note)
            result.currentIndexChanged.connect(
                lambda i, iid=item.id: self._save(iid, result=RESULTS[i - 1] if i else None)
            )
            measured.editingFinished.connect(
                lambda iid=item.id: self._save(iid, measured=self.measured[iid].text())
            )
            note.editingFinished.connect(
                lambda iid=item.id: self._save(iid, note=self.notes[iid].text())
            )
            for column, widget in enumerate((title, result, measured, note)):
                grid.addWidget(widget, row, column)
            self.results[item.id], self.measured[item.id], self.notes[item.id] = (
                result,
                measured,
                note,
            )
        layout.addLayout(grid)
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(90)
        add_photo = QPushButton(self.tr("Add photos…"))
        add_photo.clicked.connect(self.choose_photos)
        photos_heading = self.tr("Photos (stored encrypted, with their SHA-256)")
        layout.addWidget(QLabel(f"<b>{photos_heading}</b>"))
        layout.addWidget(self.photo_list)
        layout.addWidget(add_photo, alignment=Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        self.site = QLineEdit()
        self.visit_date = QLineEdit()
        self.team = QListWidget()
        self.team.setMaximumHeight(110)
        manifest = inspection.desk.manifest
        for member in manifest.members:
            if member.id == inspection.desk.expert_id:
                continue
            entry = QListWidgetItem(f"{member.name}（{member.unit_name}）")
            entry.setData(Qt.ItemDataRole.UserRole, member.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.team.addItem(entry)
        self.conclusion = QPlainTextEdit()
        self.conclusion.setMaximumHeight(90)
        form.addRow(self.tr("Site address:"), self.site)
        form.addRow(self.tr("Date of visit:"), self.visit_date)
        form.addRow(self.tr("Team members:"), self.team)
        form.addRow(self.tr("Conclusion:"), self.conclusion)
        layout.addLayout(form)
        sign = QPushButton(self.tr("Sign the inspection report as team leader…"))
        sign.clicked.connect(lambda: self.sign())
        layout.addWidget(sign, alignment=Qt.AlignmentFlag.AlignRight)
        self._refresh_photos()

    def _save(self, item_id: str, **fields) -> None:
        try:
            self.inspection.record(self.application_id, item_id, **fields)
        except TicError as error:
            self.problem.emit(error.message_zh)

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
                self.problem.emit(error.message_zh)
        self._refresh_photos()

    def _refresh_photos(self) -> None:
        self.photo_list.clear()
        for photo in self.inspection.photos(self.application_id):
            self.photo_list.addItem(f"{photo.caption} · SHA-256 {photo.sha256[:16]}…")

    def sign(self, folder: Path | None = None) -> Path | None:
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Where should the signed report go?")
            )
            if not chosen:
                return None
            folder = Path(chosen)
        team = [
            self.team.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.team.count())
            if self.team.item(i).checkState() == Qt.CheckState.Checked
        ]
        try:
            target = self.inspection.sign_report(
                self.application_id,
                self.site.text(),
                self.visit_date.text(),
                team,
                self.conclusion.toPlainText(),
                folder,
            )
        except TicError as error:
            self.problem.emit(error.message_zh)
            return None
        self.signed.emit(target)
        return target
