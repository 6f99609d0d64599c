"""Rich-text detail panes: one check with its clause and figures, one panel with its members."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from tic_desktop.domain.loading import ReviewRound
from tic_desktop.rules.conflicts import PanelConflicts
from tic_desktop.rules.display import shown_value
from tic_desktop.rules.messages import CHECK_TITLES, RESULT_LABELS, label
from tic_desktop.rules.regulation import CLAUSE_TEXT
from tic_desktop.rules.results import Check

_WORDS = {
    "clause": QT_TRANSLATE_NOOP("DetailPane", "Clause"),
    "result": QT_TRANSLATE_NOOP("DetailPane", "Result"),
    "value": QT_TRANSLATE_NOOP("DetailPane", "Value"),
    "threshold": QT_TRANSLATE_NOOP("DetailPane", "Threshold"),
    "text": QT_TRANSLATE_NOOP("DetailPane", "Regulation text"),
    "members": QT_TRANSLATE_NOOP("DetailPane", "Name"),
    "chair": QT_TRANSLATE_NOOP("DetailPane", "Chair"),
    "unit": QT_TRANSLATE_NOOP("DetailPane", "Unit"),
    "status": QT_TRANSLATE_NOOP("DetailPane", "Status"),
    "recused": QT_TRANSLATE_NOOP("DetailPane", "Recused"),
    "scores": QT_TRANSLATE_NOOP("DetailPane", "Scores"),
    "checks": QT_TRANSLATE_NOOP("DetailPane", "Checks"),
}


def _w(key: str) -> str:
    # in the language of the installed catalogue (Translations.use)
    return QCoreApplication.translate("DetailPane", str(_WORDS[key]))  # the stub says object


def check_html(check: Check, lang: str) -> str:
    rows = [
        (_w("clause"), check.clause if lang == "zh" else check.clause_en),
        (_w("result"), label(RESULT_LABELS, check.result.value, lang)),
        (_w("value"), shown_value(check.id, check.value, lang) or "—"),
        (_w("threshold"), shown_value(check.id, check.threshold, lang) or "—"),
    ]
    table = "".join(
        f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows
    )
    quote = CLAUSE_TEXT.get(check.clause)
    title = label(CHECK_TITLES, check.id, lang)
    html = (
        f"<h3>{escape(title)} <small>({escape(check.id)})</small></h3>"
        f"<p>{escape(check.message(lang))}</p>"
        f"<table cellpadding='4'>{table}</table>"
    )
    if quote:
        html += f"<p><b>{escape(_w('text'))}（{escape(check.clause)}）</b><br>{escape(quote)}</p>"
    return html


def panel_html(result: PanelConflicts, review_round: ReviewRound, lang: str) -> str:
    experts = review_round.experts
    panel = next(p for p in review_round.panels if p.id == result.panel_id)
    application = review_round.applications[result.application_id]
    head = (
        f"<h3>{escape(result.panel_id)} · {escape(result.application_id)} "
        f"{escape(application.center_name)}</h3>"
    )
    rows = []
    for member in result.members:
        expert = experts[member]
        role = f"（{_w('chair')}）" if member == panel.chair else ""
        status = escape(result.reason(member, lang)) if member in result.recused else _w("scores")
        colour = " style='background:#f8d7da'" if member in result.recused else ""
        rows.append(
            f"<tr{colour}><td>{escape(member)}</td><td>{escape(expert.name)}{role}</td>"
            f"<td>{escape(expert.unit_name)}</td><td>{status}</td></tr>"
        )
    members = (
        f"<table cellpadding='4' border='0'><tr><th>ID</th><th>{_w('members')}</th>"
        f"<th>{_w('unit')}</th><th>{_w('status')}</th></tr>{''.join(rows)}</table>"
    )
    checks = "".join(
        f"<li><b>{escape(c.id)}</b> — {escape(label(RESULT_LABELS, c.result.value, lang))}："
        f"{escape(c.message(lang))}</li>"
        for c in result.checks
    )
    return f"{head}{members}<p><b>{_w('checks')}</b></p><ul>{checks}</ul>"
