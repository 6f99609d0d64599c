"""The on-site inspection flow: checklist saved as entered, photos encrypted and hashed, signed
report."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from tic_desktop.errors import InputError, TicError
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.inspection import InspectionDesk
from tic_desktop.expert.inspection_records import ART8_ITEMS
from tic_desktop.packages.opening import open_package
from tic_desktop.signing.pdf_verification import verify_pdf
from tic_desktop.storage import open_database
from tic_desktop.storage.models import InspectionPhoto


@pytest.fixture
def inspection(built_p1, unlocked, tmp_path):
    package = open_package(built_p1["package"].file)
    db = open_database(tmp_path / "inspection.sqlite3")
    desk = ExpertDesk(db, package, unlocked("E02"))
    desk.certify({})
    yield InspectionDesk(desk)
    package.close()
    db.close()


def _photo(tmp_path, colour) -> tuple:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    path = tmp_path / f"photo-{colour[0]}.png"
    path.write_bytes(buffer.getvalue())
    return path, hashlib.sha256(buffer.getvalue()).hexdigest()


def test_checklist_photos_and_signed_report(inspection, built_p1, tmp_path):
    app = "LC-2026-001"
    with pytest.raises(InputError):
        inspection.record(app, "premises.area", result="合格")
    inspection.record(app, "premises.area", result="符合", measured="实测 512 平方米")
    path, digest = _photo(tmp_path, (200, 30, 30))
    assert inspection.add_photo(app, path, "研发楼外景") == digest
    with inspection.desk.db.session() as session:
        stored = session.query(InspectionPhoto).one()
        assert (
            stored.sha256 == digest and path.read_bytes() not in stored.sealed
        )  # encrypted at rest
    with pytest.raises(TicError, match="考察清单未完成"):
        inspection.sign_report(
            app, "临清市", "2026年11月20日", ["E03"], "基本属实", tmp_path / "out"
        )
    for item in ART8_ITEMS[1:]:
        inspection.record(
            app, item.id, result="符合" if item.id != "pilot.capability" else "不适用"
        )
    target = inspection.sign_report(
        app, "临清市烟店镇", "2026年11月20日", ["E03"], "现场情况与申报一致。", tmp_path / "out"
    )
    reports = verify_pdf(target.read_bytes(), built_p1["workspace"].ca_pem)
    assert [(r.role, r.valid) for r in reports] == [("考察组组长", True)]
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert digest in text.replace("\n", "") and "实测 512 平方米" in text


def test_not_a_photo_is_refused(inspection, tmp_path):
    fake = tmp_path / "notes.txt"
    fake.write_text("not an image")
    with pytest.raises(InputError, match="JPEG"):
        inspection.add_photo("LC-2026-001", fake, "x")


@pytest.mark.gui
def test_inspection_tab_in_the_expert_window(qapp, qtbot, built_p1, unlocked, tmp_path):
    from PySide6.QtCore import QDate, QSettings, Qt

    from tic_desktop.gui.expert_window import ExpertWindow
    from tic_desktop.gui.settings import Preferences

    db = open_database(tmp_path / "gui.sqlite3")
    window = ExpertWindow(
        db, Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    )
    qtbot.addWidget(window)
    try:
        window._signed_in(open_package(built_p1["package"].file), unlocked("E06"), "E06", "")
        window.certify()
        window.ui.applicationList.setCurrentRow(1)
        panel = window.inspection_panel
        assert panel is not None and panel.application_id == "LC-2026-002"
        items = list(panel.results)
        off = items[0]  # one item found not as declared; the rest as declared
        for item_id, combo in panel.results.items():
            with qtbot.waitSignal(window.bridge.saved, timeout=5000):
                combo.setCurrentIndex(2 if item_id == off else 1)  # 不符合 / 符合
        path, digest = _photo(tmp_path, (20, 120, 200))
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            panel.add_photos([path])
        assert digest[:16] in panel.photo_list.item(0).text()
        # The team: at least one member besides the leader (who signs).
        member = panel.team.item(0)
        assert member.data(Qt.ItemDataRole.UserRole) != "E06"
        member.setCheckState(Qt.CheckState.Checked)
        panel.site.setText("聊城市东昌府区")
        panel.visit_date.setDate(QDate.currentDate())  # the report needs its date of visit
        panel.conclusion.setPlainText("现场情况与申报材料基本一致。")
        # 不符合 without what was found or a note: refused, the item named.
        with qtbot.waitSignal(panel.problem) as refused:
            assert panel.sign(tmp_path / "out") is None
        assert "结果为不符合" in refused.args[0]
        assert not (tmp_path / "out").exists()
        with qtbot.waitSignal(window.bridge.saved, timeout=5000):
            panel.measured[off].setText("实测 480 平方米")
            panel.flush()
        with qtbot.waitSignal(panel.signed, timeout=30_000) as signed:
            panel.sign(tmp_path / "out")
        assert [
            r.valid for r in verify_pdf(signed.args[0].read_bytes(), built_p1["workspace"].ca_pem)
        ] == [True]
        import subprocess

        text = subprocess.run(
            ["pdftotext", str(signed.args[0]), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "实测 480 平方米" in text and "不符合" in text
        # Moving to another application and back finds the checklist as it was left.
        window.ui.applicationList.setCurrentRow(0)
        window.ui.applicationList.setCurrentRow(1)
        shown = {i: c.currentText() for i, c in window.inspection_panel.results.items()}
        assert shown == {i: "不符合" if i == off else "符合" for i in items}
        assert window.inspection_panel.measured[off].text() == "实测 480 平方米"
    finally:
        window.close()
        db.close()
