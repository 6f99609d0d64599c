"""A review day's results on the demo round, without cryptography: accepted returns built from
score sheets (with reasons and judgements), a member who sent nothing, a declared conflict, a
bureau recusal and a rejected return; then the round's aggregation."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

from tic_desktop.aggregation import aggregate
from tic_desktop.domain.loading import ReviewRound, load_round
from tic_desktop.paths import demo_round_file
from tic_desktop.returns.receiving import ReceivedReturn
from tic_desktop.returns.scoring import ScoreSheet

ROUND_ID = "2026-TIC-01"
P1_SCORERS = ["E01", "E02", "E03", "E04", "E05", "E06"]  # E07 sends nothing
# E01's scores for LC-2026-001, with reasons and judgements; others are derived from a fraction.
E01_LC001 = {
    "foundation": "19.5",
    "team": "12",
    "plan": "16.5",
    "cooperation": "8",
    "transfer": "12",
    "management": "8.5",
    "funding": "9",
}
WRONG_ROUND_DETAIL = (
    "回执属于评审批次 2025-TIC-09，不是 2026-TIC-01",
    "the return is for round 2025-TIC-09, not 2026-TIC-01",
)


def demo_round() -> ReviewRound:
    return load_round(demo_round_file())


def performance_round(tmp_path: Path) -> ReviewRound:
    """The demo round as a performance evaluation (绩效评价) with its default grade bands."""
    source = demo_round_file()
    data = json.loads(source.read_text(encoding="utf-8"))
    data["kind"] = "performance"
    data["title"] = "2026年度聊城市技术创新中心绩效评价"
    for key in ("rubric", "applications"):
        value = data[key]
        data[key] = (
            str(source.parent / value)
            if isinstance(value, str)
            else [str(source.parent / v) for v in value]
        )
    path = tmp_path / "performance-round.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_round(path)


def _criteria(review_round: ReviewRound, fraction: Decimal) -> dict[str, str]:
    """Each criterion at ``fraction`` of its maximum, to the rubric's step below."""
    step = review_round.rubric.step
    return {
        c.id: format((c.max * fraction / step).to_integral_value() * step, "f")
        for c in review_round.rubric.criteria
    }


def accepted(expert: str, panel: str, scores: list[dict], declared=()) -> ReceivedReturn:
    sheet = ScoreSheet.from_json(
        {
            "expert": expert,
            "coi": {
                "certified": True,
                "declared": [{"application": a, "reason": r} for a, r in declared],
            },
            "scores": scores,
        }
    )
    item = ReceivedReturn(Path(f"{expert}.ticreturn"), f"{int(expert[1:]):064x}")
    item.status, item.expert, item.revision, item.sheet = "accepted", expert, 1, sheet
    item.panel, item.document = panel, {"round": ROUND_ID, "panel": panel}
    item.detail, item.detail_en = "签名有效", "signature valid"
    return item


def day_returns(review_round: ReviewRound) -> list[ReceivedReturn]:
    p1 = next(p for p in review_round.panels if p.id == "P1")
    declared = {(c.expert, c.application) for c in review_round.spec.declared_conflicts}
    returns = []
    for number, expert in enumerate(P1_SCORERS):
        scores = []
        for app_number, app_id in enumerate(p1.applications):
            if (expert, app_id) in declared:
                continue
            if expert == "E01" and app_id == "LC-2026-001":
                criteria = E01_LC001
            else:
                criteria = _criteria(
                    review_round, Decimal("0.6") + Decimal(number + app_number) / 40
                )
            entry = {
                "application": app_id,
                "criteria": criteria,
                "opinion": f"{expert} 对 {app_id} 的评审意见：依托单位基础较好。",
                "recommend": number % 3 != 2,
            }
            if expert == "E01" and app_id == "LC-2026-001":
                entry["reasons"] = {"foundation": "研发投入连续三年增长，设备原值远超门槛"}
                entry["judgements"] = {
                    "premises.pilot_capability": {"agrees": False, "reason": "现场未见中试线"}
                }
            scores.append(entry)
        returns.append(
            accepted(
                expert,
                "P1",
                scores,
                [(a, "近三年曾在申报单位任职") for e, a in declared if e == expert],
            )
        )
    rejected = ReceivedReturn(Path("E07-旧批次.ticreturn"), "e7" * 32)
    rejected.status, rejected.reason, rejected.expert, rejected.revision = (
        "rejected",
        "wrong_round",
        "E07",
        2,
    )
    rejected.detail, rejected.detail_en = WRONG_ROUND_DETAIL
    damaged = ReceivedReturn(Path("损坏.ticreturn"), "d0" * 32)
    damaged.status, damaged.reason = "rejected", "cannot_decrypt"
    damaged.detail = "无法解密回执：文件内容被截断或被篡改 (decryption error)"
    damaged.detail_en = "cannot decrypt the return: the content is truncated (decryption error)"
    return [*returns, rejected, damaged]


def day_results(review_round: ReviewRound):
    returns = day_returns(review_round)
    return aggregate(review_round, copy.copy(returns)), returns
