"""The app finds ui/, resources/ and db/ from an installed wheel, and starts from its entry
point."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return next(out.glob("*.whl"))


def test_wheel_carries_forms_resources_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "tic_desktop/_data/ui/main_window.ui",
        "tic_desktop/_data/resources/demo/round.json",
        "tic_desktop/_data/db/env.py",
        "tic_desktop/_data/db/versions/0001_initial.py",
        "tic_desktop/_data/resources/fonts/WenQuanYiMicroHei.ttf",
        "tic_desktop/_data/resources/i18n/tic_zh_CN.ts",
    ):
        assert expected in names
    assert not any("/generated/" in n or n.endswith(".qm") for n in names)


def test_installed_wheel_runs_from_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    probe = (
        "from tic_desktop.paths import data_dir, demo_round_file;"
        "print(data_dir('ui')); print(data_dir('db')); print(demo_round_file())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(site)) for line in out), out
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tic_desktop",
            "eligibility",
            out[2].replace("round.json", "apps/LC-2026-001.json"),
            "--format",
            "json",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '"verdict": "eligible"' in result.stdout


def test_desktop_entry_point_opens_the_demo_round_and_stores_it(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tic_desktop.gui.app", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "共 12 项申报" in result.stdout
    assert (tmp_path / "data" / "tic-desktop" / "tic.sqlite3").is_file()


def test_desktop_refuses_a_database_from_a_newer_version(tmp_path):
    import sqlite3

    db_file = tmp_path / "data" / "tic-desktop" / "tic.sqlite3"
    db_file.parent.mkdir(parents=True)
    with sqlite3.connect(db_file) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tic_desktop.gui.app", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3
    assert "更新版本" in result.stderr
