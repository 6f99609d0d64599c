"""The center register: approved centers, annual reports, evaluations, revocations.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "register_center",
        sa.Column("center_id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lead_unit", sa.Text(), nullable=False),
        sa.Column("lead_uscc", sa.String(length=18), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("preparation_years", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "preparation_years BETWEEN 1 AND 5", name=op.f("ck_register_center_preparation_years")
        ),
        sa.CheckConstraint("length(lead_uscc) = 18", name=op.f("ck_register_center_lead_uscc")),
        sa.PrimaryKeyConstraint("center_id", name=op.f("pk_register_center")),
    )
    op.create_table(
        "register_annual_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["center_id"],
            ["register_center.center_id"],
            ondelete="CASCADE",
            name=op.f("fk_register_annual_report_center_id_register_center"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_annual_report")),
        sa.UniqueConstraint(
            "center_id", "year", name=op.f("uq_register_annual_report_center_id_year")
        ),
    )
    op.create_table(
        "register_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('comprehensive', 'biennial')", name=op.f("ck_register_evaluation_kind")
        ),
        sa.CheckConstraint(
            "result IN ('excellent', 'pass', 'fail', 'absent')",
            name=op.f("ck_register_evaluation_result"),
        ),
        sa.ForeignKeyConstraint(
            ["center_id"],
            ["register_center.center_id"],
            ondelete="CASCADE",
            name=op.f("fk_register_evaluation_center_id_register_center"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_evaluation")),
        sa.UniqueConstraint(
            "center_id", "kind", "year", name=op.f("uq_register_evaluation_center_id_kind_year")
        ),
    )
    op.create_table(
        "register_revocation",
        sa.Column("center_id", sa.String(), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=False),
        sa.Column("clause", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "clause IN ('19.1', '19.2', '19.3', '19.4', '19.5', '19.6', '20', '22')",
            name=op.f("ck_register_revocation_clause"),
        ),
        sa.ForeignKeyConstraint(
            ["center_id"],
            ["register_center.center_id"],
            ondelete="CASCADE",
            name=op.f("fk_register_revocation_center_id_register_center"),
        ),
        sa.PrimaryKeyConstraint("center_id", name=op.f("pk_register_revocation")),
    )


def downgrade() -> None:
    op.drop_table("register_revocation")
    op.drop_table("register_evaluation")
    op.drop_table("register_annual_report")
    op.drop_table("register_center")
