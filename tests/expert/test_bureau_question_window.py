"""Issue #12 item 6 in the expert window: a look-alike package (another bureau, the same round id)
on a computer that knows the real bureau shows both fingerprints and opens only when the expert
says the passphrase sheet shows the new one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from tic_desktop.expert import session
from tic_desktop.expert.pinning import pinned_bureau
from tic_desktop.gui.expert_window import ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.security.fingerprints import short_fingerprint
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui

ROUND = "2026-TIC-01"


@pytest.fixture
def window(qtbot, tmp_path, built_p1, memory_keyring, zh):
    db = open_database(tmp_path / "expert.sqlite3")
    # This computer has opened the real bureau's package of the round before.
    session.open_for_review(db, built_p1["package"].file).close()
    preferences = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    win = ExpertWindow(db, preferences, "zh", set_language=zh.use)
    qtbot.addWidget(win)
    win.resize(1024, 570)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    db.close()


def test_a_look_alike_opens_only_when_the_sheet_shows_the_new_fingerprint(
    window, qtbot, built_p1, look_alike
):
    real = built_p1["workspace"].fingerprint
    fake = look_alike["workspace"].fingerprint
    dialogs = []
    window.sign_in_dialog_shown.connect(dialogs.append)

    with qtbot.waitSignal(window.bureau_question_shown, timeout=30_000) as asked:
        window.open_with_dialog(look_alike["package"].file)
    box = asked.args[0]
    text = box.text()
    assert short_fingerprint(real) in text and short_fingerprint(fake) in text
    assert "口令单" in text and "冒充的评审局" in text
    assert box.refuse_button.text() == "不打开"
    assert box.confirm_button.text() == "口令单上的是新指纹"
    assert box.defaultButton() is box.refuse_button  # the safe answer is the default
    # Not confirmed: nothing opens, nothing is re-pinned, and the window says why.
    with qtbot.waitSignal(window.error_shown) as refused:
        QTest.keyClick(box, Qt.Key.Key_Escape)
    assert "评审包未打开" in window.message_text() and "指纹" in refused.args[0]
    assert window.desk is None and not dialogs
    assert window.ui.pages.currentWidget() is window.ui.welcomePage
    assert pinned_bureau(window.db, ROUND) == real

    # Asked again; this time the sheet shows the new fingerprint.
    with qtbot.waitSignal(window.bureau_question_shown, timeout=30_000) as asked:
        window.open_with_dialog(look_alike["package"].file)
    with qtbot.waitSignal(window.sign_in_dialog_shown, timeout=30_000) as shown:
        asked.args[0].confirm_button.click()
    assert pinned_bureau(window.db, ROUND) == fake
    dialog = shown.args[0]
    assert short_fingerprint(fake) in dialog.package_info.text()
    dialog.choose_member("E02")
    QTest.keyClicks(dialog.passphrase, look_alike["credentials"]["E02"].passphrase)
    with qtbot.waitSignal(window.signed_in, timeout=60_000):
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert window.desk.manifest.bureau.fingerprint == fake
    assert short_fingerprint(fake) in window.ui.trustLabel.text()
    assert not window.desk.certified  # nothing of the real round's work is carried over


def test_the_known_bureau_opens_without_a_question(window, qtbot, built_p1):
    questions = []
    window.bureau_question_shown.connect(questions.append)
    passphrase = built_p1["credentials"]["E03"].passphrase
    with qtbot.waitSignal(window.signed_in, timeout=60_000):
        window.open_package_as(built_p1["package"].file, "E03", passphrase)
    assert not questions
    assert window.desk.manifest.bureau.fingerprint == built_p1["workspace"].fingerprint
