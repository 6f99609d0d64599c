"""Worker processes that never outlive their parent, and stopping a whole tree of them at once.

A package build runs in a worker process that itself runs scrypt in a small pool. If the app is
killed, or gives up waiting for a cancelled build, none of them may live on: each one asks the
kernel to kill it when its parent goes (``PR_SET_PDEATHSIG`` on Linux), or elsewhere watches its
parent from a thread; and the parent can kill a worker together with all its descendants.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from pathlib import Path

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Make this process end as soon as the process that started it ends (call it first thing).

    On Linux the kernel sends SIGKILL, even while scrypt holds the GIL; elsewhere a daemon thread
    waits on the parent's sentinel and exits the process.
    """
    parent = multiprocessing.parent_process()
    if (
        parent is None
    ):  # not started by multiprocessing (a test calling a worker's entry in-process)
        return
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent.pid:
                os._exit(1)  # the parent was gone before the request took effect
            return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="tic-watch-parent", daemon=True).start()


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        # "pid (name) state ppid …": the name may hold spaces and parentheses, so split after the
        # last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    """The living descendants of ``pid`` (children first), from /proc; empty where there is none."""
    if not Path("/proc/self/stat").exists():
        return []
    tree = _children_by_parent()
    found: list[int] = []
    queue = list(tree.get(pid, []))
    while queue:
        child = queue.pop(0)
        found.append(child)
        queue.extend(tree.get(child, []))
    return found


def kill_tree(process: multiprocessing.process.BaseProcess) -> None:
    """Kill ``process`` and every process it started, without waiting for any of them to agree."""
    pid = process.pid
    if pid is None or process.exitcode is not None:
        return
    children = descendants(pid)  # looked up first: once the worker is gone they are re-parented
    process.kill()  # it can start no more; one it started just now dies with it (die_with_parent)
    for child in children:
        try:
            os.kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
