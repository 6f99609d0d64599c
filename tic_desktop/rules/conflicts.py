"""Conflicts of interest (回避): review panels and a center's expert committee.

The same share and chair logic serves ``panel.*`` and ``committee.*`` (rules.md): a person is
affiliated when their unit is the lead unit or a co-builder (by USCC; by normalised name where a
USCC is missing, which makes the finding a ``review``), or when a conflict has been declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tic_desktop.catalogue import Joined, Text, t, tc
from tic_desktop.domain.application import Application
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.domain.round import Expert, Panel
from tic_desktop.rules.boundaries import not_less_than, within_one_third
from tic_desktop.rules.display import message_figure
from tic_desktop.rules.messages import CLAUSES, text
from tic_desktop.rules.results import Check, Result
from tic_desktop.rules.units import Affiliation, Unit, affiliation_with, identity_code
from tic_desktop.rules.uscc import normalise_uscc


def host_units(application: Application, include_co_builders: bool = True) -> list[Unit]:
    """The lead unit, and the co-builders unless only the lead is wanted."""
    units = [Unit(application.lead_unit.name, application.lead_unit.uscc)]
    if include_co_builders:
        units += [Unit(c.name, c.uscc) for c in application.co_builders]
    return units


def code_problems(person: Unit, role: Text, hosts: list[Unit]) -> Joined:
    """Whose unified social credit code made a comparison fall back to unit names, and why: the
    person's own unit when it has no usable code (then every comparison used names), otherwise each
    host unit without one. Returned as a phrase that names the unit (empty when there is none), so
    that the clerk knows which record to correct."""
    separator = tc("list separator", "; ")

    def problem(unit: Unit, who: Text) -> Text | None:
        if identity_code(unit):
            return None
        code = normalise_uscc(unit.uscc)
        if not code:
            return t("{who} “{name}” gives no unified social credit code", who=who, name=unit.name)
        return t(
            "the unified social credit code {uscc} of {who} “{name}” is invalid",
            uscc=unit.uscc,
            who=who,
            name=unit.name,
        )

    own = problem(person, role)
    if own is not None:
        return Joined((own,), separator)
    problems = [
        problem(unit, tc("unit role", "the applicant") if i == 0 else tc("unit role", "co-builder"))
        for i, unit in enumerate(hosts)
    ]
    return Joined(tuple(f for f in problems if f is not None), separator)


def make_check(
    check_id: str,
    result: Result,
    key: str,
    value: str | None = None,
    threshold: str | None = None,
    **fields: object,
) -> Check:
    """A Check with its clause and its sentence from the catalogue."""
    zh, en = text(
        check_id,
        key,
        value=message_figure(check_id, value),
        threshold=message_figure(check_id, threshold),
        **fields,
    )
    clause_zh, clause_en = CLAUSES[check_id]
    return Check(check_id, clause_zh, result, value, threshold, zh, en, clause_en)


@dataclass(frozen=True)
class ShareFinding:
    """How many of a group are affiliated, and how sure we are."""

    total: int
    sure: int  # by USCC or declared
    by_name: int  # only by normalised name
    any_name_comparison: bool

    @property
    def affiliated(self) -> int:
        return self.sure + self.by_name

    @property
    def result(self) -> Result:
        if not within_one_third(self.sure, self.total):
            return Result.FAIL
        if self.any_name_comparison:
            return Result.REVIEW
        return Result.PASS


def share_finding(
    affiliations: list[Affiliation], declared: list[bool] | None = None
) -> ShareFinding:
    declared = declared or [False] * len(affiliations)
    sure = sum(
        1
        for a, d in zip(affiliations, declared, strict=True)
        if d or (a.affiliated and not a.by_name)
    )
    by_name = sum(
        1
        for a, d in zip(affiliations, declared, strict=True)
        if not d and a.affiliated and a.by_name
    )
    any_name = any(a.by_name for a, d in zip(affiliations, declared, strict=True) if not d)
    return ShareFinding(len(affiliations), sure, by_name, any_name)


def chair_independence(tie: Affiliation, declared: bool = False) -> Result:
    """A chair tied by USCC or a declared conflict fails;
    a tie that rests on names is for people to confirm."""
    if declared or (tie.affiliated and not tie.by_name):
        return Result.FAIL
    if tie.by_name:
        return Result.REVIEW
    return Result.PASS


# --- a center's expert committee (Art. 11) ---------------------------------------------------


def committee_checks(application: Application) -> list[Check]:
    committee = application.committee
    if committee is None or not committee.members:
        return [
            make_check("committee.host_share", Result.MISSING, "missing"),
            make_check("committee.chair_independent", Result.MISSING, "missing"),
        ]
    hosts = host_units(application)
    member_units = [Unit(m.unit_name, m.unit_uscc) for m in committee.members]
    finding = share_finding([affiliation_with(u, hosts) for u in member_units])
    unnamed = "、".join(m.name for m in committee.members if not m.unit_uscc) or "—"
    key = finding.result.value
    share = make_check(
        "committee.host_share",
        finding.result,
        key,
        value=str(finding.affiliated),
        threshold=f"{finding.total // 3}",
        total=finding.total,
        sure=finding.sure,
        by_name=finding.by_name,
        names=unnamed,
    )

    chair = committee.members[committee.chair]
    tie = affiliation_with(
        Unit(chair.unit_name, chair.unit_uscc), host_units(application, include_co_builders=False)
    )
    chair_result = chair_independence(tie)
    whose = code_problems(
        Unit(chair.unit_name, chair.unit_uscc),
        tc("unit role", "the committee chair's unit"),
        host_units(application, include_co_builders=False),
    )
    chair_check = make_check(
        "committee.chair_independent",
        chair_result,
        chair_result.value,
        value=chair.unit_name,
        threshold=None,
        name=chair.name,
        unit=chair.unit_name,
        whose=whose,
        outcome=t("it matches the lead unit")
        if tie.affiliated
        else t("it differs from the lead unit"),
    )
    return [share, chair_check]


# --- review panels ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelConflicts:
    """The conflict-of-interest picture of one (panel, application) pair."""

    panel_id: str
    application_id: str
    members: list[str]
    affiliated: list[str]
    recused: list[str]
    reasons: dict[str, str]  # expert id -> why recused, in Chinese
    checks: list[Check] = field(default_factory=list)
    reasons_en: dict[str, str] = field(default_factory=dict)

    def reason(self, expert_id: str, lang: str = "zh") -> str:
        return (self.reasons_en if lang == "en" else self.reasons).get(expert_id, "")

    @property
    def scorers(self) -> list[str]:
        return [m for m in self.members if m not in self.recused]

    def as_json(self, lang: str = "zh") -> dict[str, object]:
        return {
            "panel": self.panel_id,
            "application": self.application_id,
            "members": len(self.members),
            "affiliated": list(self.affiliated),
            "recused": list(self.recused),
            "scorers": len(self.scorers),
            "checks": [
                {
                    "id": c.id,
                    "result": c.result.value,
                    "value": c.value,
                    "threshold": c.threshold,
                    "message": c.message(lang),
                }
                for c in self.checks
            ],
        }


def panel_conflicts(
    panel: Panel,
    application: Application,
    experts: dict[str, Expert],
    declared: dict[str, str],
    quorum: int,
) -> PanelConflicts:
    """Affiliations, recusals and the three panel checks for one application."""
    hosts = host_units(application)
    ties = {
        m: affiliation_with(Unit(experts[m].unit_name, experts[m].unit_uscc), hosts)
        for m in panel.members
    }
    is_declared = {m: m in declared for m in panel.members}
    affiliated = [m for m in panel.members if is_declared[m] or ties[m].affiliated]
    said: dict[str, Text] = {}
    for m in affiliated:
        if is_declared[m]:
            said[m] = t("declared conflict: {why}", why=declared[m])
        else:
            unit = ties[m].unit
            assert unit is not None  # affiliated and not declared: a host unit matched
            if ties[m].by_name:
                said[m] = t("unit name matches {name} (no USCC; to confirm)", name=unit.name)
            else:
                said[m] = t("from {name}", name=unit.name)
    reasons = {m: reason.zh for m, reason in said.items()}
    reasons_en = {m: reason.en for m, reason in said.items()}

    finding = share_finding(
        [ties[m] for m in panel.members], [is_declared[m] for m in panel.members]
    )
    total = len(panel.members)
    share = make_check(
        "panel.host_share",
        finding.result,
        finding.result.value,
        value=str(finding.affiliated),
        threshold=f"{total // 3}",
        total=total,
        sure=finding.sure,
        by_name=finding.by_name,
    )

    chair_tie = ties[panel.chair]
    chair_result = chair_independence(chair_tie, declared=is_declared[panel.chair])
    chair_expert = experts[panel.chair]
    whose = code_problems(
        Unit(chair_expert.unit_name, chair_expert.unit_uscc),
        tc("unit role", "the chair's unit"),
        hosts,
    )
    chair_check = make_check(
        "panel.chair_independent",
        chair_result,
        chair_result.value,
        value=panel.chair,
        threshold=None,
        why=said.get(panel.chair, ""),
        whose=whose,
        outcome=t("it matches the applicant")
        if chair_tie.affiliated
        else t("it differs from the applicant"),
    )

    sure_recused = [m for m in affiliated if is_declared[m] or not ties[m].by_name]
    scorers = total - len(affiliated)
    if not not_less_than(total - len(sure_recused), quorum):
        quorum_result = Result.FAIL
    elif not not_less_than(scorers, quorum):
        quorum_result = Result.REVIEW
    else:
        quorum_result = Result.PASS
    # A failure counts only the sure recusals; when name-matched ones would recuse too, the message
    # gives that smaller number as well, so that it agrees with the recusals listed beside it.
    key = quorum_result.value
    if quorum_result is Result.FAIL and scorers < total - len(sure_recused):
        key = "fail_by_name"
    quorum_check = make_check(
        "panel.quorum",
        quorum_result,
        key,
        value=str(scorers if quorum_result is not Result.FAIL else total - len(sure_recused)),
        threshold=str(quorum),
        scorers=scorers,
    )
    return PanelConflicts(
        panel_id=panel.id,
        application_id=application.id,
        members=list(panel.members),
        affiliated=affiliated,
        recused=list(affiliated),
        reasons=reasons,
        checks=[share, chair_check, quorum_check],
        reasons_en=reasons_en,
    )


def round_panel_conflicts(review_round: ReviewRound) -> list[PanelConflicts]:
    """One result per (panel, application) pair, in the order of the round file."""
    experts = review_round.experts
    results = []
    for panel in review_round.panels:
        for app_id in panel.applications:
            results.append(
                panel_conflicts(
                    panel,
                    review_round.applications[app_id],
                    experts,
                    review_round.declared_conflicts_for(app_id),
                    review_round.spec.quorum,
                )
            )
    return results
