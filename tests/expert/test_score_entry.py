"""What the expert sees is what is stored (issue #11): typed scores, the wheel, signing refused.

Driven through the real expert window: keys typed into the score box, a real wheel event sent to
the widget under the pointer, the database read back after each step.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select
from window_helpers import (
    choose_application,
    close_window,
    open_window,
    type_chinese,
    wheel_over,
)

from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.gui.score_entry import parse_score
from tic_desktop.storage import open_database
from tic_desktop.storage.models import ScoreEntry

pytestmark = pytest.mark.gui

APP = "LC-2026-001"
RED = "#c62828"


def stored_score(db, expert_id: str, app_id: str, criterion_id: str) -> Decimal | None:
    with db.session() as session:
        row = session.scalar(
            select(ScoreEntry).where(
                ScoreEntry.expert_id == expert_id,
                ScoreEntry.application_id == app_id,
                ScoreEntry.criterion_id == criterion_id,
            )
        )
        return None if row is None else row.score


def complete_everything(desk: ExpertDesk, share: str = "0.7") -> None:
    """Score, judge and give an opinion on every application the expert may score (through the
    core)."""
    step = desk.manifest.rubric.step
    for entry in desk.scorable():
        for criterion in desk.manifest.rubric.criteria:
            value = (criterion.max * Decimal(share) / step).to_integral_value() * step
            desk.set_score(entry.id, criterion.id, value)
        desk.set_opinion(entry.id, "依托单位研发基础扎实，建设方案可行。", True)
        for check in desk.formal_review(entry.id).checks:
            if check.result.value in ("review", "missing"):
                desk.judge(entry.id, check.id, True)
    assert desk.problems() == []


@pytest.fixture
def expert(qapp, qtbot, built_p1, unlocked, tmp_path):
    db = open_database(tmp_path / "expert.sqlite3")
    window = open_window(
        qapp, qtbot, db, built_p1["package"].file, unlocked("E02"), tmp_path / "prefs.ini"
    )
    yield window, db
    close_window(window)  # one test leaves an invalid entry: closing asks first
    db.close()


def _scoring_form(window, app_id: str = APP):
    choose_application(window, app_id)
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    form = window.scoring
    assert form is not None and form.application_id == app_id
    return form


def _retype(qtbot, entry, text: str) -> None:
    """Click into the box, select what is there and type over it, as a person does."""
    entry.parentWidget().window()  # the box is on screen
    qtbot.mouseClick(entry.lineEdit(), Qt.MouseButton.LeftButton)
    entry.lineEdit().selectAll()
    QTest.keyClicks(entry, text)


def test_parse_score_reads_exactly_what_was_typed():
    assert parse_score("17.3") == Decimal("17.3")
    assert parse_score(" １７．５ ") == Decimal("17.5")  # full-width, as a Chinese IME types it
    assert parse_score("17。5") == Decimal("17.5")
    assert parse_score("") is None
    for text in ("1e1", "NaN", "17,5", "abc", "1 7"):
        with pytest.raises(ValueError):
            parse_score(text)


def test_an_invalid_score_is_marked_at_the_box_not_saved_not_counted_and_blocks_signing(
    expert, qtbot, tmp_path
):
    window, db = expert
    form = _scoring_form(window)
    entry, status, frame = (
        form.entries["foundation"],
        form.statuses["foundation"],
        form.frames["foundation"],
    )
    window.ui.scoringScroll.ensureWidgetVisible(entry)

    # 17.3 where the step is 0.5: shown as typed, marked, not saved, not counted.
    with qtbot.waitSignal(form.state_changed, timeout=5000):
        _retype(qtbot, entry, "17.3")
    QTest.keyClick(entry, Qt.Key.Key_Return)  # leaving the box does not save it either
    assert entry.text() == "17.3"
    assert frame.mark_colour() == RED
    assert status.isVisible()
    assert "依托单位基础条件" in status.text() and "0.5" in status.text()
    assert "foundation" not in status.text()  # the criterion by its title, not its id
    assert stored_score(db, "E02", APP, "foundation") is None
    assert "0 / 100" in form.total.text() and "17.3" not in form.total.text()
    assert any("依托单位基础条件" in text for text in form.unsaved_or_invalid())

    # 25 in a box whose maximum is 20: not saved as 2 or 20 or anything else.
    _retype(qtbot, entry, "25")
    QTest.keyClick(entry, Qt.Key.Key_Tab)
    assert entry.text() == "25"
    assert frame.mark_colour() == RED
    assert "0–20" in status.text() and "依托单位基础条件" in status.text()
    assert stored_score(db, "E02", APP, "foundation") is None
    assert "0 / 100" in form.total.text()

    # A valid score is stored exactly as shown, and counted.
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        _retype(qtbot, entry, "17.5")
        QTest.keyClick(entry, Qt.Key.Key_Return)
    assert stored_score(db, "E02", APP, "foundation") == Decimal("17.5")
    assert frame.mark_colour() is None and not status.isVisible()
    assert "17.5 / 100" in form.total.text()
    assert form.unsaved_or_invalid() == []

    # Up/Down step by the rubric's step.
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        QTest.keyClick(entry, Qt.Key.Key_Up)
    assert entry.text() == "18.0"
    assert stored_score(db, "E02", APP, "foundation") == Decimal("18.0")

    # Everything else complete: an invalid entry over a saved score still blocks signing.
    complete_everything(window.desk)
    form = _scoring_form(window, "LC-2026-002")
    form = _scoring_form(window)  # reloaded from the database
    saved = stored_score(db, "E02", APP, "foundation")
    entry, status = form.entries["foundation"], form.statuses["foundation"]
    assert entry.text() == format(saved, "f")
    _retype(qtbot, entry, "17.3")
    assert format(saved, "f") in status.text()  # says which score is still the saved one
    with qtbot.waitSignal(window.sign_blocked, timeout=5000) as blocked:
        window.sign_and_export(tmp_path / "usb")
    assert any("依托单位基础条件" in str(problem) for problem in blocked.args[0])
    assert not list((tmp_path / "usb").glob("*.ticreturn"))
    assert stored_score(db, "E02", APP, "foundation") == saved


def test_the_wheel_over_an_unfocused_score_box_scrolls_the_page_and_changes_nothing(expert, qtbot):
    window, db = expert
    window.resize(1100, 560)  # the form is taller than its scroll area
    form = _scoring_form(window)
    entry = form.entries["foundation"]
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        _retype(qtbot, entry, "15.0")
        QTest.keyClick(entry, Qt.Key.Key_Return)
    assert stored_score(db, "E02", APP, "foundation") == Decimal("15.0")

    bar = window.ui.scoringScroll.verticalScrollBar()
    bar.setValue(0)
    assert bar.maximum() > 0
    window.ui.applicationList.setFocus()  # the expert has moved on; the box is not focused
    assert not entry.hasFocus()
    under = wheel_over(entry, -1)
    assert under is entry or entry.isAncestorOf(under)  # the pointer really was on the box
    assert bar.value() > 0  # the page scrolled
    assert entry.text() == "15.0"  # the score did not move
    assert stored_score(db, "E02", APP, "foundation") == Decimal("15.0")
    assert form.unsaved_or_invalid() == []

    # Clicked into, the box takes the wheel: one notch up is one step of the rubric.
    bar.setValue(0)
    qtbot.mouseClick(entry.lineEdit(), Qt.MouseButton.LeftButton)
    assert entry.hasFocus()
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        wheel_over(entry, +1)
    assert entry.text() == "15.5"
    assert stored_score(db, "E02", APP, "foundation") == Decimal("15.5")
    assert bar.value() == 0


def test_a_score_far_from_the_guidance_asks_for_a_reason_saved_with_it(expert, qtbot):
    window, db = expert
    form = _scoring_form(window)
    entry, reason = form.entries["team"], form.reasons["team"]
    assert reason.isHidden()
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        _retype(qtbot, entry, "14.5")  # of 15: above 90 %
        QTest.keyClick(entry, Qt.Key.Key_Return)
    assert not reason.isHidden()
    qtbot.mouseClick(reason, Qt.MouseButton.LeftButton)
    type_chinese(reason, "团队负责人为国家级领军人才")
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        QTest.keyClick(reason, Qt.Key.Key_Tab)
    with db.session() as session:
        row = session.scalar(
            select(ScoreEntry).where(
                ScoreEntry.application_id == APP, ScoreEntry.criterion_id == "team"
            )
        )
        assert (row.score, row.note) == (Decimal("14.5"), "团队负责人为国家级领军人才")
    assert form.unsaved_or_invalid() == []
