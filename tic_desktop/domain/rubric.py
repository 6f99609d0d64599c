"""A scoring rubric (评分表): criteria with maximum and step."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from tic_desktop.domain.decimals import Amount


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
            raise ValueError("步长必须大于 0 | step must be greater than 0")
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError("评分项编号重复 | criteria ids must be unique")
        for index, criterion in enumerate(self.criteria):
            if criterion.max <= 0 or criterion.max % self.step != 0:
                raise ValueError(
                    f"criteria[{index}].max（{criterion.id}）{criterion.max} "
                    f"应为步长 {self.step} 的正整数倍 | "
                    f"criteria[{index}].max ({criterion.id}): {criterion.max} must be a positive "
                    f"multiple of step {self.step}"
                )
        return self

    @property
    def total_max(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))
