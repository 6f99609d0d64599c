"""The bureau's returns inbox, kept between sessions (issue #14): what was received, how each return
was classified, and the bureau's choices among conflicting returns (who chose, and when).

Kept apart from :mod:`tic_desktop.storage.models` (same ``Base`` and naming convention), like
:mod:`tic_desktop.storage.register_tables`; ``models`` imports this module so that the metadata the
migrations are compared with includes these tables. Created by migration 0009.

The returned files themselves are copied into the bureau workspace
(``returns/<round id>/<sha256>.ticreturn``); a row names its copy by the file's SHA-256.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tic_desktop.storage.models import Base
from tic_desktop.storage.types import UtcDateTime

RETURN_STATUSES = ("accepted", "superseded", "duplicate", "conflict", "rejected")


class InboxReturn(Base):
    """One returned file received for a round, as verified and classified (formats.md statuses).

    ``token`` is the signed return (the JWS the expert signed, decrypted) when the file verified:
    the inbox reopens from it without decrypting again. ``round_sha256`` is the round file the
    return was checked against; a changed round file makes the inbox verify the stored copy again.
    For a rejected return whose signature verified, ``expert`` and ``panel`` are what it claims.
    """

    __tablename__ = "inbox_return"
    __table_args__ = (
        UniqueConstraint("round_id", "file_sha256"),
        CheckConstraint(f"status IN {RETURN_STATUSES!r}", name="status"),
        CheckConstraint("length(file_sha256) = 64", name="file_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String)
    file_sha256: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    round_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String)
    reason: Mapped[str | None] = mapped_column(String, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    detail_en: Mapped[str] = mapped_column(Text, default="")
    expert: Mapped[str | None] = mapped_column(String, nullable=True)
    panel: Mapped[str | None] = mapped_column(String, nullable=True)
    revision: Mapped[int | None] = mapped_column(nullable=True)
    created_at: Mapped[str] = mapped_column(Text, default="")
    package_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    package_built_at: Mapped[str] = mapped_column(Text, default="")
    token_sha256: Mapped[str] = mapped_column(String, default="")
    token: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class InboxChoice(Base):
    """The bureau's choice of one return among an expert's conflicting returns for a panel.

    Append-only (triggers in migration 0009): a later choice for the same panel and expert takes
    effect, the earlier ones stay on record. ``chosen_by`` is the name the clerk typed for the
    session; ``os_user`` the operating-system login it was made under.
    """

    __tablename__ = "inbox_choice"
    __table_args__ = (CheckConstraint("length(file_sha256) = 64", name="file_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String)
    panel_id: Mapped[str] = mapped_column(String)
    expert_id: Mapped[str] = mapped_column(String)
    file_sha256: Mapped[str] = mapped_column(String(64))
    chosen_by: Mapped[str] = mapped_column(Text)
    os_user: Mapped[str] = mapped_column(Text, default="")
    chosen_at: Mapped[datetime] = mapped_column(UtcDateTime)
