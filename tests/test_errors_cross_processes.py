"""Errors raised in a worker process reach the window whole (a wrong passphrase used to hang the
window).

The GUI unlocks credentials and keys, decrypts attachments and builds packages in worker processes;
an error that cannot be unpickled there becomes a BrokenProcessPool and the user sees nothing.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tic_desktop.bureau.excel_import_report import CellProblem, ExcelImportError
from tic_desktop.catalogue import t
from tic_desktop.errors import DatabaseError, InputError, TicError
from tic_desktop.packages.build import Cancelled, PanelRefused
from tic_desktop.security.errors import KeyringUnavailable, SecurityError

EXAMPLES = [
    TicError(t("file not found")),
    InputError("round.json", "panels[0].chair", t("must not be empty")),
    DatabaseError(t("file not found")),
    SecurityError(
        t("wrong passphrase: cannot open the {what}", what="credential"), "wrong_passphrase"
    ),
    KeyringUnavailable(t("must not be empty")),
    Cancelled(),
    PanelRefused(t("must not be empty")),
    ExcelImportError(
        "a.xlsx", [CellProblem("基本信息", 3, "C", "中心名称", t("required, must not be empty"))]
    ),
]
# The messages are the catalogue's (tic_desktop/catalogue.py): an error carries a Text, and the
# copy must read the same in both languages.


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_every_user_error_survives_pickling_with_both_messages(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert copy.message("zh") == error.message("zh") and copy.message("en") == error.message("en")
    assert copy.__dict__ == error.__dict__


def _wrong_passphrase() -> None:
    raise SecurityError(
        t("wrong passphrase: cannot open the {what}", what="credential"), "wrong_passphrase"
    )


def test_a_security_error_in_a_worker_process_arrives_as_itself():
    from tic_desktop.gui.tasks import in_worker_process

    with pytest.raises(SecurityError) as raised:
        in_worker_process(_wrong_passphrase)
    assert raised.value.reason == "wrong_passphrase" and "口令不正确" in raised.value.message("zh")


def test_the_real_unlock_with_a_wrong_passphrase_fails_cleanly_across_processes(tmp_path: Path):
    from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace
    from tic_desktop.gui.main_window import _bureau_secret
    from tic_desktop.gui.tasks import in_worker_process

    workspace = init_workspace(tmp_path / "bureau", passphrase="the right passphrase")
    assert isinstance(workspace, BureauWorkspace)
    with pytest.raises(TicError) as raised:
        in_worker_process(_bureau_secret, str(workspace.folder), "a wrong passphrase")
    assert raised.value.message("zh") and raised.value.message("en")
