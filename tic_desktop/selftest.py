"""A self-test of an installed or frozen app: the whole chain once, on the demo round, in a temp
folder.

Open the demo round → bureau keys → build and open a package → unlock a member → make a signed,
encrypted return → receive and verify it → aggregate → draw, sign and verify an opinion PDF.
Nothing touches the user's data: keys use a throwaway passphrase (never the OS keyring) and the
database lives in the temp folder.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from tic_desktop.aggregation import aggregate
from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace, init_workspace
from tic_desktop.domain.jsonfile import read_json
from tic_desktop.packages.build import BuiltPackage, build_packages
from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.opening import OpenedPackage, open_package
from tic_desktop.paths import demo_round_file
from tic_desktop.reports.opinion_pdfs import write_opinion_pdfs
from tic_desktop.returns.making import make_return
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.returns.scoring import ScoreSheet, parse_score_sheet
from tic_desktop.review import EvaluatedRound, evaluate_round
from tic_desktop.signing.pdf_verification import verify_pdf
from tic_desktop.storage import open_database

PANEL, EXPERT = "P1", "E02"
_THROWAWAY = "self-test passphrase, used once and thrown away"


@dataclass(frozen=True)
class Step:
    name: str
    ok: bool
    seconds: float
    detail: str = ""


class SelfTestFailed(Exception):
    pass


class _State(TypedDict, total=False):
    """What one step leaves for the next ones (a key is there once its step has run)."""

    review: EvaluatedRound
    workspace: BureauWorkspace
    keys: BureauKeys
    package: BuiltPackage
    passphrase: str
    opened: OpenedPackage
    credential: Credential
    sheet: ScoreSheet


def run_selftest(report: Callable[[Step], None] = lambda step: None) -> list[Step]:
    """Run every step; raises SelfTestFailed naming the first step that went wrong."""
    steps: list[Step] = []

    def step(name: str, check: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = check()
        except Exception as error:  # any failure is the finding: report it with its step
            done = Step(
                name, False, time.perf_counter() - started, f"{type(error).__name__}: {error}"
            )
            steps.append(done)
            report(done)
            raise SelfTestFailed(f"{name}: {done.detail}") from error
        done = Step(name, True, time.perf_counter() - started, detail)
        steps.append(done)
        report(done)

    with tempfile.TemporaryDirectory(prefix="tic-selftest-") as scratch:
        base = Path(scratch)
        state: _State = {}

        def open_round() -> str:
            state["review"] = evaluate_round(demo_round_file())
            said = next(iter(state["review"].reports.values())).checks[0].message("zh")
            if not any("\u4e00" <= character <= "\u9fff" for character in said):
                raise SelfTestFailed(f"the rules speak no Chinese (the catalogue?): {said}")
            return f"{len(state['review'].round.applications)} applications"

        def bureau() -> str:
            state["workspace"] = init_workspace(base / "bureau", passphrase=_THROWAWAY)
            state["keys"] = state["workspace"].keys(_THROWAWAY)
            return state["workspace"].fingerprint[:16]

        def build() -> str:
            built, credentials = build_packages(
                state["review"], state["workspace"], state["keys"], base / "packages", [PANEL]
            )
            passphrase = credentials[EXPERT].passphrase
            if passphrase is None:  # a freshly issued credential always carries it
                raise SelfTestFailed(f"the credential issued to {EXPERT} has no passphrase")
            state["package"], state["passphrase"] = built[0], passphrase
            return f"{built[0].file.name} {built[0].file.stat().st_size} bytes"

        def open_and_unlock() -> str:
            package = open_package(state["package"].file, {state["workspace"].fingerprint})
            state["opened"] = package
            state["credential"] = package.unlock(EXPERT, state["passphrase"])
            return f"{len(package.manifest.applications)} applications for {EXPERT}"

        def make() -> str:
            sheet_path = demo_round_file().parent / f"scores-{EXPERT}.example.json"
            sheet = parse_score_sheet(read_json(sheet_path), str(sheet_path))
            state["sheet"] = sheet
            with open_database(base / "expert.sqlite3") as database:
                made = make_return(
                    state["opened"],
                    state["credential"],
                    sheet,
                    base / "E02.ticreturn",
                    database,
                    str(sheet_path),
                )
            return f"revision {made.revision}"

        def receive() -> str:
            items = receive_returns(
                [base / "E02.ticreturn"],
                state["workspace"],
                state["keys"],
                state["review"].round,
            )
            if [i.status for i in items] != ["accepted"]:
                raise SelfTestFailed(f"return not accepted: {items[0].status} {items[0].reason}")
            results = aggregate(state["review"].round, items)
            scored = [r for r in results if r.valid]
            return f"accepted; {len(scored)} applications scored"

        def pdf() -> str:
            written = write_opinion_pdfs(
                state["opened"].manifest, state["credential"], state["sheet"], base / "pdfs"
            ).written
            reports = verify_pdf(written[0].read_bytes(), state["workspace"].ca_pem)
            if not reports or not all(r.valid for r in reports):
                raise SelfTestFailed("the signed opinion PDF does not verify")
            return f"{len(written)} signed PDFs verified"

        try:
            step("open the demo round", open_round)
            step("create bureau keys", bureau)
            step("build a package", build)
            step("open the package and unlock a member", open_and_unlock)
            step("make a signed, encrypted return", make)
            step("verify the return and aggregate", receive)
            step("draw, sign and verify an opinion PDF", pdf)
        finally:
            if "opened" in state:
                state["opened"].close()
    return steps
