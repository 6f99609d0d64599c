"""The chair's tab: import members' signed copies, see the panel's scores, sign the group opinion."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import money2
from tic_desktop.errors import TicError
from tic_desktop.expert.chair import ChairDesk

WIDE_SPREAD_BG = QColor("#f8d7da")


class ChairPanel(QWidget):
    """Rows: applications; columns: members (回避 where recused) and the figures."""

    imported = Signal(list)
    """Members' copies were imported (their ids)."""
    signed = Signal(Path)
    """A group opinion PDF was signed and written."""
    problem = Signal(str)

    def __init__(self, chair: ChairDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chair = chair
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import members' score copies…"))
        self.import_button.clicked.connect(self.choose_copies)
        self.status = QLabel()
        bar.addWidget(self.import_button)
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)
        self.table = QTableWidget()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.consensus = QPlainTextEdit()
        self.consensus.setPlaceholderText(
            self.tr("The panel's consensus opinion on the selected application")
        )
        self.consensus.setMaximumHeight(120)
        layout.addWidget(self.consensus)
        row = QHBoxLayout()
        self.recommend = QRadioButton(self.tr("Recommend"))
        self.not_recommend = QRadioButton(self.tr("Do not recommend"))
        # Neither is chosen for the chair: the panel's recommendation is a decision, not a default.
        self.sign_button = QPushButton(self.tr("Sign the group opinion…"))
        self.sign_button.clicked.connect(lambda: self.sign_selected())
        for widget in (self.recommend, self.not_recommend):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        layout.addLayout(row)
        self.refresh()

    def choose_copies(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Members' score copies"), "", self.tr("Score copies (*.chaircopy)")
        )
        self.import_copies([Path(f) for f in files])

    def import_copies(self, files: list[Path]) -> list[str]:
        members, failures = [], []
        for file in files:
            try:
                members.append(self.chair.import_copy(file))
            except TicError as error:
                failures.append(f"{file.name}: {error.message_zh}")
        self.refresh()
        if failures:
            self.problem.emit("\n".join(failures))
        self.imported.emit(members)
        return members

    def refresh(self) -> None:
        manifest = self.chair.desk.manifest
        pictures = self.chair.picture()
        headers = [m.name for m in manifest.members] + [
            self.tr("Valid"),
            self.tr("Final"),
            self.tr("Spread"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(pictures))
        self.table.setVerticalHeaderLabels([p.application_id for p in pictures])
        for row, picture in enumerate(pictures):
            for column, member in enumerate(manifest.members):
                total = picture.totals[member.id]
                text = (
                    self.tr("recused")
                    if member.id in picture.recused
                    else ("—" if total is None else f"{total}")
                )
                self.table.setItem(row, column, QTableWidgetItem(text))
            figures = [
                str(len(picture.valid)),
                money2(picture.final) or "—",
                f"{picture.spread}" if picture.spread is not None else "—",
            ]
            for offset, text in enumerate(figures):
                self.table.setItem(row, len(manifest.members) + offset, QTableWidgetItem(text))
            if self.chair.wide_spread(picture):
                for column in range(len(headers)):
                    self.table.item(row, column).setBackground(QBrush(WIDE_SPREAD_BG))
                    self.table.item(row, column).setToolTip(
                        self.tr("Wide spread between the members' totals")
                    )
        self.table.resizeColumnsToContents()
        self.status.setText(
            self.tr("%1 of %2 members' copies imported")
            .replace("%1", str(len(self.chair.sheets)))
            .replace("%2", str(len(manifest.members)))
        )

    def sign_selected(self, folder: Path | None = None) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.problem.emit(self.tr("Choose an application in the table first."))
            return None
        application_id = self.table.verticalHeaderItem(rows[0].row()).text()
        if not (self.recommend.isChecked() or self.not_recommend.isChecked()):
            self.problem.emit(self.tr("Choose whether the panel recommends the application."))
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Where should the signed group opinion go?")
            )
            if not chosen:
                return None
            folder = Path(chosen)
        try:
            target = self.chair.sign_group_opinion(
                application_id, self.consensus.toPlainText(), self.recommend.isChecked(), folder
            )
        except TicError as error:
            self.problem.emit(error.message_zh)
            return None
        self.signed.emit(target)
        return target
