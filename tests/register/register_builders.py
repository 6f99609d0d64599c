"""Shared builders for the register tests (imported by name; conftest puts this folder on
sys.path)."""

from __future__ import annotations

from datetime import date

from tic_desktop.register.domain import Center

USCC_A = "91371500MA3C1234XL"
USCC_B = "91371502MA3D5678YX"
USCC_C = "12371500MB1234567W"


def make_center(approved_on: date, **changes) -> Center:
    fields = dict(
        id="LC-TIC-001",
        name="聊城市高端轴承技术创新中心",
        lead_unit="聊城某轴承股份有限公司",
        lead_uscc=USCC_A,
        field="高端装备",
        approved_on=approved_on,
    )
    fields.update(changes)
    return Center(**fields)
