"""Entry point of the frozen build: the desktop app, or with ``--tic`` first the command line.

On Linux the one-folder build ships one executable and a small ``tic`` script that calls
``tic-desktop --tic ...``: a second executable would carry a second copy of every Python module
(17 MB). Windows keeps a separate console executable for ``tic`` (a GUI executable has no console).
"""

from __future__ import annotations

import sys


def run() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--tic":
        from tic_desktop.cli.main import main as command_line

        return command_line(sys.argv[2:])
    from tic_desktop.gui.app import main as desktop

    return desktop()


if __name__ == "__main__":
    sys.exit(run())
