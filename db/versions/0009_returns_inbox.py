"""The bureau's returns inbox kept between sessions (issue #14): received returns with their
classification, and the bureau's choices among conflicting returns with who chose and when.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("round_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("detail_en", sa.Text(), nullable=False),
        sa.Column("expert", sa.String(), nullable=True),
        sa.Column("panel", sa.String(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=True),
        sa.Column("package_built_at", sa.Text(), nullable=False),
        sa.Column("token_sha256", sa.String(), nullable=False),
        sa.Column("token", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint(
            "status IN ('accepted', 'superseded', 'duplicate', 'conflict', 'rejected')",
            name=op.f("ck_inbox_return_status"),
        ),
        sa.CheckConstraint("length(file_sha256) = 64", name=op.f("ck_inbox_return_file_sha256")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_return")),
        sa.UniqueConstraint(
            "round_id", "file_sha256", name=op.f("uq_inbox_return_round_id_file_sha256")
        ),
    )
    op.create_table(
        "inbox_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("panel_id", sa.String(), nullable=False),
        sa.Column("expert_id", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("chosen_by", sa.Text(), nullable=False),
        sa.Column("os_user", sa.Text(), nullable=False),
        sa.Column("chosen_at", sa.Text(), nullable=False),
        sa.CheckConstraint("length(file_sha256) = 64", name=op.f("ck_inbox_choice_file_sha256")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_choice")),
    )
    # A choice, once recorded, stays on record: a new choice is a new row.
    op.execute(
        "CREATE TRIGGER inbox_choice_no_update BEFORE UPDATE ON inbox_choice "
        "BEGIN SELECT RAISE(ABORT, 'inbox_choice is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER inbox_choice_no_delete BEFORE DELETE ON inbox_choice "
        "BEGIN SELECT RAISE(ABORT, 'inbox_choice is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS inbox_choice_no_delete")
    op.execute("DROP TRIGGER IF EXISTS inbox_choice_no_update")
    op.drop_table("inbox_choice")
    op.drop_table("inbox_return")
