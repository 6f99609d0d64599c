"""Is this person from that unit? Identity by USCC, normalised name only as a flagged fallback."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from tic_desktop.rules.uscc import is_valid_uscc, normalise_uscc

_PUNCTUATION = re.compile(r"[\s\-_.,，。、·•()（）\[\]【】\"'“”‘’]+")


def normalise_unit_name(name: str) -> str:
    """Fold width, case, spaces and punctuation so 聊城大学 and ' 聊城 大学 ' compare equal."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return _PUNCTUATION.sub("", folded)


@dataclass(frozen=True)
class Unit:
    name: str
    uscc: str | None


class Match(StrEnum):
    """How sure an identity comparison is."""

    SAME_BY_USCC = "same_by_uscc"
    DIFFERENT_BY_USCC = "different_by_uscc"
    SAME_BY_NAME = "same_by_name"
    DIFFERENT_BY_NAME = "different_by_name"

    @property
    def by_name(self) -> bool:
        """The comparison rested on names: the result is for the experts to confirm."""
        return self in (Match.SAME_BY_NAME, Match.DIFFERENT_BY_NAME)


def identity_code(unit: Unit) -> str | None:
    """The unit's USCC when it can identify the unit: a code failing its check character is a typo
    (or made up), and trusting it would let a person from the applicant pass as independent."""
    code = normalise_uscc(unit.uscc)
    return code if code and is_valid_uscc(code) else None


def compare_units(a: Unit, b: Unit) -> Match:
    code_a, code_b = identity_code(a), identity_code(b)
    if code_a and code_b:
        return Match.SAME_BY_USCC if code_a == code_b else Match.DIFFERENT_BY_USCC
    if normalise_unit_name(a.name) == normalise_unit_name(b.name):
        return Match.SAME_BY_NAME
    return Match.DIFFERENT_BY_NAME


@dataclass(frozen=True)
class Affiliation:
    """A person's tie to a set of host units (lead + co-builders)."""

    affiliated: bool
    by_name: bool  # some comparison used a name, so the finding needs confirming
    unit: Unit | None = None  # the host unit matched, if any


def affiliation_with(person_unit: Unit, host_units: list[Unit]) -> Affiliation:
    """Whether ``person_unit`` is any of ``host_units``; a USCC match beats a name match."""
    matches = [(compare_units(person_unit, host), host) for host in host_units]
    by_name = any(match.by_name for match, _ in matches)
    for match, host in matches:
        if match is Match.SAME_BY_USCC:
            return Affiliation(True, False, host)
    for match, host in matches:
        if match is Match.SAME_BY_NAME:
            return Affiliation(True, True, host)
    return Affiliation(False, by_name)
