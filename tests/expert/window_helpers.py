"""Opening the real expert window on a test database, certified, without the certification
dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
from tic_desktop.gui.expert_window import ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.packages.opening import open_package
from tic_desktop.storage import Database


def certify(db: Database, package_file: Path, credential) -> None:
    """Record the expert's conflict-of-interest certification (no further conflicts declared)."""
    package = open_package(package_file)
    try:
        desk = ExpertDesk(db, package, credential)
        if not desk.certified:
            desk.certify({})
    finally:
        package.close()


def open_window(qapp, qtbot, db: Database, package_file: Path, credential, prefs: Path):
    """The expert window as the expert sees it after signing in, on the first application."""
    apply_font(qapp, 11, register_bundled_fonts())
    certify(db, package_file, credential)
    window = ExpertWindow(db, Preferences(QSettings(str(prefs), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window._signed_in(open_package(package_file), credential, credential.expert_id, "")
    assert window.ui.pages.currentWidget() is window.ui.workPage
    return window


def choose_application(window, app_id: str) -> None:
    items = [window.ui.applicationList.item(i) for i in range(window.ui.applicationList.count())]
    row = next(i for i, item in enumerate(items) if item.data(Qt.ItemDataRole.UserRole) == app_id)
    window.ui.applicationList.setCurrentRow(row)


def wheel_over(widget: QWidget, steps: int = -1) -> QWidget:
    """Turn the wheel (one notch down per -1) with the pointer at ``widget``'s centre.

    ``QTest.wheelEvent`` goes through the windowing-system path: Qt finds the widget under the
    pointer (a spin box's line edit, say), gives wheel focus as it would, and propagates the event
    as it does a real one. Returns the widget that was under the pointer.
    """
    window = widget.window()
    position = widget.mapTo(window, widget.rect().center())
    under = window.childAt(position) or window
    QTest.wheelEvent(window.windowHandle(), QPointF(position), QPoint(0, 120 * steps))
    return under


def type_chinese(widget: QWidget, text: str) -> None:
    """Type ``text`` as a Chinese input method does: one committed string per phrase.

    (QTest.keyClicks only knows Latin keys.)
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def close_window(window) -> None:
    """Close the window as the expert does, answering 仍然关闭 when it asks first (issue #11)."""
    from PySide6.QtWidgets import QMessageBox

    window.close()
    box = window.close_box
    if box is not None:
        leave = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        )
        leave.click()
    assert not window.isVisible()
