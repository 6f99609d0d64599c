"""Messages name whose credit code made a conflict check fall back to unit names, and the quorum
message agrees with the recusals listed beside it (issue #14)."""

from __future__ import annotations

from test_rules_conflicts import LEAD, _one_typo, make_panel, outsiders
from tic_builders import LEAD_NAME, LEAD_USCC, base_application


def _check(pc, check_id):
    return next(c for c in pc.checks if c.id == check_id)


def test_an_invalid_applicant_code_is_named_not_the_chairs():
    app = base_application()
    app["lead_unit"]["uscc"] = _one_typo(
        LEAD_USCC
    )  # the applicant's code fails its check character
    pc = make_panel(outsiders(7), chair=0, app=app)  # the chair's own code is valid
    chair = _check(pc, "panel.chair_independent")
    assert chair.result.value == "review"
    assert (
        f"申报单位“{LEAD_NAME}”的统一社会信用代码 {app['lead_unit']['uscc']} 无效"
        in chair.message_zh
    )
    assert "组长单位" not in chair.message_zh
    assert "of the applicant" in chair.message_en and "invalid" in chair.message_en


def test_a_chair_without_a_code_is_named_as_the_chair():
    pc = make_panel([("某某研究院", None)] + outsiders(6, 1), chair=0)
    chair = _check(pc, "panel.chair_independent")
    assert chair.result.value == "review"
    assert chair.message_zh.startswith("组长单位“某某研究院”未提供统一社会信用代码")


def test_a_quorum_failure_also_gives_the_number_left_when_name_matches_recuse():
    # 6 members: 2 sure from the applicant, 1 more by name only, quorum 5.
    pc = make_panel(outsiders(3) + [LEAD, LEAD, (LEAD_NAME, None)], quorum=5)
    quorum = _check(pc, "panel.quorum")
    assert quorum.result.value == "fail" and len(pc.scorers) == 3
    assert "确认回避后可评分专家 4 人" in quorum.message_zh
    assert "也回避时只有 3 人" in quorum.message_zh  # the number the recusal list shows
