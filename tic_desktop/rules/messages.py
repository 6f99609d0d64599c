"""Every sentence the rules say to people, and how their codes read, keyed for the rules.

The English is here, marked for the core's catalogue (:mod:`tic_desktop.catalogue`); the Chinese is
in ``resources/locale/zh_CN/LC_MESSAGES/tic.po``. :data:`MESSAGES` is keyed by (check id, outcome
key) and holds format strings; the label tables hand on ``(zh, en)`` pairs, read once at import.
"""

from __future__ import annotations

from tic_desktop.catalogue import Text, t, tc


def pairs(table: dict[str, Text]) -> dict[str, tuple[str, str]]:
    return {key: text.pair() for key, text in table.items()}


CLAUSES: dict[str, tuple[str, str]] = pairs(
    {
        "lead_unit.kind": tc("clause", "Art. 7"),
        "lead_unit.registered_locally": tc("clause", "Art. 8 (conditions) (2)"),
        "lead_unit.independent_legal_person": tc("clause", "Art. 8 (conditions) (2)"),
        "rd.expense_total": tc("clause", "Art. 8 (conditions) (2)"),
        "rd.expense_ratio": tc("clause", "Art. 8 (conditions) (2)"),
        "transfer.cases": tc("clause", "Art. 8 (conditions) (2)"),
        "premises.rd_space": tc("clause", "Art. 8 (conditions) (3)"),
        "premises.equipment_value": tc("clause", "Art. 8 (conditions) (3)"),
        "premises.pilot_capability": tc("clause", "Art. 8 (conditions) (3)"),
        "team.full_time_staff": tc("clause", "Art. 8 (conditions) (4)"),
        "team.director_title": tc("clause", "Art. 11"),
        "cobuild.count": tc("clause", "Art. 8 (conditions) (5)"),
        "cobuild.local_enterprise": tc("clause", "Art. 8 (conditions) (5)"),
        "cobuild.agreement": tc("clause", "Art. 8 (conditions) (5)"),
        "cobuild.lead_share": tc("clause", "Art. 8 (conditions) (5)"),
        "compliance.incidents": tc("clause", "Art. 8 (conditions) (6)"),
        "committee.host_share": tc("clause", "Art. 11"),
        "committee.chair_independent": tc("clause", "Art. 11"),
        "panel.host_share": tc("clause", "panel conflict-of-interest rule"),
        "panel.chair_independent": tc("clause", "panel conflict-of-interest rule"),
        "panel.quorum": tc("clause", "panel conflict-of-interest rule"),
    }
)

MESSAGES: dict[tuple[str, str], Text] = {
    # generic outcomes
    ("*", "not_applicable_kind"): t("Not applicable to a lead unit of kind '{kind}'."),
    ("*", "no_cobuilders"): t("No co-builders: not applicable."),
    ("*", "relaxed"): t(
        "{base} (Strategic-priority application: Art. 8 (7) allows relaxation; "
        "for the experts to judge.)"
    ),
    ("lead_unit.kind", "pass"): t("Lead unit kind '{kind}' may lead a center."),
    ("lead_unit.kind", "fail"): t(
        "Lead unit kind '{kind}' is not an enterprise, university, research institute "
        "or new R&D institution."
    ),
    ("lead_unit.registered_locally", "missing"): t("The lead unit's USCC is missing."),
    ("lead_unit.registered_locally", "invalid"): t("USCC {code} is invalid ({why})."),
    ("lead_unit.registered_locally", "pass"): t(
        "Valid USCC; division code {division} is in Liaocheng."
    ),
    ("lead_unit.registered_locally", "fail"): t(
        "Division code {division} is not in Liaocheng (3715)."
    ),
    ("lead_unit.independent_legal_person", "pass"): t(
        "The lead unit is an independent legal person."
    ),
    ("lead_unit.independent_legal_person", "fail"): t(
        "The lead unit is not an independent legal person."
    ),
    ("lead_unit.independent_legal_person", "missing"): t(
        "Independent legal person status not given."
    ),
    ("rd.expense_total", "missing"): t(
        "R&D expenses for the last three years are incomplete ({years} of 3 years given)."
    ),
    ("rd.expense_total", "pass"): t(
        "Three-year R&D total {value} yuan is at least {threshold} yuan."
    ),
    ("rd.expense_total", "fail"): t("Three-year R&D total {value} yuan is below {threshold} yuan."),
    ("rd.expense_ratio", "missing"): t(
        "R&D expense or revenue figures for the last three years are incomplete "
        "({years} of 3 years)."
    ),
    ("rd.expense_ratio", "zero_revenue"): t(
        "Three-year main business revenue is zero; the ratio cannot be computed: "
        "for the experts to judge."
    ),
    ("rd.expense_ratio", "pass"): t(
        "Three-year R&D / revenue ratio {value}% is at least {threshold}%."
    ),
    ("rd.expense_ratio", "fail"): t(
        "Three-year R&D / revenue ratio {value}% is below {threshold}%."
    ),
    ("transfer.cases", "missing"): t("Technology-transfer cases not given."),
    ("transfer.cases", "pass"): t(
        "{value} successful transfer cases in three years: at least {threshold}."
    ),
    ("transfer.cases", "fail"): t(
        "{value} successful transfer cases in three years: fewer than {threshold}."
    ),
    ("premises.rd_space", "missing"): t("R&D floor area not given."),
    ("premises.rd_space", "pass"): t("R&D floor area {value} m² is at least {threshold} m²."),
    ("premises.rd_space", "fail"): t("R&D floor area {value} m² is below {threshold} m²."),
    ("premises.rd_space", "special"): t(
        "R&D floor area {value} m² is below {threshold} m²; "
        "software and similar industries may be lower: for the experts to judge."
    ),
    ("premises.equipment_value", "missing"): t("Equipment original value not given."),
    ("premises.equipment_value", "pass"): t(
        "Equipment original value {value} yuan is at least {threshold} yuan."
    ),
    ("premises.equipment_value", "fail"): t(
        "Equipment original value {value} yuan is below {threshold} yuan."
    ),
    ("premises.equipment_value", "special"): t(
        "Equipment original value {value} yuan is below {threshold} yuan; "
        "software and similar industries may be lower: for the experts to judge."
    ),
    ("premises.pilot_capability", "missing"): t(
        "Pilot or industrialisation capability not stated."
    ),
    ("premises.pilot_capability", "pass"): t(
        "Declares pilot-scale or industrialisation capability."
    ),
    ("premises.pilot_capability", "fail"): t(
        "Does not declare pilot-scale or industrialisation capability."
    ),
    ("team.full_time_staff", "missing"): t("R&D staff roster not given."),
    ("team.full_time_staff", "pass"): t(
        "{value} full-time R&D staff worked more than 183 days: at least {threshold}."
    ),
    ("team.full_time_staff", "fail"): t(
        "{value} full-time R&D staff worked more than 183 days: fewer than {threshold}."
    ),
    ("team.director_title", "missing"): t("Center director not given."),
    ("team.director_title", "pass"): t("The director holds a senior title ({title})."),
    ("team.director_title", "review"): t(
        "The director's title '{title}' is not senior; Art. 11 says 'generally' senior: "
        "for the experts to judge."
    ),
    ("cobuild.count", "pass"): t("{value} co-builders: no more than {threshold}."),
    ("cobuild.count", "fail"): t("{value} co-builders: more than {threshold}."),
    ("cobuild.local_enterprise", "pass"): t(
        "Co-builds with a Liaocheng-registered enterprise ({name})."
    ),
    ("cobuild.local_enterprise", "fail"): t(
        "A university/institute lead must co-build with an enterprise registered in Liaocheng; "
        "none found."
    ),
    ("cobuild.local_enterprise", "missing"): t(
        "Co-building enterprise '{name}' has no USCC: cannot confirm it is registered in Liaocheng."
    ),
    ("cobuild.agreement", "pass"): t("All {count} co-builders signed a co-building agreement."),
    ("cobuild.agreement", "fail"): t("No signed co-building agreement: {names}."),
    ("cobuild.agreement", "missing"): t("Agreement status not given: {names}."),
    ("cobuild.lead_share", "missing"): t(
        "The lead unit's shares of conditions, staff, projects and achievements are not given."
    ),
    ("cobuild.lead_share", "pass"): t(
        "The lead unit's shares are all at least {threshold}% (lowest {value}%)."
    ),
    ("cobuild.lead_share", "fail"): t("The lead unit's share is below {threshold}%: {parts}."),
    ("compliance.incidents", "missing"): t("Safety and environmental record not given."),
    ("compliance.incidents", "pass"): t(
        "No work-safety liability accident or environmental accountability case in three years."
    ),
    ("compliance.incidents", "fail"): t("In the last three years: {what}."),
    ("committee.host_share", "missing"): t("The expert committee is not given."),
    ("committee.host_share", "pass"): t(
        "{value} of {total} committee members are from the lead or co-builder units: "
        "no more than 1/3."
    ),
    ("committee.host_share", "fail"): t(
        "{value} of {total} committee members are from the lead or co-builder units: more than 1/3."
    ),
    ("committee.host_share", "review"): t(
        "{sure} of {total} committee members are confirmed by USCC from the lead or co-builder "
        "units, {by_name} more by unit name; members without a USCC ({names}) need confirming."
    ),
    ("committee.chair_independent", "missing"): t("The expert committee is not given."),
    ("committee.chair_independent", "pass"): t(
        "Committee chair {name} ({unit}) is not from the lead unit."
    ),
    ("committee.chair_independent", "fail"): t(
        "Committee chair {name} is from the lead unit ({unit})."
    ),
    ("committee.chair_independent", "review"): t(
        "{whose}, so committee chair {name} ({unit}) was compared by unit name only: "
        "{outcome}; needs confirming."
    ),
    ("panel.host_share", "pass"): t(
        "{value} of {total} panel members are affiliated with the applicant: no more than 1/3."
    ),
    ("panel.host_share", "fail"): t(
        "{value} of {total} panel members are affiliated with the applicant: more than 1/3."
    ),
    ("panel.host_share", "review"): t(
        "{sure} of {total} panel members confirmed affiliated, {by_name} more by unit name; "
        "some units have no usable USCC (missing or invalid): needs confirming."
    ),
    ("panel.chair_independent", "pass"): t("The chair is not affiliated with this application."),
    ("panel.chair_independent", "fail"): t(
        "The chair is affiliated with this application ({why}): choose another chair."
    ),
    ("panel.chair_independent", "review"): t(
        "{whose}, so the chair was compared by unit name only: {outcome}; needs confirming."
    ),
    ("panel.quorum", "pass"): t("{value} members can score: quorum of {threshold} met."),
    ("panel.quorum", "fail"): t(
        "Only {value} members can score after recusals: below the quorum of {threshold}."
    ),
    ("panel.quorum", "fail_by_name"): t(
        "Only {value} members can score after the confirmed recusals: "
        "below the quorum of {threshold}; "
        "{scorers} if the name-matched affiliations stand too."
    ),
    ("panel.quorum", "review"): t(
        "{value} members can score if name-matched affiliations stand: "
        "below the quorum of {threshold}; needs confirming."
    ),
}

USCC_PROBLEMS: dict[str, Text] = {
    "length": tc("USCC problem", "must be 18 characters"),
    "characters": tc("USCC problem", "contains characters outside the GB 32100 set"),
    "division": tc("USCC problem", "characters 3-8 must be a numeric division code"),
    "check_character": tc("USCC problem", "wrong check character"),
}


def text(check_id: str, key: str, **fields: object) -> tuple[str, str]:
    """The (zh, en) sentence for a check outcome, with its figures filled in."""
    template = MESSAGES.get((check_id, key)) or MESSAGES[("*", key)]
    return template.with_fields(**fields).pair()


RESULT_LABELS = pairs(
    {
        "pass": tc("check result", "pass"),
        "fail": tc("check result", "fail"),
        "review": tc("check result", "review"),
        "missing": tc("check result", "missing"),
        "not_applicable": tc("check result", "n/a"),
    }
)

VERDICT_LABELS = pairs(
    {
        "eligible": tc("verdict", "eligible"),
        "needs_judgement": tc("verdict", "needs judgement"),
        "ineligible": tc("verdict", "ineligible"),
    }
)


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


CHECK_TITLES: dict[str, tuple[str, str]] = pairs(
    {
        "lead_unit.kind": tc("check title", "Lead unit kind"),
        "lead_unit.registered_locally": tc("check title", "Registered in Liaocheng"),
        "lead_unit.independent_legal_person": tc("check title", "Independent legal person"),
        "rd.expense_total": tc("check title", "R&D expense total"),
        "rd.expense_ratio": tc("check title", "R&D / revenue ratio"),
        "transfer.cases": tc("check title", "Technology transfers"),
        "premises.rd_space": tc("check title", "R&D floor area"),
        "premises.equipment_value": tc("check title", "Equipment value"),
        "premises.pilot_capability": tc("check title", "Pilot capability"),
        "team.full_time_staff": tc("check title", "Full-time R&D staff"),
        "team.director_title": tc("check title", "Director's title"),
        "cobuild.count": tc("check title", "Number of co-builders"),
        "cobuild.local_enterprise": tc("check title", "Local co-building enterprise"),
        "cobuild.agreement": tc("check title", "Co-building agreements"),
        "cobuild.lead_share": tc("check title", "Lead unit's share"),
        "compliance.incidents": tc("check title", "Safety and environment"),
        "committee.host_share": tc("check title", "Committee composition"),
        "committee.chair_independent": tc("check title", "Committee chair"),
        "panel.host_share": tc("check title", "Affiliated ≤ 1/3"),
        "panel.chair_independent": tc("check title", "Chair independent"),
        "panel.quorum": tc("check title", "Quorum"),
    }
)

# How coded values read to people (the JSON output keeps the codes).
VALUE_LABELS: dict[str, tuple[str, str]] = pairs(
    {
        "true": tc("value", "yes"),
        "false": tc("value", "no"),
        "enterprise": tc("value", "enterprise"),
        "university": tc("value", "university"),
        "institute": tc("value", "research institute"),
        "new_rd_institution": tc("value", "new R&D institution"),
        "senior": tc("value", "senior"),
        "associate_senior": tc("value", "associate senior"),
        "intermediate": tc("value", "intermediate"),
        "junior": tc("value", "junior"),
        "none": tc("value", "none"),
    }
)

KIND_NAMES_ZH = {
    kind: VALUE_LABELS[kind][0]
    for kind in ("enterprise", "university", "institute", "new_rd_institution")
}
