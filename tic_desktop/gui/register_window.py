"""The center register (技术创新中心名录): approved centers, what the regulation says about each
today.

A table of centers with their status, what is due next and how many clauses of 第十九条、第二十条、
第二十二条 apply (rows needing attention highlighted); a detail pane with the triggers, their
clauses and facts, what is due and the records; forms to add a center, record an annual report
or an evaluation, and revoke. The rules are :func:`tic_desktop.register.rules.assess`; the table's
model is :class:`tic_desktop.gui.register_centers_model.CentersModel`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.register_centers_model import SERIOUS, CentersModel
from tic_desktop.gui.register_dialogs import (
    CenterForm,
    CorrectionForm,
    EvaluationForm,
    RegisterForm,
    ReportForm,
    RevocationForm,
)
from tic_desktop.gui.screen_fit import resize_for_screen
from tic_desktop.gui.settings import Preferences
from tic_desktop.register import store
from tic_desktop.register.domain import (
    CLAUSE_TEXT,
    KIND_TEXT,
    RESULT_TEXT,
    STATUS_TEXT,
    Center,
    RevocationClause,
    Status,
)
from tic_desktop.register.rules import (
    CONSEQUENCE_TEXT,
    DEFAULT_POLICY,
    Assessment,
    DueKind,
    RegisterPolicy,
    assess,
)
from tic_desktop.rules.uscc import normalise_uscc
from tic_desktop.storage import Database

OPEN = (Status.PREPARING, Status.IN_SYSTEM)
"""Statuses in which evaluations are recorded."""
REVOCABLE = (Status.PREPARING, Status.IN_SYSTEM, Status.TO_BE_DISQUALIFIED)
REVOCATION_RECORDED = (Status.REVOKED, Status.DISQUALIFIED)


class RegisterWindow(RemembersGeometry, QMainWindow):
    """The bureau's register of approved centers, with what each one owes and what applies to it."""

    default_size = QSize(1366, 768)
    changed = Signal(str)
    """A record was saved: the center id."""
    form_opened = Signal(object)
    """A form (add, report, evaluation, revoke) was opened: the form."""

    def __init__(
        self,
        database: Database,
        language: str = "zh",
        preferences: Preferences | None = None,
        today: Callable[[], date] = date.today,
        policy: RegisterPolicy = DEFAULT_POLICY,
    ) -> None:
        super().__init__()
        self.database, self.language, self.policy = database, language, policy
        self._preferences = preferences
        self._today = today
        self.form: RegisterForm | None = None
        self.setWindowTitle(self.tr("Register of technology innovation centers"))
        self.model = CentersModel(language, self)
        self._build()
        self.refresh()
        if preferences is None:
            resize_for_screen(self, self.default_size)
        else:
            self.restore_geometry(preferences)  # the default size when none was saved, on screen

    def today(self) -> date:
        return self._today()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.add_action = self._action(
            self.tr("&Add center…"), QKeySequence.StandardKey.New, self.add_center
        )
        self.report_action = self._action(
            self.tr("Record annual &report…"), "Ctrl+R", self.record_report
        )
        self.evaluation_action = self._action(
            self.tr("Record &evaluation…"), "Ctrl+E", self.record_evaluation
        )
        self.revoke_action = self._action(
            self.tr("Re&voke / cancel qualification…"), "Ctrl+Shift+V", self.revoke
        )
        self.edit_action = self._action(
            self.tr("&Correct the center…"), "Ctrl+Shift+E", self.edit_center
        )
        self.take_back_action = self._action(
            self.tr("&Take back a record…"), "Ctrl+Shift+T", self.take_back
        )
        close_action = self._action(self.tr("&Close"), QKeySequence.StandardKey.Close, self.close)
        menu = self.menuBar().addMenu(self.tr("&Register"))
        for action in (
            self.add_action,
            self.report_action,
            self.evaluation_action,
            self.revoke_action,
        ):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.edit_action)
        menu.addAction(self.take_back_action)
        menu.addSeparator()
        menu.addAction(close_action)

        central = QWidget()
        layout = QVBoxLayout(central)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Centers"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The center's name is what people look for; the lead unit gives way (its tooltip has it
        # all).
        header.setSectionResizeMode(CentersModel.LEAD_UNIT, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Center detail"))
        self.detail.setOpenLinks(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([1000, 366])
        layout.addWidget(splitter, 1)
        # Recording in one row, correcting in another: six buttons in one row are wider than a
        # 1024-pixel screen.
        for actions in (
            (self.add_action, self.report_action, self.evaluation_action, self.revoke_action),
            (self.edit_action, self.take_back_action),
        ):
            buttons = QHBoxLayout()
            for action in actions:
                button = QPushButton(action.text())
                button.clicked.connect(action.trigger)
                action.enabledChanged.connect(button.setEnabled)
                button.setEnabled(action.isEnabled())
                buttons.addWidget(button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        self.setCentralWidget(central)

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- showing ---------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Reload every center from the database and assess it as of today."""
        today = self.today()
        current = select or (chosen[0].id if (chosen := self.selected()) else None)
        rows = [(c, assess(c, today, self.policy)) for c in store.list_centers(self.database)]
        self.model.set_rows(rows)
        attention = sum(1 for _, a in rows if a.needs_attention)
        self.summary.setText(
            self.tr(
                "%1 centers as of %2 · %3 need attention (a clause applies or something is overdue)"
            )
            .replace("%1", str(len(rows)))
            .replace("%2", today.isoformat())
            .replace("%3", str(attention))
        )
        row = self.model.row_of(current) if current else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def selected(self) -> tuple[Center, Assessment] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        chosen = self.selected()
        status = chosen[1].status if chosen is not None else None
        self.report_action.setEnabled(chosen is not None and status not in REVOCATION_RECORDED)
        self.evaluation_action.setEnabled(status in OPEN)
        self.revoke_action.setEnabled(status in REVOCABLE)
        self.edit_action.setEnabled(chosen is not None)
        self.take_back_action.setEnabled(
            chosen is not None
            and bool(chosen[0].reports or chosen[0].evaluations or chosen[0].revocation)
        )
        empty = self.tr("Add an approved center with Register → Add center (Ctrl+N).")
        self.detail.setHtml(self.detail_html(*chosen) if chosen else f"<p>{escape(empty)}</p>")

    def detail_html(self, center: Center, assessment: Assessment) -> str:
        """What the regulation says about ``center`` on the assessment's day, for the detail
        pane."""
        lang, e = self.language, escape
        # Looked up here, not inside the f-strings below, where lupdate would not find them.
        words = {
            "revoked": self.tr("Revoked"),
            "disqualified": self.tr("Qualification cancelled"),
            "clauses": self.tr("Clauses that apply"),
            "none": self.tr("None: no revocation trigger applies today."),
            "due": self.tr("Due next"),
            "overdue": self.tr("Overdue"),
            "reports": self.tr("Annual reports received"),
            "late": self.tr("received late"),
            "evaluations": self.tr("Evaluations"),
            "action": self.tr("What the bureau should do"),
            "history": self.tr("Corrections"),
            "corrected": self.tr("corrected"),
            "removed": self.tr("taken back"),
            "reason": self.tr("reason"),
            "was": self.tr("was"),
            "now": self.tr("now"),
            "shared": self.tr(
                "The same lead unit (credit code) also hosts: %1. The regulation allows this; "
                "check that the code is right."
            ),
        }
        parts = [
            f"<h3>{e(center.name)} <small>（{e(center.id)}）</small></h3>",
            f"<p>{e(center.lead_unit)} · {e(center.lead_uscc)} · {e(center.field)}<br>",
            e(
                (
                    self.tr("Approved %1 · preparation period ended %2 · %3")
                    if assessment.preparation_over
                    else self.tr("Approved %1 · preparation period until %2 · %3")
                )
                .replace("%1", center.approved_on.isoformat())
                .replace("%2", center.preparation_end.isoformat())
                .replace("%3", STATUS_TEXT[assessment.status].get(lang))
            )
            + "</p>",
        ]
        if assessment.action is not None:
            parts.append(
                f"<h4>{e(words['action'])}</h4>"
                f"<p style='background:#f8d7da'>{e(assessment.action.get(lang))}</p>"
            )
        if center.revocation is not None:
            revocation = center.revocation
            title = (
                words["disqualified"]
                if revocation.clause is RevocationClause.DISQUALIFIED
                else words["revoked"]
            )
            parts.append(
                f"<h4>{e(title)}</h4><p style='background:#e2e3e5'>"
                f"{revocation.revoked_on.isoformat()} · "
                f"{e(CLAUSE_TEXT[revocation.clause].get(lang))}<br>"
                f"{e(revocation.note)}</p>"
            )
        if assessment.status not in REVOCATION_RECORDED:
            parts.append(f"<h4>{e(words['clauses'])}</h4>")
            if not assessment.triggers:
                parts.append(f"<p>{e(words['none'])}</p>")
            for trigger in assessment.triggers:
                colour = (
                    "#f8d7da"
                    if trigger.consequence in SERIOUS and not assessment.closed
                    else "#fff3cd"
                )
                facts = "".join(f"<li>{e(fact.get(lang))}</li>" for fact in trigger.facts)
                parts.append(
                    f"<p style='background:{colour}'><b>{e(trigger.clause.get(lang))}</b> "
                    f"{e(trigger.message.get(lang))} → "
                    f"{e(CONSEQUENCE_TEXT[trigger.consequence].get(lang))}"
                    f"</p><ul>{facts}</ul>"
                )
            parts.append(f"<h4>{e(words['due'])}</h4>")
            if not assessment.due:
                parts.append("<p>—</p>")
            for item in assessment.due:
                text = f"<b>{e(item.clause.get(lang))}</b> {e(item.text.get(lang))}"
                if item.overdue:
                    text = (
                        f"<span style='color:#842029'><b>{e(words['overdue'])}</b></span> · {text}"
                    )
                if item.note is not None:
                    text += f"<br><small>{e(item.note.get(lang))}</small>"
                parts.append(f"<p>{text}</p>")
            parts += [f"<p><i>{e(note.get(lang))}</i></p>" for note in assessment.notes]
        late = {r.year: r for r in assessment.late_reports}
        reports = []
        for r in center.reports:
            shown = f"{r.year}（{r.received_on.isoformat()}）"
            if r.year in late:  # 逾期报送, with the deadline it missed
                shown = (
                    f"{e(shown)} <span style='color:#842029'><b>{e(words['late'])}</b></span> "
                    f"<small>{e(late[r.year].text.get(lang))}</small>"
                )
            else:
                shown = e(shown)
            reports.append(shown)
        parts.append(f"<h4>{e(words['reports'])}</h4><p>{'<br>'.join(reports) or '—'}</p>")
        evaluations = (
            "<br>".join(
                f"{v.year} {e(KIND_TEXT[v.kind].get(lang))}：{e(RESULT_TEXT[v.result].get(lang))}"
                for v in center.evaluations
            )
            or "—"
        )
        parts.append(f"<h4>{e(words['evaluations'])}</h4><p>{evaluations}</p>")
        if center.history:
            items = []
            for change in center.history:
                before = "，".join(f"{k}={v}" for k, v in sorted(change.before.items()))
                after = "，".join(f"{k}={v}" for k, v in sorted(change.after.items()))
                what = words["corrected"] if change.action == "corrected" else words["removed"]
                line = (
                    f"{change.at.astimezone().strftime('%Y-%m-%d %H:%M')} · {e(what)} · "
                    f"{e(words['was'])}：{e(before)}"
                )
                if after:
                    line += f"<br>{e(words['now'])}：{e(after)}"
                line += f"<br>{e(words['reason'])}：{e(change.reason)}"
                items.append(f"<li>{line}</li>")
            parts.append(f"<h4>{e(words['history'])}</h4><ul>{''.join(items)}</ul>")
        shared = [
            c for c, _ in self.model.rows() if c.lead_uscc == center.lead_uscc and c.id != center.id
        ]
        if shared:
            names = "、".join(f"{c.name}（{c.id}）" for c in shared)
            parts.append(
                f"<p style='background:#fff3cd'>{e(words['shared'].replace('%1', names))}</p>"
            )
        return "".join(parts)

    def shared_lead_unit_warning(self, lead_uscc: str, center_id: str = "") -> str | None:
        """A question to confirm when another center already has this lead unit's credit code.

        The regulation does not forbid one unit hosting several centers (第七条、第八条 set
        conditions on the unit, not a number), so this warns and asks; it does not refuse."""
        others = store.centers_with_lead_uscc(
            self.database, lead_uscc, exclude=center_id.strip() or None
        )
        if not others:
            return None
        names = "、".join(f"{c.name}（{c.id}，{c.lead_unit}）" for c in others)
        return (
            self.tr(
                "The unified social credit code %1 is already the lead unit of: %2.\n\n"
                "The regulation does not forbid one unit hosting several centers, but check that "
                "the code is right. Save anyway?"
            )
            .replace("%1", normalise_uscc(lead_uscc) or "")
            .replace("%2", names)
        )

    # --- forms -----------------------------------------------------------------------------
    def _open(self, form: RegisterForm, save: Callable[[], Center]) -> RegisterForm:
        form.save = save
        form.saved.connect(lambda center: self._saved(center.id))
        form.finished.connect(form.deleteLater)
        self.form = form
        form.open()  # window-modal, not blocking: the event loop (and tests) keep running
        self.form_opened.emit(form)
        return form

    def _saved(self, center_id: str) -> None:
        self.refresh(select=center_id)
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", center_id), 10_000)
        self.changed.emit(center_id)

    def add_center(self) -> RegisterForm:
        form = CenterForm(self.language, self.today(), self)
        form.warning = lambda: self.shared_lead_unit_warning(
            form.lead_uscc.text(), form.center_id.text()
        )
        return self._open(
            form, lambda: store.add_center(self.database, **form.values(), today=self.today())
        )

    def record_report(self) -> RegisterForm | None:
        chosen = self.selected()
        if chosen is None:
            return None
        center, assessment = chosen
        missing = [
            i.year
            for i in assessment.due
            if i.kind is DueKind.ANNUAL_REPORT and i.year < self.today().year
        ]
        year = missing[0] if missing else self.today().year - 1
        form = ReportForm(center, self.language, self.today(), year, self)
        return self._open(
            form,
            lambda: store.record_annual_report(
                self.database, center.id, **form.values(), today=self.today()
            ),
        )

    def record_evaluation(self) -> RegisterForm | None:
        chosen = self.selected()
        if chosen is None:
            return None
        center = chosen[0]
        form = EvaluationForm(center, self.language, self.today(), self)
        return self._open(
            form,
            lambda: store.record_evaluation(
                self.database, center.id, **form.values(), today=self.today()
            ),
        )

    def revoke(self) -> RegisterForm | None:
        chosen = self.selected()
        if chosen is None:
            return None
        center, assessment = chosen
        grounds = next((t.grounds for t in assessment.triggers if t.grounds is not None), None)
        form = RevocationForm(center, self.language, self.today(), grounds, self)
        return self._open(
            form,
            lambda: store.revoke(
                self.database, center.id, **form.values(), today=self.today(), policy=self.policy
            ),
        )

    def edit_center(self) -> RegisterForm | None:
        """Correct the selected center's own fields; what they were is kept with the reason."""
        chosen = self.selected()
        if chosen is None:
            return None
        center = chosen[0]
        form = CenterForm(self.language, self.today(), self, center=center)
        form.warning = lambda: self.shared_lead_unit_warning(form.lead_uscc.text(), center.id)
        return self._open(
            form, lambda: store.edit_center(self.database, **form.values(), today=self.today())
        )

    def take_back(self) -> RegisterForm | None:
        """Take back a report, an evaluation or the revocation recorded by mistake (asked first)."""
        chosen = self.selected()
        if chosen is None:
            return None
        center = chosen[0]
        form = CorrectionForm(center, self.language, self)

        def save() -> Center:
            values = form.values()
            return store.take_back(
                self.database, center.id, values["record"], reason=values["reason"]
            )

        return self._open(form, save)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._preferences is not None:
            self.save_geometry(self._preferences)
        super().closeEvent(event)
