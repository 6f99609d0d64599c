"""Kill the expert's app with SIGKILL mid-edit, again and again; every acknowledged edit must survive.

    .venv/bin/python tools/crash_test.py [--runs 100] [--seed 1]

Each run starts the real expert window (offscreen) on a test package, changes scores through the
scoring form's spin boxes, and prints a line when the window's status bar says 已保存 (the
``saved`` signal, sent after the commit). The parent kills the child at a random moment, then
checks the database: integrity_check ok, audit chain intact, and every score whose save was
acknowledged is there (or a newer value the child had started to write when it died).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

CHILD_EDITS = 10_000


def child(workdir: Path, seed: int) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from tic_desktop.gui.expert_window import ExpertWindow
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.packages.credentials import Credential
    from tic_desktop.packages.opening import open_package
    from tic_desktop.storage import open_database

    app = QApplication([])
    config = json.loads((workdir / "setup.json").read_text())
    db = open_database(workdir / "expert.sqlite3")
    window = ExpertWindow(
        db, Preferences(QSettings(str(workdir / "prefs.ini"), QSettings.Format.IniFormat))
    )
    package = open_package(Path(config["package"]))
    # The test harness hands over the unlocked credential (a real expert types the passphrase once).
    window._signed_in(
        package, Credential.from_json((workdir / "credential.json").read_text()), "E02", ""
    )
    if not window.desk.certified:
        window.certify()
    rng = random.Random(seed)
    criteria = list(window.desk.manifest.rubric.criteria)
    pending: dict[str, str] = {}

    def saved(what: str) -> None:
        if what in pending:
            print(f"ACK {what} {pending.pop(what)}", flush=True)

    window.bridge.saved.connect(saved)

    def edit() -> None:
        row = rng.randrange(window.ui.applicationList.count())
        window.ui.applicationList.setCurrentRow(row)
        form = window.scoring
        if form is None:
            QTimer.singleShot(0, edit)
            return
        criterion = rng.choice(criteria)
        steps = int(criterion.max / window.desk.manifest.rubric.step)
        value = Decimal(rng.randint(0, steps)) * window.desk.manifest.rubric.step
        key = f"score:{form.application_id}:{criterion.id}"
        print(f"TRY {key} {value}", flush=True)
        pending[key] = str(value)
        form.spins[criterion.id].setValue(float(value))
        QTimer.singleShot(0, edit)

    QTimer.singleShot(0, edit)
    app.exec()


def setup(workdir: Path) -> None:
    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.packages.build import build_packages
    from tic_desktop.packages.opening import open_package
    from tic_desktop.paths import demo_round_file
    from tic_desktop.review import review_round

    workspace = init_workspace(workdir / "bureau", passphrase="crash test only")
    built, credentials = build_packages(
        review_round(demo_round_file()),
        workspace,
        workspace.keys("crash test only"),
        workdir / "packages",
        ["P1"],
    )
    package = open_package(built[0].file)
    credential = package.unlock("E02", credentials["E02"].passphrase)
    (workdir / "credential.json").write_text(credential.to_json())
    (workdir / "setup.json").write_text(json.dumps({"package": str(built[0].file)}))


def check(
    workdir: Path, acknowledged: dict[str, str], tried_after: dict[str, set[str]]
) -> tuple[list[str], dict]:
    import sqlite3

    from sqlalchemy import select

    from tic_desktop.storage import open_database
    from tic_desktop.storage.audit import verify_audit_chain
    from tic_desktop.storage.models import ScoreEntry

    problems = []
    with sqlite3.connect(workdir / "expert.sqlite3") as raw:
        result = raw.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity_check: {result}")
    with open_database(workdir / "expert.sqlite3") as db, db.session() as session:
        if not verify_audit_chain(session):
            problems.append("audit chain broken")
        stored = {
            f"score:{e.application_id}:{e.criterion_id}": format(e.score, "f")
            for e in session.scalars(select(ScoreEntry))
        }
    for key, value in acknowledged.items():
        allowed = {value} | tried_after.get(key, set())
        if stored.get(key) is None or Decimal(stored[key]) not in {Decimal(v) for v in allowed}:
            problems.append(f"{key}: acknowledged {value}, found {stored.get(key)}")
    return problems, stored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed)
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="tic-crash-"))
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "XDG_CACHE_HOME": str(workdir / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    os.environ.update({k: env[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")})
    setup(workdir)
    rng = random.Random(args.seed)
    acknowledged: dict[str, str] = {}
    total_acks = 0
    for run in range(args.runs):
        tried_after: dict[str, set[str]] = {}
        child_process = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                str(workdir),
                "--seed",
                str(args.seed * 1000 + run),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + 2.0 + rng.uniform(0.05, 1.5)
        fd = child_process.stdout.fileno()
        os.set_blocking(fd, False)
        chunks = []
        while time.monotonic() < deadline and child_process.poll() is None:
            time.sleep(0.005)
            try:
                chunks.append(os.read(fd, 1 << 16))
            except BlockingIOError:
                pass
        child_process.send_signal(signal.SIGKILL)
        child_process.wait()
        os.set_blocking(fd, True)
        chunks.append(child_process.stdout.read())
        # A line cut off by the kill was never acknowledged.
        for line in b"".join(chunks).decode().splitlines():
            if line.count(" ") != 2:
                continue
            kind, key, value = line.split(" ")
            if kind == "ACK":
                acknowledged[key] = value
                tried_after.pop(key, None)
                total_acks += 1
            else:
                tried_after.setdefault(key, set()).add(value)
        problems, stored = check(workdir, acknowledged, tried_after)
        # A value committed just before the kill (tried, never acknowledged) is now the baseline.
        for key in set(acknowledged) | set(tried_after):
            if key in stored:
                acknowledged[key] = stored[key]
        if problems:
            print(f"run {run + 1}: FAILED", *problems, sep="\n  ")
            return 1
        print(
            f"run {run + 1}/{args.runs}: killed after {total_acks} acknowledged edits in all; all present, integrity ok",
            flush=True,
        )
    print(
        f"{args.runs} kills, {total_acks} acknowledged edits, none lost; integrity_check ok; audit chain intact"
    )
    shutil.rmtree(workdir, ignore_errors=True)  # kept on failure, for a look at the database
    return 0


if __name__ == "__main__":
    sys.exit(main())
