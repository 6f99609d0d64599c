"""Test-wide setup: offscreen Qt and every user data folder inside a temporary directory."""

from __future__ import annotations

import os

import pytest

# Before any Qt import: no display is needed, anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point platformdirs (XDG on Linux) at fresh temp folders so no test touches real data."""
    base = tmp_path_factory.mktemp("userdirs")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = base / var.lower()
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    monkeypatch.setenv("HOME", str(base))
    return base
