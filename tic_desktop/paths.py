"""Where the app's own data folders are: checkout, installed wheel, or frozen build.

The design card keeps ``ui/``, ``resources/`` and ``db/`` at the top level of the checkout;
the wheel carries them as ``tic_desktop/_data/<name>`` and the PyInstaller build as
``<bundle>/<name>``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``ui``, ``resources`` or ``db``) wherever the app runs from."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(_PACKAGE_DIR / "_data" / name)
    candidates.append(_PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"application data folder {name!r} not found in {candidates}")


def resources_dir() -> Path:
    return data_dir("resources")


def ui_dir() -> Path:
    return data_dir("ui")


def migrations_dir() -> Path:
    return data_dir("db")


def demo_round_file() -> Path:
    """The bundled demo review round."""
    return resources_dir() / "demo" / "round.json"


def build_output_in_cache(
    source: Path, kind: str, stem: str, suffix: str, salt: bytes, write: Callable[[Path], object]
) -> Path:
    """Build output of ``source`` (a compiled catalogue or form), kept in the user cache under the
    hash of its content and ``salt``; ``write(path)`` makes it when it is not there yet.

    The target appears atomically (written beside it, then renamed), so a crash never leaves half a
    file to be loaded later. Raises OSError when the cache cannot be written.
    """
    import hashlib
    import os

    import platformdirs

    digest = hashlib.sha256(source.read_bytes() + salt).hexdigest()[:16]
    target_dir = platformdirs.user_cache_path("tic-desktop", appauthor=False) / kind
    target = target_dir / f"{stem}_{digest}{suffix}"
    if not target.is_file():
        target_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        write(partial)
        os.replace(partial, target)
    return target
