"""Corrections of the center register kept with what the record was, why and when (issue #14).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "register_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("center_id", sa.String(), nullable=False),
        sa.Column("record", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "record IN ('center', 'annual_report', 'evaluation', 'revocation')",
            name=op.f("ck_register_change_record"),
        ),
        sa.CheckConstraint(
            "action IN ('corrected', 'removed')", name=op.f("ck_register_change_action")
        ),
        sa.ForeignKeyConstraint(
            ["center_id"],
            ["register_center.center_id"],
            ondelete="CASCADE",
            name=op.f("fk_register_change_center_id_register_center"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_change")),
    )
    op.create_index(
        op.f("ix_register_change_center_id"), "register_change", ["center_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_register_change_center_id"), table_name="register_change")
    op.drop_table("register_change")
