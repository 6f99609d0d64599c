"""The panel builder: members, chair and applications per panel, with the conflict checks shown
live.

Every change re-runs the same conflicts engine that later refuses to build a broken panel's
package, so what the bureau sees here is exactly what will be enforced.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.bureau.round_draft import (
    UNUSABLE_IN_NAMES,
    PanelDraft,
    RoundDraft,
    usable_as_file_name,
)
from tic_desktop.domain.round import DeclaredConflict
from tic_desktop.gui.conflict_checks_table import ConflictChecksTable
from tic_desktop.gui.declare_conflict_dialog import DeclareConflictDialog
from tic_desktop.gui.notices import show_warning
from tic_desktop.gui.questions import DestructiveQuestion, ask_before
from tic_desktop.rules.messages import CHECK_TITLES, label
from tic_desktop.rules.results import Result

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
PROBLEM_LINES = 2
"""The problem list is as high as its heading and this many problems: fixed, so that the panels
below never jump when it changes; a longer list scrolls."""


class PanelBuilder(QWidget):
    """Edits ``draft.panels`` and ``draft.declared_conflicts``; ``changed`` after every edit."""

    changed = Signal()
    question_asked = Signal(object)
    """A question before something is destroyed was opened (the DestructiveQuestion)."""

    def __init__(
        self,
        draft: RoundDraft,
        language: str,
        parent: QWidget | None = None,
        issued: dict[str, list[str]] | None = None,
    ) -> None:
        """``issued``: per panel id, the packages already built for it (named for people)."""
        super().__init__(parent)
        self.draft = draft
        self.language = language
        self.issued = issued or {}
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        self.blockers.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.blockers.setAccessibleName(self.tr("What stops packages from being built"))
        self.blockers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blockers_area = QScrollArea()
        self.blockers_area.setWidget(self.blockers)
        self.blockers_area.setWidgetResizable(True)
        self.blockers_area.setFrameShape(QFrame.Shape.NoFrame)
        self.blockers_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.blockers_area.setFixedHeight(self._problem_list_height())
        layout.addWidget(self.blockers_area)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._panel_list())
        self.splitter.addWidget(self._composition())
        self.splitter.addWidget(self._checks_view())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([110, 440, 520])
        layout.addWidget(self.splitter, 1)
        self.refresh()

    # --- layout -------------------------------------------------------------------------------
    def _panel_list(self) -> QWidget:
        box = QGroupBox(self.tr("Panels"))
        layout = QVBoxLayout(box)
        self.panel_list = QListWidget()
        self.panel_list.setAccessibleName(self.tr("Panels"))
        self.panel_list.currentRowChanged.connect(lambda _row: self._show_panel())
        layout.addWidget(self.panel_list, 1)
        add = QPushButton(self.tr("New pan&el…"))
        add.clicked.connect(self._ask_new_panel)
        remove = QPushButton(self.tr("De&lete panel"))
        remove.clicked.connect(self.delete_current_panel)
        self.delete_button = remove
        layout.addWidget(add)
        layout.addWidget(remove)
        return box

    def _composition(self) -> QWidget:
        box = QGroupBox(self.tr("Members, chair and applications"))
        layout = QVBoxLayout(box)
        self.members = QTableWidget(0, 3)
        self.members.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("Unit"), self.tr("Title")]
        )
        self.members.setAccessibleName(self.tr("Expert pool: tick the panel's members"))
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The title keeps its width; name and unit share what is left (the full texts are in
        # tooltips), so that no sideways scroll bar takes the place of a row on a small screen.
        self.members.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.members.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.members.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.members.itemChanged.connect(
            lambda _item: None if self._filling else self._members_edited()
        )
        self.members.verticalHeader().setVisible(False)
        self.members.setWordWrap(False)  # one line a member, elided (the tooltip has it all)
        self.members.setMinimumHeight(self._rows_height(self.members, 3, scroll_bar=False))
        layout.addWidget(self.members, 3)
        chair_row = QHBoxLayout()
        chair_label = QLabel(self.tr("C&hair:"))
        self.chair = QComboBox()
        self.chair.setAccessibleName(self.tr("Chair"))
        chair_label.setBuddy(self.chair)
        self.chair.activated.connect(lambda _index: self._chair_chosen())
        chair_row.addWidget(chair_label)
        chair_row.addWidget(self.chair, 1)
        layout.addLayout(chair_row)
        self.applications = QListWidget()
        self.applications.setAccessibleName(self.tr("Applications this panel reviews"))
        self.applications.itemChanged.connect(
            lambda _item: None if self._filling else self._applications_edited()
        )
        self.applications.setMinimumHeight(self._rows_height(self.applications, 2))
        applications_label = QLabel(self.tr("A&pplications this panel reviews:"))
        applications_label.setBuddy(self.applications)
        members_label = QLabel(self.tr("&Members (tick to add):"))
        members_label.setBuddy(self.members)
        layout.insertWidget(0, members_label)
        layout.addWidget(applications_label)
        layout.addWidget(self.applications, 2)
        return box

    def _problem_list_height(self) -> int:
        probe = QLabel(
            "<b>—</b><ul style='margin:0'>" + "<li>—</li>" * PROBLEM_LINES + "</ul>", self
        )
        probe.setWordWrap(True)
        probe.setFont(self.blockers.font())
        height = probe.heightForWidth(800)
        probe.deleteLater()
        return height + 2

    @staticmethod
    def _rows_height(view: QAbstractItemView, rows: int, scroll_bar: bool = True) -> int:
        """Enough height for ``rows`` rows of text (and a horizontal scroll bar)."""
        line = view.fontMetrics().lineSpacing() + 10
        header = (
            view.horizontalHeader().sizeHint().height() if hasattr(view, "horizontalHeader") else 0
        )
        bar = view.horizontalScrollBar().sizeHint().height() if scroll_bar else 0
        return header + line * rows + bar + 2 * view.frameWidth()

    def _checks_view(self) -> QWidget:
        box = QGroupBox(self.tr("Conflict-of-interest checks (live)"))
        layout = QVBoxLayout(box)
        self.checks = ConflictChecksTable()
        layout.addWidget(self.checks, 1)
        row = QHBoxLayout()
        declare = QPushButton(self.tr("&Declare a conflict…"))
        declare.clicked.connect(self._declare)
        self.withdraw = QPushButton(self.tr("&Withdraw declared conflict"))
        self.withdraw.clicked.connect(self._withdraw)
        row.addWidget(declare)
        row.addWidget(self.withdraw)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    # --- public ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the draft again (after experts or applications changed elsewhere)."""
        current = self.current_panel()
        with QSignalBlocker(self.panel_list):  # no half-filled list may be shown
            self.panel_list.clear()
            for panel in self.draft.panels:
                self.panel_list.addItem(QListWidgetItem(panel.id))
            ids = [p.id for p in self.draft.panels]
            if ids:
                self.panel_list.setCurrentRow(
                    ids.index(current.id) if current and current.id in ids else 0
                )
        self._show_panel()

    def current_panel(self) -> PanelDraft | None:
        row = self.panel_list.currentRow() if hasattr(self, "panel_list") else -1
        return self.draft.panels[row] if 0 <= row < len(self.draft.panels) else None

    def select_panel(self, panel_id: str) -> None:
        self.panel_list.setCurrentRow([p.id for p in self.draft.panels].index(panel_id))

    def add_panel(self, panel_id: str) -> bool:
        panel_id = panel_id.strip()
        if not usable_as_file_name(panel_id) or any(p.id == panel_id for p in self.draft.panels):
            show_warning(
                self,
                self.tr("New panel"),
                self.tr(
                    "“%1” cannot be used: the id must be new and may contain only letters, digits, - _ and . (not %2)."  # noqa: E501
                )
                .replace("%1", panel_id)
                .replace("%2", UNUSABLE_IN_NAMES),
            )
            return False
        self.draft.panels.append(PanelDraft(panel_id))
        self.refresh()
        self.select_panel(panel_id)
        self.changed.emit()
        return True

    def delete_current_panel(self) -> DestructiveQuestion | None:
        """Ask first, naming what the panel holds and the packages already issued for it; the panel
        goes only when the answer is Delete."""
        panel = self.current_panel()
        if panel is None:
            return None
        lost = [
            self.tr("Its %1 members, its chair and its %2 applications will no longer be assigned.")
            .replace("%1", str(len(panel.members)))
            .replace("%2", str(len(panel.applications)))
        ]
        issued = self.issued.get(panel.id, [])
        if issued:
            lost.append(
                self.tr(
                    "Packages were already issued for this panel (%1). Returns made from them will "
                    "no longer match a panel of the round: the experts would have to be sent new "
                    "packages."
                ).replace("%1", "、".join(issued))
            )
        question = ask_before(
            self,
            self.tr("Delete panel %1?").replace("%1", panel.id),
            self.tr("Delete panel %1?").replace("%1", panel.id),
            "\n\n".join(lost),
            self.tr("&Delete panel"),
            lambda: self.remove_panel(panel.id),
        )
        self.question_asked.emit(question)
        return question

    def remove_panel(self, panel_id: str) -> None:
        """Take the panel out of the draft (no question: :meth:`delete_current_panel` asks)."""
        self.draft.panels = [p for p in self.draft.panels if p.id != panel_id]
        self.refresh()
        self.changed.emit()

    def set_member(self, expert_id: str, member: bool) -> None:
        """Tick or untick an expert, as a click on the check box would."""
        for row in range(self.members.rowCount()):
            item = self.members.item(row, 0)
            assert item is not None  # every row holds its check box item
            if item.data(Qt.ItemDataRole.UserRole) == expert_id:
                item.setCheckState(CHECKED if member else UNCHECKED)
                return
        raise KeyError(expert_id)

    def set_chair(self, expert_id: str) -> None:
        self.chair.setCurrentIndex(self.chair.findData(expert_id))
        self._chair_chosen()

    def set_application(self, application_id: str, included: bool) -> None:
        for row in range(self.applications.count()):
            item = self.applications.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == application_id:
                item.setCheckState(CHECKED if included else UNCHECKED)
                return
        raise KeyError(application_id)

    # --- showing --------------------------------------------------------------------------------
    def _show_panel(self) -> None:
        panel = self.current_panel()
        self._filling = True
        self.members.setRowCount(0)
        self.applications.clear()
        self.chair.clear()
        if panel is not None:
            elsewhere: dict[str, list[str]] = {}
            for other in self.draft.panels:
                if other is not panel:
                    for member in other.members:
                        elsewhere.setdefault(member, []).append(other.id)
            # The panel's own members first, so they are never below the fold under unused experts.
            ordered = sorted(self.draft.experts, key=lambda e: e.id not in panel.members)
            for expert in ordered:
                row = self.members.rowCount()
                self.members.insertRow(row)
                note = (
                    self.tr(" (also in %1)").replace("%1", "、".join(elsewhere[expert.id]))
                    if expert.id in elsewhere
                    else ""
                )
                name = QTableWidgetItem(f"{expert.name} · {expert.id}{note}")
                name.setToolTip(name.text())
                name.setData(Qt.ItemDataRole.UserRole, expert.id)
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(CHECKED if expert.id in panel.members else UNCHECKED)
                self.members.setItem(row, 0, name)
                unit = QTableWidgetItem(expert.unit_name)
                unit.setToolTip(expert.unit_name)
                self.members.setItem(row, 1, unit)
                self.members.setItem(row, 2, QTableWidgetItem(expert.title or ""))
            self._fill_chairs(panel)
            assigned = {
                a: p.id for p in self.draft.panels if p is not panel for a in p.applications
            }
            for app_id, entry in self.draft.applications.items():
                note = (
                    self.tr(" (in %1)").replace("%1", assigned[app_id])
                    if app_id in assigned
                    else ""
                )
                item = QListWidgetItem(f"{app_id} {entry.application.center_name}{note}")
                item.setToolTip(f"{app_id} {entry.application.center_name}{note}")
                item.setData(Qt.ItemDataRole.UserRole, app_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(CHECKED if app_id in panel.applications else UNCHECKED)
                self.applications.addItem(item)
        self._filling = False
        self._show_checks()

    def _show_checks(self) -> None:
        panel = self.current_panel()
        self.checks.show_panel(self.draft, panel, self.language)
        self.withdraw.setEnabled(
            bool(
                panel
                and any(c.application in panel.applications for c in self.draft.declared_conflicts)
            )
        )
        self._show_blockers()

    def _show_blockers(self) -> None:
        found = self.draft.blockers()
        panel_blockers = [
            b for b in found if b.panel_id is not None or b.check_id == "round.assignment"
        ]
        for row, panel in enumerate(self.draft.panels):
            # an application in two panels marks both of them
            bad = any(panel.id in (b.panel_id, b.other_panel_id) for b in found)
            item = self.panel_list.item(row)
            item.setText(f"{'✗' if bad else '✓'} {panel.id}")
            item.setForeground(QBrush(QColor("#842029" if bad else "#0f5132")))
        if panel_blockers:
            lines = "".join(f"<li>{b.message(self.language)}</li>" for b in panel_blockers[:8])
            more = len(panel_blockers) - 8
            extra = (
                "<li>" + self.tr("and %1 more").replace("%1", str(more)) + "</li>"
                if more > 0
                else ""
            )
            heading = self.tr("Packages cannot be built yet:")
            self.blockers.setText(
                f"<b style='color:#842029'>{heading}</b><ul style='margin:0'>{lines}{extra}</ul>"
            )
        elif to_confirm := self._to_confirm():
            heading = self.tr(
                "No rule is broken, but %1 findings rest on unit names and need a person to confirm:"  # noqa: E501
            ).replace("%1", str(len(to_confirm)))
            lines = "".join(f"<li>{line}</li>" for line in to_confirm[:6])
            self.blockers.setText(
                f"<b style='color:#7a5a00'>{heading}</b><ul style='margin:0'>{lines}</ul>"
            )
        else:
            passed = self.tr("Every panel passes the conflict-of-interest rules.")
            self.blockers.setText(f"<b style='color:#0f5132'>{passed}</b>")

    def _to_confirm(self) -> list[str]:
        lang = self.language
        found = []
        for panel in self.draft.panels:
            for result in self.draft.panel_checks(panel):
                for check in result.checks:
                    if check.result in (Result.REVIEW, Result.MISSING):
                        found.append(
                            f"{panel.id} · {result.application_id} · "
                            f"{label(CHECK_TITLES, check.id, lang)}："
                            f"{check.message(lang)}"
                        )
        return found

    # --- edits ------------------------------------------------------------------------------------
    def _ask_new_panel(self) -> None:
        suggestion = f"P{len(self.draft.panels) + 1}"
        panel_id, ok = QInputDialog.getText(
            self, self.tr("New panel"), self.tr("Panel id:"), text=suggestion
        )
        if ok:
            self.add_panel(panel_id)

    def _members_edited(self) -> None:
        panel = self.current_panel()
        if panel is None:
            return
        ticked = []
        for row in range(self.members.rowCount()):
            item = self.members.item(row, 0)
            assert item is not None  # every row holds its check box item
            if item.checkState() == CHECKED:
                ticked.append(item.data(Qt.ItemDataRole.UserRole))
        panel.members = ticked
        if panel.chair not in ticked:
            panel.chair = ""
        self._edited()

    def _chair_chosen(self) -> None:
        panel = self.current_panel()
        if panel is not None:
            panel.chair = self.chair.currentData() or ""
            self._show_checks()
            self.changed.emit()

    def _applications_edited(self) -> None:
        panel = self.current_panel()
        if panel is None:
            return
        panel.applications = [
            self.applications.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.applications.count())
            if self.applications.item(row).checkState() == CHECKED
        ]
        self._edited()

    def _edited(self) -> None:
        # Rebuilding the lists would move the keyboard focus; only the chair list and checks change.
        panel = self.current_panel()
        assert panel is not None  # both callers return early without a current panel
        self._fill_chairs(panel)
        self._show_checks()
        self.changed.emit()

    def _fill_chairs(self, panel: PanelDraft) -> None:
        """The chair can only be one of the panel's members."""
        experts = self.draft.experts_by_id
        self.chair.clear()
        self.chair.addItem(self.tr("— choose the chair —"), "")
        for member in panel.members:
            self.chair.addItem(
                f"{experts[member].name} · {member}" if member in experts else member, member
            )
        self.chair.setCurrentIndex(max(0, self.chair.findData(panel.chair)))

    def add_declared_conflict(self, conflict: DeclaredConflict) -> None:
        self.draft.declared_conflicts = [
            c
            for c in self.draft.declared_conflicts
            if (c.expert, c.application) != (conflict.expert, conflict.application)
        ]
        self.draft.declared_conflicts.append(conflict)
        self._show_checks()
        self.changed.emit()

    def _declare(self) -> None:
        panel = self.current_panel()
        if panel is None or not panel.members or not panel.applications:
            return
        dialog = DeclareConflictDialog(self.draft, panel, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_declared_conflict(dialog.conflict())

    def _withdraw(self) -> None:
        panel = self.current_panel()
        declared = [
            c
            for c in self.draft.declared_conflicts
            if panel and c.application in panel.applications
        ]
        if not declared:
            return
        choices = [f"{c.expert} · {c.application} · {c.reason}" for c in declared]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Withdraw declared conflict"), self.tr("Conflict:"), choices, 0, False
        )
        if ok:
            withdrawn = declared[choices.index(choice)]
            self.draft.declared_conflicts.remove(withdrawn)
            self._show_checks()
            self.changed.emit()
