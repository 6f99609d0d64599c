"""Fuzz loading rounds and applications: read_json, validate, load_round, and what follows a load.

Round and application files come from applicants and bureau staff (hand-edited JSON, Excel
exports), so every byte is untrusted. Three modes (the input's first byte):

0. an application file: ``load_application`` (``tic eligibility``), then the formal review
   (``evaluate``) and its JSON and table output in both languages.
1. a round file, next to the demo rubric and applications: ``load_round`` (``tic panel-check``),
   then the panel conflict checks and their output, and aggregation with no returns.
2. a rubric file under the demo round: ``load_round`` again, then ``aggregate`` with no returns.

Run: see docs/fuzzing.md.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_common import run_fuzzer, scratch_folder

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


class RoundTarget:
    modes = 3

    def __init__(self, material=None) -> None:
        from tic_desktop.domain import loading  # noqa: F401  (imported here: instrumented in fuzz runs)

        self.folder = scratch_folder("round")
        # round folder with the fuzzed round.json: the demo rubric and applications next to it
        self.round_dir = self.folder / "round"
        self.round_dir.mkdir()
        (self.round_dir / "apps").symlink_to(DEMO / "apps", target_is_directory=True)
        shutil.copy(DEMO / "rubric.json", self.round_dir / "rubric.json")
        # round folder with the fuzzed rubric.json: the demo round and applications next to it
        self.rubric_dir = self.folder / "rubric"
        self.rubric_dir.mkdir()
        (self.rubric_dir / "apps").symlink_to(DEMO / "apps", target_is_directory=True)
        shutil.copy(DEMO / "round.json", self.rubric_dir / "round.json")
        self.application_file = self.folder / "application.json"

    def seeds(self) -> list[bytes]:
        seeds = [b"\x00" + path.read_bytes() for path in sorted((DEMO / "apps").glob("*.json"))]
        return seeds + [
            b"\x01" + (DEMO / "round.json").read_bytes(),
            b"\x02" + (DEMO / "rubric.json").read_bytes(),
        ]

    def harness(self, data: bytes) -> None:
        mode, body = (data[0] % self.modes, data[1:]) if data else (0, b"")
        if mode == 0:
            self._application(body)
        elif mode == 1:
            (self.round_dir / "round.json").write_bytes(body)
            self._round(self.round_dir / "round.json")
        else:
            (self.rubric_dir / "rubric.json").write_bytes(body)
            self._round(self.rubric_dir / "round.json")

    def _application(self, body: bytes) -> None:
        from tic_desktop.domain.loading import load_application
        from tic_desktop.rules.conflicts import committee_checks
        from tic_desktop.rules.display import shown_value
        from tic_desktop.rules.eligibility import evaluate

        self.application_file.write_bytes(body)
        application = load_application(self.application_file)
        report = evaluate(application)
        for lang in ("zh", "en"):
            report.as_json(lang)
            for check in report.checks:
                shown_value(check.id, check.value, lang)
                shown_value(check.id, check.threshold, lang)
                check.message(lang)
        committee_checks(application)

    def _round(self, path: Path) -> None:
        from tic_desktop.aggregation import aggregate, round_method
        from tic_desktop.domain.loading import load_round
        from tic_desktop.rules.conflicts import round_panel_conflicts

        review_round = load_round(path)
        for result in round_panel_conflicts(review_round):
            result.as_json("zh")
            result.as_json("en")
        for result in aggregate(review_round, [], round_method(review_round)):
            result.as_json(review_round.spec.kind == "performance")


def make_target(material=None) -> RoundTarget:
    return RoundTarget(material)


if __name__ == "__main__":
    run_fuzzer(
        "round and application",
        make_target,
        [
            "tic_desktop.domain.jsonfile",
            "tic_desktop.domain.loading",
            "tic_desktop.domain.application",
            "tic_desktop.domain.round",
            "tic_desktop.domain.rubric",
            "tic_desktop.domain.decimals",
            "tic_desktop.rules.eligibility",
            "tic_desktop.rules.conflicts",
            "tic_desktop.rules.units",
            "tic_desktop.rules.uscc",
            "tic_desktop.rules.boundaries",
            "tic_desktop.rules.display",
            "tic_desktop.rules.results",
            "tic_desktop.aggregation",
        ],
    )
