"""The bureau's side of the wheel guard: the round wizard's kind (a combo box) and quorum (a spin
box) ignore the wheel while the pointer merely passes over them, and take it once clicked into."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tic_desktop.gui.wheel_guard import install_wheel_guard

pytestmark = pytest.mark.gui


def wheel_over(widget, steps: int) -> None:
    """A wheel turn through the windowing-system path, the pointer at ``widget``'s centre."""
    window = widget.window()
    position = widget.mapTo(window, widget.rect().center())
    QTest.wheelEvent(window.windowHandle(), QPointF(position), QPoint(0, 120 * steps))


def test_the_guard_is_installed_once(qapp):
    assert install_wheel_guard(qapp) is install_wheel_guard(qapp)


def test_unfocused_combo_and_spin_box_of_the_round_wizard_ignore_the_wheel(qapp, qtbot, tmp_path):
    from tic_desktop.gui.round_wizard import RoundWizard

    wizard = RoundWizard("zh")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    basics = wizard.basics
    basics.round_id.setFocus()
    quorum_before = basics.quorum.value()
    assert basics.kind.currentData() == "establishment"

    wheel_over(basics.kind, -1)
    wheel_over(basics.quorum, +1)
    assert basics.kind.currentData() == "establishment"
    assert basics.quorum.value() == quorum_before
    assert QApplication.focusWidget() is basics.round_id  # the wheel gave them no focus either

    basics.round_id.setText("2027-TIC-01")
    basics.round_title.setText("2027年度组建评审")
    basics.folder.setText(str(tmp_path / "round"))
    wizard.next()
    assert wizard.draft.kind == "establishment"  # what the wizard stored
    assert wizard.draft.quorum == quorum_before
    wizard.back()

    # Tabbed into, the combo box takes the wheel as before.
    basics.kind.setFocus(Qt.FocusReason.TabFocusReason)
    assert basics.kind.hasFocus()
    wheel_over(basics.kind, -1)
    assert basics.kind.currentData() == "performance"
