"""An expert's scores: the rules every score sheet must meet, shared by the GUI and `tic return make`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from tic_desktop.domain.decimals import Amount
from tic_desktop.errors import InputError
from tic_desktop.packages.manifest import Manifest


class _Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class DeclaredConflict(_Record):
    application: StrictStr
    reason: StrictStr


class Certification(_Record):
    certified: StrictBool
    declared: list[DeclaredConflict] = Field(default_factory=list)


class ApplicationScore(_Record):
    application: StrictStr
    criteria: dict[StrictStr, Amount]
    opinion: StrictStr
    recommend: StrictBool


class ScoreSheet(_Record):
    expert: StrictStr
    coi: Certification
    scores: list[ApplicationScore]

    def total(self, application_id: str) -> Decimal:
        entry = next(s for s in self.scores if s.application == application_id)
        return sum(entry.criteria.values(), Decimal(0))


def check_score_sheet(sheet: ScoreSheet, manifest: Manifest, expert_id: str, shown: str) -> None:
    """Raise InputError (naming the field) unless the sheet may be signed as it is."""
    if sheet.expert != expert_id:
        raise InputError(
            shown,
            "expert",
            f"评分表属于 {sheet.expert}，而当前专家是 {expert_id}",
            f"the sheet is for {sheet.expert}, but the credential is {expert_id}",
        )
    if not sheet.coi.certified:
        raise InputError(
            shown,
            "coi.certified",
            "尚未作出回避声明（须先确认利益冲突情况）",
            "conflict-of-interest certification missing (certified must be true)",
        )
    declared = set()
    for index, conflict in enumerate(sheet.coi.declared):
        where = f"coi.declared[{index}]"
        if manifest.application(conflict.application) is None:
            raise InputError(
                shown,
                f"{where}.application",
                f"本专家组没有申报 {conflict.application}",
                f"no application {conflict.application} in this panel",
            )
        if not conflict.reason.strip():
            raise InputError(
                shown,
                f"{where}.reason",
                "请填写回避理由",
                "a reason for the declared conflict is required",
            )
        declared.add(conflict.application)
    rubric = manifest.rubric
    maxima = {c.id: c.max for c in rubric.criteria}
    seen = set()
    for index, entry in enumerate(sheet.scores):
        where = f"scores[{index}]"
        application = manifest.application(entry.application)
        if application is None:
            raise InputError(
                shown,
                f"{where}.application",
                f"本专家组没有申报 {entry.application}",
                f"no application {entry.application} in this panel",
            )
        if entry.application in seen:
            raise InputError(
                shown,
                f"{where}.application",
                f"申报 {entry.application} 重复评分",
                f"application {entry.application} is scored twice",
            )
        seen.add(entry.application)
        if expert_id in application.recused:
            raise InputError(
                shown,
                f"{where}.application",
                f"您须回避申报 {entry.application}（{application.recused[expert_id]}），不能评分",
                f"you are recused from {entry.application} and cannot score it",
            )
        if entry.application in declared:
            raise InputError(
                shown,
                f"{where}.application",
                f"您已声明回避申报 {entry.application}，不能评分",
                f"you declared a conflict with {entry.application} and cannot score it",
            )
        for criterion_id in entry.criteria:
            if criterion_id not in maxima:
                raise InputError(
                    shown,
                    f"{where}.criteria.{criterion_id}",
                    "评分表中没有该评分项",
                    "no such criterion in the rubric",
                )
        for criterion in rubric.criteria:
            value = entry.criteria.get(criterion.id)
            field = f"{where}.criteria.{criterion.id}"
            if value is None:
                raise InputError(
                    shown,
                    field,
                    f"“{criterion.title}”尚未评分",
                    f"criterion {criterion.id} is not scored",
                )
            if not Decimal(0) <= value <= criterion.max:
                raise InputError(
                    shown,
                    field,
                    f"分数 {value} 超出范围 0–{criterion.max}",
                    f"score {value} is outside 0–{criterion.max}",
                )
            try:
                on_step = value % rubric.step == 0
            except InvalidOperation:
                on_step = False
            if not on_step:
                raise InputError(
                    shown,
                    field,
                    f"分数 {value} 不是步长 {rubric.step} 的整数倍",
                    f"score {value} is not a multiple of the step {rubric.step}",
                )
        if not entry.opinion.strip():
            raise InputError(
                shown, f"{where}.opinion", "评审意见不能为空", "the opinion must not be empty"
            )
