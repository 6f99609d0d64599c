"""New review round wizard, and the dialog that edits an open round's experts, rubric and panels."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tic_desktop.bureau.round_draft import (
    UNUSABLE_IN_NAMES,
    RoundDraft,
    save_round_in_place,
    usable_as_file_name,
    write_round,
)
from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.errors import TicError
from tic_desktop.gui.applications_page import ApplicationsPage
from tic_desktop.gui.expert_pool import ExpertPool
from tic_desktop.gui.geometry import RememberingDialog
from tic_desktop.gui.notices import show_warning
from tic_desktop.gui.panel_builder import PanelBuilder
from tic_desktop.gui.questions import ask_before
from tic_desktop.gui.rubric_editor import RubricEditor
from tic_desktop.gui.screen_fit import resize_for_screen, scrolling
from tic_desktop.gui.settings import Preferences
from tic_desktop.paths import resources_dir

WANTED_SIZE = QSize(1200, 760)
"""What the wizard and the editor would like; they take less on a smaller screen."""


def issued_packages(bureau_folder: str, round_id: str) -> dict[str, list[str]]:
    """The packages the bureau workspace in ``bureau_folder`` built for ``round_id``, by panel, as
    people name them (“P1.ticpkg（2026-12-03）”); empty when there is no workspace there."""
    if not bureau_folder:
        return {}
    try:
        registry = BureauWorkspace(Path(bureau_folder)).registry()
    except (TicError, OSError, ValueError):
        return {}
    issued: dict[str, list[str]] = {}
    for entry in sorted(registry.values(), key=lambda e: e.get("built_at", "")):
        if entry.get("round") == round_id and entry.get("panel"):
            day = str(entry.get("built_at", ""))[:10]
            issued.setdefault(entry["panel"], []).append(
                f"{entry.get('file', entry['panel'])}（{day}）" if day else entry.get("file", "")
            )
    return issued


class _CheckedPage(QWizardPage):
    """A page that may only be left when ``complete()`` says so, re-asked on every change."""

    def __init__(
        self, widget: QWidget, complete, title: str, subtitle: str, scrolls: bool = False
    ) -> None:
        """``scrolls``: the page scrolls when the screen is too low for ``widget`` (the panel
        builder on a 1024×600 screen), so that the wizard's buttons stay on screen."""
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(widget) if scrolls else widget)
        self._complete = complete
        cast(Any, widget).changed.connect(self.completeChanged)  # every page widget has one

    def isComplete(self) -> bool:
        return bool(self._complete())


class BasicsPage(QWizardPage):
    def __init__(self, draft: RoundDraft, start_folder: str = "") -> None:
        super().__init__()
        self.draft = draft
        self.start_folder = start_folder
        self.setTitle(self.tr("The round"))
        self.setSubTitle(self.tr("Name the round and choose where its files are kept."))
        form = QFormLayout(self)
        self.round_id = QLineEdit()
        self.round_id.setPlaceholderText("2027-TIC-01")
        self.round_title = QLineEdit()
        self.round_title.setPlaceholderText(
            self.tr("e.g. 2027 Liaocheng technology innovation center establishment review")
        )
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Establishment review (组建评审)"), "establishment")
        self.kind.addItem(self.tr("Performance evaluation (绩效评价)"), "performance")
        self.quorum = QSpinBox()
        self.quorum.setRange(1, 25)
        self.quorum.setValue(draft.quorum)
        self.quorum.setToolTip(
            self.tr(
                "After the recused experts leave, at least this many must score each "
                "application; with fewer the panel cannot review it."
            )
        )
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        browse = QPushButton(self.tr("C&hoose…"))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow(self.tr("Round &id:"), self.round_id)
        form.addRow(self.tr("&Title:"), self.round_title)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Fewest experts who must score:"), self.quorum)
        form.addRow(self.tr("New fol&der for the round's files:"), folder_row)
        cast(QLabel, form.labelForField(folder_row)).setBuddy(self.folder)  # added with a label
        self.id_problem = QLabel()
        self.id_problem.setStyleSheet("color: #842029")
        form.addRow("", self.id_problem)
        for edit in (self.round_id, self.round_title, self.folder):
            edit.textChanged.connect(self.completeChanged)
        self.round_id.textChanged.connect(self._check_id)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the round"), self.start_folder
        )
        if folder:
            self.folder.setText(str(Path(folder) / (self.round_id.text().strip() or "round")))

    def _check_id(self, text: str) -> None:
        usable = not text.strip() or usable_as_file_name(text.strip())
        self.id_problem.setText(
            ""
            if usable
            else self.tr(
                "The id becomes part of file names: only letters, digits, - _ and . (not %1)."
            ).replace("%1", UNUSABLE_IN_NAMES)
        )

    def isComplete(self) -> bool:
        return all(
            e.text().strip() for e in (self.round_id, self.round_title, self.folder)
        ) and usable_as_file_name(self.round_id.text().strip())

    def validatePage(self) -> bool:
        self.draft.id = self.round_id.text().strip()
        self.draft.title = self.round_title.text().strip()
        self.draft.kind = self.kind.currentData()
        self.draft.quorum = self.quorum.value()
        target = Path(self.folder.text().strip())
        if target.exists() and any(target.iterdir()):
            show_warning(
                self,
                self.tr("Folder not empty"),
                self.tr("Choose a new or empty folder: the round's files are written there."),
            )
            return False
        return True


class RoundWizard(QWizard):
    """Basics → applications → experts → rubric → panels; Finish writes the round folder."""

    round_written = Signal(object)
    """The new round was written and loaded (the ReviewRound)."""
    failed = Signal(str)

    def __init__(
        self, language: str, parent: QWidget | None = None, start_folder: str = ""
    ) -> None:
        """``start_folder``: where the folder choosers open (where the last round was kept)."""
        super().__init__(parent)
        self.language = language
        self.draft = RoundDraft()
        self.setWindowTitle(self.tr("New review round"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.basics = BasicsPage(self.draft, start_folder)
        self.applications = ApplicationsPage(self.draft, language)
        self.experts = ExpertPool(self.draft)
        self.rubric = RubricEditor(self.draft, language)
        self.rubric.use_default()
        self.panels = PanelBuilder(self.draft, language)
        self.addPage(self.basics)
        self.addPage(
            _CheckedPage(
                self.applications,
                lambda: self.draft.applications,
                self.tr("Applications"),
                self.tr("At least one application."),
            )
        )
        self.addPage(
            _CheckedPage(
                self.experts,
                lambda: self.draft.experts,
                self.tr("Expert pool"),
                self.tr("Everyone who may sit on a panel of this round."),
            )
        )
        self.addPage(
            _CheckedPage(
                self.rubric,
                self.rubric.is_complete,
                self.tr("Rubric"),
                self.tr("Criteria, maximum points and guidance; the maxima add up to 100."),
            )
        )
        self.addPage(
            _CheckedPage(
                self.panels,
                lambda: not self.draft.save_blockers(),
                self.tr("Panels"),
                self.tr(
                    "Every panel needs members and a chair. Packages can only be built for "
                    "panels that pass every conflict-of-interest rule; you can fix panels later."
                ),
                scrolls=True,
            )
        )
        self.applications.changed.connect(self.experts.refresh)
        self.applications.changed.connect(self.panels.refresh)
        self.experts.changed.connect(self.panels.refresh)
        resize_for_screen(self, WANTED_SIZE)

    def accept(self) -> None:
        try:
            written = write_round(self.draft, Path(self.basics.folder.text().strip()))
        except TicError as error:
            self.failed.emit(error.message(self.language))
            show_warning(self, self.tr("The round was not saved"), error.message(self.language))
            return
        super().accept()
        self.round_written.emit(written)


class RoundEditorDialog(RememberingDialog):
    """Experts, rubric and panels of an open round; saves over its files or, for the demo, as a
    copy."""

    round_written = Signal(object)
    failed = Signal(str)

    default_size = WANTED_SIZE

    def __init__(
        self,
        review_round: ReviewRound,
        preferences: Preferences,
        language: str,
        parent: QWidget | None = None,
        start_folder: str = "",
        issued: dict[str, list[str]] | None = None,
    ) -> None:
        """``start_folder``: where the folder chooser for a copy of the demo round opens;
        ``issued``: the packages already built for each panel (:func:`issued_packages`)."""
        super().__init__(preferences, parent)
        self.language = language
        self.start_folder = start_folder
        self.issued = issued or {}
        self.draft = RoundDraft.from_round(review_round)
        self.setWindowTitle(self.tr("Edit round %1").replace("%1", review_round.id))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.panels = PanelBuilder(self.draft, language, issued=self.issued)
        self.experts = ExpertPool(self.draft)
        self.rubric = RubricEditor(self.draft, language)
        self.applications = ApplicationsPage(self.draft, language)
        if self.issued:
            self.applications.confirm_import = self._confirm_import
        # On a low screen the panel builder scrolls inside its tab: 保存 and 取消 stay on screen.
        self.tabs.addTab(scrolling(self.panels), self.tr("Panels"))
        self.tabs.addTab(self.experts, self.tr("Expert pool"))
        self.tabs.addTab(self.rubric, self.tr("Rubric"))
        self.tabs.addTab(self.applications, self.tr("Applications"))
        layout.addWidget(self.tabs, 1)
        self.bundled = resources_dir() in review_round.path.resolve().parents
        note = QLabel(
            self.tr(
                "This is the bundled demo round: your changes are saved as a copy in a folder you choose."  # noqa: E501
            )
            if self.bundled
            else self.tr("Saving replaces the round's files; earlier versions are not kept.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.applications.changed.connect(self.panels.refresh)
        self.experts.changed.connect(self.panels.refresh)
        resize_for_screen(self, WANTED_SIZE)

    question_asked = Signal(object)
    """A question before something is destroyed was opened (the DestructiveQuestion)."""

    def _confirm_import(self, importing) -> None:
        """Packages were issued for this round: importing changes what they no longer carry."""
        names = "、".join(name for names in self.issued.values() for name in names)
        question = ask_before(
            self,
            self.tr("Import into a round whose packages were issued?"),
            self.tr("Packages were already issued for this round: %1.").replace("%1", names),
            self.tr(
                "Imported applications replace those with the same id. The packages already handed "
                "out keep the old materials: the experts would score the old version unless you "
                "build the packages again and hand out the new ones."
            ),
            self.tr("&Import anyway"),
            importing,
        )
        self.question_asked.emit(question)

    def save(self, copy_to: Path | None = None) -> bool:
        if not self.rubric.is_complete():
            self.tabs.setCurrentWidget(self.rubric)
            show_warning(
                self,
                self.tr("The rubric is not complete"),
                self.tr(
                    "Fix the rubric first: every criterion needs an id, a title and a maximum, "
                    "and the maxima must add up to 100."
                ),
            )
            return False
        if self.bundled and copy_to is None:
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Empty folder for the copy of the round"), self.start_folder
            )
            if not folder:
                return False
            copy_to = Path(folder)
        try:
            written = (
                write_round(self.draft, copy_to) if copy_to else save_round_in_place(self.draft)
            )
        except TicError as error:
            self.failed.emit(error.message(self.language))
            show_warning(self, self.tr("The round was not saved"), error.message(self.language))
            return False
        self.round_written.emit(written)
        self.accept()
        return True
