"""What each ``tic`` sub-command does: load, evaluate, and shape the output."""

from __future__ import annotations

import argparse
from typing import Any

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
    title = "申报" if lang == "zh" else "Application"
    verdict = "结论" if lang == "zh" else "Verdict"
    headers = (
        ["检查项", "条款", "结果", "数值", "标准", "说明"]
        if lang == "zh"
        else ["check", "clause", "result", "value", "threshold", "message"]
    )
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
    verdict_label = label(VERDICT_LABELS, report.verdict.value, lang)
    head = f"{title} {report.application_id}  {verdict}: {verdict_label}"
    return head + "\n\n" + render_table(headers, rows)


def panel_check(args: argparse.Namespace) -> dict[str, Any] | str:
    review_round = load_round(args.round)
    results = round_panel_conflicts(review_round)
    if args.format == "json":
        return {"round": review_round.id, "results": [r.as_json(args.lang) for r in results]}
    lang = args.lang
    headers = (
        ["专家组", "申报", "成员", "关联", "回避", "可评分", "1/3上限", "组长独立", "最少评分人数"]
        if lang == "zh"
        else [
            "panel",
            "application",
            "members",
            "affiliated",
            "recused",
            "scorers",
            "host_share",
            "chair",
            "quorum",
        ]
    )
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
    text = f"{'评审批次' if lang == 'zh' else 'Round'} {review_round.id}\n\n" + render_table(
        headers, rows
    )
    if problems:
        text += "\n\n" + ("问题：" if lang == "zh" else "Problems:") + "\n" + "\n".join(problems)
    return text
