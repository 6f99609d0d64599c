"""Building packages from the GUI: the real dialog, a real worker process, the real core to check
the result."""

from __future__ import annotations

import os
import re
import shutil
import stat

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.gui.build_dialog import BuildPackagesDialog, NewPassphraseDialog
from tic_desktop.packages.build_job import ENCRYPTING, ISSUING, PREPARING, UNLOCKING
from tic_desktop.packages.opening import open_package
from tic_desktop.paths import demo_round_file
from tic_desktop.review import evaluate_round

pytestmark = pytest.mark.gui

PASSPHRASE = "bureau passphrase for tests"
BUILD_TIMEOUT = 120_000  # ms: scrypt for the keys and seven credentials on two shared cores


@pytest.fixture
def bureau(tmp_path):
    """A fresh bureau, for tests that check what a build leaves in it."""
    return init_workspace(tmp_path / "bureau", passphrase=PASSPHRASE)


@pytest.fixture(scope="module")
def shared_bureau(tmp_path_factory):
    """One bureau for the tests that do not care what earlier builds left in it (scrypt is slow)."""
    return init_workspace(tmp_path_factory.mktemp("shared") / "bureau", passphrase=PASSPHRASE)


@pytest.fixture
def open_dialog(qtbot, preferences):
    def make(review=None, language="zh"):
        dialog = BuildPackagesDialog(
            review or evaluate_round(demo_round_file()), preferences, language
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def _fill(dialog, bureau, out, passphrase=PASSPHRASE):
    assert dialog.set_workspace_folder(str(bureau.folder))
    assert dialog.needs_passphrase and not dialog.passphrase_edit.isHidden()
    dialog.passphrase_edit.setText(passphrase)
    dialog.out_edit.setText(str(out))


def _click(qtbot, button):
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _leftovers(folder):
    """Anything a build could leave behind: packages, partial packages, staging folders, sheets."""
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def test_builds_p1_whose_signature_verifies_and_prints_its_sheets(
    open_dialog, qtbot, shared_bureau, tmp_path
):
    bureau = shared_bureau
    dialog = open_dialog()
    out = tmp_path / "out"
    _fill(dialog, bureau, out)
    assert dialog.chosen_panels() == ["P1"]
    stages = []
    dialog.progress_reported.connect(lambda done, total, stage: stages.append(stage))
    with qtbot.waitSignal(dialog.built, timeout=BUILD_TIMEOUT) as built:
        _click(qtbot, dialog.build_button)
        assert not dialog.build_button.isEnabled() and dialog.cancel_button.isEnabled()
    # What the bar says from the start: checking, unlocking (sent at once, not held behind scrypt's
    # GIL), issuing.
    assert list(dict.fromkeys(stages))[:4] == [PREPARING, UNLOCKING, ISSUING, ENCRYPTING]
    [package] = built.args[0]
    assert package.file == out / "P1.ticpkg" and package.members == [f"E0{i}" for i in range(1, 8)]

    opened = open_package(
        package.file, {bureau.fingerprint}
    )  # checks the bureau's signature and every size
    try:
        assert opened.package_sha256 == package.package_sha256
        assert opened.manifest.panel_id == "P1"
        # The printed sheet really opens the expert's credential in this package.
        sheet = out / "passphrase-sheets" / "E02.pdf"
        document = pdfium.PdfDocument(str(sheet))
        text = document[0].get_textpage().get_text_range()
        document.close()
        digits = re.search(r"(\d{4})\s+(\d{4})\s+(\d{4})\s+(\d{4})\s+(\d{4})\s+(\d{4})", text)
        assert opened.unlock("E02", "-".join(digits.groups())).expert_id == "E02"
    finally:
        opened.close()

    assert dialog.results.topLevelItemCount() == 1
    row = dialog.results.topLevelItem(0)
    assert row.text(4) == package.package_sha256
    assert row.text(2) == "钱秋菊 (E01)"  # the chair by name, with the id
    assert row.text(3).startswith("钱秋菊 (E01), ") and row.text(3).count("(E0") == 7
    # No translator is installed here: the dialog speaks its English source, the core's messages
    # Chinese.
    assert (
        "7 new passphrase sheets" in dialog.sheets_label.text()
        and "secret" in dialog.sheets_label.text()
    )
    assert sorted(p.name for p in (out / "passphrase-sheets").iterdir()) == [
        f"E0{i}.pdf" for i in range(1, 8)
    ]
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == [
        "P1.ticpkg",
        "passphrase-sheets",
    ]  # no temp files

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_button.isEnabled()
    with qtbot.waitSignal(dialog.sheets_printed) as printed:
        dialog.print_sheets(printer)
    sheet_pages = 0
    for path in dialog.outcome.sheets:
        document = pdfium.PdfDocument(str(path))
        sheet_pages += len(document)
        document.close()
    printed_pdf = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    assert printed.args == [sheet_pages] == [len(printed_pdf)] == [7]
    printed_pdf.close()


def test_a_panel_breaking_a_conflict_rule_is_shown_with_its_reason_and_cannot_be_ticked(
    open_dialog, qtbot
):
    dialog = open_dialog()
    p2 = dialog.panel_item("P2")
    assert not p2.flags() & Qt.ItemFlag.ItemIsEnabled
    assert p2.checkState() == Qt.CheckState.Unchecked
    assert "LC-2026-011 · 关联专家不超过1/3" in p2.text() and "Cannot be built" in p2.text()
    view = dialog.panels
    rect = view.visualItemRect(p2)
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=rect.topLeft() + rect.center() - rect.center(),
    )
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view.setCurrentItem(p2)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert p2.checkState() == Qt.CheckState.Unchecked
    assert dialog.chosen_panels() == ["P1"]
    # P1 can be ticked off and on with the keyboard.
    view.setFocus()
    view.setCurrentItem(dialog.panel_item("P1"))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.chosen_panels() == []
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.chosen_panels() == ["P1"]


def test_english_reasons(open_dialog):
    dialog = open_dialog(language="en")
    assert "Only 4 members can score" in dialog.panel_item("P2").text()
    assert "chair 钱秋菊 (E01)" in dialog.panel_item("P1").text()


def test_a_folder_that_is_no_workspace_points_to_the_new_workspace_button(open_dialog, tmp_path):
    dialog = open_dialog()
    assert not dialog.set_workspace_folder(str(tmp_path))
    text = dialog.workspace_info.text()
    assert "not a bureau workspace" in text and "“New workspace…”" in text
    assert "tic bureau init" not in text  # the GUI's own button, not a command to type


def test_packages_already_in_the_folder_are_replaced_only_after_asking(
    open_dialog, qtbot, shared_bureau, tmp_path
):
    out = tmp_path / "out"
    out.mkdir()
    old = out / "P1.ticpkg"
    old.write_bytes(b"handed out already")
    dialog = open_dialog()
    _fill(dialog, shared_bureau, out)
    # Keep them: nothing is built, nothing started.
    with qtbot.waitSignal(dialog.replace_asked) as asked:
        _click(qtbot, dialog.build_button)
    question = asked.args[0]
    assert question is dialog.replace_question and question.isVisible()
    assert "P1.ticpkg" in question.informativeText()
    with qtbot.waitSignal(question.finished):
        _click(qtbot, question.keep_button)
    assert not dialog.is_running() and dialog.replace_question is None
    assert old.read_bytes() == b"handed out already" and "kept" in dialog.stage_label.text()
    # Replace: the build starts from the answer, and the new package takes the old one's place.
    with qtbot.waitSignal(dialog.replace_asked) as asked:
        _click(qtbot, dialog.build_button)
    with qtbot.waitSignal(dialog.built, timeout=BUILD_TIMEOUT) as built:
        _click(qtbot, asked.args[0].replace_button)
    [package] = built.args[0]
    assert package.file == old and old.read_bytes().startswith(b"PK")
    assert dialog.outcome.replaced == [old]


def test_cancel_right_after_the_first_progress_report_leaves_nothing(
    open_dialog, qtbot, bureau, tmp_path
):
    dialog = open_dialog()
    out = tmp_path / "out"
    _fill(dialog, bureau, out)
    # Escape while building cancels; the dialog closes once the worker has cleaned up.
    dialog.progress_reported.connect(lambda *_: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    with qtbot.waitSignal(dialog.cancelled, timeout=BUILD_TIMEOUT):
        dialog.start_build()
    assert _leftovers(out) == []
    assert _leftovers(bureau.folder / "credentials") in ([], ["2026-TIC-01"])
    assert "Cancelled" in dialog.stage_label.text()
    assert not dialog.is_running() and not dialog.isVisible()


def test_cancel_while_encrypting_a_large_attachment_leaves_no_package_and_no_temp_file(
    open_dialog, qtbot, bureau, tmp_path
):
    copy = tmp_path / "round"
    shutil.copytree(demo_round_file().parent, copy)
    with open(copy / "apps" / "LC-2026-001" / "申报书.pdf", "r+b") as large:
        large.truncate(1 << 30)  # sparse: a gigabyte to encrypt, nothing to store
    dialog = open_dialog(evaluate_round(copy / "round.json"))
    out = tmp_path / "out"
    _fill(dialog, bureau, out)
    reported = []

    def cancel_once_encrypting(done, total, stage):
        reported.append((done, total))
        if stage == ENCRYPTING and done and dialog.cancel_button.isEnabled():
            _click(qtbot, dialog.cancel_button)

    dialog.progress_reported.connect(cancel_once_encrypting)
    with qtbot.waitSignal(dialog.cancelled, timeout=BUILD_TIMEOUT):
        dialog.start_build()
    assert reported[-1][0] < reported[-1][1]  # stopped part-way through the gigabyte
    assert _leftovers(out) == []  # no .ticpkg, no .partial, no staging folder, no sheet
    # The credentials issued by the cancelled build are gone too: their passphrases were never
    # printed.
    assert not list((bureau.folder / "credentials").rglob("*.age"))
    assert dialog.results.topLevelItemCount() == 0 and not dialog.print_button.isEnabled()
    assert (
        dialog.build_button.isEnabled()
        and not dialog.cancel_button.isEnabled()
        and dialog.isVisible()
    )


def test_wrong_passphrase_shows_the_error_in_the_users_language_and_builds_nothing(
    open_dialog, qtbot, shared_bureau, tmp_path
):
    bureau = shared_bureau
    dialog = open_dialog(language="en")
    out = tmp_path / "out"
    _fill(dialog, bureau, out, passphrase="not the passphrase")
    with qtbot.waitSignal(dialog.error_shown, timeout=BUILD_TIMEOUT) as shown:
        _click(qtbot, dialog.build_button)
    assert "wrong passphrase" in shown.args[0]
    assert not dialog.message.isHidden() and "wrong passphrase" in dialog.message.text()
    assert _leftovers(out) == []  # not even the staging folder
    assert dialog.results.topLevelItemCount() == 0


def test_missing_inputs_are_explained_without_starting_a_build(open_dialog, qtbot, shared_bureau):
    bureau = shared_bureau
    dialog = open_dialog()
    with qtbot.waitSignal(dialog.error_shown) as shown:
        _click(qtbot, dialog.build_button)
    assert "workspace" in shown.args[0] and not dialog.is_running()
    assert dialog.set_workspace_folder(str(bureau.folder))
    with qtbot.waitSignal(dialog.error_shown) as shown:
        _click(qtbot, dialog.build_button)
    assert "passphrase" in shown.args[0]


def test_a_new_workspace_asks_for_the_passphrase_twice_and_is_then_used(
    open_dialog, qtbot, preferences, tmp_path
):
    asking = NewPassphraseDialog(preferences)
    qtbot.addWidget(asking)
    ok = asking.buttons.button(QDialogButtonBox.StandardButton.Ok)
    asking.first.setText("short")
    assert not ok.isEnabled()
    asking.first.setText("a long enough passphrase")
    asking.second.setText("a long enough passphrase, mistyped")
    assert not ok.isEnabled() and asking.problem.text()
    asking.second.setText("a long enough passphrase")
    assert ok.isEnabled() and asking.passphrase() == "a long enough passphrase"

    dialog = open_dialog()
    folder = tmp_path / "new bureau"
    with qtbot.waitSignal(dialog.workspace_ready, timeout=BUILD_TIMEOUT) as ready:
        dialog.create_workspace(folder, asking.passphrase())
    assert ready.args == [str(folder)]
    assert (folder / "bureau.json").is_file() and (folder / "bureau-secrets.age").is_file()
    assert dialog.workspace is not None and dialog.needs_passphrase
    assert os.path.samefile(dialog.workspace_edit.text(), folder)
