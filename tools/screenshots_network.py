"""Screenshots of the meeting network (issue #16): the clerk's progress board and the projector.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_network.py

A bureau with every panel's package built for the round of benchmarks/network.py (the demo round
with three more members a panel), a collector on 127.0.0.1 in the real collection window, and
returns sent over loopback by some of the experts (a few with a second revision). Writes
docs/screenshots/progress-board.png, progress-board-projector.png (counts only, the default)
and progress-board-projector-scores.png (names and ranking ticked).
"""

from __future__ import annotations

import os
import runpy
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "docs" / "screenshots"

bench = runpy.run_path(str(REPO / "benchmarks" / "network.py"), run_name="screenshots")

from PySide6.QtWidgets import QApplication  # noqa: E402

from tic_desktop.gui.appearance import (  # noqa: E402
    DEFAULT_POINT_SIZE,
    apply_font,
    register_bundled_fonts,
)
from tic_desktop.gui.collection_window import CollectionWindow  # noqa: E402
from tic_desktop.gui.i18n import Translations  # noqa: E402
from tic_desktop.network.client import CollectorClient  # noqa: E402
from tic_desktop.network.discovery import Interface  # noqa: E402

# who has sent what: panel members in order, how many revisions each (0: nothing yet)
SENT = {
    "E01": 1, "E02": 2, "E03": 1, "E04": 1, "E06": 1, "E07": 1, "E22": 1,
    "E08": 1, "E09": 1, "E10": 2, "E12": 1, "E13": 1, "E14": 1, "E25": 1, "E26": 1,
    "E15": 1, "E16": 1, "E18": 1, "E20": 1, "E28": 1,
}  # fmt: skip


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_font(app, DEFAULT_POINT_SIZE, register_bundled_fonts())
    Translations(app).use("zh")
    base = bench["_TEMP"] / "screens"
    try:
        prepared = bench["prepare"](base, 30, 2)
        window = CollectionWindow(
            prepared["review"],
            prepared["workspace"],
            prepared["keys"],
            [Interface("lo", "127.0.0.1")],  # a test machine: loopback only
        )
        window.announce.setChecked(False)
        window.resize(1366, 768)
        window.show()
        started: list[str] = []
        window.started.connect(started.append)
        window.start("127.0.0.1", 47631)
        while not started:
            pump(app, 0.05)
        address = window.collection.address
        for expert, count in SENT.items():
            client = CollectorClient(prepared["credentials"][expert], *address)
            for data, _copy, _revision in prepared["signed"][expert][:count]:
                client.send_return(data)
            pump(app, 0.05)
        pump(app, 1.0)
        window.board.members.scrollToTop()
        OUT.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT / "progress-board.png"))
        projector = window.open_projector(full_screen=False)
        projector.resize(1366, 768)
        pump(app, 0.5)
        projector.grab().save(str(OUT / "progress-board-projector.png"))
        window.show_names.setChecked(True)
        window.show_scores.setChecked(True)
        pump(app, 0.5)
        projector.grab().save(str(OUT / "progress-board-projector-scores.png"))
        projector.close()
        window.close()
    finally:
        shutil.rmtree(bench["_TEMP"], ignore_errors=True)


if __name__ == "__main__":
    main()
