"""Expert work kept per package; bureau pinning; the chair's copies and group opinions;
what was signed.

- score_entry, opinion_entry, formal_judgement and coi_certification gain ``package_sha256``
  and their unique keys include it: a package of another bureau with the same round id starts
  from nothing instead of reusing (and signing) the real round's scores (issue #12, item 6).
  Existing rows take the package of the expert's certification for that round.
- pinned_bureau: the bureau fingerprint first seen for a round on this machine.
- chair_copy, group_opinion: the chair's desk survives a restart (issue #11).
- sent_return keeps the signed sheet, the signed token and the sealed file (issue #11: the
  re-sign state, "nothing changed", writing lost files again).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (old unique columns, new unique columns)
SCOPED = {
    "score_entry": ("round_id", "expert_id", "application_id", "criterion_id"),
    "opinion_entry": ("round_id", "expert_id", "application_id"),
    "formal_judgement": ("round_id", "expert_id", "application_id", "check_id"),
}


def _unique_name(table: str, columns: Sequence[str]) -> str:
    return f"uq_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    for table, columns in SCOPED.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("package_sha256", sa.String(length=64), nullable=False, server_default="")
            )
            batch.drop_constraint(_unique_name(table, columns), type_="unique")
            batch.create_unique_constraint(
                _unique_name(table, ("package_sha256", *columns)), ["package_sha256", *columns]
            )
        op.execute(
            f"UPDATE {table} SET package_sha256 = COALESCE((SELECT c.package_sha256 FROM "
            f"coi_certification c WHERE c.round_id = {table}.round_id AND "
            f"c.expert_id = {table}.expert_id), '')"
        )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("package_sha256", server_default=None)
    with op.batch_alter_table("coi_certification") as batch:
        batch.drop_constraint("uq_coi_certification_round_id_expert_id", type_="unique")
        batch.create_unique_constraint(
            "uq_coi_certification_package_sha256_round_id_expert_id",
            ["package_sha256", "round_id", "expert_id"],
        )
    with op.batch_alter_table("sent_return") as batch:
        batch.add_column(sa.Column("sheet", sa.Text(), nullable=True))
        batch.add_column(sa.Column("token", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
    op.create_table(
        "pinned_bureau",
        sa.Column("round_id", sa.String(), nullable=False),
        sa.Column("bureau_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("pinned_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_pinned_bureau")),
    )
    op.create_table(
        "chair_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("signed_at", sa.String(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("token", sa.LargeBinary(), nullable=False),
        sa.Column("imported_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chair_copy")),
        sa.UniqueConstraint(
            "package_sha256", "token_sha256", name=op.f("uq_chair_copy_package_sha256_token_sha256")
        ),
    )
    op.create_table(
        "group_opinion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("application_id", sa.String(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("recommend", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_opinion")),
        sa.UniqueConstraint(
            "package_sha256",
            "application_id",
            name=op.f("uq_group_opinion_package_sha256_application_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("group_opinion")
    op.drop_table("chair_copy")
    op.drop_table("pinned_bureau")
    with op.batch_alter_table("sent_return") as batch:
        batch.drop_column("sealed")
        batch.drop_column("token")
        batch.drop_column("sheet")
    with op.batch_alter_table("coi_certification") as batch:
        batch.drop_constraint(
            "uq_coi_certification_package_sha256_round_id_expert_id", type_="unique"
        )
        batch.create_unique_constraint(
            "uq_coi_certification_round_id_expert_id", ["round_id", "expert_id"]
        )
    for table, columns in SCOPED.items():
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(_unique_name(table, ("package_sha256", *columns)), type_="unique")
            batch.drop_column("package_sha256")
            batch.create_unique_constraint(_unique_name(table, columns), list(columns))
