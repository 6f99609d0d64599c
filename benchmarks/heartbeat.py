"""What the expert waits for, and does the window keep responding meanwhile?

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/heartbeat.py [--size-mb 200] [--rounds 3]

A 10 ms QTimer heartbeat runs while the real expert window opens a package, which includes
unlocking the credential with the passphrase (signature check in the GUI thread, scrypt in a
worker process), and while it decrypts a 200 MB attachment through the window's own worker path
(the plaintext comes back through shared memory). The time is what the expert waits (from the
call to the window's signal or callback); the longest gap between beats is the longest the window
could not react (goal < 100 ms).

Each is paired with the same crypto done bare in this process, in alternation (window, bare,
bare, window, …) so a change in the machine's load falls on both: open_package +
pyrage.passphrase.decrypt of the same sealed credential, and pyrage.decrypt of the same member
bytes with the same identity. Every round opens a new window; no keyring is used, so every open
really unlocks (the first open on an expert's laptop).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TEMP = Path(tempfile.mkdtemp(prefix="tic-heartbeat-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(_TEMP / variable.lower())

import keyring  # noqa: E402
import pyrage  # noqa: E402
from keyring.backends import fail  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tic_desktop.bureau.workspace import init_workspace  # noqa: E402
from tic_desktop.gui.expert_window import ExpertWindow  # noqa: E402
from tic_desktop.gui.settings import Preferences  # noqa: E402
from tic_desktop.packages.build import build_packages  # noqa: E402
from tic_desktop.packages.opening import open_package  # noqa: E402
from tic_desktop.paths import demo_round_file  # noqa: E402
from tic_desktop.review import evaluate_round  # noqa: E402
from tic_desktop.security import age_files  # noqa: E402
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
        return max(b - a for a, b in zip(self.beats, self.beats[1:], strict=False)) * 1000


def wait_for(signal, timeout_s: float = 600) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="paired rounds (default 3)")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])  # noqa: F841 - must stay alive for the whole run
    keyring.set_keyring(fail.Keyring())  # nothing remembered: every open unlocks with scrypt
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
        evaluate_round(round_dir / "round.json"),
        workspace,
        workspace.keys("heartbeat only"),
        _TEMP / "packages",
        ["P1"],
    )
    package_file, passphrase = built[0].file, credentials["E02"].passphrase
    # The bare side's inputs: the member's ciphertext and the credential's identity.
    package = open_package(package_file)
    credential = package.unlock("E02", passphrase)
    attachments = package.manifest.application("LC-2026-004").attachments
    index = next(i for i, a in enumerate(attachments) if a.title == "大附件")
    with package.container.open_member(attachments[index].file.path) as member:
        ciphertext = member.read()
    identity = age_files.identity_from_text(credential.age_identity)
    package.close()
    db = open_database(_TEMP / "expert.sqlite3")

    def window_round() -> tuple[float, float, float, float, int]:
        window = ExpertWindow(
            db, Preferences(QSettings(str(_TEMP / "prefs.ini"), QSettings.Format.IniFormat))
        )
        window.resize(1366, 768)
        window.show()
        with Heartbeat() as opening:
            started = time.perf_counter()
            window.open_package_as(package_file, "E02", passphrase)
            wait_for(window.signed_in)
            open_seconds = time.perf_counter() - started
        if not window.desk.certified:
            window.certify()
        received = {}
        with Heartbeat() as decrypting:
            started = time.perf_counter()
            loop = QEventLoop()

            def done(data) -> None:
                # bytes, or (since the viewer reads it in place) an object in shared memory
                received["size"] = data.size if hasattr(data, "size") else len(data)
                if hasattr(data, "release"):
                    data.release()
                loop.quit()

            window.decrypt_attachment("LC-2026-004", index, done)
            loop.exec()
            decrypt_seconds = time.perf_counter() - started
        window.close()
        window.deleteLater()
        return (
            open_seconds,
            opening.longest_gap_ms,
            decrypt_seconds,
            decrypting.longest_gap_ms,
            received["size"],
        )

    def bare_round() -> tuple[float, float]:
        started = time.perf_counter()
        opened = open_package(package_file)
        pyrage.passphrase.decrypt(opened.sealed_credential("E02"), passphrase)
        open_seconds = time.perf_counter() - started
        opened.close()
        started = time.perf_counter()
        plaintext = pyrage.decrypt(ciphertext, [identity])
        decrypt_seconds = time.perf_counter() - started
        assert len(plaintext) == attachments[index].file.plaintext_size
        return open_seconds, decrypt_seconds

    windows, bares = [], []
    for number in range(args.rounds):
        if number % 2 == 0:
            windows.append(window_round())
            bares.append(bare_round())
        else:
            bares.append(bare_round())
            windows.append(window_round())
    size = windows[0][4]
    open_w, open_b = [w[0] for w in windows], [b[0] for b in bares]
    dec_w, dec_b = [w[2] for w in windows], [b[1] for b in bares]
    open_gap, dec_gap = max(w[1] for w in windows), max(w[3] for w in windows)
    pairs_open = median([w / b for w, b in zip(open_w, open_b, strict=True)])
    pairs_dec = median([w / b for w, b in zip(dec_w, dec_b, strict=True)])
    print(f"{args.rounds} rounds, window and bare in alternation; medians (each round)")
    print(
        f"open package + unlock credential: window {median(open_w):.2f} s"
        f" ({', '.join(f'{t:.2f}' for t in open_w)}), bare open_package + scrypt"
        f" {median(open_b):.2f} s ({', '.join(f'{t:.2f}' for t in open_b)}):"
        f" {pairs_open:.2f}× (median of the paired ratios); longest gap {open_gap:.0f} ms"
    )
    print(
        f"decrypt {size / 2**20:.0f} MiB attachment: window {median(dec_w):.2f} s"
        f" ({', '.join(f'{t:.2f}' for t in dec_w)}), bare pyrage.decrypt {median(dec_b):.2f} s"
        f" ({', '.join(f'{t:.2f}' for t in dec_b)}): {pairs_dec:.2f}× (median of the paired"
        f" ratios); longest gap {dec_gap:.0f} ms"
    )
    worst = max(open_gap, dec_gap)
    print(
        f"longest gap overall: {worst:.0f} ms (goal < 100 ms): {'met' if worst < 100 else 'MISSED'}"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    db.close()
    shutil.rmtree(_TEMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(_TEMP, ignore_errors=True)  # also when a measurement fails
