"""Results of checks and the verdict they add up to."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Result(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NEEDS_JUDGEMENT = "needs_judgement"
    INELIGIBLE = "ineligible"


@dataclass(frozen=True)
class Check:
    """One check's outcome: what it enforces, the figures it used and why it came out so."""

    id: str
    clause: str
    result: Result
    value: str | None
    threshold: str | None
    message_zh: str
    message_en: str
    clause_en: str = ""

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def as_json(self, lang: str = "zh") -> dict[str, str | None]:
        return {
            "id": self.id,
            "clause": self.clause if lang != "en" else self.clause_en,
            "result": self.result.value,
            "value": self.value,
            "threshold": self.threshold,
            "message": self.message(lang),
        }


def verdict_of(checks: list[Check]) -> Verdict:
    """ineligible if any fail; else needs_judgement if any review/missing; else eligible."""
    results = {check.result for check in checks}
    if Result.FAIL in results:
        return Verdict.INELIGIBLE
    if results & {Result.REVIEW, Result.MISSING}:
        return Verdict.NEEDS_JUDGEMENT
    return Verdict.ELIGIBLE


@dataclass(frozen=True)
class EligibilityReport:
    application_id: str
    checks: list[Check] = field(default_factory=list)

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.checks)

    def check(self, check_id: str) -> Check:
        return next(c for c in self.checks if c.id == check_id)

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "application": self.application_id,
            "verdict": self.verdict.value,
            "checks": [check.as_json(lang) for check in self.checks],
        }
