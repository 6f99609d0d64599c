"""The user guide at its default size: every section's text is laid out and drawn (not only the
screenshots), a table-of-contents link puts its heading at the top, and search marks what it
finds."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor

from tic_desktop.gui.help_window import CURRENT, FOUND, GUIDES, UserGuideWindow, guide_file

pytestmark = pytest.mark.gui


def headings(name: str) -> list[str]:
    return re.findall(r"^#{2,3} (.+)$", guide_file(name).read_text(encoding="utf-8"), re.M)


@pytest.fixture
def guide(qtbot, preferences):
    window = UserGuideWindow("zh", preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _dark_pixels(image, top: int, bottom: int) -> int:
    """Pixels darker than mid-grey in rows ``top``..``bottom`` of ``image`` (text is dark)."""
    count = 0
    for y in range(max(0, top), min(image.height(), bottom)):
        for x in range(0, image.width(), 2):
            if QColor(image.pixel(x, y)).lightness() < 110:
                count += 1
    return count


@pytest.mark.parametrize("name", GUIDES)
def test_every_section_is_drawn_and_a_link_puts_its_heading_on_top(qtbot, guide, name):
    guide.show_guide(name)
    browser = guide.browser
    document = browser.document()
    bar = browser.verticalScrollBar()
    sections = headings(name)
    assert len(sections) >= 5
    for title in sections:
        assert guide.scroll_to_heading(title), title
        block = browser.textCursor().block()
        rect = document.documentLayout().blockBoundingRect(block)
        on_screen = rect.top() - bar.value()
        if bar.value() < bar.maximum():
            assert abs(on_screen) <= 1, f"{title}: lands {on_screen:.0f} px from the top"
        else:
            assert 0 <= on_screen < browser.viewport().height()
        # What follows the heading is text right below it, drawn: no blank gap, no stale layout.
        following = block.next()
        gap = document.documentLayout().blockBoundingRect(following).top() - rect.bottom()
        assert gap < 3 * browser.fontMetrics().lineSpacing(), f"{title}: {gap:.0f} px gap"
        image = browser.viewport().grab().toImage()
        top = round(on_screen)
        assert _dark_pixels(image, top, top + round(rect.height())) > 50, f"{title} is not drawn"


def test_search_marks_every_occurrence_and_scrolls_to_the_next(qtbot, guide):
    guide.show_guide("bureau")
    guide.search_edit.setFocus()
    qtbot.keyClicks(guide.search_edit, "Excel")
    marked = guide.browser.extraSelections()
    text = guide_file("bureau").read_text(encoding="utf-8")
    assert len(marked) >= 3 and len(marked) <= text.count("Excel")
    assert all(s.format.background().color() == FOUND for s in marked)
    positions = []
    for _ in range(3):
        qtbot.keyClick(guide.search_edit, "\r")
        cursor = guide.browser.textCursor()
        assert cursor.selectedText() == "Excel"
        positions.append(cursor.position())
        current = [
            s for s in guide.browser.extraSelections() if s.format.background().color() == CURRENT
        ]
        assert [s.cursor.position() for s in current] == [cursor.position()]
        assert guide.browser.viewport().rect().contains(guide.browser.cursorRect(cursor))
    assert positions == sorted(positions) and len(set(positions)) == 3
    guide.search_edit.clear()
    assert guide.browser.extraSelections() == []
