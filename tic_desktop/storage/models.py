"""What the app keeps in its local SQLite database (SQLAlchemy 2.0 typed ORM).

The schema is created and changed only by the Alembic migrations in the top-level ``db/``
folder; ``db/versions/`` must match these classes (a test compares them).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tic_desktop.storage.types import DecimalText, JsonText, UtcDateTime

# Alembic's batch mode rebuilds SQLite tables to alter them and can only drop or change a
# constraint it can name, so every constraint gets a predictable name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

VERDICTS = ("eligible", "needs_judgement", "ineligible")
ROUND_KINDS = ("establishment", "performance")


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata and its naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LoadedRound(Base):
    """A review round file the bureau has loaded, identified by the round's own id."""

    __tablename__ = "loaded_round"
    __table_args__ = (
        CheckConstraint(f"kind IN {ROUND_KINDS!r}", name="kind"),
        CheckConstraint("length(file_sha256) = 64", name="file_sha256"),
    )

    round_id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    source_path: Mapped[str] = mapped_column(Text)
    # Lets the app notice that the file on disk changed since the verdicts were computed.
    file_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StoredVerdict(Base):
    """The formal-review verdict of one application in a loaded round, with its checks."""

    __tablename__ = "stored_verdict"
    __table_args__ = (
        UniqueConstraint("round_id", "application_id"),
        CheckConstraint(f"verdict IN {VERDICTS!r}", name="verdict"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(
        ForeignKey("loaded_round.round_id", ondelete="CASCADE"), index=True
    )
    application_id: Mapped[str] = mapped_column(String)
    verdict: Mapped[str] = mapped_column(String)
    # The check list as the rules engine produced it (formats.md ``checks``), kept in order.
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JsonText)
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PanelResult(Base):
    """The conflict-of-interest result for one (panel, application) pair of a loaded round."""

    __tablename__ = "panel_result"
    __table_args__ = (UniqueConstraint("round_id", "panel_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(
        ForeignKey("loaded_round.round_id", ondelete="CASCADE"), index=True
    )
    panel_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    result: Mapped[dict[str, Any]] = mapped_column(JsonText)


class ScoreEntry(Base):
    """One expert's score for one criterion of one application, saved as it is typed.

    ``round_id`` is deliberately not a foreign key: an expert scores a round opened from a
    package, which is not a :class:`LoadedRound` on the expert's machine. Work is kept per
    package (``package_sha256`` names the bureau's signed manifest, hence the bureau and the
    round too): a package of another bureau with the same round id starts from nothing.
    """

    __tablename__ = "score_entry"
    __table_args__ = (
        UniqueConstraint(
            "package_sha256", "round_id", "expert_id", "application_id", "criterion_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64), default="")
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    criterion_id: Mapped[str] = mapped_column(String)
    score: Mapped[Decimal] = mapped_column(DecimalText)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # the written reason for the score (required far from the guidance: scoring.needs_reason)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditEvent(Base):
    """One entry of the append-only, sha256 hash-chained log of score and opinion changes.

    ``hash`` covers ``prev_hash`` and the canonical JSON of at/actor/kind/payload; see
    :mod:`tic_desktop.storage.audit`. The database refuses UPDATE and DELETE on this table
    (triggers created by the migration), and ``prev_hash`` is unique so the chain cannot fork.
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        UniqueConstraint("prev_hash"),
        UniqueConstraint("hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JsonText)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SentReturn(Base):
    """A return file this machine produced:
    its revision numbers only ever go up per package and expert."""

    __tablename__ = "sent_return"
    __table_args__ = (UniqueConstraint("package_sha256", "expert_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
    expert_id: Mapped[str] = mapped_column(String)
    revision: Mapped[int] = mapped_column()
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # What was signed, so that the app can tell an edited application from a signed one, refuse
    # a new revision that changes nothing, and write lost files again byte for byte.
    sheet: Mapped[dict[str, Any] | None] = mapped_column(JsonText, nullable=True)
    token: Mapped[bytes | None] = mapped_column(nullable=True)
    sealed: Mapped[bytes | None] = mapped_column(nullable=True)


class OpinionEntry(Base):
    """An expert's opinion text and recommendation for one application, saved as typed."""

    __tablename__ = "opinion_entry"
    __table_args__ = (
        UniqueConstraint("package_sha256", "round_id", "expert_id", "application_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64), default="")
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    opinion: Mapped[str] = mapped_column(Text, default="")
    recommend: Mapped[bool | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CoiCertification(Base):
    """The expert's conflict-of-interest certification for a round (NIH-style gate)."""

    __tablename__ = "coi_certification"
    __table_args__ = (UniqueConstraint("package_sha256", "round_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    package_sha256: Mapped[str] = mapped_column(String(64))
    declared: Mapped[list[dict[str, Any]]] = mapped_column(JsonText)
    certified_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FormalJudgement(Base):
    """The expert's own judgement on a formal-review item the rules left open (review/missing)."""

    __tablename__ = "formal_judgement"
    __table_args__ = (
        UniqueConstraint("package_sha256", "round_id", "expert_id", "application_id", "check_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64), default="")
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    check_id: Mapped[str] = mapped_column(String)
    agrees: Mapped[bool] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class InspectionEntry(Base):
    """One checklist item as found on site: 符合 / 不符合 / 不适用, measured value, note."""

    __tablename__ = "inspection_entry"
    __table_args__ = (UniqueConstraint("round_id", "expert_id", "application_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    item_id: Mapped[str] = mapped_column(String)
    result: Mapped[str | None] = mapped_column(String, nullable=True)
    measured: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class InspectionPhoto(Base):
    """A site photo, age-encrypted to the expert (the laptop may be lost on the way back)."""

    __tablename__ = "inspection_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    application_id: Mapped[str] = mapped_column(String)
    caption: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[bytes] = mapped_column()
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PinnedBureau(Base):
    """The bureau (root certificate fingerprint) this machine first saw a round's package from.

    A package of the same round id signed by another CA is then shown with both fingerprints
    and opened only when the expert confirms the new one against the passphrase sheet.
    """

    __tablename__ = "pinned_bureau"

    round_id: Mapped[str] = mapped_column(String, primary_key=True)
    bureau_fingerprint: Mapped[str] = mapped_column(String(64))
    pinned_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ChairCopy(Base):
    """A member's signed scores as the panel chair received and verified them
    (kept across restarts)."""

    __tablename__ = "chair_copy"
    __table_args__ = (UniqueConstraint("package_sha256", "token_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[str] = mapped_column(String)
    revision: Mapped[int] = mapped_column()
    signed_at: Mapped[str] = mapped_column(String)
    token_sha256: Mapped[str] = mapped_column(String(64))
    token: Mapped[bytes] = mapped_column()
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GroupOpinion(Base):
    """The chair's group opinion (专家组意见) for one application, saved as typed."""

    __tablename__ = "group_opinion"
    __table_args__ = (UniqueConstraint("package_sha256", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
    application_id: Mapped[str] = mapped_column(String)
    opinion: Mapped[str] = mapped_column(Text, default="")
    recommend: Mapped[bool | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


# Their tables join Base.metadata (the migrations are compared with it).
from tic_desktop.storage import (  # noqa: E402
    inbox_tables,  # noqa: F401
    inspection_tables,  # noqa: F401
    register_history_tables,  # noqa: F401
    register_tables,  # noqa: F401
)
