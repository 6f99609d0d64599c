"""文件 → 会场收集… in the bureau window: a round, the bureau folder and its passphrase, then the
collection window (in Chinese), which the app's closing stops."""

from __future__ import annotations

import pytest
from meeting_helpers import BUREAU_PASSPHRASE
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tic_desktop.gui.app import DesktopApp
from tic_desktop.gui.settings import Preferences

pytestmark = pytest.mark.gui


@pytest.fixture
def desktop(qapp, qtbot, tmp_path):
    app = DesktopApp(
        qapp, Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    )
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.translations.remove()
    app.bridge.close()


def test_collect_at_the_meeting_from_the_file_menu(desktop, qtbot, workspace_copy, monkeypatch):
    window = desktop.window
    action = next(a for a in window.ui.fileMenu.actions() if a.objectName() == "collectionAction")
    assert action.text() == "会场收集(&M)…"
    actions = window.ui.fileMenu.actions()
    assert actions.index(action) == actions.index(window.ui.registerAction) - 1
    with qtbot.waitSignal(window.ui.applicationsView.model().modelReset, timeout=5000):
        window.ui.openDemoAction.trigger()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *a, **k: str(workspace_copy.folder)
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (BUREAU_PASSPHRASE, True))
    action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "collection_window", None) is not None, timeout=30_000)
    collection = window.collection_window
    qtbot.addWidget(collection)
    assert collection.start_button.text() == "开始收集"
    assert collection.interface.count() >= 1  # this machine's interfaces, none of them 0.0.0.0
    assert all(
        collection.interface.itemData(i) not in ("0.0.0.0", "::")
        for i in range(collection.interface.count())
    )
    collection.announce.setChecked(False)
    with qtbot.waitSignal(collection.started, timeout=30_000):
        collection.start("127.0.0.1", 0)
    collection.stop_now()  # what quitting the app does (aboutToQuit)
    assert collection.collection is None
    collection.close()
