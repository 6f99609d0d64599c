"""Qt's own build tools (uic, lrelease) as shipped inside the PySide6 wheel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6

_PYSIDE_DIR = Path(PySide6.__file__).resolve().parent


def qt_tool(name: str) -> Path:
    """Path of a Qt tool binary; the wheel keeps them in different places per platform."""
    suffix = ".exe" if sys.platform == "win32" else ""
    for candidate in (_PYSIDE_DIR / "Qt" / "libexec" / f"{name}{suffix}", _PYSIDE_DIR / f"{name}{suffix}",
                      _PYSIDE_DIR / "Qt" / "bin" / f"{name}{suffix}"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"Qt tool {name} not found under {_PYSIDE_DIR}")


def run_tool(name: str, *args: str) -> None:
    subprocess.run([str(qt_tool(name)), *args], check=True, capture_output=True)
