"""Qt's own build tools (uic, lrelease) as shipped inside the PySide6 wheel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6

from tic_desktop.paths import build_output_in_cache

_PYSIDE_DIR = Path(PySide6.__file__).resolve().parent


def qt_tool(name: str) -> Path:
    """Path of a Qt tool binary; the wheel keeps them in different places per platform."""
    suffix = ".exe" if sys.platform == "win32" else ""
    for candidate in (
        _PYSIDE_DIR / "Qt" / "libexec" / f"{name}{suffix}",
        _PYSIDE_DIR / f"{name}{suffix}",
        _PYSIDE_DIR / "Qt" / "bin" / f"{name}{suffix}",
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"Qt tool {name} not found under {_PYSIDE_DIR}")


def run_tool(name: str, *args: str) -> None:
    subprocess.run([str(qt_tool(name)), *args], check=True, capture_output=True)


def compiled_in_cache(
    source: Path, kind: str, stem: str, suffix: str, salt: bytes, *tool_args: str
) -> Path:
    """Build output of a Qt tool for ``source``, kept in the user cache under its content hash
    (:func:`tic_desktop.paths.build_output_in_cache`).

    ``tool_args`` are the tool name and its arguments with ``{source}`` and ``{target}``
    placeholders.
    """
    tool, *args = tool_args
    return build_output_in_cache(
        source,
        kind,
        stem,
        suffix,
        salt,
        lambda partial: run_tool(tool, *(a.format(source=source, target=partial) for a in args)),
    )
