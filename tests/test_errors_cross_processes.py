"""Errors raised in a worker process reach the window whole (a wrong passphrase used to hang the
window).

The GUI unlocks credentials and keys, decrypts attachments and builds packages in worker processes;
an error that cannot be unpickled there becomes a BrokenProcessPool and the user sees nothing.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tic_desktop.bureau.excel_reading import CellProblem, ExcelImportError
from tic_desktop.catalogue import t
from tic_desktop.errors import DatabaseError, InputError, TicError
from tic_desktop.packages.build import Cancelled, PanelRefused
from tic_desktop.security.errors import KeyringUnavailable, SecurityError

EXAMPLES = [
    TicError("中文", "English"),
    InputError("round.json", "panels[0].chair", "不能为空", "must not be empty"),
    DatabaseError("数据库较新", "database is newer"),
    SecurityError("口令不正确", "wrong passphrase", "wrong_passphrase"),
    KeyringUnavailable("没有安全的密钥环", "no secure keyring")
    if KeyringUnavailable.__init__ is TicError.__init__
    else None,
    Cancelled(),
    PanelRefused("专家组违反回避规则", "the panel breaks a rule"),
    ExcelImportError(
        "a.xlsx", [CellProblem("基本信息", 3, "C", "中心名称", t("required, must not be empty"))]
    ),
]


@pytest.mark.parametrize(
    "error", [e for e in EXAMPLES if e is not None], ids=lambda e: type(e).__name__
)
def test_every_user_error_survives_pickling_with_both_messages(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert copy.message("zh") == error.message("zh") and copy.message("en") == error.message("en")
    assert copy.__dict__ == error.__dict__


def _wrong_passphrase() -> None:
    raise SecurityError("口令不正确，无法打开评审凭据", "wrong passphrase", "wrong_passphrase")


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
