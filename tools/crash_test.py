"""Kill the expert's app mid-edit, again and again; every acknowledged edit must survive.

    .venv/bin/python tools/crash_test.py [--runs 100] [--seed 1]
    .venv/bin/python tools/crash_test.py --power-loss                  # drop unsynced writes too
    .venv/bin/python tools/crash_test.py --power-loss --synchronous OFF   # must FAIL (the control)

Each run starts the real expert window (offscreen) on a test package as expert E02 (the
credential remembered in a stand-in keyring, as on an expert's own laptop), prints READY when the
window is open, and then works through the window's own widgets: scores (spin boxes), opinion
text typed key by key through its save-after-a-pause debounce, recommendation buttons, the short
reasons that extreme scores need (typed, then Return), formal-review judgements (combo box and
reason), inspection fields (result, measured, note) and photos, the conflict-of-interest
certification button, and from time to time it completes every application and signs the return.
For each edit it prints TRY (the value about to be saved) and, when the window reports the edit
saved (the signal behind the status bar's 已保存, sent after the commit; for signing, the window's
``exported`` signal), ACK with the value the widget held when it was saved.

The parent waits for READY, kills the child with SIGKILL at a random moment after it (so no kill
is wasted on start-up), and checks the database: ``PRAGMA integrity_check`` ok, the audit chain
intact and at least one audit event per acknowledged edit, and every acknowledged value present
(or a newer value the child had started to save when it died).

SIGKILL alone proves that an edit is committed before it is acknowledged, not that the commit
reached the disk: the killed process's writes stay in the operating system's page cache. With
``--power-loss`` the child runs under tools/powerloss_shim.c (LD_PRELOAD; compiled here with
``cc``), which keeps for each database file what it held at its last fsync; after the kill those
copies replace the files, as a disk that loses every unsynced write would leave them. That run
passes with the app's ``synchronous=FULL`` and fails with ``--synchronous OFF`` (or NORMAL),
which is the point of having it. docs/benchmarks/crash.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DB_NAME = "expert.sqlite3"
EXPERT = "E02"
TYPED = "经现场核实研发投入真实团队稳定建议推荐 research team and pilot line verified; "
# Each kind of edit, how often the driver picks it, and the audit-log kind its save appends.
WEIGHTS = {
    "score": 30,
    "opinion": 14,
    "recommend": 7,
    "note": 9,
    "judgement": 8,
    "inspection": 12,
    "photo": 2,
    "switch": 6,
}


# --------------------------------------------------------------------------------------------
# the child: the real window, driven through its widgets
# --------------------------------------------------------------------------------------------


def child(workdir: Path, seed: int, synchronous: str | None) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import keyring
    from keyring.backend import KeyringBackend
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox
    from sqlalchemy import event

    from tic_desktop.gui.expert_window import ExpertWindow
    from tic_desktop.gui.settings import Preferences
    from tic_desktop.packages.expert_keys import KEYRING_SERVICE, keyring_entry
    from tic_desktop.packages.opening import open_package
    from tic_desktop.storage import open_database

    config = json.loads((workdir / "setup.json").read_text())

    class RememberedCredential(KeyringBackend):
        """The OS keyring of an expert who has opened this package before (in memory here)."""

        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    package_file = Path(config["package"])
    probe = open_package(package_file)
    backend = RememberedCredential()
    backend.set_password(
        KEYRING_SERVICE,
        keyring_entry(probe.bureau_fingerprint, probe.manifest.round.id, EXPERT),
        (workdir / "credential.json").read_text(),
    )
    probe.close()
    keyring.set_keyring(backend)

    app = QApplication([])
    db = open_database(workdir / DB_NAME)
    if synchronous:
        # The control experiment: the app's own connect hook runs first, this one overrides it.
        event.listen(
            db.engine,
            "connect",
            lambda connection, _record: connection.execute(f"PRAGMA synchronous={synchronous}"),
        )
        db.engine.dispose()
    with db.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    window = ExpertWindow(
        db, Preferences(QSettings(str(workdir / "prefs.ini"), QSettings.Format.IniFormat))
    )
    window.resize(1366, 768)
    window.show()
    rng = random.Random(seed)

    def say(*parts) -> None:
        print("\t".join(str(p) for p in parts), flush=True)

    def encode(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    state = {"trigger": None, "field": None, "busy": False}

    def form_for(app_id):
        form = window.scoring
        return form if form is not None and form.application_id == app_id else None

    def saved(what: str) -> None:
        kind, _, rest = what.partition(":")
        parts = rest.split(":")
        try:
            if kind == "score":
                form = form_for(parts[0])
                value = form.value_of(parts[1]) if form else None
                if form is not None:
                    say("ACK", what, encode(None if value is None else format(value, "f")))
            elif kind == "note":
                form = form_for(parts[0])
                if form is not None:
                    say("ACK", what, encode(form.reasons[parts[1]].text().strip()))
            elif kind == "opinion":
                form = form_for(parts[0])
                if form is None:
                    return
                if state["trigger"] == "recommend":
                    say("ACK", f"recommend:{parts[0]}", encode(form.recommend_yes.isChecked()))
                else:
                    say("ACK", what, encode(form.opinion.toPlainText()))
            elif kind == "judgement":
                panel = window.formal_panel
                if panel is not None and panel.application_id == parts[0]:
                    choice, reason = panel.choices[parts[1]], panel.reasons[parts[1]]
                    say("ACK", what, encode([choice.currentIndex() == 1, reason.text().strip()]))
            elif kind == "inspection":
                panel, field = window.inspection_panel, state["field"]
                if panel is not None and panel.application_id == parts[0] and field:
                    widgets = {"result": panel.results, "measured": panel.measured}
                    widget = widgets.get(field, panel.notes)[parts[1]]
                    value = widget.currentText() if field == "result" else widget.text()
                    say("ACK", f"{what}:{field}", encode(value))
            elif kind in ("coi", "photo"):
                say("ACK", kind, encode(1))
        except (AttributeError, KeyError) as error:  # the window changed shape: say so, go on
            say("NOACK", what, encode(repr(error)))

    window.bridge.saved.connect(saved)

    def exported(result) -> None:
        # (ReturnMade, pdfs) before, a SignResult with .made now
        made = getattr(result, "made", None) or result[0]
        say("ACK", "signed", encode(made.revision))
        resume("signed")

    window.exported.connect(exported)
    window.sign_blocked.connect(lambda _problems: resume("sign blocked"))
    window.error_shown.connect(lambda text: resume("error: " + text.splitlines()[0][:80]))

    def close_message_boxes() -> None:
        for box in window.findChildren(QMessageBox):
            box.close()

    def resume(why: str) -> None:
        if state["busy"]:
            state["busy"] = False
            say("INFO", "sign", encode(why))
            close_message_boxes()
            QTimer.singleShot(0, step)

    applications = window.ui.applicationList

    def select(app_id: str | None = None) -> str | None:
        rows = [
            row
            for row in range(applications.count())
            if not window.desk.locked(applications.item(row).data(Qt.ItemDataRole.UserRole))
        ]
        if not rows:
            return None
        if app_id is None:
            row = rng.choice(rows)
        else:
            row = next(
                r for r in rows if applications.item(r).data(Qt.ItemDataRole.UserRole) == app_id
            )
        if applications.currentRow() != row:
            state["trigger"] = "switch"
            applications.setCurrentRow(row)  # flushes the previous form's pending opinion
            state["trigger"] = None
        return applications.item(row).data(Qt.ItemDataRole.UserRole)

    rubric = None  # set once the package is open

    def type_text(widget, text: str) -> None:
        """Keys for ASCII; Chinese arrives as an input method's commit, as from a pinyin IME."""
        for char in text:
            if char.isascii():
                QTest.keyClicks(widget, char)
            else:
                commit = QInputMethodEvent()
                commit.setCommitString(char)
                QApplication.sendEvent(widget, commit)

    def set_score(form, criterion, value: Decimal) -> None:
        spin = form.spins[criterion.id]
        say("TRY", f"score:{form.application_id}:{criterion.id}", encode(format(value, "f")))
        spin.setValue(float(value))

    def on_step(low: Decimal, high: Decimal) -> Decimal:
        step = rubric.step
        return Decimal(rng.randint(int(low / step), int(high / step))) * step

    def edit_score(form) -> None:
        criterion = rng.choice(list(rubric.criteria))
        set_score(form, criterion, on_step(Decimal(0), criterion.max))

    def edit_opinion(form) -> int:
        """Type one to four characters; the next step comes 15–500 ms later (the debounce is
        400 ms)."""
        editor = form.opinion
        if len(editor.toPlainText()) > 300:
            editor.selectAll()
            QTest.keyClick(editor, Qt.Key.Key_Backspace)
            say("TRY", f"opinion:{form.application_id}", encode(editor.toPlainText()))
        start = rng.randrange(len(TYPED))
        for char in TYPED[start : start + rng.randint(1, 4)]:
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            type_text(editor, char)
            say("TRY", f"opinion:{form.application_id}", encode(editor.toPlainText()))
        return rng.choice((10, 30, 60, 120, 450))  # a pause over 400 ms lets the debounce save

    def edit_recommend(form) -> None:
        button = form.recommend_yes if rng.random() < 0.6 else form.recommend_no
        if button.isChecked():
            button = form.recommend_no if button is form.recommend_yes else form.recommend_yes
        say("TRY", f"recommend:{form.application_id}", encode(button is form.recommend_yes))
        state["trigger"] = "recommend"
        button.click()
        state["trigger"] = None

    def type_into_line(line, text: str) -> None:
        line.selectAll()
        type_text(line, text)
        QTest.keyClick(line, Qt.Key.Key_Return)  # editingFinished: the field is saved

    def edit_note(form) -> None:
        scored = [c for c in rubric.criteria if form.value_of(c.id) is not None]
        if not scored:
            return edit_score(form)
        criterion = rng.choice(scored)
        maximum = criterion.max
        if not form.desk.needs_reason(criterion.id, form.value_of(criterion.id)):
            # A reason is asked for only far from the guidance: score it so first.
            high = rng.random() < 0.5
            low_value = on_step(Decimal(0), maximum * Decimal("0.3"))
            set_score(form, criterion, maximum if high else low_value)
        text = TYPED[rng.randrange(20) :][: rng.randint(4, 16)].strip() or "理由"
        say("TRY", f"note:{form.application_id}:{criterion.id}", encode(text))
        type_into_line(form.reasons[criterion.id], text)

    def edit_judgement() -> None:
        panel = window.formal_panel
        if panel is None or not panel.choices:
            return
        check = rng.choice(sorted(panel.choices))
        agrees = rng.random() < 0.6
        reason = "" if agrees else TYPED[rng.randrange(20) :][:8].strip() or "不同意"
        say("TRY", f"judgement:{panel.application_id}:{check}", encode([agrees, reason]))
        panel.reasons[check].setText(reason)
        index = 1 if agrees else 2
        if panel.choices[check].currentIndex() != index:
            panel.choices[check].setCurrentIndex(index)
        else:
            QTest.keyClick(panel.reasons[check], Qt.Key.Key_Return)

    def edit_inspection() -> None:
        panel = window.inspection_panel
        if panel is None or not panel.results:
            return
        item = rng.choice(sorted(panel.results))
        field = rng.choice(("result", "measured", "note"))
        key = f"inspection:{panel.application_id}:{item}:{field}"
        state["field"] = field
        try:
            if field == "result":
                combo = panel.results[item]
                index = rng.choice(
                    [i for i in range(1, combo.count()) if i != combo.currentIndex()]
                )
                say("TRY", key, encode(combo.itemText(index)))
                combo.setCurrentIndex(index)
            else:
                line = (panel.measured if field == "measured" else panel.notes)[item]
                text = f"{rng.randint(1, 9999)} m²" if field == "measured" else TYPED[:10]
                text = text if text != line.text() else text + "。"
                say("TRY", key, encode(text))
                type_into_line(line, text)
        finally:
            state["field"] = None

    def add_photo() -> None:
        panel = window.inspection_panel
        if panel is not None:
            panel.add_photos([workdir / "photo.png"])

    def certify() -> None:
        """The certification button, and "Confirm" in the question it may ask."""
        window.ui.certifyButton.click()
        for box in window.findChildren(QMessageBox):
            if box.isVisible():
                accept = [
                    b
                    for b in box.buttons()
                    if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
                ]
                if accept:
                    accept[0].click()
                else:
                    box.close()

    def complete_and_sign() -> None:
        """Give every application what signing needs (through the widgets), then sign."""
        for entry in window.desk.scorable():
            select(entry.id)
            form = window.scoring
            for criterion in rubric.criteria:
                value = form.value_of(criterion.id)
                if value is None or form.desk.needs_reason(criterion.id, value):
                    set_score(
                        form,
                        criterion,
                        on_step(criterion.max * Decimal("0.5"), criterion.max * Decimal("0.8")),
                    )
            if not form.opinion.toPlainText().strip():
                type_text(form.opinion, "同意。")
                say("TRY", f"opinion:{entry.id}", encode(form.opinion.toPlainText()))
                form.flush()
            if not (form.recommend_yes.isChecked() or form.recommend_no.isChecked()):
                edit_recommend(form)
            panel = window.formal_panel
            for check, choice in (panel.choices if panel else {}).items():
                if choice.currentIndex() == 0 or (
                    choice.currentIndex() == 2 and not panel.reasons[check].text().strip()
                ):
                    say("TRY", f"judgement:{entry.id}:{check}", encode([True, ""]))
                    panel.reasons[check].setText("")
                    choice.setCurrentIndex(1)
        state["busy"] = True
        say("INFO", "sign", encode("signing"))
        window.sign_and_export(workdir / "signed")

    plan = {"certify_at": None, "sign_at": None, "actions": 0}
    if rng.random() < 0.3:
        plan["certify_at"] = rng.randint(1, 40)
    if rng.random() < 0.5:
        plan["sign_at"] = rng.randint(3, 40)
    kinds, weights = zip(*WEIGHTS.items(), strict=True)

    def step() -> None:
        if state["busy"]:
            return
        delay = rng.choice((0, 0, 0, 1, 5, 10))
        try:
            if window.ui.pages.currentWidget() is window.ui.coiPage:
                certify()  # the first run: the certification gate comes first
                QTimer.singleShot(0, step)
                return
            plan["actions"] += 1
            if plan["actions"] == plan["certify_at"]:
                certify()
            elif plan["actions"] == plan["sign_at"]:
                complete_and_sign()
                return  # resumed by exported / sign_blocked / error_shown
            kind = rng.choices(kinds, weights)[0]
            if kind == "switch":
                select()
            elif kind == "judgement":
                edit_judgement()
            elif kind == "inspection":
                edit_inspection()
            elif kind == "photo":
                add_photo()
            else:
                form = window.scoring
                if form is None:
                    select()
                elif kind == "score":
                    edit_score(form)
                elif kind == "opinion":
                    delay = edit_opinion(form)
                elif kind == "recommend":
                    edit_recommend(form)
                elif kind == "note":
                    edit_note(form)
        except (AttributeError, KeyError, StopIteration, TypeError) as error:
            say("SKIPPED", "driver", encode(repr(error)))  # tolerant: the window is being changed
        QTimer.singleShot(delay, step)

    def when_open(waited_ms: int = 0) -> None:
        """Opening may finish later (keyring look-up off the GUI thread): wait for the desk."""
        nonlocal rubric
        if window.desk is None or window.ui.pages.currentWidget() not in (
            window.ui.coiPage,
            window.ui.workPage,
        ):
            if waited_ms > 60_000:
                message = window.statusBar().currentMessage()
                print(f"the window did not open the package: {message}", file=sys.stderr)
                app.exit(3)
                return
            QTimer.singleShot(20, lambda: when_open(waited_ms + 20))
            return
        rubric = window.desk.manifest.rubric
        say("READY", "synchronous", encode(mode))
        QTimer.singleShot(0, step)

    window.open_package_as(package_file, EXPERT, None)
    when_open()
    app.exec()


# --------------------------------------------------------------------------------------------
# the parent: set-up, kills, checks
# --------------------------------------------------------------------------------------------


def setup(workdir: Path) -> None:
    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.packages.build import build_packages
    from tic_desktop.packages.opening import open_package
    from tic_desktop.paths import demo_round_file
    from tic_desktop.review import evaluate_round
    from tic_desktop.storage import open_database

    workspace = init_workspace(workdir / "bureau", passphrase="crash test only")
    built, credentials = build_packages(
        evaluate_round(demo_round_file()),
        workspace,
        workspace.keys("crash test only"),
        workdir / "packages",
        ["P1"],
    )
    package = open_package(built[0].file)
    credential = package.unlock(EXPERT, credentials[EXPERT].passphrase)
    package.close()
    (workdir / "credential.json").write_text(credential.to_json())
    (workdir / "setup.json").write_text(json.dumps({"package": str(built[0].file)}))
    (workdir / "signed").mkdir()
    (workdir / "photo.png").write_bytes(tiny_png())
    open_database(workdir / DB_NAME).close()  # created and migrated: the first durable state


def tiny_png(width: int = 64, height: int = 48) -> bytes:
    """A small green PNG for the inspection photos."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x33\xaa\x77" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def audit_kind_of(key: str) -> str:
    return key.split(":")[0]


def read_state(workdir: Path) -> tuple[list[str], dict[str, object], dict[str, int]]:
    """Problems found, the stored value of every key the child can acknowledge, counts."""
    from tic_desktop.storage import open_database
    from tic_desktop.storage.audit import verify_audit_chain

    problems = []
    path = workdir / DB_NAME
    with sqlite3.connect(path) as raw:
        result = raw.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity_check: {result}")
            return problems, {}, {}
        stored: dict[str, object] = {}
        where = "WHERE expert_id = ?"
        for app_id, criterion, score, note in raw.execute(
            f"SELECT application_id, criterion_id, score, note FROM score_entry {where}", (EXPERT,)
        ):
            stored[f"score:{app_id}:{criterion}"] = format(Decimal(str(score)), "f")
            stored[f"note:{app_id}:{criterion}"] = note or ""
        for app_id, opinion, recommend in raw.execute(
            f"SELECT application_id, opinion, recommend FROM opinion_entry {where}", (EXPERT,)
        ):
            stored[f"opinion:{app_id}"] = opinion
            stored[f"recommend:{app_id}"] = None if recommend is None else bool(recommend)
        for app_id, check, agrees, reason in raw.execute(
            f"SELECT application_id, check_id, agrees, reason FROM formal_judgement {where}",
            (EXPERT,),
        ):
            stored[f"judgement:{app_id}:{check}"] = [bool(agrees), reason]
        for app_id, item, result_, measured, note in raw.execute(
            "SELECT application_id, item_id, result, measured, note FROM inspection_entry " + where,
            (EXPERT,),
        ):
            stored[f"inspection:{app_id}:{item}:result"] = result_
            stored[f"inspection:{app_id}:{item}:measured"] = measured
            stored[f"inspection:{app_id}:{item}:note"] = note
        counts = {
            "audit": raw.execute("SELECT count(*) FROM audit_event").fetchone()[0],
            "photo": raw.execute(
                f"SELECT count(*) FROM inspection_photo {where}", (EXPERT,)
            ).fetchone()[0],
            "coi": raw.execute(
                f"SELECT count(*) FROM coi_certification {where}", (EXPERT,)
            ).fetchone()[0],
            "signed": raw.execute(
                f"SELECT coalesce(max(revision), 0) FROM sent_return {where}", (EXPERT,)
            ).fetchone()[0],
        }
    with open_database(path) as db, db.session() as session:
        if not verify_audit_chain(session):
            problems.append("audit chain broken")
    return problems, stored, counts


def same(key: str, a, b) -> bool:
    if key.startswith("score:") and a is not None and b is not None:
        return Decimal(a) == Decimal(b)
    return a == b


def restore_synced(workdir: Path, durable: Path) -> dict[str, int]:
    """What a power loss would leave: each database file as of its last fsync (or nothing)."""
    sizes = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        live, synced = workdir / (DB_NAME + suffix), durable / (DB_NAME + suffix)
        if live.exists():
            sizes[f"lost{suffix or '-db'}"] = live.stat().st_size
            live.unlink()
        if synced.exists() and suffix != "-shm":
            shutil.copyfile(synced, live)
    return sizes


def seed_synced(workdir: Path, durable: Path) -> None:
    shutil.rmtree(durable, ignore_errors=True)
    durable.mkdir()
    for suffix in ("", "-wal", "-journal"):
        live = workdir / (DB_NAME + suffix)
        if live.exists():
            shutil.copyfile(live, durable / live.name)


def build_shim(workdir: Path) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        sys.exit("crash_test: --power-loss needs a C compiler (apt-get install gcc)")
    library = workdir / "powerloss.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", "-o", str(library), str(HERE / "powerloss_shim.c")]
        + ["-ldl", "-lpthread"],
        check=True,
    )
    return library


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--power-loss", action="store_true", help="also drop every write not yet fsynced"
    )
    parser.add_argument(
        "--synchronous",
        choices=("OFF", "NORMAL", "FULL", "EXTRA"),
        help="override the app's PRAGMA synchronous in the child (the control experiment)",
    )
    parser.add_argument(
        "--kill-after",
        type=float,
        nargs=2,
        default=(0.05, 3.0),
        metavar=("MIN", "MAX"),
        help="seconds after READY (uniform); default 0.05 3.0",
    )
    parser.add_argument("--summary", type=Path, help="write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed, args.synchronous)
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
    durable = workdir / "durable"
    if args.power_loss:
        env.update(
            LD_PRELOAD=str(build_shim(workdir)),
            TIC_POWERLOSS_DIR=str(durable),
            TIC_POWERLOSS_MATCH=DB_NAME,
        )
        seed_synced(workdir, durable)
    rng = random.Random(args.seed)
    acknowledged: dict[str, object] = {}
    _, _, start_counts = read_state(workdir)
    acked_counts: Counter[str] = Counter()  # coi, photo: one row or audit event each
    acked_signed = 0
    total_acks = 0
    per_run: list[int] = []
    kinds: Counter[str] = Counter()
    killed_during: Counter[str] = Counter()
    ready_times: list[float] = []
    notes: Counter[str] = Counter()
    mode = "?"
    started = time.monotonic()
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(workdir)]
    if args.synchronous:
        command += ["--synchronous", args.synchronous]
    for run in range(args.runs):
        tried_after: dict[str, list] = {}
        stderr_file = workdir / "child-stderr.txt"
        with stderr_file.open("wb") as stderr:
            # Its own process group: the kill takes the window's worker processes too, as a
            # power cut would (a surviving worker would also hold the output pipe open).
            child_process = subprocess.Popen(
                [*command, "--seed", str(args.seed * 1000 + run)],
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=env,
                start_new_session=True,
            )
        launched = time.monotonic()
        fd = child_process.stdout.fileno()
        os.set_blocking(fd, False)
        chunks: list[bytes] = []
        deadline = None
        while child_process.poll() is None:
            time.sleep(0.002)
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                chunk = b""
            if chunk:
                chunks.append(chunk)
                if deadline is None and b"READY\t" in b"".join(chunks[-2:]):
                    ready_times.append(time.monotonic() - launched)
                    deadline = time.monotonic() + rng.uniform(*args.kill_after)
            if deadline is not None and time.monotonic() >= deadline:
                break
            if deadline is None and time.monotonic() - launched > 120:
                break
        exited_by_itself = child_process.poll()
        try:
            os.killpg(child_process.pid, signal.SIGKILL)  # the group this script started
        except ProcessLookupError:
            pass  # the child and its workers are gone already
        child_process.wait()
        drain_until = time.monotonic() + 5
        while time.monotonic() < drain_until:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            if not chunk:
                break
            chunks.append(chunk)
        child_process.stdout.close()
        if deadline is None or exited_by_itself is not None:
            what = "ended by itself" if deadline is not None else "never became ready"
            print(f"run {run + 1}: the window {what} (exit status {exited_by_itself})")
            print(stderr_file.read_text(errors="replace")[-3000:])
            print(f"work folder kept: {workdir}")
            return 1
        run_acks = 0
        last_try = None
        # A line cut off by the kill was never acknowledged.
        for line in b"".join(chunks).decode(errors="replace").split("\n")[:-1]:
            parts = line.split("\t", 2)
            if len(parts) != 3:
                continue
            tag, key, value = parts
            if tag == "READY":
                mode = json.loads(value)
                continue
            if tag in ("INFO", "SKIPPED", "NOACK"):
                notes[f"{tag} {key}: {json.loads(value)}"[:120]] += 1
                if tag == "INFO" and key == "sign":
                    last_try = "signing" if json.loads(value) == "signing" else None
                continue
            value = json.loads(value)
            if tag == "TRY":
                tried_after.setdefault(key, []).append(value)
                last_try = key
            elif tag == "ACK":
                run_acks += 1
                kinds[audit_kind_of(key)] += 1
                if key in ("coi", "photo"):
                    acked_counts[key] += 1
                elif key == "signed":
                    acked_signed = max(acked_signed, value)
                else:
                    acknowledged[key] = value
                    tried_after.pop(key, None)
                if key == last_try or (key == "signed" and last_try == "signing"):
                    last_try = None
        killed_during[audit_kind_of(last_try) if last_try else "between edits"] += 1
        total_acks += run_acks
        per_run.append(run_acks)
        lost_bytes = restore_synced(workdir, durable) if args.power_loss else {}
        problems, stored, counts = read_state(workdir)
        for key, value in acknowledged.items():
            found = stored.get(key)
            allowed = [value, *tried_after.get(key, [])]
            if not any(same(key, found, a) for a in allowed):
                shown = json.dumps(value, ensure_ascii=False)[:80]
                problems.append(f"{key}: acknowledged {shown}, found {found!r}"[:240])
        if counts:
            if counts["audit"] < start_counts["audit"] + total_acks:
                problems.append(
                    f"audit log: {counts['audit'] - start_counts['audit']} events for"
                    f" {total_acks} acknowledged edits"
                )
            if counts["photo"] < start_counts["photo"] + acked_counts["photo"]:
                problems.append(f"photos: {counts['photo']} stored, {acked_counts['photo']} acked")
            if acked_counts["coi"] and counts["coi"] < 1:
                problems.append("conflict-of-interest certification lost")
            if counts["signed"] < acked_signed:
                problems.append(
                    f"signed revision {acked_signed} acknowledged, {counts['signed']} recorded"
                )
        # A value committed just before the kill (tried, never acknowledged) is now the baseline.
        for key in set(acknowledged) | set(tried_after):
            if key in stored:
                acknowledged[key] = stored[key]
        acked_signed = max(acked_signed, counts.get("signed", 0))
        if problems:
            print(f"run {run + 1}: FAILED ({run_acks} edits acknowledged in this run)")
            print(*problems[:20], sep="\n  ", end="")
            if len(problems) > 20:
                print(f"\n  … and {len(problems) - 20} more", end="")
            print(f"\nsynchronous={mode}, power loss simulated: {args.power_loss} {lost_bytes}")
            print(f"work folder kept: {workdir}")
            write_summary(
                args,
                mode,
                run + 1,
                total_acks,
                per_run,
                kinds,
                killed_during,
                ready_times,
                notes,
                started,
                failed=problems,
            )
            return 1
        if args.power_loss:
            seed_synced(workdir, durable)
        print(
            f"run {run + 1}/{args.runs}: ready after {ready_times[-1]:.1f} s, {run_acks} edits"
            f" acknowledged ({total_acks} in all), killed during {last_try or 'a pause'};"
            " all present, integrity ok",
            flush=True,
        )
    write_summary(
        args,
        mode,
        args.runs,
        total_acks,
        per_run,
        kinds,
        killed_during,
        ready_times,
        notes,
        started,
        failed=None,
    )
    print(
        f"kinds acknowledged: {dict(sorted(kinds.items()))}; kills landed during:"
        f" {dict(sorted(killed_during.items()))}"
    )
    print(
        f"per run: min {min(per_run)}, median {statistics.median(per_run):g}, max {max(per_run)};"
        f" synchronous={mode}; power loss simulated: {'yes' if args.power_loss else 'no'}"
    )
    print(
        f"{args.runs} kills after the window was ready, {total_acks} acknowledged edits,"
        " none lost; integrity_check ok; audit chain intact"
    )
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)  # kept on failure, for a look at the database
    return 0


def write_summary(
    args, mode, runs, total, per_run, kinds, killed_during, ready_times, notes, started, failed
) -> None:
    if args.summary is None:
        return
    args.summary.write_text(
        json.dumps(
            {
                "runs": runs,
                "power_loss": args.power_loss,
                "synchronous": mode,
                "synchronous_override": args.synchronous,
                "acknowledged": total,
                "per_run": per_run,
                "kinds": kinds,
                "killed_during": killed_during,
                "ready_s_median": statistics.median(ready_times) if ready_times else None,
                "notes": notes.most_common(20),
                "seconds": round(time.monotonic() - started, 1),
                "failed": failed,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
