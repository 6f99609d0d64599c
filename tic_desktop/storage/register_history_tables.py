"""Corrections of the center register, kept: a record is never changed or removed without a row here
saying what it was, what it became, why, and when (issue #14). Imported at the end of
:mod:`tic_desktop.storage.models` like the register's own tables; created by migration 0010."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tic_desktop.storage.models import Base
from tic_desktop.storage.types import UtcDateTime

CHANGED_RECORDS = ("center", "annual_report", "evaluation", "revocation")
CHANGE_ACTIONS = ("corrected", "removed")


class RegisterChange(Base):
    """One correction: the record's fields before and after (JSON; after is empty when removed)."""

    __tablename__ = "register_change"
    __table_args__ = (
        CheckConstraint(f"record IN {CHANGED_RECORDS!r}", name="record"),
        CheckConstraint(f"action IN {CHANGE_ACTIONS!r}", name="action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(
        ForeignKey("register_center.center_id", ondelete="CASCADE"), index=True
    )
    record: Mapped[str] = mapped_column(String)
    action: Mapped[str] = mapped_column(String)
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
