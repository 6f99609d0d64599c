"""Does the expert window keep responding? A 10 ms QTimer heartbeat runs while the window
opens a package (the credential is unlocked with scrypt in a worker process) and while it
decrypts a 200 MB attachment (also in a worker process); the longest gap between beats is the
longest the window could not react. Goal: < 100 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/heartbeat.py [--size-mb 200]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TEMP = Path(tempfile.mkdtemp(prefix="tic-heartbeat-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(_TEMP / variable.lower())

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tic_desktop.bureau.workspace import init_workspace  # noqa: E402
from tic_desktop.gui.expert_window import ExpertWindow  # noqa: E402
from tic_desktop.gui.settings import Preferences  # noqa: E402
from tic_desktop.packages.build import build_packages  # noqa: E402
from tic_desktop.paths import demo_round_file  # noqa: E402
from tic_desktop.review import review_round  # noqa: E402
from tic_desktop.storage import open_database  # noqa: E402


class Heartbeat:
    def __init__(self) -> None:
        self.beats: list[float] = []
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def __enter__(self) -> Heartbeat:
        self.beats = [time.perf_counter()]
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.stop()
        self.beats.append(time.perf_counter())

    @property
    def longest_gap_ms(self) -> float:
        return max(b - a for a, b in zip(self.beats, self.beats[1:])) * 1000


def wait_for(signal, timeout_s: float = 600) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=int, default=200)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])  # noqa: F841 - must stay alive for the whole run
    round_dir = _TEMP / "round"
    shutil.copytree(demo_round_file().parent, round_dir)
    big = round_dir / "apps" / "LC-2026-004" / "big.bin"
    with big.open("wb") as handle:
        for _ in range(args.size_mb):
            handle.write(os.urandom(1 << 20))
    app_file = round_dir / "apps" / "LC-2026-004.json"
    data = json.loads(app_file.read_text(encoding="utf-8"))
    data["attachments"].append({"title": "大附件", "file": "LC-2026-004/big.bin"})
    app_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    workspace = init_workspace(_TEMP / "bureau", passphrase="heartbeat only")
    built, credentials = build_packages(
        review_round(round_dir / "round.json"),
        workspace,
        workspace.keys("heartbeat only"),
        _TEMP / "packages",
        ["P1"],
    )
    db = open_database(_TEMP / "expert.sqlite3")
    window = ExpertWindow(
        db, Preferences(QSettings(str(_TEMP / "prefs.ini"), QSettings.Format.IniFormat))
    )
    window.resize(1366, 768)
    window.show()

    with Heartbeat() as opening:
        started = time.perf_counter()
        window.open_package_as(built[0].file, "E02", credentials["E02"].passphrase)
        wait_for(window.signed_in)
        open_seconds = time.perf_counter() - started
    window.certify()
    index = next(
        i
        for i, a in enumerate(window.desk.manifest.application("LC-2026-004").attachments)
        if a.title == "大附件"
    )
    received = {}
    with Heartbeat() as decrypting:
        started = time.perf_counter()
        window._current_application = "LC-2026-004"
        loop = QEventLoop()
        window.decrypt_attachment(
            "LC-2026-004", index, lambda data: (received.setdefault("size", len(data)), loop.quit())
        )
        loop.exec()
        decrypt_seconds = time.perf_counter() - started
    print(
        f"package open + credential unlock: {open_seconds:.2f} s, {len(opening.beats)} beats, "
        f"longest gap {opening.longest_gap_ms:.0f} ms"
    )
    print(
        f"decrypt {received['size'] / 2**20:.0f} MiB attachment: {decrypt_seconds:.2f} s, {len(decrypting.beats)} beats, "
        f"longest gap {decrypting.longest_gap_ms:.0f} ms"
    )
    worst = max(opening.longest_gap_ms, decrypting.longest_gap_ms)
    print(
        f"longest gap overall: {worst:.0f} ms (goal < 100 ms): {'met' if worst < 100 else 'MISSED'}"
    )
    db.close()
    shutil.rmtree(_TEMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
