"""Issue #12 item 9: the passphrase sheets, each of which opens an expert's credential, are created
private like the credentials themselves: every sheet 0600 in a ``passphrase-sheets`` folder 0700,
and the all-sheets PDF printed to a file from the build dialog 0600 as well."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tic_desktop.cli.main import main

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="outside the project's control: file modes are POSIX"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_package_build_writes_the_sheets_0600_into_a_folder_0700(capsys, tmp_path, bureau):
    shutil.copytree(DEMO, tmp_path / "round")
    round_file = tmp_path / "round" / "round.json"
    data = json.loads(round_file.read_text(encoding="utf-8"))
    data["id"] = "2026-TIC-83"  # new credentials, hence new sheets
    round_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    (out / "passphrase-sheets").mkdir(parents=True)
    os.chmod(out / "passphrase-sheets", 0o755)  # left by an earlier version: tightened
    old_umask = os.umask(0o022)
    try:
        code = main(
            [
                "package",
                "build",
                str(round_file),
                "--bureau",
                str(bureau.folder),
                "--out",
                str(out),
                "--panel",
                "P1",
                "--passphrase-file",
                str(bureau.passphrase_file),
            ]
        )
    finally:
        os.umask(old_umask)
    _, err = capsys.readouterr()
    assert code == 0, err
    sheets = sorted((out / "passphrase-sheets").iterdir())
    assert [p.name for p in sheets] == [f"E0{i}.pdf" for i in range(1, 8)]
    assert mode(out / "passphrase-sheets") == 0o700
    assert all(mode(sheet) == 0o600 for sheet in sheets)


def test_writing_a_sheet_creates_or_tightens_its_folder(tmp_path):
    from tic_desktop.reports.passphrase_sheet import write_sheet

    old_umask = os.umask(0o022)
    try:
        written = write_sheet(tmp_path / "new" / "passphrase-sheets", "E01", b"%PDF-1.4\n")
    finally:
        os.umask(old_umask)
    assert written == tmp_path / "new" / "passphrase-sheets" / "E01.pdf"
    assert written.read_bytes() == b"%PDF-1.4\n"
    assert (mode(written), mode(written.parent)) == (0o600, 0o700)


@pytest.mark.gui
def test_the_all_sheets_pdf_printed_to_a_file_is_0600(qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtPrintSupport import QPrinter

    from tic_desktop.gui.build_dialog import BuildPackagesDialog
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.packages.build_job import BuildOutcome
    from tic_desktop.reports.passphrase_sheet import passphrase_sheet, write_sheet
    from tic_desktop.review import evaluate_round

    folder = tmp_path / "out" / "passphrase-sheets"
    sheets = [
        write_sheet(
            folder,
            expert_id,
            passphrase_sheet(
                expert_id=expert_id,
                name="张某",
                unit="山东大学",
                panels=["P1"],
                round_id="2026-TIC-01",
                round_title="测试批次",
                passphrase="1234-5678-9012-3456-7890-1234",
                bureau_name="聊城市科学技术局",
                bureau_fingerprint="ab" * 32,
            ),
        )
        for expert_id in ("E01", "E02")
    ]
    preferences = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    dialog = BuildPackagesDialog(evaluate_round(DEMO / "round.json"), preferences, "zh")
    qtbot.addWidget(dialog)
    dialog.outcome = BuildOutcome(packages=[], sheets=sheets, sheets_dir=folder)
    printed = folder / "打印用-全部口令单.pdf"  # the name the print dialog proposes
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    old_umask = os.umask(0o022)
    try:
        assert dialog.print_sheets(printer) == 2
    finally:
        os.umask(old_umask)
    assert printed.stat().st_size > 0
    assert (mode(printed), mode(folder)) == (0o600, 0o700)
