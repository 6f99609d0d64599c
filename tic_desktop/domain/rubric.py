"""A scoring rubric (评分表): criteria with maximum and step."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from tic_desktop.catalogue import t
from tic_desktop.domain.decimals import Amount
from tic_desktop.errors import Refusal


class Criterion(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    id: StrictStr = Field(min_length=1)
    title: StrictStr
    max: Amount
    guidance: StrictStr = ""


class Rubric(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    id: StrictStr = Field(min_length=1)
    step: Amount
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        if self.step <= 0:
            raise Refusal(t("step must be greater than 0"))
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise Refusal(t("criteria ids must be unique"))
        for index, criterion in enumerate(self.criteria):
            if criterion.max <= 0 or criterion.max % self.step != 0:
                raise Refusal(
                    t(
                        "criteria[{index}].max ({id}): {max} must be a positive multiple of step "
                        "{step}",
                        index=index,
                        id=criterion.id,
                        max=criterion.max,
                        step=self.step,
                    )
                )
        return self

    @property
    def total_max(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))
