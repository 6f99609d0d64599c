"""Start to first window: how long from launching the app until its first window is on screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 7]

Each run is a fresh interpreter started from source (``python -c``), as ``tic-desktop`` starts,
with its user folders in a temporary directory; the clock starts before the process is spawned
and stops when the first top-level window is exposed (an event filter on the application prints
the time and quits). Measured:

* **bare**: a bare PySide6 QMainWindow (the floor);
* **expert**: ``tic-desktop P1.ticpkg`` — the expert window with the sign-in dialog (a package
  built once beforehand), database already created;
* **expert, first start**: the same with a new database (created and migrated);
* **bureau**: ``tic-desktop`` on the demo round (the bureau's main window), database present.

A second part opens and unlocks a package in the expert window with a 10 ms heartbeat timer and
reports the longest gap (the GUI thread's longest stall; goal < 100 ms).
Goal: the expert window < 0.8 s from source.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time
T0 = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstWindow(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and getattr(obj, "isVisible", lambda: False)():
            print("FIRST_WINDOW", time.time() - T0, type(obj).__name__, flush=True)
            import os
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watcher = FirstWindow()
app.installEventFilter(watcher)
mode = sys.argv[2]
if mode == "bare":
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    window.show()
    app.exec()
else:
    from tic_desktop.gui.app import main
    sys.exit(main(sys.argv[3:]))
"""


def _environment(home: Path) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(home / variable.lower())
    env["PYTHONPATH"] = str(ROOT)
    return env


def first_window(mode: str, args: list[str], home: Path) -> float:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(started), mode, *args],
        env=_environment(home),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    for line in out.stdout.splitlines():
        if line.startswith("FIRST_WINDOW"):
            return float(line.split()[1])
    raise RuntimeError(f"no window in {mode}: {out.stdout}\n{out.stderr}")


def _package(temp: Path) -> tuple[Path, dict]:
    sys.path.insert(0, str(ROOT))
    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.packages.build import build_packages
    from tic_desktop.paths import demo_round_file
    from tic_desktop.review import evaluate_round

    workspace = init_workspace(temp / "bureau", passphrase="startup only")
    built, credentials = build_packages(
        evaluate_round(demo_round_file()),
        workspace,
        workspace.keys("startup only"),
        temp / "packages",
        ["P1"],
    )
    return built[0].file, {k: v.passphrase for k, v in credentials.items()}


def unlock_stall(package: Path, passphrase: str, home: Path) -> dict:
    """Open and unlock in the expert window with a heartbeat (in a child, fresh keyring state)."""
    script = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
from benchmarks.heartbeat import Heartbeat, wait_for
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from tic_desktop.gui.expert_window import ExpertWindow
from tic_desktop.gui.settings import Preferences
from tic_desktop.storage import open_database
db = open_database()
window = ExpertWindow(db, Preferences(QSettings(sys.argv[4], QSettings.Format.IniFormat)))
window.resize(1366, 738)
window.show()
app.processEvents()
with Heartbeat() as beat:
    started = time.perf_counter()
    window.open_package_as(sys.argv[1], "E02", sys.argv[2])
    wait_for(window.signed_in)
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "longest_gap_ms": beat.longest_gap_ms}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script, str(package), passphrase, str(ROOT), str(home / "p.ini")],
        env=_environment(home),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(out.stdout + out.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="tic-startup-"))
    try:
        package, passphrases = _package(temp)
        home = temp / "home"
        # Warm-up: create the database, compile the forms and the catalogue into the cache.
        first_window("expert", [str(package)], home)
        first_window("bureau", [], home)
        results: dict[str, list[float]] = {
            "bare": [],
            "expert": [],
            "expert, first start": [],
            "bureau": [],
        }
        for run in range(args.runs):
            results["bare"].append(first_window("bare", [], home))
            results["expert"].append(first_window("expert", [str(package)], home))
            fresh = temp / f"fresh{run}"
            shutil.copytree(home / "xdg_cache_home", fresh / "xdg_cache_home")
            results["expert, first start"].append(first_window("expert", [str(package)], fresh))
            results["bureau"].append(first_window("bureau", [], home))
        stall = unlock_stall(package, passphrases["E02"], temp / "unlock")
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    summary = {
        name: {
            "median_s": statistics.median(values),
            "best_s": min(values),
            "worst_s": max(values),
        }
        for name, values in results.items()
    }
    summary["open + unlock"] = stall
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for name, figures in summary.items():
            if "median_s" in figures:
                print(
                    f"{name:22} median {figures['median_s']:.3f} s  "
                    f"best {figures['best_s']:.3f} s  "
                    f"worst {figures['worst_s']:.3f} s"
                )
        print(
            f"open + unlock: {stall['seconds']:.2f} s, longest GUI-thread stall "
            f"{stall['longest_gap_ms']:.0f} ms (goal < 100 ms)"
        )
    expert = summary["expert"]["median_s"]
    print(
        f"expert window from source: {expert:.3f} s (goal < 0.8 s): "
        f"{'met' if expert < 0.8 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
