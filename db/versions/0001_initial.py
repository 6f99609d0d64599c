"""Initial schema: loaded rounds, verdicts, panel results, scores, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-05-10

Written by hand to match tic_desktop/storage/models.py at the time. Columns whose Python type
is DecimalText, UtcDateTime or JsonText are plain TEXT here on purpose: a migration must keep
meaning the same thing even after those Python types change.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the tables of the first release."""
    op.create_table(
        "loaded_round",
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('establishment', 'performance')", name=op.f("ck_loaded_round_kind")
        ),
        sa.CheckConstraint("length(file_sha256) = 64", name=op.f("ck_loaded_round_file_sha256")),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_loaded_round")),
    )
    op.create_table(
        "stored_verdict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("application_id", sa.String(), nullable=False),
        sa.Column("verdict", sa.String(), nullable=False),
        sa.Column("checks", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "verdict IN ('eligible', 'needs_judgement', 'ineligible')",
            name=op.f("ck_stored_verdict_verdict"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["loaded_round.round_id"],
            name=op.f("fk_stored_verdict_round_id_loaded_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_verdict")),
        sa.UniqueConstraint(
            "round_id", "application_id", name=op.f("uq_stored_verdict_round_id_application_id")
        ),
    )
    op.create_index(
        op.f("ix_stored_verdict_round_id"), "stored_verdict", ["round_id"], unique=False
    )
    op.create_table(
        "panel_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("panel_id", sa.String(), nullable=False),
        sa.Column("application_id", sa.String(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["loaded_round.round_id"],
            name=op.f("fk_panel_result_round_id_loaded_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_result")),
        sa.UniqueConstraint(
            "round_id",
            "panel_id",
            "application_id",
            name=op.f("uq_panel_result_round_id_panel_id_application_id"),
        ),
    )
    op.create_index(op.f("ix_panel_result_round_id"), "panel_result", ["round_id"], unique=False)
    op.create_table(
        "score_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("expert_id", sa.String(), nullable=False),
        sa.Column("application_id", sa.String(), nullable=False),
        sa.Column("criterion_id", sa.String(), nullable=False),
        sa.Column("score", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_entry")),
        sa.UniqueConstraint(
            "round_id",
            "expert_id",
            "application_id",
            "criterion_id",
            name=op.f("uq_score_entry_round_id_expert_id_application_id_criterion_id"),
        ),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_event_hash")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_audit_event_prev_hash")),
    )
    # The log is append-only in the database itself, not only by the app's good manners: an
    # UPDATE or DELETE from any code path fails. (Someone with the file and a SQLite shell can
    # still drop these; the hash chain is what detects that.)
    op.execute(
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
    )


def downgrade() -> None:
    """Drop everything (development only: the audit log is lost)."""
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    op.drop_table("audit_event")
    op.drop_table("score_entry")
    op.drop_index(op.f("ix_panel_result_round_id"), table_name="panel_result")
    op.drop_table("panel_result")
    op.drop_index(op.f("ix_stored_verdict_round_id"), table_name="stored_verdict")
    op.drop_table("stored_verdict")
    op.drop_table("loaded_round")
