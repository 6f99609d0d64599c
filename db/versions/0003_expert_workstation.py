"""The expert's workstation: score notes, opinions and conflict-of-interest certifications.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("score_entry") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.create_table(
        "opinion_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("expert_id", sa.String(), nullable=False),
        sa.Column("application_id", sa.String(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("recommend", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opinion_entry")),
        sa.UniqueConstraint(
            "round_id",
            "expert_id",
            "application_id",
            name=op.f("uq_opinion_entry_round_id_expert_id_application_id"),
        ),
    )
    op.create_table(
        "coi_certification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("expert_id", sa.String(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("declared", sa.Text(), nullable=False),
        sa.Column("certified_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coi_certification")),
        sa.UniqueConstraint(
            "round_id", "expert_id", name=op.f("uq_coi_certification_round_id_expert_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("coi_certification")
    op.drop_table("opinion_entry")
    with op.batch_alter_table("score_entry") as batch:
        batch.drop_column("note")
