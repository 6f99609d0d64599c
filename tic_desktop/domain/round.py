"""A review round (评审批次): experts, panels and the files it names."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from tic_desktop.domain.decimals import Amount

RoundKind = Literal["establishment", "performance"]


class _Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class Expert(_Record):
    id: StrictStr = Field(min_length=1)
    name: StrictStr
    unit_name: StrictStr
    unit_uscc: StrictStr | None = None
    title: StrictStr | None = None
    field: StrictStr | None = None


class Panel(_Record):
    id: StrictStr = Field(min_length=1)
    members: list[StrictStr] = Field(min_length=1)
    chair: StrictStr
    applications: list[StrictStr]


class DeclaredConflict(_Record):
    expert: StrictStr
    application: StrictStr
    reason: StrictStr = Field(min_length=1)


class GradeBand(_Record):
    min: Amount
    grade: StrictStr = Field(min_length=1)


class AggregationSettings(_Record):
    """Optional method parameters (formats.md: "method parameters in a round setting")."""

    trim_from: StrictInt = Field(default=5, ge=3)
    wide_spread_points: Amount = Decimal(20)
    grade_bands: list[GradeBand] = Field(default_factory=list)
    lowest_grade: StrictStr = "不合格"


class RoundFile(_Record):
    """The round file itself; paths are relative to its folder."""

    id: StrictStr = Field(min_length=1)
    title: StrictStr
    kind: RoundKind
    quorum: StrictInt = Field(default=5, ge=1)
    rubric: StrictStr
    applications: list[StrictStr]
    experts: list[Expert]
    panels: list[Panel]
    declared_conflicts: list[DeclaredConflict] = Field(default_factory=list)
    aggregation: AggregationSettings | None = None
