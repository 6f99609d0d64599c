"""Receive and aggregate 2,000 returns: 200 panels of 10 experts, each scoring 5 applications on 10
criteria.

    .venv/bin/python benchmarks/aggregate.py                  # ≈ 1–2 min: setup, 1 warm-up
                                                              # + 5 paired rounds, split
    .venv/bin/python benchmarks/aggregate.py --repeat 10 --panels 50
    .venv/bin/python benchmarks/aggregate.py --no-window      # without the returns window (no Qt)
    .venv/bin/python benchmarks/aggregate.py --profile        # cProfile of one warm run, top 30
                                                              # by cumulative time
    .venv/bin/python benchmarks/aggregate.py --json

Goal (issue 6): ``receive_returns`` + ``aggregate`` of the 2,000 files < 3 s on this machine.

Setup (not timed), all in one temporary folder removed at the end (``--keep`` leaves it):

- ``init_workspace`` with a passphrase (one scrypt to unlock the keys);
- a synthetic round written as files and loaded with ``load_round``: 1,000 minimal but valid
  applications, 2,000 experts, 200 panels of 10 members × 5 applications, a 10-criterion rubric
  (10 points each, step 0.5);
- per expert a P-256 key and a certificate from the bureau CA
  (``certificates.issue_expert_certificate``), i.e. what a credential carries, without sealing it
  (scrypt) into a credential file;
- per panel a registry entry ``workspace.register_package(sha, {...})`` with the fields
  ``build_packages`` writes (round, panel, members, member_fingerprints, applications, file,
  built_at); the package hash is the SHA-256 of a stand-in manifest;
- per expert a return made as ``make_return`` makes it: ``making.return_document`` (with stand-ins
  for the opened package and the credential carrying the same fields) → ``jws.sign`` →
  ``age_files.encrypt_to`` the bureau's recipient → ``<panel>-<expert>.ticreturn``. Only opening a
  package is bypassed.

Timed, in one process after one warm-up run of each, in ``--repeat`` rounds that run every side once
in alternation (the order rotated each round, so a change in the machine's load falls on all alike):

- pipeline: ``receive_returns(files, workspace, keys, round_id)`` + ``aggregate(round, received)``;
  every run must accept all files and rank all applications;
- window: what the bureau waits for in the returns window (``ResultsWindow``, offscreen): a new
  window shown, ``add_paths(files)`` (verification and aggregation off the GUI thread), until its
  ``received`` signal, i.e. the inbox table and the ranking filled (``--no-window`` leaves it out);
- bare crypto: the same files with the same cryptography and nothing else: age decryption with the
  bureau's identity (pyrage), the JWS split and its ``x5c`` certificate parsed, the certificate's
  ECDSA signature checked against the bureau CA's key, the token's ES256 signature checked with the
  certificate's key, ``json.loads``, then the same statistics as the plain reference;
- plain reference: the same 2,000 score documents as plain JSON files with a detached ECDSA P-256
  signature each (no encryption, no certificate): read, verify, ``json.loads``, statistics.

Ratios are reported best to best and as the median of the per-round ratios.

Split: one more run with ``time.perf_counter`` wrapped (in place, for that run only) around the
functions the pipeline calls; ``other`` is what is left (reading files, hashing them, the membership
checks):
  decrypt         age_files.decrypt_with (pyrage, X25519)
  jws parse       jws.signer_certificate (header, x5c → X.509)
  chain           certificates.verify_issued_by (CA signature over the certificate, validity,
                  fingerprint)
  jws verify      jws.verify (ES256 signature over the token)
  parse           parse_signed_json (strict JSON)
  schema          ScoreSheet.model_validate (pydantic)
  registry        workspace's package registry look-up (packages.json)
  classify        classify_returns
  statistics      aggregate (recusals, totals, trimmed means, ranks)

The references' statistics: Decimal totals per application, trimmed means, ranks; their final
scores are checked against ``aggregate``'s.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import hashlib
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import base64  # noqa: E402

import pyrage  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature  # noqa: E402

from tic_desktop import aggregation  # noqa: E402
from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace  # noqa: E402
from tic_desktop.domain.loading import load_round  # noqa: E402
from tic_desktop.returns import receiving  # noqa: E402
from tic_desktop.returns.making import return_document  # noqa: E402
from tic_desktop.returns.scoring import ScoreSheet  # noqa: E402
from tic_desktop.security import age_files, certificates, jws  # noqa: E402

PASSPHRASE = "benchmark-bureau-passphrase"
ROUND_ID = "BENCH-2026"
CRITERIA = [f"c{i:02d}" for i in range(1, 11)]


# ------------------------------------------------------------------------------------------------
# setup
# ------------------------------------------------------------------------------------------------
def write_round(folder: Path, panels: int, members: int, apps_per_panel: int) -> Path:
    (folder / "apps").mkdir(parents=True)
    rubric = {
        "id": "bench-rubric",
        "step": "0.5",
        "criteria": [
            {"id": c, "title": f"评分项 {c}", "max": "10", "guidance": ""} for c in CRITERIA
        ],
    }
    (folder / "rubric.json").write_text(json.dumps(rubric, ensure_ascii=False), encoding="utf-8")
    app_files, experts, panel_list = [], [], []
    for p in range(1, panels + 1):
        app_ids = [f"A{p:03d}-{a}" for a in range(1, apps_per_panel + 1)]
        for app_id in app_ids:
            application = {
                "id": app_id,
                "center_name": f"技术创新中心 {app_id}",
                "lead_unit": {"name": f"申报单位 {app_id}", "kind": "enterprise"},
            }
            (folder / "apps" / f"{app_id}.json").write_text(
                json.dumps(application, ensure_ascii=False), encoding="utf-8"
            )
            app_files.append(f"apps/{app_id}.json")
        member_ids = [f"E{p:03d}-{m:02d}" for m in range(1, members + 1)]
        experts += [
            {"id": e, "name": f"专家 {e}", "unit_name": f"专家单位 {e}", "title": "教授"}
            for e in member_ids
        ]
        panel_list.append(
            {
                "id": f"P{p:03d}",
                "members": member_ids,
                "chair": member_ids[0],
                "applications": app_ids,
            }
        )
    spec = {
        "id": ROUND_ID,
        "title": "基准测试评审批次",
        "kind": "establishment",
        "quorum": 5,
        "rubric": "rubric.json",
        "applications": app_files,
        "experts": experts,
        "panels": panel_list,
    }
    path = folder / "round.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


# ScoreSheet.from_json where the tree has it (it is being introduced), model_validate before.
_sheet_from = getattr(ScoreSheet, "from_json", None) or ScoreSheet.model_validate


def random_sheet(rng: random.Random, expert: str, app_ids: list[str]) -> ScoreSheet:
    return _sheet_from(
        {
            "expert": expert,
            "coi": {"certified": True, "declared": []},
            "scores": [
                {
                    "application": a,
                    "criteria": {
                        c: str(Decimal(rng.randint(8, 18)) / 2) for c in CRITERIA
                    },  # 4–9: no reason needed
                    "opinion": "建设方案可行，依托单位基础较好，建议加强产学研合作与成果转化。",
                    "recommend": True,
                }
                for a in app_ids
            ],
        }
    )


def setup(tmp: Path, panels: int, members: int, apps_per_panel: int) -> SimpleNamespace:
    started = time.perf_counter()
    workspace = init_workspace(tmp / "bureau", "基准测试评审局", passphrase=PASSPHRASE)
    keys = workspace.keys(PASSPHRASE)
    review_round = load_round(write_round(tmp / "round", panels, members, apps_per_panel))
    experts = review_round.experts
    rng = random.Random(20261125)
    returns_dir = tmp / "returns"
    plain_dir = tmp / "plain"
    returns_dir.mkdir()
    plain_dir.mkdir()
    files, plain = [], []
    bureau = SimpleNamespace(
        fingerprint=workspace.fingerprint, age_recipient=workspace.age_recipient
    )
    for panel in review_round.panels:
        manifest_stand_in = json.dumps(
            {"round": review_round.id, "panel": panel.id, "nonce": rng.random()}
        ).encode()
        package_sha256 = hashlib.sha256(manifest_stand_in).hexdigest()
        package = SimpleNamespace(
            manifest=SimpleNamespace(
                round=SimpleNamespace(id=review_round.id), panel_id=panel.id, bureau=bureau
            ),
            package_sha256=package_sha256,
        )
        issued = {}
        for member in panel.members:
            expert = experts[member]
            key, certificate = certificates.issue_expert_certificate(
                keys.ca_key, workspace.ca_certificate, member, expert.name, expert.unit_name
            )
            issued[member] = (key, certificate, certificates.fingerprint(certificate))
        workspace.register_package(
            package_sha256,
            {
                "round": review_round.id,
                "panel": panel.id,
                "members": list(panel.members),
                "member_fingerprints": {m: issued[m][2] for m in panel.members},
                "applications": list(panel.applications),
                "file": f"{panel.id}.ticpkg",
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
        )
        for member in panel.members:
            key, certificate, fp = issued[member]
            credential = SimpleNamespace(expert_id=member, fingerprint=fp)
            document = return_document(
                package, credential, random_sheet(rng, member, list(panel.applications)), 1
            )
            token = jws.sign(document, key, certificate)
            sealed = age_files.encrypt_to(token, [workspace.age_recipient])
            target = returns_dir / f"{panel.id}-{member}.ticreturn"
            target.write_bytes(sealed)
            files.append(target)
            signature = key.sign(document, ec.ECDSA(hashes.SHA256()))
            plain_file = plain_dir / f"{panel.id}-{member}.json"
            plain_file.write_bytes(document)
            plain.append((plain_file, signature, certificate.public_key()))
    return SimpleNamespace(
        round_file=tmp / "round" / "round.json",
        ca_public_key=workspace.ca_certificate.public_key(),
        workspace_dir=workspace.folder,
        keys=keys,
        round=review_round,
        files=files,
        plain=plain,
        seconds=time.perf_counter() - started,
    )


# ------------------------------------------------------------------------------------------------
# measurements
# ------------------------------------------------------------------------------------------------
def pipeline(ctx: SimpleNamespace) -> tuple[list, list]:
    workspace = BureauWorkspace(ctx.workspace_dir)
    received = receiving.receive_returns(ctx.files, workspace, ctx.keys, ctx.round)
    results = aggregation.aggregate(ctx.round, received)
    return received, results


def check(ctx: SimpleNamespace, received: list, results: list) -> None:
    statuses = {r.status for r in received}
    if statuses != {"accepted"} or len(received) != len(ctx.files):
        bad = next(r for r in received if r.status != "accepted")
        raise SystemExit(
            f"not all returns accepted: {bad.file.name} {bad.status} {bad.reason} {bad.detail}"
        )
    if any(r.rank is None or r.valid != len(ctx.round.panels[0].members) for r in results):
        raise SystemExit("an application was not ranked with every expert's total")


def _unb64url(part: bytes) -> bytes:
    return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))


def bare_crypto(ctx: SimpleNamespace) -> list[tuple[str, Decimal, int]]:
    """The same files, the same cryptography, nothing else: decrypt, chain, ES256, json,
    statistics."""
    documents = []
    algorithm = ec.ECDSA(hashes.SHA256())
    identity, ca_key = ctx.keys.identity, ctx.ca_public_key
    for path in ctx.files:
        token = pyrage.decrypt(path.read_bytes(), [identity])
        header_b64, payload_b64, signature_b64 = token.split(b".")
        header = json.loads(_unb64url(header_b64))
        certificate = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))
        ca_key.verify(
            certificate.signature,
            certificate.tbs_certificate_bytes,
            ec.ECDSA(certificate.signature_hash_algorithm),
        )
        signature = _unb64url(signature_b64)
        der = encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        )
        certificate.public_key().verify(der, header_b64 + b"." + payload_b64, algorithm)
        documents.append(json.loads(_unb64url(payload_b64)))
    return statistics_of(documents)


def reference(ctx: SimpleNamespace) -> list[tuple[str, Decimal, int]]:
    """Plain: read, ECDSA P-256 verify, json.loads, Decimal totals, trimmed means, ranks."""
    documents = []
    algorithm = ec.ECDSA(hashes.SHA256())
    for path, signature, public_key in ctx.plain:
        data = path.read_bytes()
        public_key.verify(signature, data, algorithm)
        documents.append(json.loads(data))
    return statistics_of(documents)


def statistics_of(documents: list[dict]) -> list[tuple[str, Decimal, int]]:
    totals: dict[str, list[Decimal]] = defaultdict(list)
    for document in documents:
        for entry in document["scores"]:
            totals[entry["application"]].append(
                sum((Decimal(v) for v in entry["criteria"].values()), Decimal(0))
            )
    finals = []
    for app_id, values in totals.items():
        trimmed = sorted(values)[1:-1] if len(values) >= 5 else values
        finals.append((app_id, sum(trimmed, Decimal(0)) / len(trimmed)))
    finals.sort(key=lambda item: item[1], reverse=True)
    ranked, previous = [], None
    for position, (app_id, final) in enumerate(finals, start=1):
        rank = previous[2] if previous is not None and previous[1] == final else position
        previous = (app_id, final, rank)
        ranked.append(previous)
    return ranked


class ReturnsWindowImport:
    """The bureau's returns window, offscreen: a new window per run, all files added at once."""

    def __init__(self, ctx: SimpleNamespace) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from tic_desktop.review import evaluate_round

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.review = evaluate_round(ctx.round_file)
        self.ctx = ctx

    def __call__(self) -> list:
        from PySide6.QtCore import QEventLoop, QTimer

        from tic_desktop.gui.results_window import ResultsWindow

        window = ResultsWindow(self.review, BureauWorkspace(self.ctx.workspace_dir), self.ctx.keys)
        window.show()
        got: dict[str, list] = {}
        loop = QEventLoop()
        window.received.connect(lambda items: (got.setdefault("items", items), loop.quit()))
        QTimer.singleShot(600_000, loop.quit)
        window.add_paths(list(self.ctx.files))
        loop.exec()
        self.app.processEvents()  # the filled tables painted
        results = window.results
        window.close()
        window.deleteLater()
        self.app.processEvents()
        check(self.ctx, got.get("items", []), results)
        return results


# (label, module or class that defines it, attribute or alternatives a|b). Functions are timed
# wherever a tic_desktop module has bound them (``from x import f`` included), so the split follows
# code that moves.
PHASES = [
    ("decrypt", "tic_desktop.security.age_files", "decrypt_with"),
    ("jws parse", "tic_desktop.security.jws", "signer_certificate"),
    ("chain", "tic_desktop.security.certificates", "verify_issued_by"),
    ("jws verify", "tic_desktop.security.jws", "verify"),
    ("parse", "tic_desktop.packages.opening", "parse_signed_json"),
    ("registry", "tic_desktop.bureau.workspace:BureauWorkspace", "registry"),
    ("classify", "tic_desktop.returns.receiving", "classify_returns"),
    ("schema", "tic_desktop.returns.scoring:ScoreSheet", "from_json|model_validate"),
    ("statistics", "tic_desktop.aggregation", "aggregate"),
]


def _owner(where: str):
    import importlib

    module_name, _, class_name = where.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name) if class_name else module


def split(ctx: SimpleNamespace) -> dict[str, float]:
    """One run with perf_counter wrapped around the phases (restored afterwards)."""
    spent: dict[str, float] = defaultdict(float)
    patched: list[tuple[object, str, object, bool]] = []  # owner, name, original, had own

    def timed(name, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0

        return wrapper

    missing = []
    for name, where, attribute in PHASES:
        try:
            owner = _owner(where)
        except (ImportError, AttributeError):
            missing.append(name)
            continue
        found = [a for a in attribute.split("|") if hasattr(owner, a)]
        if not found:
            missing.append(name)
            continue
        attribute = found[0]
        original = getattr(owner, attribute)
        if isinstance(owner, type):
            targets = [owner]
        else:
            targets = [
                module
                for module in list(sys.modules.values())
                if getattr(module, "__name__", "").startswith("tic_desktop")
                and vars(module).get(attribute) is original
            ]
        wrapped = timed(name, original)
        for target in targets:
            patched.append(
                (target, attribute, vars(target).get(attribute), attribute in vars(target))
            )
            setattr(target, attribute, wrapped)
    try:
        t0 = time.perf_counter()
        received, results = pipeline(ctx)
        total = time.perf_counter() - t0
    finally:
        for target, attribute, original, had_own in reversed(patched):
            if had_own:
                setattr(target, attribute, original)
            else:
                delattr(target, attribute)
    check(ctx, received, results)
    named = sum(spent.values())
    spent["other"] = total - named
    spent["total (instrumented run)"] = total
    for name in missing:
        spent[f"{name} (not found, not timed)"] = 0.0
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--panels", type=int, default=200)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--apps", type=int, default=5, help="applications per panel")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--no-window", action="store_true", help="leave out the returns window (no Qt)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--tmp", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tic-aggregate-bench-", dir=args.tmp))
    try:
        ctx = setup(tmp, args.panels, args.members, args.apps)
        n = len(ctx.files)
        print(
            f"setup: {n} returns, {len(ctx.round.applications)} applications, {ctx.seconds:.1f} s "
            f"(returns {sum(f.stat().st_size for f in ctx.files) / n:.0f} bytes each)",
            file=sys.stderr,
        )

        def run_pipeline():
            received, results = pipeline(ctx)
            check(ctx, received, results)
            return results

        sides = {"pipeline": run_pipeline}
        if not args.no_window:
            sides["window"] = ReturnsWindowImport(ctx)
        sides["bare crypto"] = lambda: bare_crypto(ctx)
        sides["plain reference"] = lambda: reference(ctx)
        outputs = {name: side() for name, side in sides.items()}  # warm-up
        times: dict[str, list[float]] = {name: [] for name in sides}
        names = list(sides)
        for round_number in range(args.repeat):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                t0 = time.perf_counter()
                outputs[name] = sides[name]()
                times[name].append(time.perf_counter() - t0)
        ours = {r.application_id: r.final for r in outputs["pipeline"]}
        for name in ("bare crypto", "plain reference"):
            if any(ours[app_id] != final for app_id, final, _ in outputs[name]):
                raise SystemExit(f"the {name} computed different final scores")
        runs, reference_runs, bare_runs = (
            times["pipeline"],
            times["plain reference"],
            times["bare crypto"],
        )

        def paired(a: str, b: str) -> float:
            return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))

        phases = split(ctx)

        best, median = min(runs), statistics.median(runs)
        ref_best = min(reference_runs)
        bare_best = min(bare_runs)
        window_runs = times.get("window", [])
        report = {
            "paired_rounds": args.repeat,
            "bare_crypto_runs_s": [round(r, 4) for r in bare_runs],
            "bare_crypto_best_s": round(bare_best, 4),
            "ratio_bare_best": round(best / bare_best, 2),
            "ratio_bare_paired": round(paired("pipeline", "bare crypto"), 2),
            "ratio_plain_paired": round(paired("pipeline", "plain reference"), 2),
            "window_runs_s": [round(r, 4) for r in window_runs],
            "window_median_s": round(statistics.median(window_runs), 4) if window_runs else None,
            "ratio_window_bare_paired": (
                round(paired("window", "bare crypto"), 2) if window_runs else None
            ),
            "returns": n,
            "applications": len(ctx.round.applications),
            "runs_s": [round(r, 4) for r in runs],
            "best_s": round(best, 4),
            "median_s": round(median, 4),
            "reference_runs_s": [round(r, 4) for r in reference_runs],
            "reference_best_s": round(ref_best, 4),
            "ratio_best": round(best / ref_best, 2),
            "ratio_median": round(median / statistics.median(reference_runs), 2),
            "goal_s": 3.0,
            "met": median < 3.0 and (not window_runs or statistics.median(window_runs) < 3.0),
            "split_s": {k: round(v, 4) for k, v in phases.items()},
            "machine": (
                f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
            ),
            "load_average": os.getloadavg(),
        }
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            print(
                f"receive_returns + aggregate, {n} returns: "
                f"best {best:.3f} s, median {median:.3f} s "
                f"(runs {', '.join(f'{r:.3f}' for r in runs)}); "
                f"goal < 3 s: {'met' if report['met'] else 'MISSED'}"
            )
            if window_runs:
                print(
                    f"returns window (new window, add_paths, until the tables are filled): median "
                    f"{report['window_median_s']:.3f} s "
                    f"(runs {', '.join(f'{r:.3f}' for r in window_runs)}); "
                    f"{report['ratio_window_bare_paired']:.2f}x bare crypto "
                    "(median of the paired ratios)"
                )
            print(
                "bare crypto (age decrypt + certificate ECDSA + ES256 + json.loads + statistics): "
                f"best {bare_best:.3f} s, median {statistics.median(bare_runs):.3f} s; "
                "pipeline / bare: "
                f"{best / bare_best:.2f}x best to best, {report['ratio_bare_paired']:.2f}x paired"
            )
            print(
                "plain reference (read + ECDSA P-256 verify + json.loads + statistics): "
                f"best {ref_best:.3f} s, median {statistics.median(reference_runs):.3f} s; "
                f"ratio {best / ref_best:.2f}x best to best, "
                f"{report['ratio_plain_paired']:.2f}x paired"
            )
            print("split (one more run with timers around the phases):")
            for name, seconds in phases.items():
                print(f"  {name:<30} {seconds * 1000:8.1f} ms  {seconds / n * 1e6:7.1f} µs/return")
            print(f"load average {report['load_average']}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            pipeline(ctx)
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
