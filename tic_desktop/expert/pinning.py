"""Bureau pinning on the expert's machine: the first bureau seen for a round is the round's bureau.

A package carrying the same round id but signed by another CA (a look-alike made by someone who
is not the bureau) would otherwise open with "signature verified". The passphrase sheet prints
the bureau's fingerprint: when a package's signer differs from the pinned one, both are shown and
the package opens only when the expert confirms the new fingerprint against the sheet.
"""

from __future__ import annotations

import datetime as dt
import re

from tic_desktop.catalogue import t
from tic_desktop.security.errors import SecurityError
from tic_desktop.security.fingerprints import short_fingerprint
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import PinnedBureau

MIN_CONFIRMATION_HEX = 24  # the short fingerprint printed on the sheet


class BureauChanged(SecurityError):
    """The package's bureau differs from the one this machine pinned for the round."""

    def __init__(self, round_id: str, pinned: str, seen: str) -> None:
        super().__init__(
            t(
                "This computer knows round {round} from the bureau with fingerprint {pinned}, but "
                "this package is signed by {seen}. Compare with the fingerprint printed on your "
                "passphrase sheet: confirm only if the sheet shows the new one; otherwise the "
                "package is not from the bureau.",
                round=round_id,
                pinned=short_fingerprint(pinned),
                seen=short_fingerprint(seen),
            ),
            reason="wrong_bureau",
        )
        self.round_id, self.pinned, self.seen = round_id, pinned, seen


def normalised(fingerprint: str) -> str:
    return re.sub(r"[^0-9a-f]", "", fingerprint.lower())


def matches(confirmation: str | None, fingerprint: str) -> bool:
    """Whether ``confirmation`` (full hex, or the sheet's grouped short form) names
    ``fingerprint``."""
    given = normalised(confirmation or "")
    return len(given) >= MIN_CONFIRMATION_HEX and normalised(fingerprint).startswith(given)


def pinned_bureau(db: Database, round_id: str) -> str | None:
    with db.session() as session:
        row = session.get(PinnedBureau, round_id)
        return row.bureau_fingerprint if row else None


def check_bureau(
    db: Database, round_id: str, fingerprint: str, confirmed: str | None = None
) -> None:
    """Pin ``fingerprint`` for ``round_id`` on first sight; raise :class:`BureauChanged` when a
    different one was pinned, unless the expert ``confirmed`` the new one (then it is re-pinned)."""
    with db.session() as session:
        row = session.get(PinnedBureau, round_id)
        now = dt.datetime.now(dt.UTC)
        if row is None:
            session.add(
                PinnedBureau(round_id=round_id, bureau_fingerprint=fingerprint, pinned_at=now)
            )
            return
        if row.bureau_fingerprint == fingerprint:
            return
        if not matches(confirmed, fingerprint):
            raise BureauChanged(round_id, row.bureau_fingerprint, fingerprint)
        row.bureau_fingerprint, row.pinned_at = fingerprint, now
