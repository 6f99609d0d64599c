"""The chair's flow: members' signed copies in, the panel's picture, a signed group opinion out."""

from __future__ import annotations

import pytest

from tic_desktop.errors import TicError
from tic_desktop.expert.chair import ChairDesk
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.gui.chair_panel import WIDE_SPREAD_BG
from tic_desktop.packages.opening import open_package
from tic_desktop.security.errors import SecurityError
from tic_desktop.signing.pdf_verification import verify_pdf
from tic_desktop.storage import open_database


def test_chair_sees_the_panel_and_signs_the_group_opinion(
    built_p1, unlocked, member_export, tmp_path
):
    copies = []
    for expert_id, share in (("E02", "0.8"), ("E03", "0.7"), ("E05", "0.6")):
        copies += member_export(
            expert_id, share, {"LC-2026-004": "合作关系"} if expert_id == "E05" else {}
        )
    package = open_package(built_p1["package"].file)
    with open_database(tmp_path / "chair.sqlite3") as db:
        with pytest.raises(TicError, match="组长"):
            ChairDesk(ExpertDesk(db, package, unlocked("E02")))
        chair = ChairDesk(ExpertDesk(db, package, unlocked("E01")))
        assert sorted(chair.import_copy(c) for c in copies) == ["E02", "E03", "E05"]
        pictures = {p.application_id: p for p in chair.picture()}
        first = pictures["LC-2026-001"]
        assert first.totals["E04"] is None and "E04" in first.recused  # E04 is recused from 001
        assert pictures["LC-2026-003"].totals["E05"] is None  # E05 is recused from 003 by the round
        assert "E05" in pictures["LC-2026-004"].recused  # and declared a conflict with 004
        assert len(first.valid) == 3 and first.final == sum(first.valid) / 3
        target = chair.sign_group_opinion(
            "LC-2026-001", "专家组一致认为该中心具备组建条件。", True, tmp_path / "out"
        )
        reports = verify_pdf(target.read_bytes(), built_p1["workspace"].ca_pem)
        assert [(r.signer, r.role, r.valid) for r in reports] == [
            (chair.desk.manifest.member("E01").name, "专家组组长", True)
        ]
        # A copy meant for another chair (here: the bureau's return file) cannot be read by this
        # chair.
        with pytest.raises(SecurityError):
            chair.import_copy(next((tmp_path / "usb" / "E02").glob("*.ticreturn")))
    package.close()


@pytest.mark.gui
def test_chair_tab_in_the_expert_window(qapp, qtbot, built_p1, unlocked, member_export, tmp_path):
    from PySide6.QtCore import QSettings

    from tic_desktop.gui.expert_window import ExpertWindow
    from tic_desktop.gui.settings import Preferences

    copies = member_export("E06", "0.9", {})
    copies += member_export("E07", "0.45", {})
    db = open_database(tmp_path / "chair-gui.sqlite3")
    window = ExpertWindow(
        db, Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    )
    qtbot.addWidget(window)
    try:
        window._signed_in(open_package(built_p1["package"].file), unlocked("E01"), "E01", "")
        panel = window.chair_panel
        assert panel is not None and window.ui.workTabs.tabText(window.ui.workTabs.count() - 1)
        with qtbot.waitSignal(panel.imported, timeout=10_000):
            panel.import_copies(copies)
        # 0.9 vs 0.45 of every criterion: more than 20 points apart, highlighted.
        assert panel.table.item(0, 0).background().color() == WIDE_SPREAD_BG
        panel.table.selectRow(0)
        panel.consensus.setPlainText("专家组意见：基础扎实，建议通过。")
        with qtbot.waitSignal(panel.problem) as refused:  # no recommendation chosen yet
            assert panel.sign_selected(tmp_path / "out") is None
        assert "recommend" in refused.args[0] or "推荐" in refused.args[0]
        assert not (tmp_path / "out").exists()
        panel.recommend.setChecked(True)
        with qtbot.waitSignal(panel.signed, timeout=30_000) as signed:
            panel.sign_selected(tmp_path / "out")
        assert [
            r.valid for r in verify_pdf(signed.args[0].read_bytes(), built_p1["workspace"].ca_pem)
        ] == [True]
    finally:
        window.close()
        db.close()
