"""An expert's scores and the one rule they must meet.

The same rule (range, step, a reason far from the guidance, a judgement on every formal-review
item left to the experts, certification, no score where the expert is recused) is applied by the
scoring form, `tic return make`, the chair's desk and the bureau's verification: all of them call
:func:`sheet_problems`. Parsing is strict and hand-written (no pydantic on this path: the bureau
verifies thousands of returns) and names the field at fault.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from tic_desktop.catalogue import InLanguage, Said, Text, t
from tic_desktop.domain.rubric import Criterion, Rubric
from tic_desktop.errors import InputError
from tic_desktop.rules.messages import CHECK_TITLES
from tic_desktop.rules.results import Check, Result

# A score this far from the middle of the scale needs a short written reason (formats.md).
HIGH_SHARE, LOW_SHARE = Decimal("0.9"), Decimal("0.4")
# Items the rules leave to the experts: a judgement is required on each `review` item and may
# be given on a `missing` one (data only the site visit can confirm).
JUDGED_RESULTS = (Result.REVIEW,)
OPEN_RESULTS = (Result.REVIEW, Result.MISSING)
_SCORE_TEXT = re.compile(r"^-?[0-9]{1,12}(\.[0-9]{1,12})?$")
MAX_TEXT = 20_000  # characters in an opinion or reason


@dataclass(frozen=True)
class DeclaredConflict:
    application: str
    reason: str


@dataclass(frozen=True)
class Certification:
    certified: bool
    declared: tuple[DeclaredConflict, ...] = ()

    def declared_ids(self) -> set[str]:
        return {d.application for d in self.declared}


@dataclass(frozen=True)
class Judgement:
    """An expert's view of one formal-review item: agreeing with the engine, or not (and why)."""

    agrees: bool
    reason: str = ""


@dataclass(frozen=True)
class ApplicationScore:
    application: str
    criteria: Mapping[str, Decimal]
    opinion: str
    recommend: bool
    reasons: Mapping[str, str] = field(default_factory=dict)
    judgements: Mapping[str, Judgement] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.criteria.values(), Decimal(0))

    def as_json(self) -> dict[str, Any]:
        return {
            "application": self.application,
            "criteria": {k: format(v, "f") for k, v in self.criteria.items()},
            "reasons": dict(self.reasons),
            "judgements": {
                k: {"agrees": j.agrees, "reason": j.reason} for k, j in self.judgements.items()
            },
            "opinion": self.opinion,
            "recommend": self.recommend,
        }


@dataclass(frozen=True)
class ScoreSheet:
    expert: str
    coi: Certification
    scores: tuple[ApplicationScore, ...]

    def entry(self, application_id: str) -> ApplicationScore | None:
        return next((s for s in self.scores if s.application == application_id), None)

    def total(self, application_id: str) -> Decimal:
        entry = self.entry(application_id)
        if entry is None:
            raise KeyError(application_id)
        return entry.total

    @classmethod
    def from_json(cls, data: Any, shown: str = "scores") -> ScoreSheet:
        """Parse with :func:`parse_score_sheet` (InputError naming the field)."""
        return parse_score_sheet(data, shown)

    def as_json(self) -> dict[str, Any]:
        return {
            "expert": self.expert,
            "coi": {
                "certified": self.coi.certified,
                "declared": [
                    {"application": d.application, "reason": d.reason} for d in self.coi.declared
                ],
            },
            "scores": [s.as_json() for s in self.scores],
        }


# --- parsing ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, shown: str) -> None:
        self.shown = shown

    def fail(self, where: str, problem: Text) -> InputError:
        return InputError(self.shown, where or None, problem)

    def object(
        self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, t("expected an object {{...}}"))
        for key in required:
            if key not in value:
                raise self.fail(_join(where, key), t("required field is missing"))
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            raise self.fail(_join(where, unknown[0]), t("unknown field"))
        return value

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, t("expected an object {{...}}"))
        return value

    def text(self, value: Any, where: str, limit: int = MAX_TEXT) -> str:
        if not isinstance(value, str):
            raise self.fail(where, t("expected text"))
        if len(value) > limit:
            raise self.fail(where, t("text too long (over {limit})", limit=limit))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self.fail(where, t("text contains an invalid character")) from None
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, t("expected true or false"))
        return value

    def score(self, value: Any, where: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.fail(where, t('a score is a decimal string like "17.5"'))
        text = str(value).strip() if isinstance(value, str) else str(value)
        if not _SCORE_TEXT.match(text):
            raise self.fail(where, t("score {score} is not a number", score=repr(text[:30])))
        return Decimal(text)

    # Fast paths for the common case, used by the bureau on thousands of returns: the same checks
    # without building a field path for every value; anything they do not accept goes through
    # text()/score() above, which name the field at fault exactly as before.
    def criteria(self, values: dict[str, Any], where: str) -> dict[str, Decimal]:
        parsed: dict[str, Decimal] = {}
        for key, value in values.items():
            if type(key) is str and type(value) is str and _plain_key(key):
                number = _SCORES.get(value)
                if number is None and _SCORE_TEXT.match(value.strip()):
                    number = Decimal(value.strip())
                    if len(_SCORES) < _CACHE_LIMIT:
                        _SCORES[value] = number
                if number is not None:
                    parsed[key] = number
                    continue
            name = self.text(key, f"{where}.criteria", 200)  # the key first, as before
            parsed[name] = self.score(value, f"{where}.criteria.{key}")
        return parsed

    def texts(self, values: dict[str, Any], where: str) -> dict[str, str]:
        parsed: dict[str, str] = {}
        for key, value in values.items():
            if _plain_text(key, 200) and _plain_text(value, MAX_TEXT):
                parsed[key] = value
                continue
            name = self.text(key, where, 200)
            parsed[name] = self.text(value, f"{where}.{key}")
        return parsed


# Score texts and criterion ids repeat across thousands of returns ("17.5", "foundation"): what the
# checks above accepted once is remembered (a value's verdict depends on the value alone).
_CACHE_LIMIT = 4096
_SCORES: dict[str, Decimal] = {}  # score text as written -> its value, for texts that passed
_PLAIN_KEYS: set[str] = set()  # criterion ids that passed text(key, ..., 200)


def _plain_key(key: str) -> bool:
    """What text(key, ..., 200) accepts, remembered for the next returns."""
    if key in _PLAIN_KEYS:
        return True
    if not _plain_text(key, 200):
        return False
    if len(_PLAIN_KEYS) < _CACHE_LIMIT:
        _PLAIN_KEYS.add(key)
    return True


def _plain_text(value: Any, limit: int) -> bool:
    """What text() accepts, checked without building its error message."""
    if type(value) is not str or len(value) > limit:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def parse_score_sheet(data: Any, shown: str) -> ScoreSheet:
    """A score sheet from JSON data (a scores file, or the body of a signed return)."""
    p = _Parser(shown)
    top = p.object(data, "", ("expert", "coi", "scores"))
    coi = p.object(top["coi"], "coi", ("certified",), ("declared",))
    declared_raw = coi.get("declared", [])
    if not isinstance(declared_raw, list):
        raise p.fail("coi.declared", t("expected a list [...]"))
    declared = []
    for index, item in enumerate(declared_raw):
        where = f"coi.declared[{index}]"
        item = p.object(item, where, ("application", "reason"))
        declared.append(
            DeclaredConflict(
                p.text(item["application"], f"{where}.application", 200),
                p.text(item["reason"], f"{where}.reason"),
            )
        )
    if not isinstance(top["scores"], list):
        raise p.fail("scores", t("expected a list [...]"))
    scores = []
    for index, item in enumerate(top["scores"]):
        where = f"scores[{index}]"
        item = p.object(
            item,
            where,
            ("application", "criteria", "opinion", "recommend"),
            ("reasons", "judgements"),
        )
        criteria = p.mapping(item["criteria"], f"{where}.criteria")
        reasons = p.mapping(item.get("reasons", {}), f"{where}.reasons")
        judgements = p.mapping(item.get("judgements", {}), f"{where}.judgements")
        parsed_judgements = {}
        for check_id, judgement in judgements.items():
            at = f"{where}.judgements.{check_id}"
            judgement = p.object(judgement, at, ("agrees",), ("reason",))
            parsed_judgements[p.text(check_id, at, 200)] = Judgement(
                p.flag(judgement["agrees"], f"{at}.agrees"),
                p.text(judgement.get("reason", ""), f"{at}.reason"),
            )
        scores.append(
            ApplicationScore(
                application=p.text(item["application"], f"{where}.application", 200),
                criteria=p.criteria(criteria, where),
                opinion=p.text(item["opinion"], f"{where}.opinion"),
                recommend=p.flag(item["recommend"], f"{where}.recommend"),
                reasons=p.texts(reasons, f"{where}.reasons"),
                judgements=parsed_judgements,
            )
        )
    return ScoreSheet(
        expert=p.text(top["expert"], "expert", 200),
        coi=Certification(p.flag(coi["certified"], "coi.certified"), tuple(declared)),
        scores=tuple(scores),
    )


# --- the rule --------------------------------------------------------------------------------


class ProblemKind(StrEnum):
    """How the bureau classifies a problem (formats.md: return statuses and reasons)."""

    NOT_CERTIFIED = "not_certified"
    MALFORMED = "malformed"
    RULE_VIOLATION = "rule_violation"
    INCOMPLETE = "incomplete"  # the signing side refuses it; the bureau excludes the application


@dataclass(frozen=True)
class RuleProblem:
    kind: ProblemKind
    field: str
    text: Said
    application: str | None = None
    criterion: str | None = None

    zh = InLanguage("text", "zh")
    en = InLanguage("text", "en")


@dataclass(frozen=True)
class ScoringContext:
    """What the rule needs to know of the panel a sheet is for.

    ``recused``: application id -> expert ids the bureau recused (no key to the materials);
    ``open_checks``: application id -> the formal-review checks of that application whose result
    leaves a judgement to the experts (evaluated from the application data on either side), or
    None where this side cannot read the application (a chair recused from it): judgements on it
    are then not checked here (the bureau checks them).
    """

    rubric: Rubric
    recused: Mapping[str, frozenset[str]]
    open_checks: Callable[[str], list[Check] | None]

    @property
    def applications(self) -> list[str]:
        return list(self.recused)


def needs_reason(criterion: Criterion, value: Decimal) -> bool:
    """Above 90 % or below 40 % of the maximum (exact decimals; exactly 90 % needs none)."""
    return value > criterion.max * HIGH_SHARE or value < criterion.max * LOW_SHARE


def score_problem(criterion: Criterion, step: Decimal, value: Decimal) -> Text | None:
    """Why ``value`` cannot be the score of ``criterion``, or None."""
    if not Decimal(0) <= value <= criterion.max:
        return t(
            "“{criterion}”: score {value} is outside 0–{max}",
            criterion=criterion.title,
            value=value,
            max=criterion.max,
        )
    try:
        on_step = value % step == 0
    except InvalidOperation:
        on_step = False
    if not on_step:
        return t(
            "“{criterion}”: score {value} is not a multiple of the step {step}",
            criterion=criterion.title,
            value=value,
            step=step,
        )
    return None


def check_title(check_id: str) -> str:
    return CHECK_TITLES.get(check_id, (check_id, check_id))[0]


def entry_problems(
    entry: ApplicationScore, context: ScoringContext, where: str, *, complete: bool
) -> list[RuleProblem]:
    """The rule for one application's scores (range, step, reasons, judgements, opinion)."""
    app = entry.application
    found: list[RuleProblem] = []

    def add(kind: ProblemKind, at: str, problem: Said, criterion: str | None = None) -> None:
        said = t("{subject}: {problem}", subject=app, problem=problem)
        found.append(RuleProblem(kind, at, said, app, criterion))

    rubric = context.rubric
    criteria = {c.id: c for c in rubric.criteria}
    for criterion_id in entry.criteria:
        if criterion_id not in criteria:
            add(
                ProblemKind.RULE_VIOLATION,
                f"{where}.criteria.{criterion_id}",
                t("no such criterion in the rubric"),
                criterion_id,
            )
    for criterion_id in entry.reasons:
        if criterion_id not in criteria:
            add(
                ProblemKind.RULE_VIOLATION,
                f"{where}.reasons.{criterion_id}",
                t("no such criterion in the rubric"),
                criterion_id,
            )
    for criterion in rubric.criteria:
        value = entry.criteria.get(criterion.id)
        if value is None:
            if complete:
                add(
                    ProblemKind.INCOMPLETE,
                    f"{where}.criteria.{criterion.id}",
                    t("“{criterion}” is not scored", criterion=criterion.title),
                    criterion.id,
                )
            continue
        wrong = score_problem(criterion, rubric.step, value)
        if wrong is not None:
            at = f"{where}.criteria.{criterion.id}"
            add(ProblemKind.RULE_VIOLATION, at, wrong, criterion=criterion.id)
            continue
        if needs_reason(criterion, value) and not entry.reasons.get(criterion.id, "").strip():
            add(
                ProblemKind.RULE_VIOLATION,
                f"{where}.reasons.{criterion.id}",
                t(
                    "“{criterion}”: a score of {value} (above 90 % or below 40 % of the maximum) "
                    "needs a written reason",
                    criterion=criterion.title,
                    value=value,
                ),
                criterion.id,
            )
    if not entry.opinion.strip():
        add(ProblemKind.RULE_VIOLATION, f"{where}.opinion", t("the opinion must not be empty"))
    open_checks = context.open_checks(app)
    if open_checks is None:
        return found
    checks = {c.id: c for c in open_checks}
    for check_id, judgement in entry.judgements.items():
        at = f"{where}.judgements.{check_id}"
        if check_id not in checks:
            add(
                ProblemKind.RULE_VIOLATION,
                at,
                t(
                    "formal-review item {check} is not left to the experts",
                    check=check_id,
                    check_zh=check_title(check_id),
                ),
            )
        elif not judgement.agrees and not judgement.reason.strip():
            add(
                ProblemKind.RULE_VIOLATION,
                f"{at}.reason",
                t(
                    "disagreeing on formal-review item {check} needs a reason",
                    check=check_id,
                    check_zh=check_title(check_id),
                ),
            )
    for check in checks.values():
        if check.result in JUDGED_RESULTS and check.id not in entry.judgements:
            add(
                ProblemKind.RULE_VIOLATION,
                f"{where}.judgements.{check.id}",
                t(
                    "no judgement on formal-review item {check}",
                    check=check.id,
                    check_zh=check_title(check.id),
                ),
            )
    return found


def sheet_problems(
    sheet: ScoreSheet, context: ScoringContext, expert_id: str, *, signing: bool
) -> list[RuleProblem]:
    """Everything wrong with ``sheet`` for ``expert_id`` under the one rule.

    ``signing`` (the expert's side) also refuses incomplete scores and any score for an
    application the expert is recused from or declared a conflict with; the bureau instead
    excludes those applications at aggregation (formats.md ``excluded``).
    """
    found: list[RuleProblem] = []
    if sheet.expert != expert_id:
        found.append(
            RuleProblem(
                ProblemKind.RULE_VIOLATION,
                "expert",
                t(
                    "the sheet is for {expert}, signed by {signer}",
                    expert=sheet.expert,
                    signer=expert_id,
                ),
            )
        )
    if sheet.coi.certified is not True:
        found.append(
            RuleProblem(
                ProblemKind.NOT_CERTIFIED,
                "coi.certified",
                t("conflict-of-interest certification missing (certified must be true)"),
            )
        )
    in_panel = set(context.recused)
    declared = set()
    for index, conflict in enumerate(sheet.coi.declared):
        where = f"coi.declared[{index}]"
        if conflict.application not in in_panel:
            found.append(
                RuleProblem(
                    ProblemKind.RULE_VIOLATION,
                    f"{where}.application",
                    t(
                        "no application {application} in this panel",
                        application=conflict.application,
                    ),
                )
            )
        if not conflict.reason.strip():
            found.append(
                RuleProblem(
                    ProblemKind.RULE_VIOLATION,
                    f"{where}.reason",
                    t("a reason for the declared conflict is required"),
                )
            )
        declared.add(conflict.application)
    seen: set[str] = set()
    for index, entry in enumerate(sheet.scores):
        where = f"scores[{index}]"
        app = entry.application
        if app in seen:
            found.append(
                RuleProblem(
                    ProblemKind.MALFORMED,
                    f"{where}.application",
                    t("application {application} is scored twice", application=app),
                    app,
                )
            )
            continue
        seen.add(app)
        if app not in in_panel:
            found.append(
                RuleProblem(
                    ProblemKind.RULE_VIOLATION,
                    f"{where}.application",
                    t("no application {application} in this panel", application=app),
                    app,
                )
            )
            continue
        if app in declared or expert_id in context.recused[app]:
            if signing:
                said = (
                    t(
                        "you declared a conflict with {application} and cannot score it",
                        application=app,
                    )
                    if app in declared
                    else t(
                        "you are recused from {application} and cannot score it", application=app
                    )
                )
                found.append(
                    RuleProblem(ProblemKind.RULE_VIOLATION, f"{where}.application", said, app)
                )
            continue  # the bureau excludes it as recused, whatever it says
        found.extend(entry_problems(entry, context, where, complete=signing))
    return found


def check_score_sheet(
    sheet: ScoreSheet, context: ScoringContext, expert_id: str, shown: str
) -> None:
    """Raise InputError (naming the field) unless the sheet may be signed as it is."""
    problems = sheet_problems(sheet, context, expert_id, signing=True)
    if problems:
        first = problems[0]
        said = (
            t("{problem} ({count} more problems)", problem=first.text, count=len(problems) - 1)
            if len(problems) > 1
            else first.text
        )
        raise InputError(shown, first.field, said)
