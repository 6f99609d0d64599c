"""``tic aggregate``: verify every return, then rank the round's applications (formats.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tic_desktop.aggregation import EXCLUSION_TEXT, FLAG_TEXT, aggregate, money2, round_method
from tic_desktop.bureau.workspace import BureauWorkspace, read_passphrase_file
from tic_desktop.cli.table import render_table
from tic_desktop.domain.loading import load_round
from tic_desktop.errors import InputError
from tic_desktop.returns.receiving import STATUS_TEXT, receive_returns


def aggregate_round(args: argparse.Namespace) -> dict | str:
    review_round = load_round(args.round)
    workspace = BureauWorkspace(Path(args.bureau))
    for file in args.returns:
        if not Path(file).is_file():
            raise InputError(file, None, "文件不存在", "file not found")
    keys = workspace.keys(read_passphrase_file(args.passphrase_file))
    received = receive_returns([Path(f) for f in args.returns], workspace, keys, review_round.id)
    for item, given in zip(received, args.returns):
        item.file = Path(given)
    results = aggregate(review_round, received, round_method(review_round))
    performance = review_round.spec.kind == "performance"
    if args.format == "json":
        return {
            "round": review_round.id,
            "returns": [
                {"file": str(i.file), "expert": i.expert, "status": i.status, "reason": i.reason}
                for i in received
            ],
            "applications": [r.as_json(performance) for r in results],
        }
    rows = []
    for r in sorted(results, key=lambda r: (r.rank is None, r.rank or 0)):
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
    returns_rows = [
        [str(i.file), i.expert or "-", STATUS_TEXT[i.status], i.reason or ""] for i in received
    ]
    return (
        render_table(headers, rows)
        + "\n\n"
        + render_table(["回执", "专家", "状态", "原因"], returns_rows)
    )


def add_parsers(sub, parser_class) -> None:
    parser = sub.add_parser("aggregate", help="汇总评分 / aggregate returns into a ranking")
    parser.add_argument("round")
    parser.add_argument("returns", nargs="+")
    parser.add_argument("--bureau", required=True)
    parser.add_argument("--passphrase-file")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=aggregate_round)
