"""An application (申报材料) for a technology innovation center, as in formats.md."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
)

from tic_desktop.catalogue import t
from tic_desktop.domain.decimals import Amount, Percent
from tic_desktop.errors import Refusal

KNOWN_UNIT_KINDS = ("enterprise", "university", "institute", "new_rd_institution")
TitleLevel = Literal["senior", "associate_senior", "intermediate", "junior", "none"]


class _Record(BaseModel):
    # Unknown keys are ignored so newer files still load in older versions of the app.
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class LeadUnit(_Record):
    name: StrictStr
    # Unknown kinds are kept as given so the lead_unit.kind check can fail them by name.
    kind: StrictStr
    uscc: StrictStr | None = None
    high_tech: StrictBool | None = None
    independent_legal_person: StrictBool | None = None


class CoBuilder(_Record):
    name: StrictStr
    kind: StrictStr
    uscc: StrictStr | None = None
    agreement_signed: StrictBool | None = None


class LeadShare(_Record):
    conditions: Percent | None = None
    staff: Percent | None = None
    projects: Percent | None = None
    achievements: Percent | None = None


class FinanceYear(_Record):
    year: StrictInt
    rd_expense: Amount | None = None
    main_revenue: Amount | None = None


class StaffMember(_Record):
    name: StrictStr
    full_time: StrictBool
    days_worked: StrictInt = Field(ge=0, le=366)


class Director(_Record):
    name: StrictStr
    title: StrictStr | None = None
    title_level: TitleLevel


class CommitteeMember(_Record):
    name: StrictStr
    unit_name: StrictStr
    unit_uscc: StrictStr | None = None


class Committee(_Record):
    members: list[CommitteeMember]
    chair: StrictInt

    @field_validator("chair")
    @classmethod
    def _chair_is_a_member(cls, chair: int, info: ValidationInfo) -> int:
        members = info.data.get("members")
        if members is not None and not 0 <= chair < len(members):
            raise Refusal(
                t(
                    "chair index {chair} is not a position in members (0..{last})",
                    chair=chair,
                    last=len(members) - 1,
                )
            )
        return chair


class Incidents(_Record):
    safety_accident: StrictBool | None = None
    environmental_case: StrictBool | None = None


class Attachment(_Record):
    title: StrictStr
    file: StrictStr
    """Relative to the application file's folder, and inside it: every loader checks that
    (``domain/files.py``), since only a loader knows the folder and the disk."""


class Application(_Record):
    id: StrictStr = Field(min_length=1)
    center_name: StrictStr
    field: StrictStr | None = None
    lead_unit: LeadUnit
    co_builders: list[CoBuilder] = Field(default_factory=list)
    lead_share_percent: LeadShare | None = None
    finance: list[FinanceYear] | None = None
    transfer_cases: StrictInt | None = Field(default=None, ge=0)
    rd_space_m2: Amount | None = None
    equipment_value: Amount | None = None
    pilot_capability: StrictBool | None = None
    special_industry: StrictBool = False
    strategic_priority: StrictBool = False
    staff: list[StaffMember] | None = None
    director: Director | None = None
    committee: Committee | None = None
    incidents: Incidents | None = None
    attachments: list[Attachment] = Field(default_factory=list)

    @field_validator("finance")
    @classmethod
    def _finance_years_unique(cls, finance: list[FinanceYear] | None) -> list[FinanceYear] | None:
        if finance:
            years = [entry.year for entry in finance]
            if len(set(years)) != len(years):
                raise Refusal(t("finance lists the same year more than once"))
        return finance
