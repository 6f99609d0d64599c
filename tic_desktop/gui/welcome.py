"""The first-run welcome: who does what with this app, and where to start.

Shown until the user ticks “不再显示”. It only emits signals; the window that shows it decides
what opening the demo round, a package or a new round means.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.gui.geometry import RememberingDialog
from tic_desktop.gui.screen_fit import resize_for_screen
from tic_desktop.gui.settings import Preferences, Setting

SHOW_WELCOME = Setting("general/show_welcome", 1, int)
"""1 until the user ticks “不再显示” in the welcome dialog (an int: INI files keep no booleans)."""


def welcome_wanted(preferences: Preferences) -> bool:
    """Should the welcome dialog be shown at start-up?"""
    return bool(preferences.get(SHOW_WELCOME))


class WelcomeDialog(RememberingDialog):
    """Explains the two roles in plain words and offers the first step of each."""

    open_demo = Signal()
    """The user wants to look around in the bundled demo round (the dialog closes)."""
    open_package = Signal()
    """An expert wants to open the review package they received (the dialog closes)."""
    new_round = Signal()
    """Bureau staff want to prepare a new review round (the dialog closes)."""
    show_guide = Signal()
    """The user wants to read the user guide (the dialog stays open)."""

    def __init__(
        self, preferences: Preferences, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(preferences, parent)
        self.language = language
        self.setWindowTitle(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)

        title = QLabel(
            self.tr("Welcome to the Liaocheng technology innovation center review system")
        )
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.3)
        title_font.setBold(True)
        title.setFont(title_font)
        title.setWordWrap(True)
        layout.addWidget(title)
        intro = QLabel(
            self.tr("This app is used by two kinds of people. Choose the one that describes you.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        roles = QHBoxLayout()
        roles.setSpacing(16)
        self.new_round_button = QPushButton(self.tr("New review round…"))
        self.demo_button = QPushButton(self.tr("Open the demo round"))
        bureau = self._role_box(
            self.tr("Bureau staff"),
            self.tr(
                "You prepare a review round: the applications, the expert pool and the panels. The "
                "app checks every application against the regulation and every panel for conflicts "
                "of interest. You build the encrypted review packages and print the passphrase "
                "sheets. When the experts return their signed scores, the app ranks the "
                "applications and you sign the result summary."
            ),
            [self.new_round_button, self.demo_button],
        )
        self.package_button = QPushButton(self.tr("Open review package…"))
        expert = self._role_box(
            self.tr("Review expert"),
            self.tr(
                "You received a review package (a file ending in .ticpkg, usually on a USB stick) "
                "and a printed passphrase sheet. Open the package, type the passphrase once, "
                "confirm your conflicts of interest, read the materials, score and write your "
                "opinion. Then sign and save the return file to the USB stick and hand it back to "
                "the bureau."
            ),
            [self.package_button],
        )
        roles.addWidget(bureau, 1)
        roles.addWidget(expert, 1)
        layout.addLayout(roles, 1)

        demo_hint = QLabel(
            self.tr(
                "New here? Open the demo round: its applications and experts are invented, "
                "so you can try everything without harm."
            )
        )
        demo_hint.setWordWrap(True)
        layout.addWidget(demo_hint)

        bottom = QHBoxLayout()
        self.guide_button = QPushButton(self.tr("Read the user guide"))
        bottom.addWidget(self.guide_button)
        self.dont_show_box = QCheckBox(self.tr("Do not show again"))
        self.dont_show_box.setChecked(not welcome_wanted(preferences))
        self.dont_show_box.toggled.connect(
            lambda checked: preferences.set(SHOW_WELCOME, 0 if checked else 1)
        )
        bottom.addWidget(self.dont_show_box)
        bottom.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self.new_round_button.clicked.connect(lambda: self._choose(self.new_round))
        self.demo_button.clicked.connect(lambda: self._choose(self.open_demo))
        self.package_button.clicked.connect(lambda: self._choose(self.open_package))
        self.guide_button.clicked.connect(self.show_guide.emit)
        for button in (
            self.new_round_button,
            self.demo_button,
            self.package_button,
            self.guide_button,
        ):
            button.setAutoDefault(False)
        self.demo_button.setDefault(True)
        self.setTabOrder(self.new_round_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.package_button)
        self.setTabOrder(self.package_button, self.guide_button)
        self.setTabOrder(self.guide_button, self.dont_show_box)
        resize_for_screen(self, QSize(900, 480))

    @staticmethod
    def _role_box(title: str, text: str, buttons: list[QPushButton]) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label, 1)
        for button in buttons:
            layout.addWidget(button)
        return box

    def _choose(self, signal) -> None:
        self.accept()
        signal.emit()
