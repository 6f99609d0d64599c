"""The conflict-of-interest page: before any material, every application and its units.

The expert ticks the applications they have a conflict with and gives the reason; the bureau's
known conflicts are shown locked. Keyboard-complete (Tab goes through each row's box and reason
to the certify button); the declaration is recorded only after a confirmation that lists it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableWidgetItem,
)

from tic_desktop.errors import TicError


class CoiPage(QObject):
    """The declaration table, its summary, and the certify button's question."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.ui = window.ui
        self.confirm_box: QMessageBox | None = None
        self.ui.certifyButton.clicked.connect(self.confirm_certification)
        self._rows = QTimer(self, singleShot=True, interval=0)
        self._rows.timeout.connect(lambda: self.ui.coiTable.resizeRowsToContents())
        self.ui.coiTable.horizontalHeader().sectionResized.connect(lambda *_: self._rows.start())

    @property
    def desk(self):
        return self.window.desk

    def headers(self) -> list[str]:
        return [
            self.tr("Application"),
            self.tr("Center"),
            self.tr("Units involved"),
            self.tr("Conflict"),
            self.tr("Reason"),
        ]

    def show(self) -> None:
        table = self.ui.coiTable
        applications = self.desk.manifest.applications
        known = self.desk.known_conflicts()
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(self.headers())
        table.setRowCount(len(applications))
        table.setTabKeyNavigation(False)  # Tab leaves the table for the boxes and the button
        table.setWordWrap(True)
        previous = table
        for row, entry in enumerate(applications):
            units = "、".join([entry.lead_unit.name, *(c.name for c in entry.co_builders)])
            for column, value in enumerate((entry.id, entry.center_name, units)):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(value)
                table.setItem(row, column, item)
            box = QCheckBox(
                self.tr("Known conflict (locked)")
                if entry.id in known
                else self.tr("I have a conflict")
            )
            box.setAccessibleName(self.tr("Conflict with %1").replace("%1", entry.id))
            reason = QLineEdit(known.get(entry.id, ""))
            reason.setAccessibleName(self.tr("Reason for %1").replace("%1", entry.id))
            reason.setPlaceholderText(self.tr("Reason, if you have a conflict"))
            if entry.id in known:
                box.setChecked(True)
                box.setEnabled(False)
                reason.setReadOnly(True)
            else:
                box.toggled.connect(lambda _on: self.update_summary())
                reason.textChanged.connect(lambda _text: self.update_summary())
                for widget in (box, reason):
                    widget.installEventFilter(self)
            table.setCellWidget(row, 3, box)
            table.setCellWidget(row, 4, reason)
            if box.isEnabled():
                QMainWindow.setTabOrder(previous, box)
                previous = box
            QMainWindow.setTabOrder(previous, reason)
            previous = reason
        QMainWindow.setTabOrder(previous, self.ui.certifyButton)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (0, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # Rows follow the wrapped units' height as the columns take their widths.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.certifyButton.setDefault(True)
        self.update_summary()
        self.ui.pages.setCurrentWidget(self.ui.coiPage)

    def retranslate(self) -> None:
        self.ui.coiTable.setHorizontalHeaderLabels(self.headers())
        self.update_summary()

    def eventFilter(self, watched, event) -> bool:
        # A check box or reason reached by Tab scrolls its row into view.
        if event.type() == QEvent.Type.FocusIn:
            table = self.ui.coiTable
            for row in range(table.rowCount()):
                if watched in (table.cellWidget(row, 3), table.cellWidget(row, 4)):
                    table.scrollToItem(table.item(row, 0))
        return super().eventFilter(watched, event)

    def declared(self) -> dict[str, str]:
        table = self.ui.coiTable
        known = self.desk.known_conflicts()
        declared = {}
        for row in range(table.rowCount()):
            app_id = table.item(row, 0).text()
            if app_id not in known and table.cellWidget(row, 3).isChecked():
                declared[app_id] = table.cellWidget(row, 4).text().strip()
        return declared

    def update_summary(self) -> None:
        if self.desk is None:
            return
        self.ui.coiSummary.setText(
            self.tr("Declared: %1 conflicts (%2 already locked by the bureau)")
            .replace("%1", str(len(self.declared())))
            .replace("%2", str(len(self.desk.known_conflicts())))
        )

    def set_declaration(self, application_id: str, reason: str) -> None:
        """Tick an application as a conflict with its reason (what the expert does in the table)."""
        table = self.ui.coiTable
        for row in range(table.rowCount()):
            if table.item(row, 0).text() == application_id:
                table.cellWidget(row, 3).setChecked(True)
                table.cellWidget(row, 4).setText(reason)

    def certification_question(self) -> str:
        """What the expert confirms: the declared conflicts, or that there are none."""
        declared = self.declared()
        names = {e.id: e.center_name for e in self.desk.manifest.applications}
        if declared:
            lines = "\n".join(
                f"· {app_id} {names.get(app_id, '')}：{reason}"
                for app_id, reason in declared.items()
            )
            text = (
                self.tr("You declare a conflict of interest with these applications:")
                + "\n"
                + lines
            )
        else:
            text = self.tr(
                "You declare no conflict of interest with any application of this panel."
            )
        known = self.desk.known_conflicts()
        if known:
            text += "\n" + self.tr("Already locked by the bureau: %1").replace(
                "%1", "、".join(sorted(known))
            )
        return (
            text
            + "\n\n"
            + self.tr("After you confirm, the declaration cannot be changed. Confirm?")
        )

    def confirm_certification(self) -> None:
        """The certify button: check every ticked row has a reason, then ask before recording."""
        missing = [app_id for app_id, reason in self.declared().items() if not reason]
        if missing:
            self.window.show_error(
                self.tr("Declaration incomplete"),
                self.tr("Give the reason for your conflict with %1.").replace(
                    "%1", "、".join(missing)
                ),
            )
            table = self.ui.coiTable
            for row in range(table.rowCount()):
                if table.item(row, 0).text() == missing[0]:
                    table.cellWidget(row, 4).setFocus()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Confirm the declaration"),
            self.certification_question(),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        confirm = box.addButton(self.tr("Confirm"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Go back and change"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.confirm_box = None
            if box.clickedButton() is confirm:
                self.certify()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def certify(self) -> None:
        """Record the declaration as it stands in the table (no question asked)."""
        try:
            self.desk.certify(self.declared())
        except TicError as error:
            self.window.show_error(
                self.tr("Declaration incomplete"), error.message(self.window.language)
            )
            return
        self.window.notify(self.tr("Your declaration is recorded."), "ok")
        self.window.certified.emit()
        self.window.work.show()
