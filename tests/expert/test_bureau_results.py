"""The bureau's returns inbox and ranking window, fed with real returns made by members."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tic_desktop.aggregation import aggregate
from tic_desktop.gui.results_window import ResultsWindow

pytestmark = pytest.mark.gui


def test_inbox_classifies_and_ranks_dropped_folders(
    qapp, qtbot, qtmodeltester, built_p1, member_export, tmp_path
):
    member_export("E02", "0.8", {})
    member_export("E03", "0.7", {})
    member_export("E06", "0.6", {})
    stray = tmp_path / "usb" / "stray.ticreturn"
    stray.write_bytes(b"not a return")
    review = built_p1["review"]
    window = ResultsWindow(review, built_p1["workspace"], built_p1["keys"])
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.received, timeout=60_000) as received:
        window.add_paths([tmp_path / "usb"])  # a whole USB stick: folders are searched
    items = received.args[0]
    assert sorted((i.expert, i.status) for i in items if i.expert) == [
        ("E02", "accepted"),
        ("E03", "accepted"),
        ("E06", "accepted"),
    ]
    assert [i.status for i in items if i.file.name == "stray.ticreturn"] == ["rejected"]
    qtmodeltester.check(window.returns_model)
    status = window.returns_model.columns.index("status")
    statuses = [
        window.returns_model.index(r, status).data() for r in range(window.returns_model.rowCount())
    ]
    assert statuses.count("接收") == 3 and statuses.count("拒收") == 1
    # The ranking equals the core's calculation on the same returns, computed independently here.
    totals = {"LC-2026-004": []}
    for share in ("0.8", "0.7", "0.6"):
        step = review.round.rubric.step
        totals["LC-2026-004"].append(
            sum(
                (c.max * Decimal(share) / step).to_integral_value() * step
                for c in review.round.rubric.criteria
            )
        )
    expected_mean = sum(totals["LC-2026-004"]) / 3
    result = {r.application_id: r for r in aggregate(review.round, items)}["LC-2026-004"]
    assert result.final == expected_mean and result.flags == ["below_quorum"]
    csv_text = window.export(tmp_path / "ranking.csv").read_text(encoding="utf-8-sig")
    assert "LC-2026-004" in csv_text and f"{expected_mean.quantize(Decimal('0.01'))}" in csv_text
    assert (
        "有效评分不足" in csv_text and "below_quorum" not in csv_text
    )  # flags in words, not codes
    from openpyxl import load_workbook

    from tic_desktop.reports.exports import TABLE_ROW

    workbook = load_workbook(window.export(tmp_path / "ranking.xlsx"))
    assert workbook.sheetnames == ["排名", "专家评分矩阵", "评分明细", "评审意见", "未计入", "回执"]
    ranking = {row[1].value: row for row in workbook["排名"].iter_rows(min_row=TABLE_ROW + 1)}
    final = ranking["LC-2026-004"][6]  # 最终得分: a number Excel can add up, shown with 0.00
    assert (final.data_type, final.number_format) == ("n", "0.00")
    assert Decimal(repr(final.value)) == expected_mean.quantize(Decimal("0.01"))
    scores = list(workbook["评分明细"].iter_rows(min_row=TABLE_ROW + 1, values_only=True))
    assert len([s for s in scores if s[2] == "E02"]) == 4  # E02 scored all four applications
    # The signed result summary verifies against the bureau root and lists every input's hash.
    import subprocess

    from tic_desktop.signing.pdf_verification import verify_pdf

    summary = window.sign_summary(tmp_path / "summary.pdf")
    reports = verify_pdf(summary.read_bytes(), built_p1["workspace"].ca_pem)
    assert [(r.role, r.valid) for r in reports] == [("评审结果签发", True)]
    text = subprocess.run(
        ["pdftotext", str(summary), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = text.replace("\n", "")
    assert all(item.file_sha256 in flat for item in items)
    assert "（接收）" in flat and "accepted" not in flat
    assert "去掉最高分和最低分的最少有效评分数：5" in flat and "trim_from" not in flat


def test_bureau_window_opens_results_with_the_workspace_passphrase(
    qapp, qtbot, built_p1, tmp_path, monkeypatch
):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from tic_desktop.gui.app import DesktopApp
    from tic_desktop.gui.results_opening import ResultsOpener
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.paths import demo_round_file

    bureau_passphrase = "bureau passphrase for tests"  # as in tests/expert/conftest.py

    app = DesktopApp(
        qapp, Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    )
    qtbot.addWidget(app.window)
    try:
        app.window.open_round(demo_round_file())
        monkeypatch.setattr(
            QFileDialog,
            "getExistingDirectory",
            staticmethod(lambda *a, **k: str(built_p1["workspace"].folder)),
        )
        app.window.ui.resultsAction.trigger()
        dialog = app.window.findChild(ResultsOpener).unlock_dialog
        QTest.keyClicks(dialog.passphrase, bureau_passphrase)
        with qtbot.waitSignal(app.window.results_opened, timeout=60_000) as opened:
            QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        results = opened.args[0]
        qtbot.addWidget(results)
        assert results.keys.identity.to_public() is not None
        assert "2026-TIC-01" in results.windowTitle()
        qtbot.waitUntil(lambda: results.snapshot is not None, timeout=60_000)
        results.close()
    finally:
        app.translations.remove()
        app.bridge.close()
