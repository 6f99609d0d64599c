"""The bureau's first window: a round's applications with their formal review, and its panels."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
)

from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.errors import TicError
from tic_desktop.gui import geometry
from tic_desktop.gui.bridge import QtEventBridge
from tic_desktop.gui.detail_html import check_html, panel_html
from tic_desktop.gui.eligibility_conflict_models import (
    ApplicationsModel,
    ChecksModel,
    PanelResultsModel,
)
from tic_desktop.gui.forms import form_class
from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.screen_fit import resize_for_screen
from tic_desktop.gui.settings import LANGUAGE, LAST_ROUND, Preferences, Setting
from tic_desktop.gui.view_actions import connect_view_actions
from tic_desktop.gui.welcome import WelcomeDialog
from tic_desktop.paths import demo_round_file
from tic_desktop.review import EvaluatedRound, RoundDesk
from tic_desktop.rules.messages import KIND_NAMES_ZH, VERDICT_LABELS, label
from tic_desktop.rules.results import Result, Verdict
from tic_desktop.storage import Database, open_database

if (
    TYPE_CHECKING
):  # the windows below are imported when first opened: they pull in reportlab, pyHanko
    # and the package builder, which would add about two seconds to every start
    from tic_desktop.gui.build_dialog import BuildPackagesDialog
    from tic_desktop.gui.help_window import UserGuideWindow
    from tic_desktop.gui.register_window import RegisterWindow
    from tic_desktop.gui.results_window import ResultsWindow
    from tic_desktop.gui.round_wizard import RoundEditorDialog, RoundWizard


RECENT_ROUNDS = Setting("files/recent_rounds", "", str)
"""The rounds opened last, newest first, one path a line."""
RECENT_COUNT = 8
BUREAU_FOLDER = Setting("files/bureau_folder", "", str)  # the build dialog's, read here too
PACKAGES_FOLDER = Setting("files/packages_folder", "", str)


def _bureau_secret(folder: str, passphrase: str | None) -> str:
    return BureauWorkspace(Path(folder)).secret(passphrase)


class MainWindow(RemembersGeometry, QMainWindow):
    """Shows what the regulation says about every application and panel of the open round."""

    error_shown = Signal(str)
    """A problem was reported to the user (the text shown)."""
    results_opened = Signal(object)
    """The returns-and-results window was opened (the window)."""
    package_requested = Signal(object)
    """The user chose a review package to open as an expert (its Path)."""

    def __init__(
        self,
        desk: RoundDesk,
        bridge: QtEventBridge,
        preferences: Preferences,
        set_language: Callable[[str], None],
        set_point_size: Callable[[int], None],
        database: Database | None = None,
    ) -> None:
        super().__init__()
        self.ui = form_class("main_window", "MainWindow")()
        self.ui.setupUi(self)
        self._desk = desk
        self._preferences = preferences
        self._set_language = set_language
        self._set_point_size = set_point_size
        self.language = preferences.get(LANGUAGE)
        self.review: EvaluatedRound | None = None
        self.results_window: ResultsWindow | None = None
        self.round_wizard: RoundWizard | None = None
        self.round_editor: RoundEditorDialog | None = None
        self.register_window: RegisterWindow | None = None
        self.build_dialog: BuildPackagesDialog | None = None
        self.guide_window: UserGuideWindow | None = None
        self.welcome: WelcomeDialog | None = None
        self._database = database

        self.applications = ApplicationsModel(self.language, self)
        self._applications_proxy = QSortFilterProxyModel(self)
        self._applications_proxy.setSourceModel(self.applications)
        self.checks = ChecksModel(self.language, self)
        self.panels = PanelResultsModel(self.language, self)
        self._setup_views()
        self._setup_actions()
        bridge.round_opened.connect(self.show_review)
        if not self.restore_geometry(preferences):
            self._fit_to_screen()

    # --- setup ---------------------------------------------------------------------------
    def _setup_views(self) -> None:
        ui = self.ui
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.4)
        title_font.setBold(True)
        ui.roundTitleLabel.setFont(title_font)
        for view, model in (
            (ui.applicationsView, self._applications_proxy),
            (ui.checksView, self.checks),
            (ui.panelsView, self.panels),
        ):
            view.setModel(model)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            view.setTabKeyNavigation(False)
        ui.applicationsView.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        ui.applicationsView.horizontalHeader().setStretchLastSection(False)
        # The explanation is what people read: it takes the free width and wraps.
        ui.checksView.horizontalHeader().setSectionResizeMode(
            ChecksModel.MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        ui.checksView.setWordWrap(True)
        ui.checksView.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.applicationsView.selectionModel().selectionChanged.connect(self._application_selected)
        ui.checksView.selectionModel().selectionChanged.connect(self._check_selected)
        ui.panelsView.selectionModel().selectionChanged.connect(self._panel_selected)
        ui.eligibilitySplitter.setSizes([560, 780])
        ui.checksSplitter.setSizes([380, 230])
        ui.panelsSplitter.setSizes([330, 270])

    def _setup_actions(self) -> None:
        ui = self.ui
        ui.openRoundAction.triggered.connect(self._choose_round)
        ui.openDemoAction.triggered.connect(lambda: self.open_round(demo_round_file()))
        self.recent_menu = QMenu(self.tr("&Recent rounds"), self)
        self.recent_menu.setObjectName("recentMenu")
        ui.fileMenu.insertMenu(ui.openPackageAction, self.recent_menu)
        self._fill_recent_menu()
        ui.quitAction.triggered.connect(self.close)
        ui.resultsAction.triggered.connect(self.open_results)
        ui.newRoundAction.triggered.connect(self.new_round)
        ui.editRoundAction.triggered.connect(self.edit_round)
        ui.registerAction.triggered.connect(self.open_register)
        from tic_desktop.gui.collection_window import add_collection_action  # 会场收集, issue #16

        self.collection_action = add_collection_action(self)
        ui.buildPackagesAction.triggered.connect(self.build_packages)
        for action in self._round_actions():
            action.setEnabled(False)  # until a round is open
        ui.aboutAction.triggered.connect(self.show_about)
        ui.userGuideAction.triggered.connect(lambda: self.show_guide())
        ui.welcomeAction.triggered.connect(self.show_welcome)
        ui.openPackageAction.triggered.connect(self._choose_package)
        connect_view_actions(
            self,
            ui,
            self._preferences,
            self.language,
            self.switch_language,
            self._point_size_changed,
        )

    def _fit_to_screen(self) -> None:
        """Meeting-room laptops can be smaller than the form's 1366×768: never start off-screen."""
        available = geometry.available_geometry(self)
        if available.width() < 1366 or available.height() < 768:
            resize_for_screen(self, self.size())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # --- opening rounds --------------------------------------------------------------------
    def recent_rounds(self) -> list[Path]:
        """The rounds opened last that are still there, newest first."""
        lines = self._preferences.get(RECENT_ROUNDS).splitlines()
        return [Path(line) for line in lines if line.strip() and Path(line).is_file()]

    def last_round(self) -> Path | None:
        """The round to reopen on start: the one open when the app was last used, if it is still
        there."""
        last = self._preferences.get(LAST_ROUND)
        return Path(last) if last and Path(last).is_file() else None

    def _remember_round(self, path: Path) -> None:
        self._preferences.set(LAST_ROUND, str(path))
        resolved = path.resolve()
        others = [p for p in self.recent_rounds() if p.resolve() != resolved]
        recent = [path, *others][:RECENT_COUNT]
        self._preferences.set(RECENT_ROUNDS, "\n".join(str(p) for p in recent))
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        rounds = self.recent_rounds()
        for number, path in enumerate(rounds, start=1):
            action = QAction(f"&{number} {path.parent.name}/{path.name}", self.recent_menu)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_round(p))
            self.recent_menu.addAction(action)
        if not rounds:
            empty = self.recent_menu.addAction(self.tr("(none yet)"))
            empty.setEnabled(False)
        self.recent_menu.setToolTipsVisible(True)

    def round_folder(self) -> str:
        """Where file choosers open: the open round's folder, else the last round's, else the
        bureau's."""
        if self.review is not None:
            return str(self.review.round.path.parent)
        last = self.last_round()
        if last is not None:
            return str(last.parent)
        return self._preferences.get(BUREAU_FOLDER)

    def _choose_round(self) -> None:
        start = self._preferences.get(LAST_ROUND) or str(demo_round_file().parent)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open review round"), start, self.tr("Review round (*.json)")
        )
        if path:
            self.open_round(Path(path))

    def open_round(self, path: Path) -> bool:
        """Load and review ``path``; on bad input tell the user and keep what was shown."""
        self.statusBar().showMessage(self.tr("Loading %1…").replace("%1", str(path)))
        try:
            self._desk.open_round(path)
        except TicError as error:
            self.show_error(
                self.tr("The review round could not be opened"), error.message(self.language)
            )
            return False
        self._remember_round(path)
        return True

    def show_error(self, title: str, text: str) -> None:
        self.statusBar().showMessage(text.splitlines()[0], 20_000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal but not blocking: the event loop (and tests) keep running
        self.error_shown.emit(text)

    def _round_actions(self) -> list:
        return [self.ui.editRoundAction, self.ui.buildPackagesAction, self.ui.resultsAction]

    def show_review(self, review: EvaluatedRound) -> None:
        self.review = review
        for action in self._round_actions():
            action.setEnabled(True)
        self.applications.set_review(review)
        self.panels.set_results(review.panels)
        self.checks.set_checks([])
        self.ui.checkDetail.clear()
        self.ui.panelDetail.clear()
        self._refresh_texts()
        if self.applications.rowCount():
            self.ui.applicationsView.selectRow(0)
        if self.panels.rowCount():
            self.ui.panelsView.selectRow(0)
        self.ui.applicationsView.setFocus()

    # --- selection ---------------------------------------------------------------------------
    def _application_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.ui.applicationsView.selectionModel().selectedRows()
        if not rows or self.review is None:
            return
        report = self.applications.report_at(self._applications_proxy.mapToSource(rows[0]).row())
        application = self.review.round.applications[report.application_id]
        verdict = label(VERDICT_LABELS, report.verdict.value, self.language)
        kind = application.lead_unit.kind
        kind_text = KIND_NAMES_ZH.get(kind, kind) if self.language == "zh" else kind
        self.ui.applicationTitleLabel.setText(
            f"<b>{escape(application.id)}  {escape(application.center_name)}</b> — "
            f"{escape(verdict)}<br>"
            f"{escape(application.lead_unit.name)}（{escape(kind_text)}）"
            + (f" · {escape(application.field)}" if application.field else "")
        )
        self.checks.set_checks(report.checks)
        first_problem = next(
            (
                i
                for i, c in enumerate(report.checks)
                if c.result in (Result.FAIL, Result.REVIEW, Result.MISSING)
            ),
            0,
        )
        self.ui.checksView.selectRow(first_problem)
        # Row heights follow the wrapped text and are known only after layout: scroll then.
        # The view is the timer's context: a window closed in the meantime cancels it.
        QTimer.singleShot(
            0,
            self.ui.checksView,
            lambda: self.ui.checksView.scrollTo(
                self.checks.index(first_problem, 0), QAbstractItemView.ScrollHint.PositionAtCenter
            ),
        )

    def _check_selected(self, *_args) -> None:
        rows = self.ui.checksView.selectionModel().selectedRows()
        if rows:
            self.ui.checkDetail.setHtml(
                check_html(self.checks.check_at(rows[0].row()), self.language)
            )

    def _panel_selected(self, *_args) -> None:
        rows = self.ui.panelsView.selectionModel().selectedRows()
        if rows and self.review is not None:
            result = self.panels.result_at(rows[0].row())
            self.ui.panelDetail.setHtml(panel_html(result, self.review.round, self.language))

    # --- language and type size ---------------------------------------------------------------
    def switch_language(self, language: str) -> None:
        self.language = language
        self._preferences.set(LANGUAGE, language)
        self._set_language(language)
        # Installing translators posts LanguageChange events; deliver them now so the whole
        # window switches at once rather than on the next event-loop turn.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            for model in (self.applications, self.checks, self.panels):
                model.set_language(self.language)
            self._refresh_texts()
            for view in (self.ui.applicationsView, self.ui.checksView, self.ui.panelsView):
                self._reselect(view)
        super().changeEvent(event)

    @staticmethod
    def _reselect(view: QTableView) -> None:
        if view.model().rowCount():
            view.selectRow(max(0, view.currentIndex().row()))

    def _point_size_changed(self, size: int) -> None:
        self._set_point_size(size)
        self._setup_title_font()

    def _setup_title_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.ui.roundTitleLabel.setFont(font)

    def _refresh_texts(self) -> None:
        review = self.review
        if review is None:
            return
        verdicts = [r.verdict for r in review.reports.values()]
        counts = {v: verdicts.count(v) for v in Verdict}
        broken = sum(1 for p in review.panels if any(c.result is Result.FAIL for c in p.checks))
        to_confirm = len(review.panel_problems()) - broken
        self.ui.roundTitleLabel.setText(f"{review.round.spec.title}（{review.round.id}）")
        self.ui.summaryLabel.setText(
            self.tr(
                "%1 applications: %2 eligible, %3 need judgement, %4 ineligible · "
                "%5 panel/application pairs: %6 break a conflict-of-interest rule, %7 to confirm"
            )
            .replace("%1", str(len(verdicts)))
            .replace("%2", str(counts[Verdict.ELIGIBLE]))
            .replace("%3", str(counts[Verdict.NEEDS_JUDGEMENT]))
            .replace("%4", str(counts[Verdict.INELIGIBLE]))
            .replace("%5", str(len(review.panels)))
            .replace("%6", str(broken))
            .replace("%7", str(to_confirm))
        )
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", str(review.round.path)))

    # --- preparing rounds ------------------------------------------------------------------
    def new_round(self) -> RoundWizard:
        from tic_desktop.gui.round_wizard import RoundWizard

        start = str(Path(self.round_folder()).parent) if self.round_folder() else ""
        self.round_wizard = RoundWizard(self.language, self, start_folder=start)
        self.round_wizard.round_written.connect(lambda written: self.open_round(written.path))
        self.round_wizard.open()
        return self.round_wizard

    def edit_round(self) -> RoundEditorDialog | None:
        from tic_desktop.gui.round_wizard import RoundEditorDialog, issued_packages

        if self.review is None:
            return None
        self.round_editor = RoundEditorDialog(
            self.review.round,
            self._preferences,
            self.language,
            self,
            start_folder=str(self.review.round.path.parent.parent),
            issued=issued_packages(self._preferences.get(BUREAU_FOLDER), self.review.round.id),
        )
        self.round_editor.round_written.connect(lambda written: self.open_round(written.path))
        self.round_editor.open()
        return self.round_editor

    def build_packages(self) -> BuildPackagesDialog | None:
        from tic_desktop.gui.build_dialog import BuildPackagesDialog

        if self.review is None:
            return None
        if self.build_dialog is not None and self.build_dialog.is_running():
            self.build_dialog.raise_()
            return self.build_dialog
        self.build_dialog = BuildPackagesDialog(self.review, self._preferences, self.language, self)
        self.build_dialog.built.connect(
            lambda packages: self.statusBar().showMessage(
                self.tr("Built %1 packages").replace("%1", str(len(packages)))
            )
        )
        self.build_dialog.open()
        return self.build_dialog

    def open_register(self) -> RegisterWindow:
        from tic_desktop.gui.register_window import RegisterWindow

        """The register of approved centers lives in the local database, not in a round."""
        if self.register_window is None or self.register_window.language != self.language:
            if self._database is None:
                self._database = open_database()
            self.register_window = RegisterWindow(self._database, self.language, self._preferences)
        self.register_window.show()
        self.register_window.raise_()
        self.register_window.activateWindow()
        return self.register_window

    def open_results(self) -> None:
        """Returns inbox and ranking for the open round: its workspace is remembered per round and
        the bureau's keys stay unlocked for the session (tic_desktop/gui/results_opening.py)."""
        self._open_results(self._results_shown)

    def receive_files(self, paths: list[Path]) -> None:
        """Returned files given to the app (a double-click on a .ticreturn): the open round's
        returns inbox, opened as the results action opens it, with the files added once it is."""
        paths = list(paths)

        def shown(window: ResultsWindow) -> None:
            self._results_shown(window)
            window.add_paths(paths)

        self._open_results(shown)

    def _open_results(self, shown: Callable[[ResultsWindow], None]) -> None:
        from tic_desktop.gui.results_opening import ResultsOpener

        if self.review is None:
            return
        if self._database is None:
            self._database = open_database()
        opener = ResultsOpener.of(self, self._preferences, self.show_error)
        opener.open(self.review, self._database, self.language, shown)

    def _results_shown(self, window: ResultsWindow) -> None:
        self.results_window = window
        self.results_opened.emit(window)

    # --- help ---------------------------------------------------------------------------------
    def show_about(self):
        from tic_desktop.gui.about import AboutDialog

        folder = self._preferences.get(BUREAU_FOLDER)
        dialog = AboutDialog(self.language, Path(folder) if folder else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_guide(self, name: str = "bureau") -> UserGuideWindow:
        from tic_desktop.gui.help_window import UserGuideWindow

        if self.guide_window is None or self.guide_window.language != self.language:
            self.guide_window = UserGuideWindow(self.language, self._preferences)
        self.guide_window.show_guide(name)
        self.guide_window.show()
        return self.guide_window

    def show_welcome(self) -> WelcomeDialog:
        welcome = WelcomeDialog(self._preferences, self.language, self)
        welcome.open_demo.connect(lambda: self.open_round(demo_round_file()))
        welcome.new_round.connect(self.new_round)
        welcome.show_guide.connect(lambda: self.show_guide())
        welcome.open_package.connect(self._choose_package)
        welcome.open()
        self.welcome = welcome
        return welcome

    def _choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open review package"),
            self._preferences.get(PACKAGES_FOLDER) or self.round_folder(),
            self.tr("Review package (*.ticpkg)"),
        )
        if path:
            self.package_requested.emit(Path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.build_dialog is not None and self.build_dialog.is_building():
            # Cancel the build and close once its worker has cleaned up (within about a second: the
            # dialog kills a worker that does not stop), so that nothing half-built is left.
            self.build_dialog.finished.connect(self.close)
            self.build_dialog.reject()
            event.ignore()
            return
        self.save_geometry(self._preferences)
        self._preferences.sync()
        super().closeEvent(event)
