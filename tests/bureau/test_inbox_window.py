"""The returns inbox through the real windows, over two sessions of the bureau's app.

Session 1: the workspace chosen once, a wrong passphrase typed again in the same dialog, returned
files dropped on the window, every panel member's state (未提交 for those who have not returned),
a conflict chosen by the clerk (confirmed, naming what will not count) and recorded with who and
when; the window closed and opened again without the passphrase. Session 2 (a new app on the same
database and workspace): the same inbox and ranking without any file given again or decrypted;
one more file verifies only that file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from inbox_returns import PASSPHRASE, make_bureau, total
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import select

from tic_desktop.aggregation import money2
from tic_desktop.gui.app import DesktopApp
from tic_desktop.gui.results_opening import ResultsOpener
from tic_desktop.gui.settings import Preferences
from tic_desktop.returns import inbox as inbox_module
from tic_desktop.storage import open_database
from tic_desktop.storage.inbox_tables import InboxChoice, InboxReturn

pytestmark = pytest.mark.gui

SLOW = 60_000
T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    return make_bureau(tmp_path_factory.mktemp("inbox-window"))


@pytest.fixture
def verified(monkeypatch):
    """The names of the files the inbox decrypts and verifies."""
    calls: list[str] = []
    original = inbox_module.verify_return_bytes

    def counted(file, *args, **kwargs):
        calls.append(file.name)
        return original(file, *args, **kwargs)

    monkeypatch.setattr(inbox_module, "verify_return_bytes", counted)
    return calls


def type_chinese(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def drop(window, paths: list[Path]) -> None:
    """Drop files on the window as the desktop does (drag enter, then drop)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def column(model, name: str) -> list[str]:
    position = model.columns.index(name)
    return [model.index(row, position).data() for row in range(model.rowCount())]


def member_rows(window) -> dict[str, tuple[str, str]]:
    model = window.members_model
    return {
        expert: (state, note)
        for expert, state, note in zip(
            column(model, "expert"), column(model, "state"), column(model, "note"), strict=True
        )
    }


def ranking_rows(window) -> dict[str, tuple[str, str, str]]:
    model = window.ranking_model
    return {
        app: (rank, final, excluded)
        for app, rank, final, excluded in zip(
            column(model, "application"),
            column(model, "rank"),
            column(model, "final"),
            column(model, "excluded"),
            strict=True,
        )
    }


def new_app(qapp, qtbot, tmp_path, database):
    preferences = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    app = DesktopApp(qapp, preferences, database=database)
    qtbot.addWidget(app.window)
    return app


def unlock(qtbot, app, passphrase: str):
    """Type the passphrase in the dialog the results action opened; the window it leads to."""
    dialog = app.window.findChild(ResultsOpener).unlock_dialog
    assert dialog.isVisible()
    QTest.keyClicks(dialog.passphrase, passphrase)
    with qtbot.waitSignal(app.window.results_opened, timeout=SLOW) as opened:
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    window = opened.args[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=SLOW)
    return window


def test_the_inbox_is_kept_over_two_sessions(
    qapp, qtbot, qtmodeltester, bureau, tmp_path, monkeypatch, verified
):
    usb = tmp_path / "usb"
    bureau.make_return(usb / "E101.ticreturn", "E101", "7")
    bureau.make_return(usb / "E102.ticreturn", "E102", "8")
    bureau.make_return(usb / "E201.ticreturn", "E201", "6")
    # E103: a correction made on a second machine (revision 2 signed before revision 1)
    rev1 = bureau.make_return(
        usb / "E103-第1版.ticreturn", "E103", "9", revision=1, signed_at=T0 + dt.timedelta(hours=2)
    )
    rev2 = bureau.make_return(usb / "E103-第2版.ticreturn", "E103", "5", revision=2, signed_at=T0)
    database = open_database(tmp_path / "bureau.sqlite3")
    asked_for_folder: list[int] = []

    def folder_dialog(*_args, **_kwargs):
        asked_for_folder.append(1)
        return str(bureau.workspace.folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder_dialog))

    # --- session 1 -----------------------------------------------------------------------
    app = new_app(qapp, qtbot, tmp_path, database)
    try:
        assert app.window.open_round(bureau.round_file)
        app.window.ui.resultsAction.trigger()
        dialog = app.window.findChild(ResultsOpener).unlock_dialog
        QTest.keyClicks(dialog.passphrase, "a wrong passphrase")
        with qtbot.waitSignal(dialog.failed, timeout=SLOW) as failed:
            QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.error.isVisible()
        assert dialog.error.text() == failed.args[0] and "口令" in failed.args[0]
        assert dialog.passphrase.text() == "" and dialog.passphrase.isEnabled()
        window = unlock(qtbot, app, PASSPHRASE)
        assert asked_for_folder == [1]
        assert window.snapshot.entries == ()
        qtmodeltester.check(window.members_model)
        assert set(column(window.members_model, "state")) == {"未提交"}

        with qtbot.waitSignal(window.received, timeout=SLOW):
            drop(window, [usb])
        assert sorted(verified) == sorted(p.name for p in usb.iterdir())
        for model in (window.returns_model, window.members_model, window.ranking_model):
            qtmodeltester.check(model)
        shown = dict(
            zip(
                column(window.returns_model, "file"),
                column(window.returns_model, "status"),
                strict=True,
            )
        )
        assert shown == {
            "E101.ticreturn": "接收",
            "E102.ticreturn": "接收",
            "E201.ticreturn": "接收",
            "E103-第1版.ticreturn": "有冲突",
            "E103-第2版.ticreturn": "有冲突",
        }
        members = member_rows(window)
        assert {e: s for e, (s, _) in members.items()} == {
            "E101": "已接收",
            "E102": "已接收",
            "E103": "有冲突",
            "E104": "未提交",
            "E201": "已接收",
            "E202": "未提交",
            "E203": "未提交",
            "E204": "未提交",
        }
        # both revisions and their signing times are shown beside the conflict
        assert "2" in members["E103"][1] and "1" in members["E103"][1]
        assert window.conflict_row.isVisible()
        ranking = ranking_rows(window)
        assert ranking["A1-1"][1] == money2((total("7") + total("8")) / 2)
        assert "E103（回执冲突待选定）" in ranking["A1-1"][2]

        # The clerk chooses revision 1, confirming what will not count, under their own name.
        row = column(window.members_model, "expert").index("E103")
        index = window.members_model.index(row, 0)
        window.members_view.scrollTo(index)
        rect = window.members_view.visualRect(index)
        # as a real double click: a press and release, then the second press as a double click
        QTest.mouseClick(
            window.members_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        QTest.mouseDClick(
            window.members_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        choice = window.choice_dialog
        assert choice is not None and choice.isVisible()
        options = [choice.options.item(i).text() for i in range(choice.options.count())]
        assert len(options) == 2 and all("E103-第" in o for o in options)
        choice.options.setCurrentRow(next(i for i, o in enumerate(options) if "第1版" in o))
        choice.who.clear()
        assert not choice.count_button.isEnabled()  # nobody named: no choice
        type_chinese(choice.who, "王科员")
        QTest.mouseClick(choice.count_button, Qt.MouseButton.LeftButton)
        box = choice.confirmation
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "E103-第2版.ticreturn" in box.informativeText()  # what will not count is named
        assert "王科员" in box.informativeText()
        before = dt.datetime.now(dt.UTC)
        with qtbot.waitSignal(window.choice_recorded, timeout=SLOW) as recorded:
            QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        after = dt.datetime.now(dt.UTC)
        assert recorded.args[0].chosen_by == "王科员"
        assert recorded.args[0].os_user == inbox_module.login_name()
        with database.session() as session:
            stored = session.scalars(select(InboxChoice)).one()
            statuses = dict(
                session.execute(select(InboxReturn.original_name, InboxReturn.status)).all()
            )
        assert (stored.expert_id, stored.chosen_by) == ("E103", "王科员")
        assert stored.file_sha256 == hashlib.sha256(rev1.read_bytes()).hexdigest()
        assert before <= stored.chosen_at <= after
        assert statuses["E103-第1版.ticreturn"] == "accepted"
        assert statuses["E103-第2版.ticreturn"] == "superseded"
        state, note = member_rows(window)["E103"]
        assert state == "已接收" and "王科员" in note
        assert not window.conflict_row.isVisible()
        ranking = ranking_rows(window)
        assert ranking["A1-1"][1] == money2((total("7") + total("8") + total("9")) / 3)
        session_one = (
            dict(
                zip(
                    column(window.returns_model, "file"),
                    column(window.returns_model, "status"),
                    strict=True,
                )
            ),
            member_rows(window),
            ranking,
        )

        # Closed and opened again in the same session: no folder, no passphrase, nothing verified.
        window.close()
        verified.clear()
        with qtbot.waitSignal(app.window.results_opened, timeout=SLOW) as opened:
            app.window.ui.resultsAction.trigger()
        again = opened.args[0]
        qtbot.addWidget(again)
        assert again is not window and asked_for_folder == [1]
        qtbot.waitUntil(lambda: again.snapshot is not None, timeout=SLOW)
        assert member_rows(again) == session_one[1] and verified == []
        again.close()
    finally:
        app.translations.remove()
        app.bridge.close()
        app.window.close()

    # --- session 2: a new app on the same database and workspace ---------------------------
    again = tmp_path / "again" / rev2.name  # one file brought again, on another stick
    again.parent.mkdir()
    again.write_bytes(rev2.read_bytes())
    for file in usb.iterdir():
        file.unlink()  # the stick is gone: nothing is given again
    verified.clear()
    app = new_app(qapp, qtbot, tmp_path, database)
    try:
        assert app.window.open_round(bureau.round_file)
        app.window.ui.resultsAction.trigger()
        window = unlock(qtbot, app, PASSPHRASE)  # keys are never kept on disk: asked once more
        assert asked_for_folder == [1]  # the workspace is remembered for the round
        assert verified == []
        assert (
            dict(
                zip(
                    column(window.returns_model, "file"),
                    column(window.returns_model, "status"),
                    strict=True,
                )
            ),
            member_rows(window),
            ranking_rows(window),
        ) == session_one

        late = bureau.make_return(tmp_path / "late" / "E104.ticreturn", "E104", "6")
        with qtbot.waitSignal(window.received, timeout=SLOW):
            window.add_paths([late, again])  # again: already received, not verified again
        assert verified == ["E104.ticreturn"]
        assert member_rows(window)["E104"][0] == "已接收"
        assert (window.snapshot.report.new, window.snapshot.report.already) == (1, 1)
        ranking = ranking_rows(window)
        assert ranking["A1-1"][1] == money2((total("7") + total("8") + total("9") + total("6")) / 4)
        window.close()
    finally:
        app.translations.remove()
        app.bridge.close()
        app.window.close()
        database.close()


def test_models_sort_without_losing_the_selection(qapp, qtbot, qtmodeltester, bureau, tmp_path):
    from tic_desktop.gui.results_window import ResultsWindow

    usb = tmp_path / "usb"
    for number, expert in enumerate(("E101", "E102", "E103", "E201")):
        bureau.make_return(usb / f"{expert}.ticreturn", expert, str(5 + number))
    (usb / "junk.ticreturn").write_bytes(b"junk")
    with open_database(tmp_path / "db.sqlite3") as database:
        window = ResultsWindow(bureau.review, bureau.workspace, bureau.keys, database)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.received, timeout=SLOW):
            window.add_paths([usb])
        model, view = window.returns_model, window.returns_view
        view.selectRow(column(model, "file").index("E102.ticreturn"))
        view.sortByColumn(model.columns.index("expert"), Qt.SortOrder.DescendingOrder)
        experts = column(model, "expert")
        assert experts == ["E201", "E103", "E102", "E101", "—"]  # no expert last, either way
        view.sortByColumn(model.columns.index("expert"), Qt.SortOrder.AscendingOrder)
        assert column(model, "expert") == ["E101", "E102", "E103", "E201", "—"]
        current = view.selectionModel().currentIndex()
        assert model.entry_at(current.row()).original_name == "E102.ticreturn"
        qtmodeltester.check(model)
        members = window.members_model
        window.members_view.sortByColumn(
            members.columns.index("state"), Qt.SortOrder.AscendingOrder
        )
        assert column(members, "state")[:4] == ["未提交"] * 4
        qtmodeltester.check(members)
        window.close()


def test_returns_stored_by_another_inbox_appear_in_the_window(qapp, qtbot, bureau, tmp_path):
    """E.g. the meeting-room collector stores a return: the idle window shows it."""
    from tic_desktop.gui.results_window import ResultsWindow
    from tic_desktop.returns.inbox import ReturnsInbox

    with open_database(tmp_path / "db.sqlite3") as database:
        window = ResultsWindow(bureau.review, bureau.workspace, bureau.keys, database)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.snapshot is not None and not window.is_busy(), timeout=SLOW)
        assert member_rows(window)["E101"][0] == "未提交"
        collector = ReturnsInbox(database, bureau.workspace, bureau.review)
        collector.add_files([bureau.make_return(tmp_path / "E101.ticreturn", "E101")], bureau.keys)
        with qtbot.waitSignal(window.received, timeout=SLOW):
            window.look_for_news()
        assert member_rows(window)["E101"][0] == "已接收"
        assert column(window.returns_model, "file") == ["E101.ticreturn"]
        window.close()


def test_large_tables_sort_off_the_window_thread(
    qapp, qtbot, qtmodeltester, bureau, tmp_path, monkeypatch
):
    """Above a size, the order is worked out on the thread pool and applied when ready; the
    selection follows its row; new rows for a sorted table arrive already in order."""
    from tic_desktop.gui import sorted_table
    from tic_desktop.gui.results_window import ResultsWindow

    monkeypatch.setattr(sorted_table, "SORT_IN_BACKGROUND_FROM", 2)
    usb = tmp_path / "usb"
    for number, expert in enumerate(("E101", "E102", "E103", "E201")):
        bureau.make_return(usb / f"{expert}.ticreturn", expert, str(5 + number))
    with open_database(tmp_path / "db.sqlite3") as database:
        window = ResultsWindow(bureau.review, bureau.workspace, bureau.keys, database)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.received, timeout=SLOW):
            window.add_paths([usb])
        model, view = window.returns_model, window.returns_view
        view.selectRow(column(model, "file").index("E103.ticreturn"))
        with qtbot.waitSignal(model.sorted, timeout=SLOW):
            view.sortByColumn(model.columns.index("expert"), Qt.SortOrder.DescendingOrder)
        assert column(model, "expert") == ["E201", "E103", "E102", "E101"]
        current = view.selectionModel().currentIndex()
        assert model.entry_at(current.row()).original_name == "E103.ticreturn"
        qtmodeltester.check(model)
        late = bureau.make_return(tmp_path / "late" / "E202.ticreturn", "E202", "9")
        with qtbot.waitSignal(window.received, timeout=SLOW):
            window.add_paths([late])
        assert column(model, "expert") == ["E202", "E201", "E103", "E102", "E101"]
        ranking = window.ranking_model
        with qtbot.waitSignal(ranking.sorted, timeout=SLOW):
            window.ranking.sortByColumn(ranking.columns.index("final"), Qt.SortOrder.AscendingOrder)
        finals = [ranking.result_at(row).final for row in range(ranking.rowCount())]
        assert finals == sorted(finals)
        qtmodeltester.check(ranking)
        window.close()
