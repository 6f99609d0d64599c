"""The on-site inspection's checklist: a row per item, with what the application declared beside
what was found (result, measured figure, note), and under it the row's save or validation status.

The checklist only shows and edits; the inspection tab (:mod:`tic_desktop.gui.inspection_panel`)
saves what is typed, from :attr:`InspectionChecklist.typed` and :attr:`InspectionChecklist.changed`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from tic_desktop.expert.inspection import InspectionDesk
from tic_desktop.expert.inspection_records import RESULTS
from tic_desktop.gui.save_status import FieldStatus, MarkFrame

# Part of the inspection tab: its words are in the catalogue under InspectionPanel (literal calls,
# so that lupdate finds them there).
translate = QCoreApplication.translate


class InspectionChecklist(QWidget):
    """Item, declared, result, measured or found, note: a row per checklist item (by item id)."""

    typed = Signal(str)
    """Text was typed into an item's measured figure or note (the item's id)."""
    changed = Signal(str)
    """An item's entry should be saved now: its result was chosen, one of its texts was left, or
    its status line's 重试保存 was clicked (the item's id)."""

    def __init__(
        self, inspection: InspectionDesk, application_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        entries = inspection.entries(application_id)
        declared = inspection.declared(application_id)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(4, 2)
        headers = (
            translate("InspectionPanel", "Item"),
            translate("InspectionPanel", "Declared"),
            translate("InspectionPanel", "Result"),
            translate("InspectionPanel", "Measured / found"),
            translate("InspectionPanel", "Note"),
        )
        for column, header in enumerate(headers):
            grid.addWidget(QLabel(f"<b>{escape(header)}</b>"), 0, column)
        self.results: dict[str, QComboBox] = {}
        self.measured: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.declared_labels: dict[str, QLabel] = {}
        self.frames: dict[str, MarkFrame] = {}
        self.statuses: dict[str, FieldStatus] = {}
        for index, item in enumerate(inspection.items):
            row = 1 + index * 2
            title = QLabel(
                f"{escape(item.title)}（{escape(item.clause)}）<br>"
                f"<span style='color:#555'>{escape(item.what_to_check)}</span>"
            )
            title.setWordWrap(True)
            shown = QLabel(escape(declared.get(item.id, "")) or "—")
            shown.setWordWrap(True)
            shown.setAccessibleName(
                translate("InspectionPanel", "Declared for %1").replace("%1", item.title)
            )
            result = QComboBox()
            result.addItem("—")
            result.addItems(list(RESULTS))
            result.setAccessibleName(item.title)
            measured, note = QLineEdit(), QLineEdit()
            measured.setAccessibleName(
                translate("InspectionPanel", "Measured for %1").replace("%1", item.title)
            )
            note.setAccessibleName(
                translate("InspectionPanel", "Note for %1").replace("%1", item.title)
            )
            entry = entries.get(item.id)
            if entry is not None:
                result.setCurrentIndex(
                    RESULTS.index(entry.result) + 1 if entry.result in RESULTS else 0
                )
                measured.setText(entry.measured)
                note.setText(entry.note)
            result.currentIndexChanged.connect(lambda _i, iid=item.id: self.changed.emit(iid))
            for box in (measured, note):
                box.textChanged.connect(lambda _t, iid=item.id: self.typed.emit(iid))
                box.editingFinished.connect(lambda iid=item.id: self.changed.emit(iid))
            cells = QWidget()
            cells_layout = QHBoxLayout(cells)
            cells_layout.setContentsMargins(0, 0, 0, 0)
            cells_layout.addWidget(result)
            frame = MarkFrame(cells)
            status = FieldStatus()
            status.retry.connect(lambda iid=item.id: self.changed.emit(iid))
            grid.addWidget(title, row, 0)
            grid.addWidget(shown, row, 1)
            grid.addWidget(frame, row, 2)
            grid.addWidget(measured, row, 3)
            grid.addWidget(note, row, 4)
            grid.addWidget(status, row + 1, 0, 1, 5)
            self.results[item.id], self.measured[item.id], self.notes[item.id] = (
                result,
                measured,
                note,
            )
            self.declared_labels[item.id] = shown
            self.frames[item.id] = frame
            self.statuses[item.id] = status
