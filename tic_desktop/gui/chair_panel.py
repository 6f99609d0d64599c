"""The chair's tab: import members' signed copies, see the panel's scores, sign the group opinion.

Everything the chair does is kept: imported copies and each application's group opinion and
recommendation are saved in the local database as they are made (ChairDesk), and the opinion
box always belongs to the application selected in the table.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import money2
from tic_desktop.errors import TicError
from tic_desktop.expert.chair import ChairDesk, PanelPicture
from tic_desktop.returns.scoring import check_title

WIDE_SPREAD_BG = QColor("#f8d7da")
SAVE_DELAY_MS = 400


class ChairPanel(QWidget):
    """Rows: applications; columns: members (回避 / 未提交 where not counted) and the figures."""

    imported = Signal(list)
    """Members' copies were imported (their ids)."""
    signed = Signal(Path)
    """A group opinion PDF was signed and written."""
    problem = Signal(str)
    """Something the chair asked for could not be done (the reason, in Chinese)."""
    saved = Signal(str)
    """The group opinion of an application was saved (its id)."""

    def __init__(self, chair: ChairDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chair = chair
        self.pictures: list[PanelPicture] = []
        self._application: str | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import members' score copies…"))
        self.import_button.clicked.connect(self.choose_copies)
        self.status = QLabel()
        bar.addWidget(self.import_button)
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the opinion box
        self.table.itemSelectionChanged.connect(self._selection_changed)
        splitter.addWidget(self.table)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("The members' reasons and judgements"))
        splitter.addWidget(self.detail)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.opinion_label = QLabel()
        lower_layout.addWidget(self.opinion_label)
        self.consensus = QPlainTextEdit()
        self.consensus.setPlaceholderText(
            self.tr("The panel's consensus opinion on the selected application")
        )
        self.consensus.setTabChangesFocus(True)
        self.consensus.setAccessibleName(self.tr("Group opinion"))
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_text)
        self.consensus.textChanged.connect(self._text_changed)
        lower_layout.addWidget(self.consensus, 1)
        self.save_state = QLabel()
        self.save_state.setWordWrap(True)
        lower_layout.addWidget(self.save_state)
        row = QHBoxLayout()
        self.recommend = QRadioButton(self.tr("Recommend"))
        self.not_recommend = QRadioButton(self.tr("Do not recommend"))
        # Neither is chosen for the chair: the panel's recommendation is a decision, not a default.
        self._choices = QButtonGroup(self)
        self._choices.addButton(self.recommend)
        self._choices.addButton(self.not_recommend)
        self._choices.buttonToggled.connect(
            lambda _button, checked: self._save_recommendation() if checked else None
        )
        self.sign_button = QPushButton(self.tr("Sign the group opinion…"))
        self.sign_button.clicked.connect(lambda: self.sign_selected())
        for widget in (self.recommend, self.not_recommend):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        lower_layout.addLayout(row)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        layout.addWidget(splitter, 1)
        self.refresh()

    # --- copies ---------------------------------------------------------------------------------
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
                failures.append(error.message_zh)
        self.refresh()
        if failures:
            self.problem.emit("\n".join(failures))
        self.imported.emit(members)
        return members

    # --- the panel's picture --------------------------------------------------------------------
    def _cell_text(self, picture: PanelPicture, member: str) -> str:
        total = picture.totals.get(member)
        return f"{total}" if total is not None else picture.status(member)

    def refresh(self) -> None:
        manifest = self.chair.desk.manifest
        selected = self._application
        self.pictures = self.chair.picture()
        sheets = self.chair.sheets
        headers = [m.name for m in manifest.members] + [
            self.tr("Valid"),
            self.tr("Final"),
            self.tr("Spread"),
        ]
        self.table.blockSignals(True)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.pictures))
        self.table.setVerticalHeaderLabels([p.application_id for p in self.pictures])
        for row, picture in enumerate(self.pictures):
            for column, member in enumerate(manifest.members):
                item = QTableWidgetItem(self._cell_text(picture, member.id))
                sheet = sheets.get(member.id, (0, None))[1]
                entry = sheet.entry(picture.application_id) if sheet else None
                if entry is not None and entry.reasons:
                    item.setToolTip("\n".join(f"{k}：{v}" for k, v in entry.reasons.items()))
                self.table.setItem(row, column, item)
            figures = [
                str(len(picture.valid)),
                money2(picture.final) or "—",
                f"{picture.spread}" if picture.spread is not None else "—",
            ]
            for offset, text in enumerate(figures):
                self.table.setItem(row, len(manifest.members) + offset, QTableWidgetItem(text))
            if self.chair.wide_spread(picture):
                for column in range(len(headers)):
                    cell = self.table.item(row, column)
                    assert cell is not None  # every cell of the row was set just above
                    cell.setBackground(QBrush(WIDE_SPREAD_BG))
                    cell.setToolTip(self.tr("Wide spread between the members' totals"))
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        self.status.setText(
            self.tr("%1 of %2 members' signed scores received")
            .replace("%1", str(len(sheets)))
            .replace("%2", str(len(manifest.members)))
        )
        if selected is not None:
            self.select_application(selected)
        else:
            self._show_application(None)

    def select_application(self, application_id: str) -> None:
        row = next(
            (r for r, p in enumerate(self.pictures) if p.application_id == application_id), None
        )
        if row is not None:
            self.table.selectRow(row)
            self._show_application(application_id)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_application(self.pictures[rows[0].row()].application_id if rows else None)

    def _show_application(self, application_id: str | None) -> None:
        """Bind the detail and the opinion box to one application (saving the one left first)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_text()
        self._application = application_id
        self._loading = True
        try:
            enabled = application_id is not None
            for widget in (self.consensus, self.recommend, self.not_recommend, self.sign_button):
                widget.setEnabled(enabled)
            self._choices.setExclusive(False)
            self.recommend.setChecked(False)
            self.not_recommend.setChecked(False)
            self._choices.setExclusive(True)
            if application_id is None:
                self.consensus.setPlainText("")
                self.opinion_label.setText(self.tr("Choose an application in the table first."))
                self.detail.setHtml("")
                return
            text, recommend = self.chair.group_opinion(application_id)
            self.consensus.setPlainText(text)
            if recommend is not None:
                (self.recommend if recommend else self.not_recommend).setChecked(True)
            self.opinion_label.setText(
                self.tr("Group opinion on %1:").replace("%1", application_id)
            )
            self.save_state.setText("")
            self.detail.setHtml(self._detail_html(application_id))
        finally:
            self._loading = False

    def _detail_html(self, application_id: str) -> str:
        manifest = self.chair.desk.manifest
        picture = next(p for p in self.pictures if p.application_id == application_id)
        sheets = self.chair.sheets
        parts = []
        for member in manifest.members:
            shown = escape(self._cell_text(picture, member.id))
            parts.append(f"<p><b>{escape(member.name)}（{escape(member.id)}）</b>：{shown}</p>")
            sheet = sheets.get(member.id, (0, None))[1]
            entry = sheet.entry(application_id) if sheet else None
            if entry is None or picture.totals.get(member.id) is None:
                continue
            titles = {c.id: c.title for c in manifest.rubric.criteria}
            items = [
                f"<li>{escape(titles.get(k, k))}：{escape(v)}</li>"
                for k, v in entry.reasons.items()
            ]
            for check_id, judgement in entry.judgements.items():
                verdict = self.tr("agrees") if judgement.agrees else self.tr("disagrees")
                items.append(
                    f"<li>{escape(check_title(check_id))}：{verdict}"
                    f"{'，' + escape(judgement.reason) if judgement.reason else ''}</li>"
                )
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
            parts.append(f"<p style='color:#444'>{escape(entry.opinion)}</p>")
        return "".join(parts)

    # --- the group opinion, saved as typed ------------------------------------------------------
    def _text_changed(self) -> None:
        if not self._loading:
            self.save_state.setText(self.tr("Saving…"))
            self._save_timer.start()

    def _save_text(self) -> None:
        if self._application is not None:
            self._save(self._application, opinion=self.consensus.toPlainText())

    def _save_recommendation(self) -> None:
        if not self._loading and self._application is not None:
            self._save(self._application, recommend=self.recommend.isChecked())

    def _save(self, application_id: str, **values) -> None:
        try:
            self.chair.save_group_opinion(application_id, **values)
        except TicError as error:
            self.save_state.setText(
                "<span style='color:#b00020'>"
                + escape(self.tr("Not saved: %1").replace("%1", error.message_zh))
                + "</span>"
            )
            self.problem.emit(error.message_zh)
            return
        self.save_state.setText(self.tr("Saved"))
        self.saved.emit(application_id)

    def flush(self) -> None:
        """Write the opinion still waiting for its typing pause."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_text()

    def sign_selected(self, folder: Path | None = None) -> Path | None:
        self.flush()
        application_id = self._application
        if application_id is None:
            self.problem.emit(self.tr("Choose an application in the table first."))
            return None
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
