"""The expert window's work page: the list of applications and, for the one chosen, its tabs.

The list says where each application stands: 未完成 / 已完成, 回避, and against the last signed
return 已签名 or 需重新签名 (edited after signing, issue #11). Moving to another application is
refused while the scoring form or the inspection panel shows anything the database does not
hold; what is waiting for the typing pause is saved first, and the chair's tab too.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidgetItem, QScrollArea, QSplitter

if TYPE_CHECKING:
    from tic_desktop.domain.application import Application
    from tic_desktop.expert.desk import SignState
    from tic_desktop.gui.chair_panel import ChairPanel
    from tic_desktop.gui.formal_review_panel import FormalReviewPanel
    from tic_desktop.gui.inspection_panel import InspectionPanel
    from tic_desktop.gui.scoring_form import ScoringForm

RESIGN_COLOUR = QColor("#b45309")
"""需重新签名: the application's line in the list, in dark orange."""


class ApplicationWork(QObject):
    """The application list and the formal-review, scoring, inspection and chair tabs."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        ui = self.ui = window.ui
        self.scoring: ScoringForm | None = None
        self.formal_panel: FormalReviewPanel | None = None
        self.inspection_panel: InspectionPanel | None = None
        self.inspection_scroll: QScrollArea | None = None
        self.chair_panel: ChairPanel | None = None
        self.current: str | None = None
        self.states: dict[str, SignState] = {}
        """Each scorable application against the last signed return (kept as edits are saved)."""
        # Formal review: the engine's checks above, the items left to the expert below, each
        # scrolling on its own so that neither is cut on a small screen.
        self.formal_splitter = QSplitter(Qt.Orientation.Vertical)
        ui.formalLayout.removeWidget(ui.formalView)
        self.formal_splitter.addWidget(ui.formalView)
        self.formal_scroll = QScrollArea()
        self.formal_scroll.setWidgetResizable(True)
        self.formal_splitter.addWidget(self.formal_scroll)
        self.formal_splitter.setChildrenCollapsible(False)
        self.formal_splitter.setSizes([200, 300])
        ui.formalLayout.addWidget(self.formal_splitter)
        ui.applicationList.setWordWrap(True)
        ui.applicationList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.applicationList.setMinimumWidth(180)
        ui.applicationList.currentItemChanged.connect(self._chosen)
        ui.workSplitter.setSizes([260, 1000])
        ui.workSplitter.setStretchFactor(1, 1)

    @property
    def desk(self):
        return self.window.desk

    # --- the list ----------------------------------------------------------------------------
    def show(self) -> None:
        self.ui.pages.setCurrentWidget(self.ui.workPage)
        self.refresh_list()
        if self.ui.applicationList.count():
            self.ui.applicationList.setCurrentRow(0)

    def refresh_list(self) -> None:
        desk = self.desk
        self.states = {entry.id: desk.sign_state(entry.id) for entry in desk.scorable()}
        problems = {p[0] for p in desk.problems()}
        listing = self.ui.applicationList
        current = listing.currentRow()
        listing.blockSignals(True)
        listing.clear()
        for entry in desk.manifest.applications:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(f"{entry.id} {entry.center_name}")
            listing.addItem(item)
            self._show_state(item, entry.id in problems)
        listing.blockSignals(False)
        if current >= 0:
            listing.setCurrentRow(current)

    def _show_state(self, item: QListWidgetItem, incomplete: bool) -> None:
        from tic_desktop.expert.desk import SignState

        app_id = item.data(Qt.ItemDataRole.UserRole)
        entry = self.desk.manifest.application(app_id)
        state = self.states.get(app_id)
        if self.desk.locked(app_id):
            status = self.tr("recused")
        elif state == SignState.CHANGED:
            status = self.tr("needs signing again")
            if incomplete:
                status += " · " + self.tr("to do")
        elif state == SignState.SIGNED:
            status = self.tr("signed")
        else:
            status = self.tr("to do") if incomplete else self.tr("complete")
        item.setText(f"{entry.id}  {entry.center_name}\n    {status}")
        if self.desk.locked(app_id):
            item.setForeground(Qt.GlobalColor.gray)
        elif state == SignState.CHANGED:
            item.setForeground(RESIGN_COLOUR)
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def _item(self, app_id: str) -> QListWidgetItem | None:
        listing = self.ui.applicationList
        for row in range(listing.count()):
            if listing.item(row).data(Qt.ItemDataRole.UserRole) == app_id:
                return listing.item(row)
        return None

    def saved(self, what: str) -> None:
        """An edit was committed: the edited application's line follows (需重新签名 at once)."""
        if self.desk is None or self.ui.pages.currentWidget() is not self.ui.workPage:
            return
        kind, _, rest = what.partition(":")
        if kind not in ("score", "opinion", "note", "judgement", "inspection", "photo"):
            return
        app_id = rest.split(":")[0] or self.current
        item = self._item(app_id) if app_id else None
        if item is None:
            return
        if kind in ("score", "opinion", "note", "judgement") and app_id in self.states:
            self.states[app_id] = self.desk.sign_state(app_id)
        self._show_state(item, bool(self.desk.problems(app_id)))

    def changed_since_signing(self) -> list[str]:
        """What the list shows as 需重新签名."""
        from tic_desktop.expert.desk import SignState

        return [a for a, state in self.states.items() if state == SignState.CHANGED]

    # --- leaving an application ----------------------------------------------------------------
    def flush(self) -> None:
        """Save what waits for the typing pause, in every open panel."""
        for panel in (self.scoring, self.inspection_panel, self.chair_panel):
            if panel is not None:
                panel.flush()

    def leave_problems(self) -> list[str]:
        """What the database would not hold if the expert left now (after saving what waits)."""
        self.flush()
        found = []
        if self.scoring is not None:
            found += [
                f"{self.scoring.application_id} {self.tr('Scoring')}：{p}"
                for p in self.scoring.unsaved_or_invalid()
            ]
        if self.inspection_panel is not None:
            found += [
                f"{self.inspection_panel.application_id} {self.tr('On-site inspection')}：{p}"
                for p in self.inspection_panel.unsaved_or_invalid()
            ]
        return found

    def _chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None or self.desk is None:
            return
        app_id = item.data(Qt.ItemDataRole.UserRole)
        if app_id != self.current and self.current is not None:
            problems = self.leave_problems()
            if problems:
                # Back where the expert was, once the click that moved the selection is over.
                QTimer.singleShot(0, lambda: self._back_to(self.current))
                self.window.show_error(
                    self.tr("Not saved yet"),
                    self.tr("Correct or complete these before moving to another application:")
                    + "\n"
                    + "\n".join(f"· {p}" for p in problems),
                )
                return
        self.show_application(app_id)

    def _back_to(self, app_id: str | None) -> None:
        item = self._item(app_id) if app_id else None
        if item is None:
            return
        listing = self.ui.applicationList
        listing.blockSignals(True)
        listing.setCurrentItem(item)
        listing.blockSignals(False)

    def show_application(self, app_id: str) -> None:
        from tic_desktop.domain.application import Application
        from tic_desktop.domain.decimals import JsonFloat
        from tic_desktop.expert.inspection import InspectionDesk
        from tic_desktop.gui.formal_review_panel import FormalReviewPanel
        from tic_desktop.gui.inspection_panel import InspectionPanel
        from tic_desktop.gui.scoring_form import ScoringForm

        self.flush()
        self.current = app_id
        desk = self.desk
        if desk.locked(app_id):
            self.window.materials.show_recused(app_id)
            text = self.tr("You are recused from this application: no materials, no scoring.")
            self.ui.formalView.show()
            self.ui.formalView.setHtml(f"<p>{escape(text)}</p>")
            self._set_formal_panel(None)
            self._set_scoring(None)
            self._set_inspection(None)
            return
        data = desk.read_application_data(app_id)
        application = Application.model_validate(json.loads(data, parse_float=JsonFloat))
        self.ui.formalView.setHtml(self._formal_html(application))
        self._set_formal_panel(FormalReviewPanel(desk, app_id, self.window.language))
        self._set_scoring(ScoringForm(desk, app_id))
        self._set_inspection(InspectionPanel(InspectionDesk(desk), app_id))
        self.window.materials.show_application(app_id, application)

    def retranslate(self) -> None:
        self.refresh_list()
        if self.current is not None:
            self.show_application(self.current)

    # --- the tabs ------------------------------------------------------------------------------
    def _set_formal_panel(self, panel: FormalReviewPanel | None) -> None:
        if self.formal_panel is not None:
            old = self.formal_scroll.takeWidget()
            if old is not None:
                old.hide()  # deleteLater waits for the event loop; never show it meanwhile
                old.deleteLater()
        self.formal_panel = panel
        if panel is not None:
            self.formal_scroll.setWidget(panel)
        self.formal_scroll.setVisible(panel is not None)

    def _set_scoring(self, form: ScoringForm | None) -> None:
        self.scoring = form
        if form is not None:
            form.problem.connect(lambda text: self.window.show_error(self.tr("Scoring"), text))
            self.ui.scoringScroll.setWidget(form)
        else:
            self.ui.scoringScroll.takeWidget()

    def _set_inspection(self, panel: InspectionPanel | None) -> None:
        """The 现场考察 tab shows the current application's checklist (absent while recused)."""
        tabs = self.ui.workTabs
        index = tabs.indexOf(self.inspection_scroll) if self.inspection_scroll is not None else -1
        if panel is None:
            if index >= 0:
                tabs.removeTab(index)
            self.inspection_panel = None
            return
        if self.inspection_scroll is None:
            self.inspection_scroll = QScrollArea()
            self.inspection_scroll.setWidgetResizable(True)
        if index < 0:
            tabs.insertTab(3, self.inspection_scroll, self.tr("On-site inspection"))
        panel.problem.connect(
            lambda text: self.window.show_error(self.tr("On-site inspection"), text)
        )
        panel.signed.connect(
            lambda path: self.window.notify(
                self.tr("Inspection report signed: %1").replace("%1", str(path)), "ok"
            )
        )
        self.inspection_scroll.setWidget(panel)
        self.inspection_panel = panel

    def add_chair_tab(self) -> None:
        from tic_desktop.expert.chair import ChairDesk
        from tic_desktop.gui.chair_panel import ChairPanel

        desk = self.desk
        if desk.expert_id != desk.manifest.chair or self.chair_panel is not None:
            return
        self.chair_panel = ChairPanel(ChairDesk(desk))
        self.chair_panel.problem.connect(
            lambda text: self.window.show_error(self.tr("Panel chair"), text)
        )
        self.chair_panel.signed.connect(
            lambda path: self.window.notify(
                self.tr("Group opinion signed: %1").replace("%1", str(path)), "ok"
            )
        )
        self.ui.workTabs.addTab(self.chair_panel, self.tr("Panel chair"))

    def _formal_html(self, app: Application) -> str:
        from tic_desktop.gui.formal_review_panel import result_colour
        from tic_desktop.rules.display import shown_value
        from tic_desktop.rules.eligibility import evaluate
        from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label

        language = self.window.language
        report = evaluate(app)
        head = "".join(
            f"<th align='left' bgcolor='#e8e8e8'>{escape(h)}</th>"
            for h in (
                self.tr("Check"),
                self.tr("Clause"),
                self.tr("Result"),
                self.tr("Application data"),
                self.tr("Explanation"),
            )
        )
        rows = "".join(
            f"<tr><td>{escape(label(CHECK_TITLES, c.id, language))}</td>"
            f"<td>{escape(c.clause)}</td>"
            f"<td bgcolor='{result_colour(c.result.value)}'>"
            f"{escape(label(RESULT_LABELS, c.result.value, language))}</td>"
            f"<td>{escape(shown_value(c.id, c.value, language))}</td>"
            f"<td>{escape(c.message(language))}</td></tr>"
            for c in report.checks
        )
        return f"<table cellpadding='4' border='1' cellspacing='0'><tr>{head}</tr>{rows}</table>"
