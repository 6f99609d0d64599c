"""Help → user guide: the two Chinese guides in resources/guide/, shown with their screenshots.

The guides are Markdown files in ``resources/guide`` (``bureau.md`` for the bureau's staff,
``expert.md`` for the review experts) with their images in ``resources/guide/images``; resources/
travels in the wheel and the frozen build, so the guide works offline wherever the app runs.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
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
    QVBoxLayout,
    QWidget,
)

from tic_desktop.gui.geometry import RemembersGeometry
from tic_desktop.gui.settings import Preferences
from tic_desktop.paths import resources_dir

GUIDES = ("bureau", "expert")
"""The guides, in tab order: the file ``resources/guide/<name>.md``."""

_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


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


class UserGuideWindow(RemembersGeometry, QMainWindow):
    """The user guides (Chinese), one tab per guide; links between them switch the tab."""

    guide_shown = Signal(str)
    """A guide was loaded into the view (its name: ``bureau`` or ``expert``)."""

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
        if preferences is None or not self.restore_geometry(preferences):
            self.resize(1000, 760)
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
        """Scroll so that the heading whose text is ``title`` (an in-guide ``#`` link) is at the top."""
        wanted = _heading_key(title)
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and _heading_key(block.text()) == wanted:
                self.browser.setTextCursor(QTextCursor(block))
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.maximum())  # then back up, so the heading lands at the top
                self.browser.ensureCursorVisible()
                return True
            block = block.next()
        return False

    # --- search -----------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def find_next(self) -> bool:
        text = self.search_edit.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)  # wrap around once
        return self.browser.find(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._preferences is not None:
            self.save_geometry(self._preferences)
        super().closeEvent(event)


def _heading_key(text: str) -> str:
    """GitHub's anchor for a heading, near enough: lower case, spaces as hyphens, punctuation dropped."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
