"""Making the returns inbox's new copies durable (the copies kept in the bureau workspace, each
written whole by :func:`inbox_workers.write_copy`) before the database records them. No Qt here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path


def flush_copies(folder: Path, copies: list[Path]) -> None:
    """Make the new copies durable before the database records them: one ``syncfs`` of the
    workspace's file system on Linux (one flush instead of one per file), else one fsync per file;
    then the folder itself."""
    if os.name != "posix":
        for copy in copies:
            with copy.open("rb+") as handle:
                os.fsync(handle.fileno())
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        if not (sys.platform.startswith("linux") and _syncfs(fd)):
            for copy in copies:
                with copy.open("rb") as handle:
                    os.fsync(handle.fileno())
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(fd: int) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        status: int = libc.syncfs(fd)  # ctypes: int is the default result type
        return status == 0
    except (OSError, AttributeError):
        return False


__all__ = ["flush_copies"]
