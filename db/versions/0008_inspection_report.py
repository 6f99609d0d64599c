"""The on-site inspection report's site, date of visit, team and conclusion (issue #11).

Until now only the checklist and photos were stored; the report's own fields lived in the window
and vanished on switching application or restarting.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("expert_id", sa.String(), nullable=False),
        sa.Column("application_id", sa.String(), nullable=False),
        sa.Column("site_address", sa.Text(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_report")),
        sa.UniqueConstraint(
            "package_sha256",
            "round_id",
            "expert_id",
            "application_id",
            name=op.f("uq_inspection_report_package_sha256_round_id_expert_id_application_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("inspection_report")
