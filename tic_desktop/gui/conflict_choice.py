"""The bureau chooses which of an expert's conflicting returns counts (formats.md: conflicting
returns count for nothing until the bureau chooses; the choice is recorded with who made it and
when)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import money2
from tic_desktop.gui.inbox_model import local_time, status_text
from tic_desktop.returns.inbox_records import InboxEntry

SHA_ROLE = Qt.ItemDataRole.UserRole + 1


class ConflictChoiceDialog(QDialog):
    """Shows each conflicting return (revision, signing and arrival times, totals) and asks for
    one, confirmed with what will not count and the name of who chooses."""

    chosen = Signal(str, str)
    """The clerk confirmed: the chosen file's SHA-256, and who chose."""

    def __init__(
        self,
        panel: str,
        expert: str,
        name: str,
        entries: list[InboxEntry],
        clerk: str,
        language: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel, self.expert, self.language = panel, expert, language
        self.entries = {e.file_sha256: e for e in entries}
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Choose the return that counts"))
        heading = QLabel(
            self.tr(
                "%1 (%2) sent returns for panel %3 that conflict: their revision numbers and "
                "signing times disagree, so none counts until the bureau chooses one. "
                "Ask the expert which is right, then choose it."
            )
            .replace("%1", name or expert)
            .replace("%2", expert)
            .replace("%3", panel)
        )
        heading.setWordWrap(True)
        self.options = QListWidget()
        self.options.setAccessibleName(self.tr("Conflicting returns"))
        self.options.setWordWrap(True)
        for entry in sorted(entries, key=lambda e: (e.item.revision or 0, e.item.signed_at)):
            option = QListWidgetItem(self.describe(entry))
            option.setData(SHA_ROLE, entry.file_sha256)
            self.options.addItem(option)
        self.options.currentRowChanged.connect(self._selection_changed)
        who_label = QLabel(self.tr("Your &name (recorded with the choice):"))
        # typed once a session (then offered again); the OS login is recorded beside it anyway
        self.who = QLineEdit(clerk)
        self.who.setPlaceholderText(self.tr("Type your name"))
        self.who.setAccessibleName(self.tr("Your name"))
        who_label.setBuddy(self.who)
        self.who.textChanged.connect(self._selection_changed)
        self.consequence = QLabel()
        self.consequence.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.count_button = QPushButton(self.tr("&Count the selected return…"))
        buttons.addButton(self.count_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.count_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, self.options, self.consequence, who_label, self.who, buttons):
            layout.addWidget(widget)
        self.resize(70 * self.fontMetrics().averageCharWidth(), 20 * self.fontMetrics().height())
        self._selection_changed()

    def describe(self, entry: InboxEntry) -> str:
        item = entry.item
        totals = "、".join(
            f"{score.application} {money2(score.total)}"
            for score in (item.sheet.scores if item.sheet is not None else ())
        )
        return (
            self.tr("Revision %1 · signed %2 · received %3 · file %4 · now %5\nTotals: %6")
            .replace("%1", str(item.revision))
            .replace("%2", local_time(item.signed_at))
            .replace("%3", local_time(entry.received_at))
            .replace("%4", entry.original_name)
            .replace("%5", status_text(str(item.status), self.language))
            .replace("%6", totals or "—")
        )

    def short(self, entry: InboxEntry) -> str:
        return (
            self.tr("revision %1 (%2, signed %3)")
            .replace("%1", str(entry.item.revision))
            .replace("%2", entry.original_name)
            .replace("%3", local_time(entry.item.signed_at))
        )

    def selected(self) -> InboxEntry | None:
        current = self.options.currentItem()
        return self.entries.get(current.data(SHA_ROLE)) if current is not None else None

    def left_out(self, chosen: InboxEntry) -> list[InboxEntry]:
        return [e for e in self.entries.values() if e is not chosen]

    def _selection_changed(self, *_args) -> None:
        chosen = self.selected()
        self.count_button.setEnabled(chosen is not None and bool(self.who.text().strip()))
        if chosen is None:
            self.consequence.setText(self.tr("Choose one return above."))
            return
        self.consequence.setText(
            self.tr("Will not count: %1").replace(
                "%1", "；".join(self.short(e) for e in self.left_out(chosen))
            )
        )

    def confirm(self) -> None:
        """Ask once more, naming what will not count; the choice is made only on Yes."""
        chosen = self.selected()
        who = self.who.text().strip()
        if chosen is None or not who:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Confirm the choice"))
        box.setText(
            self.tr("Count %1 for %2 in panel %3?")
            .replace("%1", self.short(chosen))
            .replace("%2", self.expert)
            .replace("%3", self.panel)
        )
        box.setInformativeText(
            self.tr(
                "These will not count: %1.\nThe choice is recorded with your name (%2) and the time."  # noqa: E501
            )
            .replace("%1", "；".join(self.short(e) for e in self.left_out(chosen)))
            .replace("%2", who)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _result: self._confirmed(box, chosen, who))
        self.confirmation = box
        box.open()

    def _confirmed(self, box: QMessageBox, chosen: InboxEntry, who: str) -> None:
        self.confirmation = None
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            self.chosen.emit(chosen.file_sha256, who)
            self.accept()
