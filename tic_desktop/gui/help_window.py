"""Help → user guide: the two Chinese guides in resources/guide/, shown with their screenshots.

The guides are Markdown files in ``resources/guide`` (``bureau.md`` for the bureau's staff,
``expert.md`` for the review experts) with their images in ``resources/guide/images``; resources/
travels in the wheel and the frozen build, so the guide works offline wherever the app runs.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QDesktopServices,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.screen_fit import resize_for_screen
from tic_desktop.gui.settings import Preferences
from tic_desktop.paths import resources_dir

GUIDES = ("bureau", "expert")
"""The guides, in tab order: the file ``resources/guide/<name>.md``."""

_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FOUND = QColor("#fff3a3")
"""Background of every place the search text occurs."""
CURRENT = QColor("#ffb347")
"""Background of the occurrence the search moved to."""


def guide_dir() -> Path:
    """The folder of the user guides (checkout, installed wheel or frozen build)."""
    return resources_dir() / "guide"


def guide_file(name: str) -> Path:
    return guide_dir() / f"{name}.md"


def referenced_paths(markdown: str) -> list[str]:
    """Every link and image target written in ``markdown`` (relative paths, anchors, URLs)."""
    return _MARKDOWN_LINK.findall(markdown)


class _GuideBrowser(QTextBrowser):
    """Scales screenshots down to the width of the view, so the guide never scrolls sideways."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_images()

    def fit_images(self) -> None:
        """Every screenshot at most as wide as the view, then the whole guide laid out again: text
        laid out around the full-size images would otherwise stay where it was (blank gaps, headings
        hidden until the window is resized, links landing in the middle of an image)."""
        document = self.document()
        available = max(200, self.viewport().width() - 2 * int(document.documentMargin()) - 8)
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                char_format = fragment.charFormat()
                if char_format.isImageFormat():
                    image_format = char_format.toImageFormat()
                    image = document.resource(
                        QTextDocument.ResourceType.ImageResource, QUrl(image_format.name())
                    )
                    natural = image.width() if image is not None and hasattr(image, "width") else 0
                    if natural > 0:
                        width = min(natural, available)
                        if abs(image_format.width() - width) > 0.5:
                            image_format.setWidth(width)
                            image_format.setHeight(image.height() * width / natural)
                            cursor = QTextCursor(document)
                            cursor.setPosition(fragment.position())
                            cursor.setPosition(
                                fragment.position() + fragment.length(),
                                QTextCursor.MoveMode.KeepAnchor,
                            )
                            cursor.setCharFormat(image_format)
                fragments += 1
            block = block.next()
        document.markContentsDirty(0, document.characterCount())
        document.documentLayout().documentSize()  # lays out everything now, not lazily later


class UserGuideWindow(RemembersGeometry, QMainWindow):
    """The user guides (Chinese), one tab per guide; links between them switch the tab."""

    guide_shown = Signal(str)
    """A guide was loaded into the view (its name: ``bureau`` or ``expert``)."""
    default_size = QSize(1000, 760)

    def __init__(
        self, language: str, preferences: Preferences | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.language = language
        self._preferences = preferences
        self.current_guide = ""
        self.setWindowTitle(self.tr("User guide"))
        self.setObjectName("userGuideWindow")

        central = QWidget()
        layout = QVBoxLayout(central)
        self.tabs = QTabBar()
        self.tabs.addTab(self.tr("For the bureau's staff"))
        self.tabs.addTab(self.tr("For review experts"))
        self.tabs.setAccessibleName(self.tr("Choose a guide"))
        self.tabs.currentChanged.connect(lambda index: self.show_guide(GUIDES[index]))
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Find in the guide (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Find in the guide"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance(self.search_edit.placeholderText())
            + 48
        )
        self.search_edit.returnPressed.connect(self.find_next)
        self.search_edit.textChanged.connect(lambda _text: self.highlight_all())
        top.addWidget(self.search_edit)
        layout.addLayout(top)
        if language != "zh":
            note = QLabel(self.tr("The user guide is written in Chinese."))
            layout.addWidget(note)

        self.browser = _GuideBrowser()
        self.browser.setOpenLinks(
            False
        )  # links are resolved here: the other guide, a heading, or the web
        self.browser.setSearchPaths([str(guide_dir())])
        self.browser.anchorClicked.connect(self.follow_link)
        self.browser.setAccessibleName(self.tr("User guide"))
        layout.addWidget(self.browser, 1)
        self.setCentralWidget(central)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_search)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence("Ctrl+1"), self, lambda: self.tabs.setCurrentIndex(0))
        QShortcut(QKeySequence("Ctrl+2"), self, lambda: self.tabs.setCurrentIndex(1))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence("Esc"), self, self.close)

        self.show_guide(GUIDES[0])
        if preferences is None:
            resize_for_screen(self, self.default_size)
        else:
            self.restore_geometry(preferences)
        self.browser.setFocus()

    # --- showing a guide ----------------------------------------------------------------------
    def show_guide(self, name: str) -> None:
        """Load guide ``name`` (``bureau`` or ``expert``) and select its tab."""
        if name not in GUIDES:
            raise ValueError(f"no user guide named {name!r}")
        if self.tabs.currentIndex() != GUIDES.index(name):
            self.tabs.setCurrentIndex(GUIDES.index(name))  # comes back here through currentChanged
            return
        if name != self.current_guide:
            self.current_guide = name
            self.browser.setSource(
                QUrl.fromLocalFile(str(guide_file(name))),
                QTextDocument.ResourceType.MarkdownResource,
            )
            self.browser.fit_images()
            self.highlight_all()
        self.guide_shown.emit(name)

    def follow_link(self, url: QUrl) -> None:
        """A click on a link: another guide (``expert.md``), a heading (``#…``), or a web page."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        target = self.browser.source().resolved(url)
        name = Path(target.toLocalFile()).stem if target.isLocalFile() else ""
        if name in GUIDES and name != self.current_guide:
            self.show_guide(name)
        if url.hasFragment():
            self.scroll_to_heading(url.fragment())

    def scroll_to_heading(self, title: str) -> bool:
        """Scroll so that the heading whose text is ``title`` (an in-guide ``#`` link) is at the
        top."""
        wanted = _heading_key(title)
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and _heading_key(block.text()) == wanted:
                self.browser.setTextCursor(QTextCursor(block))
                top = document.documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(round(top))
                return True
            block = block.next()
        return False

    # --- search -----------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def matches(self) -> list[QTextCursor]:
        """Every place the search text occurs in the guide shown, in order."""
        text = self.search_edit.text().strip()
        found: list[QTextCursor] = []
        if not text:
            return found
        document = self.browser.document()
        cursor = document.find(text)
        while not cursor.isNull():
            found.append(cursor)
            cursor = document.find(text, cursor)
        return found

    def highlight_all(self, current: QTextCursor | None = None) -> int:
        """Mark every occurrence of the search text (the current one stronger), whether or not the
        guide has the keyboard focus; returns how many there are."""
        selections = []
        for cursor in self.matches():
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            is_current = current is not None and cursor.position() == current.position()
            selection.format.setBackground(CURRENT if is_current else FOUND)
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        return len(selections)

    def find_next(self) -> bool:
        """Move to the next occurrence of the search text after the cursor (wrapping once), mark it,
        and scroll it into view."""
        text = self.search_edit.text().strip()
        if not text:
            self.browser.setExtraSelections([])
            return False
        document = self.browser.document()
        found = document.find(text, self.browser.textCursor())
        if found.isNull():
            found = document.find(text)  # wrap around once
        if found.isNull():
            self.highlight_all()
            return False
        self.browser.setTextCursor(found)
        self.browser.ensureCursorVisible()
        self.highlight_all(found)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._preferences is not None:
            self.save_geometry(self._preferences)
        super().closeEvent(event)


def _heading_key(text: str) -> str:
    """GitHub's anchor for a heading, near enough: lower case, spaces as hyphens, punctuation
    dropped."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
