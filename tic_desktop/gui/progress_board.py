"""The live progress board: each panel's members and what has arrived, and the ranking so far.

:class:`ProgressBoard` is the clerk's view (everything). :class:`ProjectorView` is the full-screen
view for the room's projector and shows only what the bureau ticks: by default the counts per
panel; the members' names and the ranking with scores only when chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.aggregation import FLAG_LABELS, money2
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.gui.i18n import listed, shown_language
from tic_desktop.network.progress import MemberProgress, MemberState, ProgressSnapshot
from tic_desktop.rules.messages import label

STATE_COLOURS = {
    MemberState.NOT_SUBMITTED: QColor("#e9ecef"),
    MemberState.DELIVERED: QColor("#cfe2ff"),
    MemberState.SIGNED: QColor("#d1e7dd"),
    MemberState.CONFLICT: QColor("#f8d7da"),
}


@dataclass
class ProjectorOptions:
    """What the projector may show (the bureau decides); counts are always shown."""

    names: bool = False
    scores: bool = False


class _Texts(QWidget):
    """Translated state texts, shared by the board and the projector."""

    def state_text(self, member: MemberProgress) -> str:
        if member.state == MemberState.SIGNED:
            return self.tr("Signed, revision %1").replace("%1", str(member.revision))
        if member.state == MemberState.DELIVERED:
            return self.tr("Delivered")
        if member.state == MemberState.CONFLICT:
            return self.tr("Conflicting returns")
        return self.tr("Not submitted")


def _item(text: str, background: QColor | None = None) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    if background is not None:
        cell.setBackground(QBrush(background))
        cell.setForeground(QBrush(QColor("#000000")))
    return cell


class ProgressBoard(_Texts):
    """Members by panel (state, revision) and the ranking, refreshed with each snapshot."""

    shown = Signal(object)
    """A snapshot is on screen (the ProgressSnapshot)."""

    def __init__(self, review_round: ReviewRound, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review_round = review_round
        self.snapshot: ProgressSnapshot | None = None
        self._sized = -1
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.members = QTableWidget(0, 4)
        self.members.setAccessibleName(self.tr("Panel members"))
        self.ranking = QTableWidget(0, 6)
        self.ranking.setAccessibleName(self.tr("Ranking so far"))
        for table in (self.members, self.ranking):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
            table.setTabKeyNavigation(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.members)
        splitter.addWidget(self.ranking)
        splitter.setSizes([520, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self._headers()

    def _headers(self) -> None:
        self.members.setHorizontalHeaderLabels(
            [self.tr("Panel"), self.tr("Expert"), self.tr("Name"), self.tr("State")]
        )
        self.ranking.setHorizontalHeaderLabels(
            [
                self.tr("Rank"),
                self.tr("Application"),
                self.tr("Center"),
                self.tr("Valid totals"),
                self.tr("Final score"),
                self.tr("Flags"),
            ]
        )

    def show_snapshot(self, snapshot: ProgressSnapshot) -> None:
        self.snapshot = snapshot
        rows = [(p.panel_id, m) for p in snapshot.panels for m in p.members]
        self.members.setRowCount(len(rows))
        for row, (panel_id, member) in enumerate(rows):
            colour = STATE_COLOURS[member.state]
            name = member.name + (self.tr(" (chair)") if member.chair else "")
            state = self.state_text(member)
            values: tuple[str, ...] = (panel_id, member.expert, name, state)
            for column, value in enumerate(values):
                cell = _item(value, colour)
                if member.note:
                    cell.setToolTip(member.note)
                self.members.setItem(row, column, cell)
        if self._sized != len(rows):  # widths once per shape: redraws come several a second
            self.members.resizeColumnsToContents()
        ranked = sorted(
            snapshot.results,
            key=lambda r: (r.rank is None, r.rank or 0, r.application_id),
        )
        self.ranking.setRowCount(len(ranked))
        applications = self.review_round.applications
        for row, result in enumerate(ranked):
            application = applications.get(result.application_id)
            flags = listed([label(FLAG_LABELS, f, shown_language()) for f in result.flags])
            values = (
                str(result.rank) if result.rank is not None else "—",
                result.application_id,
                application.center_name if application is not None else "",
                str(result.valid),
                money2(result.final) or "—",
                flags,
            )
            for column, value in enumerate(values):
                cell = _item(value)
                if column in (0, 3, 4):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.ranking.setItem(row, column, cell)
        if self._sized != len(rows):
            self.ranking.resizeColumnsToContents()
            self.ranking.horizontalHeader().setSectionResizeMode(
                2, QHeaderView.ResizeMode.Interactive
            )
            self._sized = len(rows)
        members = sum(len(p.members) for p in snapshot.panels)
        signed = sum(p.signed for p in snapshot.panels)
        conflicts = sum(p.conflicts for p in snapshot.panels)
        self.summary.setText(
            self.tr("%1 of %2 experts have a counted return · %3 in conflict · %4 returns stored")
            .replace("%1", str(signed))
            .replace("%2", str(members))
            .replace("%3", str(conflicts))
            .replace("%4", str(snapshot.returns))
        )
        self.shown.emit(snapshot)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self._headers()
            if self.snapshot is not None:
                self.show_snapshot(self.snapshot)
        super().changeEvent(event)


class ProjectorView(_Texts):
    """Full screen for the room: large type, only what the options allow. Esc closes it."""

    closed = Signal()

    def __init__(
        self, review_round: ReviewRound, options: ProjectorOptions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.review_round = review_round
        self.options = options
        self.snapshot: ProgressSnapshot | None = None
        self.setWindowTitle(self.tr("Review progress"))
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#ffffff"))
        palette.setColor(self.foregroundRole(), QColor("#000000"))
        self.setPalette(palette)
        base = QFont(self.font())
        base.setPointSizeF(max(base.pointSizeF(), 10) * 1.8)
        self.setFont(base)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(48, 32, 48, 32)
        self.title = QLabel()
        title_font = QFont(base)
        title_font.setPointSizeF(base.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.layout_.addWidget(self.title)
        self.panels = QGridLayout()
        self.panels.setHorizontalSpacing(24)
        self.panels.setVerticalSpacing(12)
        self.layout_.addLayout(self.panels)
        self._rows: dict[str, tuple[QLabel, QProgressBar, QLabel]] = {}
        self.names = QLabel()
        names_font = QFont(base)
        names_font.setPointSizeF(base.pointSizeF() * 0.7)
        self.names.setFont(names_font)
        self.names.setWordWrap(True)
        self.names.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.names)
        self.ranking = QTableWidget(0, 4)
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ranking.verticalHeader().setVisible(False)
        self.ranking.horizontalHeader().setStretchLastSection(True)
        self.layout_.addWidget(self.ranking, 1)
        self.footer = QLabel()
        self.layout_.addStretch(0)
        self.layout_.addWidget(self.footer)

    def set_options(self, options: ProjectorOptions) -> None:
        self.options = options
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot)

    def show_snapshot(self, snapshot: ProgressSnapshot) -> None:
        self.snapshot = snapshot
        self.title.setText(
            self.tr("Review progress — %1").replace("%1", self.review_round.spec.title)
        )
        for row, panel in enumerate(snapshot.panels):
            if panel.panel_id not in self._rows:  # a round's panels do not change: made once
                label, bar, count = QLabel(), QProgressBar(), QLabel()
                bar.setTextVisible(False)
                bar.setMinimumHeight(self.fontMetrics().height())
                self.panels.addWidget(label, row, 0)
                self.panels.addWidget(bar, row, 1)
                self.panels.addWidget(count, row, 2)
                self._rows[panel.panel_id] = (label, bar, count)
            label, bar, count = self._rows[panel.panel_id]
            label.setText(self.tr("Panel %1").replace("%1", panel.panel_id))
            bar.setRange(0, len(panel.members))
            bar.setValue(panel.signed)
            count.setText(
                self.tr("%1 / %2 signed")
                .replace("%1", str(panel.signed))
                .replace("%2", str(len(panel.members)))
            )
        self.panels.setColumnStretch(1, 1)
        if self.options.names:
            lines = []
            for panel in snapshot.panels:
                cells = " ".join(
                    f"<span style='background:{STATE_COLOURS[m.state].name()}'>&nbsp;{m.name}·"
                    f"{self.state_text(m)}&nbsp;</span>"
                    for m in panel.members
                )
                lines.append(f"<b>{panel.panel_id}</b> {cells}")
            self.names.setText("<br>".join(lines))
        self.names.setVisible(self.options.names)
        self.ranking.setVisible(self.options.scores)
        if self.options.scores:
            self.ranking.setHorizontalHeaderLabels(
                [self.tr("Rank"), self.tr("Application"), self.tr("Center"), self.tr("Final score")]
            )
            ranked = sorted(
                (r for r in snapshot.results if r.rank is not None), key=lambda r: r.rank or 0
            )
            self.ranking.setRowCount(len(ranked))
            for row, result in enumerate(ranked):
                application = self.review_round.applications.get(result.application_id)
                values = (
                    str(result.rank),
                    result.application_id,
                    application.center_name if application else "",
                    money2(result.final) or "—",
                )
                for column, value in enumerate(values):
                    self.ranking.setItem(row, column, _item(value))
            self.ranking.resizeColumnsToContents()
            self.ranking.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        else:
            self.ranking.setRowCount(0)
        at = snapshot.at.astimezone().strftime("%H:%M:%S")
        self.footer.setText(self.tr("Updated %1 · Esc closes").replace("%1", at))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
