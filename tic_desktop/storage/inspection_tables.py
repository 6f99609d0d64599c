"""The on-site inspection report's own fields: site, date of visit, team and conclusion.

Kept apart from :mod:`tic_desktop.storage.models` (same ``Base`` and naming convention), like
:mod:`tic_desktop.storage.register_tables`; ``models`` imports this module so that the metadata
the migrations are compared with includes the table. Created by migration 0008. Before it these
fields lived only in the window and were lost on switching application or restarting (issue #11).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tic_desktop.storage.models import Base
from tic_desktop.storage.types import JsonText, UtcDateTime


class InspectionReportFields(Base):
    """What the team leader filled in for one application's report, saved as typed.

    Kept per package, like the expert's scores: a package of another bureau with the same round
    id starts from an empty report. ``team`` is the list of member ids besides the leader.
    """

    __tablename__ = "inspection_report"
    __table_args__ = (
        UniqueConstraint("package_sha256", "round_id", "expert_id", "application_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    site_address: Mapped[str] = mapped_column(Text, default="")
    visit_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    team: Mapped[list[str]] = mapped_column(JsonText)
    conclusion: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
