"""Replay a corpus (or finding inputs) through a harness without atheris.

    python tools/fuzz/replay.py manifest|return|round SEEDS_DIR INPUT_OR_FOLDER...

Prints how many inputs went through, were refused with a TicError, or are findings (with their
tracebacks). Under coverage.py it measures the line coverage the corpus reaches:

    python -m coverage run --source=tic_desktop tools/fuzz/replay.py round \\
        WORKDIR/seeds WORKDIR/round/corpus
    python -m coverage report
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_common import Findings
from fuzz_seeds import SeedMaterial


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    name, seeds, *inputs = argv
    target = importlib.import_module(f"fuzz_{name}").make_target(SeedMaterial.load(Path(seeds)))
    findings = Findings(None)
    files = [
        p
        for given in map(Path, inputs)
        for p in (sorted(given.iterdir()) if given.is_dir() else [given])
    ]
    for path in files:
        findings.run(target.harness, path.read_bytes())
    passed = (
        findings.inputs - findings.accepted_errors - sum(f["count"] for f in findings.seen.values())
    )
    print(
        f"{findings.inputs} inputs: {passed} went through, "
        f"{findings.accepted_errors} refused with a TicError, "
        f"{len(findings.seen)} distinct findings"
    )
    for finding in findings.seen.values():
        print(f"\n{finding['key']} ({finding['count']}×)\n{finding['traceback']}")
    return 1 if findings.seen else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
