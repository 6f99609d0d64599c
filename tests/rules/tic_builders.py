"""Builders for test inputs, written from formats.md (not from the implementation).

A valid enterprise-led application that passes every formal-review check, plus helpers to write
JSON files and review rounds. Tests copy a builder's dict and change what they need.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

# --- GB 32100-2015 reference (our own, independent of tic_desktop.rules.uscc) ----------------

REF_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def ref_check_character(first17: str) -> str:
    """Check character: weights 3**i mod 31, check = (31 - sum mod 31) mod 31."""
    assert len(first17) == 17
    total = sum(REF_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    return REF_ALPHABET[(31 - total % 31) % 31]


def make_uscc(first17: str) -> str:
    return first17 + ref_check_character(first17)


def ref_is_valid(code: str) -> bool:
    return (
        len(code) == 18
        and all(ch in REF_ALPHABET for ch in code)
        and code[2:8].isdigit()
        and ref_check_character(code[:17]) == code[17]
    )


# Units used across tests. All USCCs below are valid; divisions noted.
LEAD_NAME = "山东某某轴承股份有限公司"
LEAD_USCC = make_uscc("91371500MA3C0AB12")  # Liaocheng (371500)
COB_NAME = "聊城大学"
COB_USCC = make_uscc("12371500MB0000017")  # Liaocheng
COB_ENT_NAME = "聊城某某机械有限公司"
COB_ENT_USCC = make_uscc("91371502MA3D00001")  # Liaocheng (371502)
JINAN_ENT_USCC = make_uscc("91370100MA3E00002")  # Jinan (370100): valid but not local
OUTSIDE = [  # independent units for committee members / experts
    ("山东大学", make_uscc("12100000400000001")),
    ("清华大学", make_uscc("12100000400000002")),
    ("浙江大学", make_uscc("12100000400000003")),
    ("中国科学院某某研究所", make_uscc("12100000400000004")),
    ("哈尔滨工业大学", make_uscc("12100000400000005")),
    ("上海交通大学", make_uscc("12100000400000006")),
    ("西安交通大学", make_uscc("12100000400000007")),
    ("华中科技大学", make_uscc("12100000400000008")),
    ("天津大学", make_uscc("12100000400000009")),
    ("东南大学", make_uscc("1210000040000000A")),
    ("同济大学", make_uscc("1210000040000000B")),
    ("南京大学", make_uscc("1210000040000000C")),
]


def outside_unit(i: int) -> tuple[str, str]:
    """An independent unit; beyond the list, synthesise a distinct one."""
    if i < len(OUTSIDE):
        return OUTSIDE[i]
    return (f"外部单位{i}", make_uscc(f"121000005{i:08d}"))


def committee(
    n_members: int,
    n_host: int = 0,
    chair: int | None = None,
    host_uscc: str = LEAD_USCC,
    host_name: str = LEAD_NAME,
) -> dict:
    """n_members members of which the first n_host are from the host unit; chair defaults to
    the first independent member (or 0 when all are host members)."""
    members = []
    for i in range(n_members):
        if i < n_host:
            members.append({"name": f"委员{i}", "unit_name": host_name, "unit_uscc": host_uscc})
        else:
            name, uscc = outside_unit(i)
            members.append({"name": f"委员{i}", "unit_name": name, "unit_uscc": uscc})
    if chair is None:
        chair = n_host if n_host < n_members else 0
    return {"members": members, "chair": chair}


def staff(n_counted: int, extra: list[tuple[bool, int]] | None = None) -> list[dict]:
    roster = [{"name": f"研发{i}", "full_time": True, "days_worked": 240} for i in range(n_counted)]
    for j, (full_time, days) in enumerate(extra or []):
        roster.append({"name": f"其他{j}", "full_time": full_time, "days_worked": days})
    return roster


def base_application(app_id: str = "LC-2026-003") -> dict[str, Any]:
    """An enterprise-led application that meets every condition (verdict: eligible)."""
    return {
        "id": app_id,
        "center_name": "聊城市高端轴承技术创新中心",
        "field": "高端装备制造",
        "lead_unit": {
            "name": LEAD_NAME,
            "uscc": LEAD_USCC,
            "kind": "enterprise",
            "high_tech": True,
            "independent_legal_person": True,
        },
        "co_builders": [
            {"name": COB_NAME, "uscc": COB_USCC, "kind": "university", "agreement_signed": True}
        ],
        "lead_share_percent": {
            "conditions": "70",
            "staff": "65",
            "projects": "80",
            "achievements": "60",
        },
        "finance": [
            {"year": 2023, "rd_expense": "3800000.00", "main_revenue": "120000000.00"},
            {"year": 2024, "rd_expense": "3300000.00", "main_revenue": "110000000.00"},
            {"year": 2025, "rd_expense": "3100000.00", "main_revenue": "100000000.00"},
        ],
        "transfer_cases": 0,
        "rd_space_m2": "620",
        "equipment_value": "5300000",
        "pilot_capability": True,
        "special_industry": False,
        "strategic_priority": False,
        "staff": staff(20),
        "director": {"name": "李某", "title": "正高级工程师", "title_level": "senior"},
        "committee": committee(9),
        "incidents": {"safety_accident": False, "environmental_case": False},
        "attachments": [{"title": "申报书", "file": "LC-2026-003/申报书.pdf"}],
    }


def university_application(app_id: str = "LC-2026-101") -> dict[str, Any]:
    """A university-led application that meets every condition."""
    app = base_application(app_id)
    app["lead_unit"] = {
        "name": "聊城某某研究院",
        "uscc": make_uscc("12371500MB0000025"),
        "kind": "university",
        "independent_legal_person": True,
    }
    app["co_builders"] = [
        {"name": COB_ENT_NAME, "uscc": COB_ENT_USCC, "kind": "enterprise", "agreement_signed": True}
    ]
    app["transfer_cases"] = 5
    app["finance"] = None
    return app


def with_finance(app: dict, rd: list[str], revenue: list[str], first_year: int = 2023) -> dict:
    app = copy.deepcopy(app)
    app["finance"] = [
        {"year": first_year + i, "rd_expense": r, "main_revenue": v}
        for i, (r, v) in enumerate(zip(rd, revenue, strict=True))
    ]
    return app


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


RUBRIC = {
    "id": "establishment-2026",
    "step": "0.5",
    "criteria": [
        {"id": "foundation", "title": "依托单位基础条件", "max": "20", "guidance": "…"},
        {"id": "team", "title": "团队", "max": "20", "guidance": "…"},
    ],
}


def expert(eid: str, unit: tuple[str, str | None]) -> dict:
    name, uscc = unit
    data = {
        "id": eid,
        "name": f"专家{eid}",
        "unit_name": name,
        "title": "教授",
        "field": "机械工程",
    }
    if uscc is not None:
        data["unit_uscc"] = uscc
    return data


def base_round(
    apps: list[dict],
    experts: list[dict] | None = None,
    panels: list[dict] | None = None,
    declared: list[dict] | None = None,
    quorum: int | None = 5,
) -> dict:
    """A round document; applications are written to apps/<id>.json by write_round."""
    if experts is None:
        experts = [expert(f"E{i:02d}", outside_unit(i)) for i in range(1, 8)]
    if panels is None:
        panels = [
            {
                "id": "P1",
                "members": [e["id"] for e in experts],
                "chair": experts[0]["id"],
                "applications": [a["id"] for a in apps],
            }
        ]
    data = {
        "id": "2026-TIC-01",
        "title": "2026年度聊城市技术创新中心组建评审",
        "kind": "establishment",
        "rubric": "rubric.json",
        "applications": [f"apps/{a['id']}.json" for a in apps],
        "experts": experts,
        "panels": panels,
        "declared_conflicts": declared or [],
    }
    if quorum is not None:
        data["quorum"] = quorum
    return data


def write_round(folder: Path, apps: list[dict], round_doc: dict | None = None, **kwargs) -> Path:
    """Write rubric, applications and the round file into folder; returns the round path."""
    doc = round_doc if round_doc is not None else base_round(apps, **kwargs)
    write_json(folder / "rubric.json", RUBRIC)
    for app in apps:
        write_json(folder / "apps" / f"{app['id']}.json", app)
    return write_json(folder / "round.json", doc)
