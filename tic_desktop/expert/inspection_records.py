"""What an on-site inspection (现场考察) records: the checklist items that verify Art. 8, an item's
entry, the report's own fields, a problem that stops the report from being signed and a stored
photo; and the date of visit as the report writes it. :mod:`.inspection` keeps and signs them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tic_desktop.catalogue import InLanguage, Text, t, tc
from tic_desktop.errors import InputError

RESULTS = ("符合", "不符合", "不适用")


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    clause: str
    what_to_check: str
    # The formal-review checks whose values are what the application declared for this item,
    # with how each is introduced.
    declared: tuple[tuple[str, Text], ...] = ()


# The items that verify Art. 8 on site (issue 5); a round may add its own later.
ART8_ITEMS = (
    ChecklistItem(
        "premises.area",
        "科研开发用房面积",
        "第八条（三）",
        "实地测量科研开发用房面积（平方米）",
        (("premises.rd_space", tc("declared figure", "R&D space")),),
    ),
    ChecklistItem(
        "equipment.sample",
        "仪器设备抽查",
        "第八条（三）",
        "抽查仪器设备，与固定资产台账核对",
        (("premises.equipment_value", tc("declared figure", "equipment value")),),
    ),
    ChecklistItem(
        "staff.roster",
        "专职科研人员名册及出勤",
        "第八条（四）",
        "核对人员名册、劳动合同与全年出勤天数",
        (("team.full_time_staff", tc("declared figure", "full-time R&D staff")),),
    ),
    ChecklistItem(
        "rd.audit",
        "研发费用专项审计报告",
        "第八条（二）",
        "查验近三年研发费用专项审计报告原件",
        (("rd.expense_total", tc("declared figure", "R&D expense, last three years")),),
    ),
    ChecklistItem(
        "cobuild.originals",
        "共建协议原件",
        "第八条（五）",
        "查验共建协议原件及签章",
        (
            ("cobuild.count", tc("declared figure", "co-builders")),
            ("cobuild.agreement", tc("declared figure", "agreements")),
        ),
    ),
    ChecklistItem(
        "pilot.capability",
        "中试或产业化能力",
        "第八条（三）",
        "查看中试线或产业化条件",
        (("premises.pilot_capability", tc("declared figure", "pilot capability")),),
    ),
    ChecklistItem(
        "safety.record",
        "安全生产与环保记录",
        "第八条（六）",
        "查阅近三年安全生产、环保检查记录",
        (
            (
                "compliance.incidents",
                tc("declared figure", "accidents and environmental cases"),
            ),
        ),
    ),
)
REPORT_FIELDS = ("site_address", "visit_date", "team", "conclusion")


@dataclass(frozen=True)
class Entry:
    result: str | None
    measured: str
    note: str


@dataclass(frozen=True)
class ReportFields:
    """The report's own fields as saved: where, when, who besides the leader, and the conclusion."""

    site_address: str = ""
    visit_date: dt.date | None = None
    team: tuple[str, ...] = ()
    conclusion: str = ""


@dataclass(frozen=True)
class Problem:
    """One thing that stops the report from being signed, and the field it belongs to.

    ``field`` is a checklist item id or one of :data:`REPORT_FIELDS`.
    """

    field: str
    text: Text

    zh = InLanguage("text", "zh")
    en = InLanguage("text", "en")


@dataclass(frozen=True)
class PhotoRecord:
    """A stored photo with its row id (for captioning and removal)."""

    id: int
    caption: str
    sha256: str
    data: bytes = field(repr=False)


def date_text(day: dt.date | None) -> str:
    """``2026-11-20`` -> ``2026年11月20日`` (how the report prints the date of visit)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def parse_date_text(text: str) -> dt.date | None:
    """``2026-11-20`` or ``2026年11月20日`` -> a date; empty -> ``None``; anything else is
    refused."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?", text)
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InputError(
            "现场考察",
            "visit_date",
            t("cannot read the date {date}; write it as 2026-11-20", date=repr(text), date_zh=text),
        ) from None
