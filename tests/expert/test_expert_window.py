"""The expert's window driven through a whole review:
open, certify, score, blocked, complete, sign."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
from tic_desktop.gui.expert_window import ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.signing.pdf_verification import verify_pdf
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qapp, qtbot, tmp_path):
    apply_font(qapp, 11, register_bundled_fonts())
    preferences = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    db = open_database(tmp_path / "expert.sqlite3")
    win = ExpertWindow(db, preferences)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    db.close()


def _fill(
    qtbot,
    window,
    app_id: str,
    opinion: str = "依托单位研发基础扎实，建设方案可行。",
    recommend: bool = True,
) -> None:
    items = [window.ui.applicationList.item(i) for i in range(window.ui.applicationList.count())]
    row = next(i for i, item in enumerate(items) if item.data(Qt.ItemDataRole.UserRole) == app_id)
    window.ui.applicationList.setCurrentRow(row)
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)
    form = window.scoring
    assert form.application_id == app_id
    for spin in form.spins.values():
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            spin.setValue(spin.maximum() * 0.8 // spin.singleStep() * spin.singleStep())
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        form.opinion.setPlainText(opinion)
    button = form.recommend_yes if recommend else form.recommend_no
    window.ui.scoringScroll.ensureWidgetVisible(button)
    with qtbot.waitSignal(window.bridge.saved, timeout=5000):
        # A radio button reacts to clicks on its indicator and label, not its whole width.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_open_certify_score_blocked_complete_sign(window, qtbot, built_p1, tmp_path, monkeypatch):
    passphrase = built_p1["credentials"]["E02"].passphrase
    with qtbot.waitSignal(window.signed_in, timeout=60_000):
        window.open_package_as(built_p1["package"].file, "E02", passphrase)
    assert window.ui.pages.currentWidget() is window.ui.coiPage
    assert "验证" in window.ui.trustLabel.text() or "verified" in window.ui.trustLabel.text()

    # Certification gate: one declared conflict, with its reason.
    window.set_declaration("LC-2026-004", "近三年与申报单位有合作项目")
    qtbot.mouseClick(window.ui.certifyButton, Qt.MouseButton.LeftButton)
    assert "LC-2026-004" in window.confirm_box.text()  # asked first, with the declared conflicts
    with qtbot.waitSignal(window.certified, timeout=5000):
        window.confirm_box.buttons()[0].click()
    assert window.ui.pages.currentWidget() is window.ui.workPage
    texts = [
        window.ui.applicationList.item(i).text() for i in range(window.ui.applicationList.count())
    ]
    assert "LC-2026-004" in texts[3] and ("回避" in texts[3] or "recused" in texts[3])

    _fill(qtbot, window, "LC-2026-001")
    _fill(qtbot, window, "LC-2026-002")

    # LC-2026-003 is untouched: signing is refused and the expert is told why.
    with qtbot.waitSignal(window.sign_blocked, timeout=5000) as blocked:
        window.sign_and_export(tmp_path / "usb")
    assert {problem[0] for problem in blocked.args[0]} == {"LC-2026-003"}
    assert "LC-2026-003" in window.message_text()  # said in the window, not in a modal box

    _fill(
        qtbot, window, "LC-2026-003", recommend=False
    )  # "do not recommend" as the first choice is saved
    # Through the menu, as a user does:
    # the action must not pass its "checked" flag on as the folder.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "usb"))
    with qtbot.waitSignal(window.exported, timeout=60_000) as exported:
        window.ui.signAction.trigger()
    made, pdfs = exported.args[0]
    received = receive_returns(
        [made.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )
    assert received[0].status == "accepted"
    assert {s.application for s in received[0].sheet.scores} == {
        "LC-2026-001",
        "LC-2026-002",
        "LC-2026-003",
    }
    assert received[0].sheet.coi.declared[0].application == "LC-2026-004"
    assert {s.application: s.recommend for s in received[0].sheet.scores}["LC-2026-003"] is False
    assert all(
        r.valid for pdf in pdfs for r in verify_pdf(pdf.read_bytes(), built_p1["workspace"].ca_pem)
    )


def test_attachment_opens_from_memory_and_can_be_searched(window, qtbot, built_p1, unlocked):
    from tic_desktop.packages.opening import open_package

    package = open_package(built_p1["package"].file)
    window._signed_in(package, unlocked("E03"), "E03", "")
    if window.ui.pages.currentWidget() is window.ui.coiPage:
        window.certify()
    window.ui.applicationList.setCurrentRow(0)
    assert window.ui.attachmentCombo.count() >= 1
    with qtbot.waitSignal(window.attachment_shown, timeout=60_000) as shown:
        window.show_attachment(0)
        assert window.progress_bar.isVisible()  # decrypting in the worker process, progress shown
    assert shown.args[0] == "申报书"
    assert not window.progress_bar.isVisible()
    assert window.viewer.page_count >= 1
    with qtbot.waitSignal(window.viewer.search_finished, timeout=10_000) as found:
        window.viewer.find("研发")
    assert found.args[0] > 0
    assert "1" in window.viewer.page_label.text()
    window.viewer.set_zoom(5)
    assert window.viewer.zoom_label.text() == "200%"


def test_expert_window_switches_language_and_remembers_it(qtbot, tmp_path, built_p1, unlocked, zh):
    from tic_desktop.gui.settings import LANGUAGE
    from tic_desktop.packages.opening import open_package

    preferences = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    db = open_database(tmp_path / "expert.sqlite3")
    win = ExpertWindow(db, preferences, "zh", set_language=zh.use)
    qtbot.addWidget(win)
    try:
        win._signed_in(open_package(built_p1["package"].file), unlocked("E05"), "E05", "")
        win.certify()
        assert win.ui.workTabs.tabText(0) == "申报材料"
        win.ui.englishAction.trigger()
        assert win.ui.workTabs.tabText(0) == "Materials"
        assert (
            "to do" in win.ui.applicationList.item(0).text()
            or "recused" in win.ui.applicationList.item(0).text()
        )
        assert preferences.get(LANGUAGE) == "en"
        win.ui.chineseAction.trigger()
        assert win.ui.workTabs.tabText(2) == "评分"
    finally:
        win.close()
        db.close()


def test_f1_opens_the_expert_guide(window, qtbot):
    window.ui.userGuideAction.trigger()
    qtbot.addWidget(window.guide_window)
    assert window.ui.userGuideAction.shortcut().toString() == "F1"
    assert window.guide_window.isVisible()
