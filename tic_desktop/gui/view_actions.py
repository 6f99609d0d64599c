"""The View menu every window shares: larger/smaller type and the interface language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

from tic_desktop.gui.settings import FONT_SIZE, LANGUAGE, Preferences


def connect_view_actions(
    window: QWidget,
    ui,
    preferences: Preferences,
    language: str,
    switch_language: Callable[[str], None],
    set_point_size: Callable[[int], None] | None,
) -> None:
    """Wire ``ui``'s largerText/smallerText/chinese/english actions; choices are remembered."""

    def change_size(delta: int) -> None:
        size = preferences.get(FONT_SIZE) + delta
        if set_point_size is not None:
            set_point_size(size)
        preferences.set(FONT_SIZE, size)

    def choose(code: str) -> None:
        preferences.set(LANGUAGE, code)
        switch_language(code)

    # Ctrl+= too: on most keyboards "+" needs Shift.
    ui.largerTextAction.setShortcuts([ui.largerTextAction.shortcut(), QKeySequence("Ctrl+=")])
    ui.largerTextAction.triggered.connect(lambda: change_size(+1))
    ui.smallerTextAction.triggered.connect(lambda: change_size(-1))
    group = QActionGroup(window)
    for action, code in ((ui.chineseAction, "zh"), (ui.englishAction, "en")):
        group.addAction(action)
        action.setChecked(code == language)
        action.triggered.connect(lambda _checked=False, c=code: choose(c))
