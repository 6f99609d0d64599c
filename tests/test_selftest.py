"""`tic-desktop --selftest`: the whole chain on the demo round, as a frozen build runs it after
building."""

from __future__ import annotations

import pytest

from tic_desktop.gui.app import main

pytestmark = pytest.mark.gui


def test_selftest_passes_every_step_and_leaves_no_keyring_entry(qapp, capsys, monkeypatch):
    import keyring

    touched = []
    monkeypatch.setattr(keyring, "set_password", lambda *args: touched.append(args))
    assert main(["--selftest"]) == 0
    out = capsys.readouterr().out
    steps = [line for line in out.splitlines() if line.startswith("selftest: ok ")]
    assert len(steps) == 7
    for what in (
        "build a package",
        "make a signed, encrypted return",
        "verify the return and aggregate",
        "draw, sign and verify an opinion PDF",
    ):
        assert any(what in line for line in steps)
    assert "selftest: all steps passed" in out
    assert touched == []  # the throwaway keys never reach the user's keyring


def test_a_failing_step_is_named_and_fails_the_run(qapp, capsys, monkeypatch):
    import tic_desktop.selftest as selftest

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(selftest, "init_workspace", broken)
    assert main(["--selftest"]) == 1
    captured = capsys.readouterr()
    assert "ok open the demo round" in captured.out and "FAILED create bureau keys" in captured.out
    assert "build a package" not in captured.out  # nothing runs after the first failure
    assert "disk full" in captured.err
