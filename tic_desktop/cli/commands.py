"""What each ``tic`` sub-command does: load, evaluate, and shape the output."""

from __future__ import annotations

import argparse
from typing import Any

from tic_desktop.catalogue import t, tc
from tic_desktop.cli.table import render_table
from tic_desktop.domain.loading import load_application, load_round
from tic_desktop.rules.conflicts import round_panel_conflicts
from tic_desktop.rules.display import shown_value
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.messages import RESULT_LABELS, VERDICT_LABELS, label


def eligibility(args: argparse.Namespace) -> dict[str, Any] | str:
    report = evaluate(load_application(args.application))
    if args.format == "json":
        return report.as_json(args.lang)
    lang = args.lang
    headers = [column.in_language(lang) for column in _ELIGIBILITY_COLUMNS]
    rows = [
        [
            c.id,
            c.clause if lang == "zh" else c.clause_en,
            label(RESULT_LABELS, c.result.value, lang),
            shown_value(c.id, c.value, lang),
            shown_value(c.id, c.threshold, lang),
            c.message(lang),
        ]
        for c in report.checks
    ]
    head = t(
        "Application {id}  Verdict: {verdict}",
        id=report.application_id,
        verdict=label(VERDICT_LABELS, report.verdict.value, lang),  # already in ``lang``
    )
    return head.in_language(lang) + "\n\n" + render_table(headers, rows)


_ELIGIBILITY_COLUMNS = (
    tc("eligibility table", "check"),
    tc("eligibility table", "clause"),
    tc("eligibility table", "result"),
    tc("eligibility table", "value"),
    tc("eligibility table", "threshold"),
    tc("eligibility table", "message"),
)
_PANEL_CHECK_COLUMNS = (
    tc("panel-check table", "panel"),
    tc("panel-check table", "application"),
    tc("panel-check table", "members"),
    tc("panel-check table", "affiliated"),
    tc("panel-check table", "recused"),
    tc("panel-check table", "scorers"),
    tc("panel-check table", "host_share"),
    tc("panel-check table", "chair"),
    tc("panel-check table", "quorum"),
)


def panel_check(args: argparse.Namespace) -> dict[str, Any] | str:
    review_round = load_round(args.round)
    results = round_panel_conflicts(review_round)
    if args.format == "json":
        return {"round": review_round.id, "results": [r.as_json(args.lang) for r in results]}
    lang = args.lang
    headers = [column.in_language(lang) for column in _PANEL_CHECK_COLUMNS]
    rows = []
    for r in results:
        rows.append(
            [
                r.panel_id,
                r.application_id,
                str(len(r.members)),
                ",".join(r.affiliated) or "-",
                ",".join(r.recused) or "-",
                str(len(r.scorers)),
                *[label(RESULT_LABELS, c.result.value, lang) for c in r.checks],
            ]
        )
    problems = [
        f"  {r.panel_id} / {r.application_id}: {c.message(lang)}"
        for r in results
        for c in r.checks
        if c.result.value != "pass"
    ]
    text = t("Round {id}", id=review_round.id).in_language(lang) + "\n\n"
    text += render_table(headers, rows)
    if problems:
        text += "\n\n" + t("Problems:").in_language(lang) + "\n" + "\n".join(problems)
    return text
