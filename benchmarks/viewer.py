"""A large scanned PDF through the expert window: first page, GUI stalls, decryption, memory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/viewer.py [--size-mb 163 --pages 120]

What it does (everything in one temporary folder, removed at the end):

* makes a scanned-like PDF with Pillow + reportlab: ``--pages`` A4 pages, each one colour JPEG
  of noise and dark "text" bands, the JPEG quality chosen so that the file is about ``--size-mb``;
* copies the demo round, attaches the PDF to LC-2026-001 ("扫描件") and builds panel P1;
* opens the package in the expert window (offscreen, 1366×738), E02's credential unlocked in this
  process beforehand (scrypt is not measured and leaves no worker process behind);
* clicks the attachment (``show_attachment``) with a 10 ms QTimer heartbeat running, and measures
  **decrypt** (click → plaintext in shared memory, handed to the viewer), **first page** (click →
  first page on screen, ``attachment_shown``), the **longest gap** between beats (the GUI thread's
  longest stall) until the visible thumbnails are drawn, how many thumbnails were rendered, then
  the same while the thumbnail list is scrolled to the end;
* **bare pyrage**: ``pyrage.decrypt_io`` of the same member (its stored bytes copied to a file)
  into a ``BytesIO``, best of 3, in this process;
* **peak RSS**: the GUI process's ``VmHWM`` after resetting it (``/proc/self/clear_refs``) just
  before the click (the shared-memory pages the viewer reads count in it), and the decrypting
  worker's own ``VmHWM`` (a forked child: it counts the pages it shares with the GUI process).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TEMP = Path(tempfile.mkdtemp(prefix="tic-viewer-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(_TEMP / variable.lower())

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


class Heartbeat:
    """A 10 ms QTimer; the longest gap between beats is the GUI thread's longest stall."""

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


def scanned_pdf(target: Path, pages: int, size_mb: float) -> Path:
    """A PDF of ``pages`` colour JPEG "scans" (150 dpi), about ``size_mb`` MiB in all."""
    import random

    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = 1240, 1754  # A4 at 150 dpi
    rng = random.Random(15)
    noise = Image.merge(
        "RGB", [Image.effect_noise((width, height), 40 + 10 * c).convert("L") for c in range(3)]
    )

    def page_image(number: int, quality: int) -> bytes:
        image = Image.eval(noise, lambda v, n=number: min(255, 120 + (v + n * 7) % 135))
        draw = ImageDraw.Draw(image)
        draw.rectangle((60, 60, 60 + 8 * (number % 100), 80), fill=(0, 0, 0))  # the page's mark
        for line in range(60):
            y = 120 + line * 26
            draw.rectangle((110, y, 110 + rng.randint(500, 1020), y + 12), fill=(40, 40, 50))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        return out.getvalue()

    per_page = size_mb * 2**20 / pages
    low, high = 5, 98  # bisect the JPEG quality on one page
    for _ in range(7):
        quality = (low + high) // 2
        if len(page_image(0, quality)) < per_page:
            low = quality + 1
        else:
            high = quality
    quality = max(5, min(98, high))
    # Every page its own scan: reportlab keeps one copy of identical images.
    pdf = canvas.Canvas(str(target), pagesize=A4)
    for number in range(pages):
        data = page_image(number, quality)
        pdf.drawImage(ImageReader(io.BytesIO(data)), 0, 0, A4[0], A4[1])
        pdf.showPage()
    pdf.save()
    return target


def wait(signal, seconds: float = 120) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def vm_hwm_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _vm_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _watch_gui_thread() -> None:
    import threading
    import traceback

    main_thread = threading.get_ident()
    beats = [time.perf_counter()]
    beat = QTimer(interval=10)
    beat.timeout.connect(lambda: beats.__setitem__(0, time.perf_counter()))
    beat.start()
    _watch_gui_thread.timer = beat

    def watch() -> None:
        while True:
            time.sleep(0.02)
            late = time.perf_counter() - beats[0]
            if late > 0.08:
                stack = traceback.format_stack(sys._current_frames()[main_thread])[-4:]
                print(f"GUI thread late {late * 1000:.0f} ms:", "".join(stack), file=sys.stderr)

    threading.Thread(target=watch, daemon=True).start()


def reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=163)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)  # the child's folder
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="print the GUI thread's stack when it stalls > 80 ms",
    )
    args = parser.parse_args()
    if args.prepare is not None:
        return prepare(args.prepare, args.pages, args.size_mb)
    # The PDF and the package are made by a child process, so that this one holds only what the
    # expert's window holds when the attachment is clicked.
    import subprocess

    subprocess.run(
        [
            sys.executable,
            __file__,
            "--prepare",
            str(_TEMP),
            "--pages",
            str(args.pages),
            "--size-mb",
            str(args.size_mb),
        ],
        check=True,
    )
    prepared = json.loads((_TEMP / "prepared.json").read_text())
    app = QApplication(sys.argv[:1])  # noqa: F841 - kept alive for the run

    from tic_desktop.packages.opening import open_package

    made_seconds = prepared["made_s"]
    package_file = Path(prepared["package"])
    package = open_package(package_file)
    credential = package.unlock("E02", prepared["passphrase"])
    attachment = package.manifest.application("LC-2026-001").attachments[0]
    assert attachment.title == "扫描件"
    return measure(args, made_seconds, package_file, package, credential, attachment)


def prepare(folder: Path, pages: int, size_mb: float) -> int:
    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.packages.build import build_packages
    from tic_desktop.paths import demo_round_file
    from tic_desktop.review import evaluate_round

    round_dir = folder / "round"
    shutil.copytree(demo_round_file().parent, round_dir)
    started = time.perf_counter()
    scanned_pdf(round_dir / "apps" / "LC-2026-001" / "scan.pdf", pages, size_mb)
    made_seconds = time.perf_counter() - started
    app_file = round_dir / "apps" / "LC-2026-001.json"
    data = json.loads(app_file.read_text(encoding="utf-8"))
    data["attachments"].insert(0, {"title": "扫描件", "file": "LC-2026-001/scan.pdf"})
    app_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    workspace = init_workspace(folder / "bureau", passphrase="viewer benchmark")
    built, credentials = build_packages(
        evaluate_round(round_dir / "round.json"),
        workspace,
        workspace.keys("viewer benchmark"),
        folder / "packages",
        ["P1"],
    )
    (folder / "prepared.json").write_text(
        json.dumps(
            {
                "package": str(built[0].file),
                "passphrase": credentials["E02"].passphrase,
                "made_s": made_seconds,
            }
        )
    )
    shutil.rmtree(_TEMP, ignore_errors=True)  # this child's own user folders
    return 0


def measure(args, made_seconds, package_file, package, credential, attachment) -> int:
    from tic_desktop.gui.expert_window import ExpertWindow, _load_review_machinery
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.security import age_files
    from tic_desktop.storage import open_database

    def bare_pyrage() -> list[float]:
        """Bare pyrage on the same member, from a file of its stored bytes."""
        import pyrage

        member_copy = _TEMP / "member.age"
        with zipfile.ZipFile(package_file) as archive:
            member_copy.write_bytes(archive.read(attachment.file.path))
        identity = age_files.identity_from_text(credential.age_identity)
        times = []
        for _ in range(3):
            with member_copy.open("rb") as source:
                sink = io.BytesIO()
                begin = time.perf_counter()
                pyrage.decrypt_io(source, sink, [identity])
                times.append(time.perf_counter() - begin)
                del sink
        member_copy.unlink()
        return times

    _load_review_machinery()
    db = open_database(_TEMP / "expert.sqlite3")
    window = ExpertWindow(
        db, Preferences(QSettings(str(_TEMP / "prefs.ini"), QSettings.Format.IniFormat))
    )
    window.resize(1366, 738)
    window.show()
    window._signed_in(package, credential, "E02", "")
    window.certify()
    window.ui.workTabs.setCurrentWidget(window.ui.scoringTab)  # no automatic opening yet
    window.ui.applicationList.setCurrentRow(0)
    settle(2500)  # the decrypting process starts and opens the package meanwhile

    handed: list[float] = []
    original = window.viewer.load_buffer

    def load_buffer(*a, **k):
        handed.append(time.perf_counter())
        return original(*a, **k)

    window.viewer.load_buffer = load_buffer
    window.ui.workTabs.setCurrentWidget(window.ui.materialsTab)
    window._auto_open.stop()
    settle(50)
    if args.diagnose:
        _watch_gui_thread()
    gui_before = _vm_rss_mib()
    reset_peak()
    with Heartbeat() as opening:
        click = time.perf_counter()
        window.show_attachment(0)
        wait(window.attachment_shown)
        first_page = time.perf_counter() - click
        settle(1500)  # the visible thumbnails, on the rendering thread
    thumbnails_first = len(window.viewer._thumbs_done)
    gui_peak = vm_hwm_mib()
    from tic_desktop.expert.attachments import worker_last_timing, worker_peak_rss_kib

    worker_peak = window.worker.run(worker_peak_rss_kib) / 1024
    in_worker, worker_setup = window.worker.run(worker_last_timing)
    with Heartbeat() as scrolling:
        begin = time.perf_counter()
        window.viewer.thumbnails.scrollToBottom()
        last = window.viewer.page_count - 1
        while last not in window.viewer._thumbs_done and time.perf_counter() - begin < 30:
            settle(10)
        scrolled = time.perf_counter() - begin
    pages = window.viewer.page_count
    thumbnails_after_scroll = len(window.viewer._thumbs_done)
    window.close()
    db.close()
    bare = bare_pyrage()  # after the window's figures: its memory is not in them
    size_mib = attachment.file.plaintext_size / 2**20
    decrypt = handed[0] - click
    figures = {
        "pdf": {"pages": pages, "mib": round(size_mib, 1), "made_s": round(made_seconds, 1)},
        "first_page_s": round(first_page, 3),
        "decrypt_s": round(decrypt, 3),
        "decrypt_in_worker_s": round(in_worker, 3),
        "worker_setup_s": round(worker_setup, 3),
        "render_after_decrypt_s": round(first_page - decrypt, 3),
        "bare_pyrage_s": round(min(bare), 3),
        "decrypt_vs_bare": round(decrypt / min(bare), 2),
        "longest_gap_ms_open": round(opening.longest_gap_ms),
        "thumbnails_rendered_after_open": thumbnails_first,
        "scroll_to_last_thumbnail_s": round(scrolled, 3),
        "longest_gap_ms_scroll": round(scrolling.longest_gap_ms),
        "thumbnails_rendered_after_scroll": thumbnails_after_scroll,
        "gui_rss_before_click_mib": round(gui_before),
        "gui_peak_rss_mib": round(gui_peak),
        "gui_peak_beyond_before_mib": round(gui_peak - gui_before),
        "gui_peak_beyond_attachment_mib": round(gui_peak - size_mib),
        "worker_peak_rss_mib": round(worker_peak),
    }
    shutil.rmtree(_TEMP, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    print(f"PDF: {pages} pages, {size_mib:.1f} MiB (made in {made_seconds:.1f} s)")
    print(
        f"click → first page: {first_page:.3f} s (decrypt {decrypt:.3f} s, of which "
        f"{in_worker:.3f} s in the worker ({worker_setup:.3f} s before pyrage starts), + open "
        f"and render {first_page - decrypt:.3f} s)"
    )
    print(
        f"decrypt {decrypt:.3f} s vs bare pyrage {min(bare):.3f} s = {decrypt / min(bare):.2f}× "
        "(goal ≤ 1.2×)"
    )
    print(
        f"longest GUI stall: {opening.longest_gap_ms:.0f} ms opening, "
        f"{scrolling.longest_gap_ms:.0f} ms scrolling the thumbnails (goal ≤ 100 ms)"
    )
    print(
        f"thumbnails rendered: {thumbnails_first} of {pages} after opening, "
        f"{figures['thumbnails_rendered_after_scroll']} after scrolling to the end "
        f"({scrolled:.2f} s)"
    )
    print(
        f"peak RSS: GUI process {gui_peak:.0f} MiB = attachment + {gui_peak - size_mib:.0f} MiB "
        f"(goal ≤ attachment + 150 MiB); {gui_before:.0f} MiB before the click, so viewing took "
        f"{gui_peak - gui_before:.0f} MiB; decrypting worker {worker_peak:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
