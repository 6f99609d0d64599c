"""Package performance against references measured in the same run.

    .venv/bin/python benchmarks/packages.py            # full run: ~1 GB of materials
                                                       # (5 × 200 MB), ~3 GB of /tmp
    .venv/bin/python benchmarks/packages.py --quick    # 1/10 sizes (5 × 20 MB)
    .venv/bin/python benchmarks/packages.py --size-mb 500

(a) open_package (signature check + manifest parse) of the big package vs a ~1 MB one
(b) one attachment decrypted to memory by OpenedPackage.read_member vs bare pyrage.decrypt_io
    on the same member bytes, and vs ``age -d``
(c) build_packages of the big round (credentials already issued) vs ``age -e`` on the same bytes
    to the same recipients
(d) the peak RSS of each, every measurement in a fresh subprocess (VmHWM, reset with
    /proc/self/clear_refs after imports and setup, so scrypt and imports are not counted)

The sides of each comparison run in alternation (ours, reference, ours, reference, …, the order
rotated every round), so that a change in the machine's load falls on both alike; besides best to
best, the median of the per-round ratios is reported.

Everything lives in one temporary folder that is removed at the end (``--keep`` leaves it).
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MiB = 2**20
ATTACHMENTS = 5  # random attachments given to panel P1's applications
SMALL_TOTAL = 1 * MiB  # the reference package's materials
PASSPHRASE = "benchmark-bureau-passphrase"
ROUND_APPS = ["LC-2026-001", "LC-2026-002", "LC-2026-003", "LC-2026-004"]  # panel P1


# --------------------------------------------------------------------------------------------
# memory helpers (Linux)
# --------------------------------------------------------------------------------------------
def _status(field: str) -> int:
    """A /proc/self/status field in bytes (VmRSS, VmHWM)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS, so setup (imports, scrypt) does not count."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


# --------------------------------------------------------------------------------------------
# children: each measurement runs in a fresh interpreter and prints one JSON line
# --------------------------------------------------------------------------------------------
def child_open(args: dict) -> dict:
    from tic_desktop.packages.opening import open_package

    file, fingerprint = Path(args["file"]), args["fingerprint"]
    _reset_peak()
    baseline = _status("VmRSS")
    times = []
    for _ in range(args["repeat"]):
        start = time.perf_counter()
        package = open_package(file, {fingerprint})
        times.append(time.perf_counter() - start)
        package.close()
    return {
        "cold": times[0],
        "warm": min(times[1:] or times),
        "baseline": baseline,
        "peak": _status("VmHWM"),
    }


def child_read_member(args: dict) -> dict:
    from tic_desktop.packages.credentials import Credential
    from tic_desktop.packages.opening import open_package

    credential = Credential.from_json(Path(args["credential"]).read_text(encoding="utf-8"))
    package = open_package(Path(args["file"]), {args["fingerprint"]})
    member = next(
        a.file
        for e in package.manifest.applications
        for a in e.attachments
        if a.file.path == args["member"]
    )
    _reset_peak()
    baseline = _status("VmRSS")
    start, cpu = time.perf_counter(), time.thread_time()
    plaintext = package.read_member(member, credential)
    elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
    peak = _status("VmHWM")
    package.close()
    return {
        "time": elapsed,
        "cpu": cpu,
        "baseline": baseline,
        "peak": peak,
        "plaintext": len(plaintext),
        "type": type(plaintext).__name__,
    }


def child_pyrage_decrypt(args: dict) -> dict:
    import io

    import pyrage
    from pyrage import x25519

    identity = x25519.Identity.from_str(Path(args["identity"]).read_text().strip())
    _reset_peak()
    baseline = _status("VmRSS")
    with open(args["member_file"], "rb") as source:
        sink = io.BytesIO()
        start, cpu = time.perf_counter(), time.thread_time()
        pyrage.decrypt_io(source, sink, [identity])
        elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
    return {
        "time": elapsed,
        "cpu": cpu,
        "baseline": baseline,
        "peak": _status("VmHWM"),
        "plaintext": sink.tell(),
    }


def child_build(args: dict) -> dict:
    from tic_desktop.bureau.workspace import BureauWorkspace
    from tic_desktop.packages.build import build_packages
    from tic_desktop.review import evaluate_round

    workspace = BureauWorkspace(Path(args["bureau"]))
    keys = workspace.keys(args["passphrase"])  # scrypt: before the peak is reset
    out_dir = Path(args["out"])
    _reset_peak()
    baseline = _status("VmRSS")
    start, cpu = time.perf_counter(), time.thread_time()
    review = evaluate_round(Path(args["round"]))
    built, credentials = build_packages(review, workspace, keys, out_dir, panel_ids=["P1"])
    elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
    assert all(c.passphrase is None for c in credentials.values()), (
        "credentials were issued during the timing"
    )
    return {
        "time": elapsed,
        "cpu": cpu,
        "baseline": baseline,
        "peak": _status("VmHWM"),
        "package_bytes": built[0].file.stat().st_size,
    }


def child_age(args: dict) -> dict:
    """Run ``age`` commands one after the other; ru_maxrss of the children is their peak."""
    import resource

    start = time.perf_counter()
    for command in args["commands"]:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    outputs = args.get("fsync", [])
    for output in outputs:  # same durability as PackageWriter.commit, which fsyncs the package
        with open(output, "rb+") as handle:
            os.fsync(handle.fileno())
    elapsed = time.perf_counter() - start
    for output in args.get("remove", []):
        Path(output).unlink(missing_ok=True)
    return {"time": elapsed, "peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}


def child_pyrage_encrypt(args: dict) -> dict:
    """Bare pyrage.encrypt_io, file to file, on the same sources and recipients as the age
    commands."""
    import pyrage
    from pyrage import x25519

    _reset_peak()
    baseline = _status("VmRSS")
    start = time.perf_counter()
    for source, recipients, output in args["jobs"]:
        with open(source, "rb") as reader, open(output, "wb") as writer:
            pyrage.encrypt_io(reader, writer, [x25519.Recipient.from_str(r) for r in recipients])
    elapsed = time.perf_counter() - start
    for _, _, output in args["jobs"]:
        Path(output).unlink(missing_ok=True)
    return {"time": elapsed, "baseline": baseline, "peak": _status("VmHWM")}


CHILDREN = {
    "pyrage_encrypt": child_pyrage_encrypt,
    "open": child_open,
    "read_member": child_read_member,
    "pyrage_decrypt": child_pyrage_decrypt,
    "build": child_build,
    "age": child_age,
}


def alternate(jobs: dict[str, tuple[str, dict]], rounds: int) -> dict[str, list[dict]]:
    """Each job once per round, in turn (A B C, B C A, C A B, …): paired, in alternation."""
    results: dict[str, list[dict]] = {name: [] for name in jobs}
    names = list(jobs)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            child, args = jobs[name]
            results[name].append(run_child(child, args))
    return results


def paired_ratio(ours: list[dict], reference: list[dict], key: str = "time") -> float:
    """The median of the per-round ratios ours / reference."""
    return statistics.median(a[key] / b[key] for a, b in zip(ours, reference, strict=True))


def run_child(name: str, args: dict) -> dict:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", name, json.dumps(args)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"child {name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# setup: a synthetic round, a bureau, credentials
# --------------------------------------------------------------------------------------------
def write_random(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        left = size
        while left:
            chunk = os.urandom(min(left, 16 * MiB))
            handle.write(chunk)
            left -= len(chunk)


def make_round(folder: Path, total: int) -> list[tuple[str, Path]]:
    """The demo round with ATTACHMENTS random files of total/ATTACHMENTS bytes on P1's
    applications."""
    shutil.copytree(ROOT / "resources" / "demo", folder)
    each = total // ATTACHMENTS
    added = []
    for index in range(ATTACHMENTS):
        app_id = ROUND_APPS[index % len(ROUND_APPS)]
        app_file = folder / "apps" / f"{app_id}.json"
        data = json.loads(app_file.read_text(encoding="utf-8"))
        name = f"{app_id}/materials-{index + 1}.bin"
        write_random(folder / "apps" / name, each)
        data["attachments"].append({"title": f"补充材料 {index + 1}", "file": name})
        app_file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        added.append((app_id, folder / "apps" / name))
    return added


def best(values: list[float]) -> float:
    return min(values)


def mb(value: float) -> str:
    return f"{value / MiB:,.0f} MiB" if value >= 10 * MiB else f"{value / MiB:,.1f} MiB"


def secs(value: float) -> str:
    return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size-mb", type=int, default=1000, help="materials of the big round in MiB (default 1000)"
    )
    parser.add_argument("--quick", action="store_true", help="1/10 of --size-mb")
    parser.add_argument(
        "--repeat", type=int, default=3, help="fresh processes per measurement (default 3)"
    )
    parser.add_argument(
        "--tmp", default=None, help="parent folder for the temporary files (default: system temp)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        name, args = options.child
        print(json.dumps(CHILDREN[name](json.loads(args))))
        return 0

    size_mb = options.size_mb // 10 if options.quick else options.size_mb
    total = size_mb * MiB
    age = shutil.which("age")
    if age is None:
        print("the age CLI is required (apt install age)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="tic-bench-", dir=options.tmp))
    try:
        return run(work, total, options.repeat, age)
    finally:
        if options.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, total: int, repeat: int, age: str) -> int:
    import pyrage

    from tic_desktop.bureau.workspace import init_workspace
    from tic_desktop.packages.build import build_packages
    from tic_desktop.packages.opening import open_package
    from tic_desktop.review import evaluate_round

    versions = subprocess.run([age, "--version"], capture_output=True, text=True).stdout.strip()
    print(
        f"Python {sys.version.split()[0]}, "
        f"pyrage {getattr(pyrage, '__version__', _dist_version('pyrage'))}, "
        f"age {versions}, {os.cpu_count()} CPUs; "
        f"big round {mb(total)} in {ATTACHMENTS} attachments; "
        f"best of {repeat} fresh processes (5 for open and decrypt), the sides in alternation\n"
        f"working in {work}\n"
    )

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    step = time.perf_counter()
    make_round(work / "small", SMALL_TOTAL)
    make_round(work / "big", total)
    print(f"setup: synthetic rounds written in {secs(time.perf_counter() - step)}")

    step = time.perf_counter()
    workspace = init_workspace(work / "bureau", "基准测试评审局", PASSPHRASE)
    keys = workspace.keys(PASSPHRASE)
    print(f"setup: bureau initialised in {secs(time.perf_counter() - step)}")

    # Warm-up build of the small round: issues the credentials (scrypt), reported on its own.
    step = time.perf_counter()
    small_review = evaluate_round(work / "small" / "round.json")
    built, credentials = build_packages(
        small_review, workspace, keys, work / "out-small", panel_ids=["P1"]
    )
    issuing = time.perf_counter() - step
    small_package = built[0].file
    print(
        f"setup: warm-up build with credential issuing (scrypt, {len(credentials)} experts) "
        f"{secs(issuing)}"
    )

    # The credential of a scorer of the first application, unlocked here (scrypt stays out of
    # children).
    package = open_package(small_package, {workspace.fingerprint})
    entry = package.manifest.applications[0]
    expert = entry.scorers[0]
    unlocked = package.unlock(expert, credentials[expert].passphrase)
    package.close()
    secret = work / "secret"
    secret.mkdir(mode=0o700)
    credential_file, identity_file = secret / "credential.json", secret / "identity.txt"
    credential_file.write_text(unlocked.to_json(), encoding="utf-8")
    identity_file.write_text(unlocked.age_identity + "\n", encoding="utf-8")
    os.chmod(credential_file, 0o600)
    os.chmod(identity_file, 0o600)

    results: dict[str, dict] = {}
    cheap = max(
        repeat, 5
    )  # decrypting one attachment and opening are cheap: more runs against noise

    # (c) build the big round vs age -e on the same bytes to the same recipients -----------------
    build_args = {
        "bureau": str(workspace.folder),
        "passphrase": PASSPHRASE,
        "round": str(work / "big" / "round.json"),
        "out": str(work / "out-big"),
    }
    run_child("build", build_args)  # the package (a) and (b) use; its timing is left out
    big_package = work / "out-big" / "P1.ticpkg"

    big_review = evaluate_round(work / "big" / "round.json")
    panel = {r.application_id: r for r in big_review.panels if r.panel_id == "P1"}
    commands, outputs, jobs = [], [], []
    age_out = work / "age-out"
    age_out.mkdir()
    for app_id in ROUND_APPS:
        recipients = [credentials[m].age_recipient for m in panel[app_id].scorers]
        app_file = big_review.round.application_files[app_id]
        application = big_review.round.applications[app_id]
        sources = [app_file] + [app_file.parent / a.file for a in application.attachments]
        for number, source in enumerate(sources):
            output = age_out / f"{app_id}-{number}.age"
            commands.append(
                [
                    age,
                    "-e",
                    *[x for r in recipients for x in ("-r", r)],
                    "-o",
                    str(output),
                    str(source),
                ]
            )
            outputs.append(str(output))
            jobs.append((str(source), recipients, str(output)))
    recipient_counts = sorted({len(panel[a].scorers) for a in ROUND_APPS})
    paired = alternate(
        {
            "ours": ("build", build_args),
            "age": ("age", {"commands": commands, "fsync": outputs, "remove": outputs}),
            "age_nosync": ("age", {"commands": commands, "remove": outputs}),
            "pyrage": ("pyrage_encrypt", {"jobs": jobs}),
        },
        repeat,
    )
    builds, age_synced = paired["ours"], paired["age"]
    age_plain, pyrage_enc = paired["age_nosync"], paired["pyrage"]
    results["build"] = {
        "paired_age": paired_ratio(builds, age_synced),
        "paired_pyrage": paired_ratio(builds, pyrage_enc),
        "ours": best([b["time"] for b in builds]),
        "cpu": best([b["cpu"] for b in builds]),
        "age": best([a["time"] for a in age_synced]),
        "age_nosync": best([a["time"] for a in age_plain]),
        "pyrage": best([r["time"] for r in pyrage_enc]),
        "peak": max(b["peak"] for b in builds),
        "baseline": min(b["baseline"] for b in builds),
        "age_peak": max(a["peak"] for a in age_synced + age_plain),
        "package_bytes": builds[0]["package_bytes"],
    }

    # (a) open: big vs small --------------------------------------------------------------------
    opens = {}
    paired = alternate(
        {
            label: ("open", {"file": str(file), "fingerprint": workspace.fingerprint, "repeat": 21})
            for label, file in (("small", small_package), ("big", big_package))
        },
        cheap,
    )
    for label, file in (("small", small_package), ("big", big_package)):
        runs = paired[label]
        opens[label] = {
            "cold": statistics.median(r["cold"] for r in runs),
            "warm": best([r["warm"] for r in runs]),
            "peak": max(r["peak"] for r in runs),
            "bytes": file.stat().st_size,
        }
    opens["paired_warm"] = paired_ratio(paired["big"], paired["small"], "warm")
    results["open"] = opens

    # (b) decrypt one attachment -----------------------------------------------------------------
    package = open_package(big_package, {workspace.fingerprint})
    first = next(e for e in package.manifest.applications if e.id == entry.id)
    member = max(first.attachments, key=lambda a: a.file.size).file
    member_file = work / "member.age"
    with package.container.open_member(member.path) as source, member_file.open("wb") as target:
        shutil.copyfileobj(source, target, 8 * MiB)
    package.close()
    paired = alternate(
        {
            "ours": (
                "read_member",
                {
                    "file": str(big_package),
                    "fingerprint": workspace.fingerprint,
                    "credential": str(credential_file),
                    "member": member.path,
                },
            ),
            "pyrage": (
                "pyrage_decrypt",
                {"identity": str(identity_file), "member_file": str(member_file)},
            ),
            "age": (
                "age",
                {
                    "commands": [
                        [age, "-d", "-i", str(identity_file), "-o", "/dev/null", str(member_file)]
                    ]
                },
            ),
        },
        cheap,
    )
    ours, bare, age_dec = paired["ours"], paired["pyrage"], paired["age"]
    assert all(r["plaintext"] == member.plaintext_size for r in ours + bare)
    results["decrypt"] = {
        "paired_pyrage": paired_ratio(ours, bare),
        "ours": best([r["time"] for r in ours]),
        "pyrage": best([r["time"] for r in bare]),
        "cpu": best([r["cpu"] for r in ours]),
        "pyrage_cpu": best([r["cpu"] for r in bare]),
        "age": best([r["time"] for r in age_dec]),
        "plaintext": member.plaintext_size,
        "peak": max(r["peak"] for r in ours),
        "baseline": min(r["baseline"] for r in ours),
        "pyrage_peak": max(r["peak"] for r in bare),
        "age_peak": max(r["peak"] for r in age_dec),
        "type": ours[0]["type"],
    }
    member_file.unlink()

    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report(results, recipient_counts, issuing, len(credentials))
    return 0


def _dist_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def report(results: dict, recipient_counts: list[int], issuing: float, experts: int) -> None:
    o, d, b = results["open"], results["decrypt"], results["build"]
    LIMIT = 150 * MiB
    rows = []
    ratio_open = o["big"]["warm"] / o["small"]["warm"]
    ratio_cold = o["big"]["cold"] / o["small"]["cold"]
    # "equal within noise": a ratio near 1, or a difference of a few milliseconds
    same = ratio_open < 1.5 or o["big"]["warm"] - o["small"]["warm"] < 0.005
    open_ok = o["big"]["warm"] < 0.5 and o["big"]["cold"] < 0.5 and same
    rows.append(
        (
            "(a) open_package, big / small package",
            f"{mb(o['big']['bytes'])}: warm {secs(o['big']['warm'])}, "
            f"first in process {secs(o['big']['cold'])}; "
            f"{mb(o['small']['bytes'])}: warm {secs(o['small']['warm'])}, "
            f"first {secs(o['small']['cold'])}",
            f"{ratio_open:.2f}× "
            f"(first open {ratio_cold:.2f}×; paired median {o['paired_warm']:.2f}×)",
            "≈1×, < 0.5 s",
            verdict(open_ok),
        )
    )
    ratio_pyrage = d["ours"] / d["pyrage"]
    rows.append(
        (
            f"(b) read_member of {mb(d['plaintext'])} vs pyrage.decrypt_io",
            f"ours {secs(d['ours'])}, pyrage {secs(d['pyrage'])}, age -d {secs(d['age'])}",
            f"{ratio_pyrage:.2f}× pyrage (paired median {d['paired_pyrage']:.2f}×),"
            f" {d['ours'] / d['age']:.2f}× age",
            "≤ 1.1× pyrage",
            verdict(ratio_pyrage <= 1.1),
        )
    )
    ratio_build = b["ours"] / b["age"]
    rows.append(
        (
            f"(c) build_packages P1 ({mb(b['package_bytes'])}) vs age -e, "
            f"{'/'.join(map(str, recipient_counts))} recipients",
            f"ours {secs(b['ours'])}, age -e + fsync {secs(b['age'])} "
            f"(without fsync {secs(b['age_nosync'])}), "
            f"bare pyrage.encrypt_io {secs(b['pyrage'])}",
            f"{ratio_build:.2f}× (paired median {b['paired_age']:.2f}×; "
            f"{b['ours'] / b['age_nosync']:.2f}× without fsync; "
            f"{b['ours'] / b['pyrage']:.2f}× pyrage, "
            f"pyrage itself {b['pyrage'] / b['age_nosync']:.2f}× age)",
            "≤ 1.5×",
            verdict(ratio_build <= 1.5),
        )
    )
    beyond = d["peak"] - d["plaintext"]
    rows.append(
        (
            "(d) peak RSS (VmHWM, whole process)",
            f"open big {mb(o['big']['peak'])}; "
            f"read_member {mb(d['peak'])} = attachment {mb(d['plaintext'])} "
            f"+ {mb(beyond)} (pyrage bare {mb(d['pyrage_peak'])}, age -d {mb(d['age_peak'])}); "
            f"build {mb(b['peak'])} (age -e {mb(b['age_peak'])})",
            f"beyond attachment: {mb(beyond)}",
            "< 150 MiB beyond the attachment",
            verdict(beyond < LIMIT and b["peak"] < LIMIT and o["big"]["peak"] < LIMIT),
        )
    )
    print(
        f"\ncredential issuing (scrypt, {experts} experts) + warm-up build of the small round: "
        f"{secs(issuing)}"
    )
    print(f"read_member returns {d['type']}")
    print(
        "CPU time of the calling thread "
        "(less sensitive to other load; the SHA-256 helper thread is not in it): "
        f"read_member {secs(d['cpu'])} vs pyrage {secs(d['pyrage_cpu'])} "
        f"= {d['cpu'] / d['pyrage_cpu']:.2f}×; "
        f"build {secs(b['cpu'])}\n"
    )
    print("| measurement | figures | ratio | goal | result |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
