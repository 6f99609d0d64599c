"""The center register's tables (技术创新中心名录): centers, annual reports, evaluations,
revocations.

Kept apart from :mod:`tic_desktop.storage.models` (same ``Base`` and naming convention) because
the register is its own part of the app; ``models`` imports this module so that the metadata the
migrations are compared with includes these tables. Created by migration 0006.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tic_desktop.storage.models import Base
from tic_desktop.storage.types import UtcDateTime

EVALUATION_KINDS = ("comprehensive", "biennial")
EVALUATION_RESULTS = ("excellent", "pass", "fail", "absent")
REVOCATION_CLAUSES = ("19.1", "19.2", "19.3", "19.4", "19.5", "19.6", "20", "22")


class RegisterCenter(Base):
    """An approved center: who leads it, its field, and when the bureau approved it."""

    __tablename__ = "register_center"
    __table_args__ = (
        CheckConstraint("preparation_years BETWEEN 1 AND 5", name="preparation_years"),
        CheckConstraint("length(lead_uscc) = 18", name="lead_uscc"),
    )

    center_id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    lead_unit: Mapped[str] = mapped_column(Text)
    lead_uscc: Mapped[str] = mapped_column(String(18))
    field: Mapped[str] = mapped_column(Text)
    approved_on: Mapped[date] = mapped_column(Date)
    preparation_years: Mapped[int] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RegisterAnnualReport(Base):
    """The annual report for one calendar year, as received by the bureau."""

    __tablename__ = "register_annual_report"
    __table_args__ = (UniqueConstraint("center_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(
        ForeignKey("register_center.center_id", ondelete="CASCADE")
    )
    year: Mapped[int] = mapped_column()
    received_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RegisterEvaluation(Base):
    """A performance evaluation and its result (优秀 / 合格 / 不合格 / 无故不参加)."""

    __tablename__ = "register_evaluation"
    __table_args__ = (
        UniqueConstraint("center_id", "kind", "year"),
        CheckConstraint(f"kind IN {EVALUATION_KINDS!r}", name="kind"),
        CheckConstraint(f"result IN {EVALUATION_RESULTS!r}", name="result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(
        ForeignKey("register_center.center_id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String)
    year: Mapped[int] = mapped_column()
    result: Mapped[str] = mapped_column(String)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RegisterRevocation(Base):
    """The bureau's revocation of a center (at most one), with the clause it rests on."""

    __tablename__ = "register_revocation"
    __table_args__ = (CheckConstraint(f"clause IN {REVOCATION_CLAUSES!r}", name="clause"),)

    center_id: Mapped[str] = mapped_column(
        ForeignKey("register_center.center_id", ondelete="CASCADE"), primary_key=True
    )
    revoked_on: Mapped[date] = mapped_column(Date)
    clause: Mapped[str] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
