"""``tic aggregate``: verify every return, then rank the round's applications (formats.md).

The output is a function of the set of files given, never of their order: returns are listed
sorted by file, and conflicting returns of one expert count for nothing until the bureau chooses
one with ``--choose FILE``.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any, TypeVar

from tic_desktop.aggregation import EXCLUSION_TEXT, FLAG_TEXT, aggregate, money2, round_method
from tic_desktop.bureau.workspace import BureauWorkspace, read_passphrase_file
from tic_desktop.catalogue import t, tc
from tic_desktop.cli.table import both, render_table
from tic_desktop.domain.loading import load_round
from tic_desktop.errors import InputError
from tic_desktop.returns.explaining import return_reason
from tic_desktop.returns.receiving import STATUS_TEXT, receive_returns

# the parser class main.py uses for every sub-command
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def _chosen(args: argparse.Namespace) -> set[str]:
    """The SHA-256 of each ``--choose`` file; each must be one of the returns given."""
    given = {Path(f).resolve() for f in args.returns}
    chosen = set()
    for file in args.choose or []:
        path = Path(file)
        if not path.is_file():
            raise InputError(file, "--choose", t("file not found"))
        if path.resolve() not in given:
            raise InputError(
                file,
                "--choose",
                t("the chosen return must be one of the returns given"),
            )
        chosen.add(hashlib.sha256(path.read_bytes()).hexdigest())
    return chosen


def aggregate_round(args: argparse.Namespace) -> dict[str, Any] | str:
    review_round = load_round(args.round)
    workspace = BureauWorkspace(Path(args.bureau))
    for file in args.returns:
        if not Path(file).is_file():
            raise InputError(file, None, t("file not found"))
    chosen = _chosen(args)
    keys = workspace.keys(read_passphrase_file(args.passphrase_file))
    received = sorted(
        receive_returns([Path(f) for f in args.returns], workspace, keys, review_round, chosen),
        key=lambda i: (str(i.file), i.file_sha256),
    )
    results = aggregate(review_round, received, round_method(review_round))
    performance = review_round.spec.kind == "performance"
    if args.format == "json":
        return {
            "round": review_round.id,
            "returns": [
                {
                    "file": str(i.file),
                    "expert": i.expert,
                    "status": str(i.status),
                    "reason": i.reason,
                }
                for i in received
            ],
            "applications": [r.as_json(performance) for r in results],
        }
    rows = []
    for r in sorted(results, key=lambda r: (r.rank is None, r.rank or 0, r.application_id)):
        notes = [FLAG_TEXT[f] for f in r.flags] + [
            f"{e}{EXCLUSION_TEXT.get(x, x)}" for e, x in r.excluded
        ]
        rows.append(
            [
                str(r.rank or "-"),
                r.application_id,
                str(r.valid),
                money2(r.mean) or "-",
                money2(r.final) or "-",
                *([r.grade or "-"] if performance else []),
                "；".join(notes),
            ]
        )
    headers = [
        "排名",
        "申报",
        "有效",
        "平均分",
        "最终得分",
        *(["等次"] if performance else []),
        "说明",
    ]
    returns_rows = [  # one reason in words (the codes are in --format json)
        [str(i.file), i.expert or "-", STATUS_TEXT[i.status], return_reason(i)] for i in received
    ]
    return (
        render_table(headers, rows)
        + "\n\n"
        + render_table(["回执", "专家", "状态", "原因"], returns_rows)
    )


def add_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser]) -> None:
    parser = sub.add_parser(
        "aggregate", help=both(tc("command help", "aggregate returns into a ranking"))
    )
    parser.add_argument("round")
    parser.add_argument("returns", nargs="+")
    parser.add_argument("--bureau", required=True)
    parser.add_argument("--passphrase-file")
    parser.add_argument(
        "--choose",
        action="append",
        metavar="FILE",
        help="among an expert's conflicting returns, count this one (repeatable, one per expert)",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=aggregate_round)
