"""The bureau receiving returns: decrypt, verify (:mod:`verification`), classify.

Classification follows formats.md (``tic aggregate``): accepted, superseded, duplicate, conflict,
or rejected with a reason. The result is a function of the set of files, never of their order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.catalogue import Joined, Said, t, tc
from tic_desktop.domain.files import read_regular_file
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.errors import InputError
from tic_desktop.returns.scoring import OPEN_RESULTS, ScoreSheet, ScoringContext
from tic_desktop.returns.verification import (
    REASON_TEXT,
    PackageFacts,
    Rejected,
    RejectReason,
    Trust,
    verify_token,
)
from tic_desktop.rules.conflicts import round_panel_conflicts
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.results import Check
from tic_desktop.security import age_files, certificates
from tic_desktop.security.errors import SecurityError

if TYPE_CHECKING:
    from tic_desktop.review import EvaluatedRound

MAX_RETURN_BYTES = 16 * 1024 * 1024

__all__ = ["REASON_TEXT", "ReceivedReturn", "ReturnStatus", "STATUS_TEXT", "receive_returns"]


class ReturnStatus(StrEnum):
    ACCEPTED = "accepted"
    SUPERSEDED = "superseded"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


STATUS_TEXT: dict[str, str] = {
    ReturnStatus.ACCEPTED: "接收",
    ReturnStatus.SUPERSEDED: "已被取代",
    ReturnStatus.DUPLICATE: "重复",
    ReturnStatus.CONFLICT: "有冲突",
    ReturnStatus.REJECTED: "拒收",
}


@dataclass
class ReceivedReturn:
    """One return file as the bureau sees it; ``document`` and ``sheet`` only when verified."""

    file: Path
    file_sha256: str
    status: str = ReturnStatus.REJECTED
    reason: str | None = None
    detail: str = ""
    expert: str | None = None
    revision: int | None = None
    created_at: str = ""
    package_sha256: str | None = None
    panel: str | None = None
    package_built_at: str = ""  # when the bureau built the package (from its registry)
    document: dict[str, Any] = field(default_factory=dict)
    sheet: ScoreSheet | None = None
    token_sha256: str = ""
    signed_at: dt.datetime | None = None
    detail_en: str = ""
    # the signed token as decrypted, when it verified (the inbox keeps it; never shown or printed)
    token: bytes = field(default=b"", repr=False)

    @property
    def verified(self) -> bool:
        return self.sheet is not None

    def group(self) -> tuple[str, str, str]:
        """Returns compete within (round, panel, expert)."""
        return str(self.document.get("round")), str(self.panel), str(self.expert)

    def as_json(self) -> dict[str, str | None]:
        return {
            "file": self.file.name,
            "expert": self.expert,
            "status": str(self.status),
            "reason": self.reason,
        }


def _rejected(item: ReceivedReturn, reason: RejectReason, detail: Said) -> ReceivedReturn:
    item.status, item.reason = ReturnStatus.REJECTED, reason.value
    item.detail, item.detail_en = detail.in_language("zh"), detail.in_language("en")
    return item


def read_return_file(file: Path) -> bytes:
    """The file's bytes; empty for a file too large or not a regular file (never blocks on a FIFO,
    even one put in place after a first look)."""
    try:
        return read_regular_file(file, str(file), MAX_RETURN_BYTES)
    except InputError:
        return b""


def verify_return_bytes(
    file: Path,
    data: bytes,
    keys: BureauKeys,
    trust: Trust,
    package_facts: Callable[[str], PackageFacts | None],
    round_id: str | None,
) -> ReceivedReturn:
    """Decrypt and verify one return's bytes; never raises for a bad return, only classifies it."""
    item = ReceivedReturn(Path(file), hashlib.sha256(data).hexdigest())
    if not data:
        return _rejected(item, RejectReason.MALFORMED, t("empty, too large or not a regular file"))
    try:
        token = age_files.decrypt_with(data, keys.identity, "回执")
    except SecurityError as error:
        return _rejected(item, RejectReason.CANNOT_DECRYPT, error.text)
    try:
        verified = verify_token(token, trust, package_facts, item.file.name, round_id)
    except Rejected as rejection:
        item.expert = rejection.expert
        return _rejected(item, rejection.reason, rejection.detail)
    item.expert, item.revision, item.document = (
        verified.expert,
        verified.revision,
        verified.document,
    )
    item.sheet, item.token_sha256, item.signed_at = (
        verified.sheet,
        verified.token_sha256,
        verified.signed_at,
    )
    item.created_at = str(verified.document.get("created_at", ""))
    item.token = token
    item.package_sha256 = verified.package.package_sha256
    item.panel, item.package_built_at = verified.package.panel_id, verified.package.built_at
    item.reason = None
    _set(item, ReturnStatus.ACCEPTED, t("signature valid"))
    return item


class BureauPackages:
    """The packages this bureau built (packages.json), as the verifier needs them.

    With the round loaded, each package's facts carry the score rule's context (rubric, the
    panel's applications and recusals, the formal-review items left to the experts), so every
    rule the expert's app enforces is checked again here.
    """

    def __init__(self, workspace: BureauWorkspace, review_round: ReviewRound | None) -> None:
        self.workspace = workspace
        self.review_round = review_round
        self._registry: dict[str, dict[str, Any]] | None = None
        self._contexts: dict[str, ScoringContext] = {}
        self._open_checks = cache(self._evaluate)
        if review_round is not None:
            recused: dict[str, dict[str, frozenset[str]]] = {}
            for result in round_panel_conflicts(review_round):
                recused.setdefault(result.panel_id, {})[result.application_id] = frozenset(
                    result.recused
                )
            for panel in review_round.panels:
                self._contexts[panel.id] = ScoringContext(
                    review_round.rubric, recused.get(panel.id, {}), self._open_checks
                )

    @classmethod
    def from_review(cls, workspace: BureauWorkspace, review: EvaluatedRound) -> BureauPackages:
        """The same facts for a round already reviewed: its recusals (``review.panels``) and formal
        review (``review.reports``) are taken as computed, not worked out again (the inbox)."""
        packages = cls(workspace, None)
        packages.review_round = review.round
        recused: dict[str, dict[str, frozenset[str]]] = {}
        for result in review.panels:
            recused.setdefault(result.panel_id, {})[result.application_id] = frozenset(
                result.recused
            )

        def open_checks(application_id: str) -> list[Check]:
            report = review.reports.get(application_id)
            return [] if report is None else [c for c in report.checks if c.result in OPEN_RESULTS]

        packages._open_checks = cache(open_checks)
        for panel in review.round.panels:
            packages._contexts[panel.id] = ScoringContext(
                review.round.rubric, recused.get(panel.id, {}), packages._open_checks
            )
        return packages

    def _evaluate(self, application_id: str) -> list[Check]:
        assert self.review_round is not None
        application = self.review_round.applications.get(application_id)
        if application is None:
            return []
        return [c for c in evaluate(application).checks if c.result in OPEN_RESULTS]

    def registry(self) -> dict[str, dict[str, Any]]:
        if self._registry is None:
            self._registry = self.workspace.registry()
        return self._registry

    def facts(self, package_sha256: str) -> PackageFacts | None:
        entry = self.registry().get(package_sha256)
        if not isinstance(entry, dict):
            return None
        members = entry.get("members") or []
        known = entry.get("member_fingerprints")
        fingerprints = {
            m: (known.get(m) if isinstance(known, dict) else self._issued(entry, m))
            for m in members
        }
        context = self._contexts.get(entry.get("panel", "")) if self.review_round else None
        if self.review_round is not None and entry.get("round") != self.review_round.id:
            context = None
        return PackageFacts(
            str(entry.get("round")),
            str(entry.get("panel")),
            package_sha256,
            fingerprints,
            str(entry.get("built_at", "")),
            context,
        )

    def _issued(self, entry: dict[str, Any], expert: str) -> str | None:
        """The certificate issued to ``expert`` for the round (packages registered before
        fingerprints)."""
        public = self.workspace.credentials_dir(entry["round"]) / f"{expert}.json"
        try:
            pem = json.loads(public.read_text(encoding="utf-8"))["certificate_pem"]
            return certificates.fingerprint(certificates.certificate_from_pem(pem))
        except (OSError, ValueError, KeyError, TypeError, SecurityError):
            return None


def bureau_trust(workspace: BureauWorkspace) -> Trust:
    return Trust(workspace.ca_certificate, workspace.fingerprint, workspace.age_recipient)


def _round_parts(review_round: ReviewRound | str | None) -> tuple[ReviewRound | None, str | None]:
    """A loaded round checks every rule; a bare round id (no round file at hand, e.g. ``tic return
    verify`` without ``--round``) checks the signature, the round and membership only."""
    if isinstance(review_round, str):
        return None, review_round
    return review_round, review_round.id if review_round is not None else None


def verify_return(
    file: Path,
    workspace: BureauWorkspace,
    keys: BureauKeys,
    review_round: ReviewRound | str | None = None,
    packages: BureauPackages | None = None,
) -> ReceivedReturn:
    """Read, decrypt and verify one return file (not yet classified against the others)."""
    loaded, round_id = _round_parts(review_round)
    packages = packages or BureauPackages(workspace, loaded)
    return verify_return_bytes(
        Path(file),
        read_return_file(Path(file)),
        keys,
        bureau_trust(workspace),
        packages.facts,
        round_id,
    )


def _supersedes(a: ReceivedReturn, b: ReceivedReturn) -> bool:
    """formats.md: a higher revision with a signed time no earlier than the other's."""
    assert a.revision is not None and b.revision is not None
    assert a.signed_at is not None and b.signed_at is not None
    return a.revision > b.revision and a.signed_at >= b.signed_at


def _file_key(item: ReceivedReturn) -> tuple[str, str]:
    return str(item.file), item.file_sha256


def classify_returns(
    items: list[ReceivedReturn], chosen: Collection[str] = ()
) -> list[ReceivedReturn]:
    """Classify verified returns against each other, per (round, panel, expert).

    - Returns on an older package of the panel (the bureau's build time) are superseded.
    - Copies of the same signed document are one return: the first by file name stands for it,
      the others are duplicates.
    - Between different documents on the same package: one with a higher revision and a signed time
      no earlier than the other's supersedes it; if more than one is left unsuperseded, all of those
      are in conflict, until the bureau chooses one (``chosen``: file SHA-256s).
    The statuses depend only on the set of files, not on the order of ``items``.
    """
    groups: dict[tuple[str, str, str], list[ReceivedReturn]] = {}
    for item in items:
        if item.verified and item.status != ReturnStatus.REJECTED:
            _set(item, ReturnStatus.ACCEPTED, t("signature valid"))
            groups.setdefault(item.group(), []).append(item)
    chosen_tokens = {i.token_sha256 for i in items if i.verified and i.file_sha256 in chosen}
    for members in groups.values():
        _classify_group(sorted(members, key=_file_key), chosen_tokens)
    return items


def _classify_group(members: list[ReceivedReturn], chosen_tokens: set[str]) -> None:
    documents: dict[str, ReceivedReturn] = {}
    for item in members:  # sorted by file name: the first copy of a document stands for it
        documents.setdefault(item.token_sha256, item)
    picked = [d for d in documents.values() if d.token_sha256 in chosen_tokens]
    if picked:
        winner = max(picked, key=lambda d: (d.revision, d.signed_at, d.token_sha256))
        for document in documents.values():
            if document is not winner:
                _set(document, ReturnStatus.SUPERSEDED, t("the bureau chose another return"))
        _set(winner, ReturnStatus.ACCEPTED, t("chosen by the bureau among conflicting returns"))
    else:
        newest_build = max((d.package_built_at, d.package_sha256 or "") for d in documents.values())
        current = [
            d
            for d in documents.values()
            if (d.package_built_at, d.package_sha256 or "") == newest_build
        ]
        for document in documents.values():
            if document not in current:
                _set(
                    document,
                    ReturnStatus.SUPERSEDED,
                    t("superseded by a return on the rebuilt package"),
                )
        standing = []
        for document in current:
            by = next((o for o in current if o is not document and _supersedes(o, document)), None)
            if by is not None:
                _set(
                    document,
                    ReturnStatus.SUPERSEDED,
                    t("superseded by revision {revision}", revision=by.revision),
                )
            else:
                standing.append(document)
        if len(standing) > 1:
            revisions = Joined(
                tuple(
                    t("revision {revision} ({file})", revision=d.revision, file=d.file.name)
                    for d in standing
                ),
                tc("list separator", ", "),
            )
            conflict = t(
                "conflicts with another return of the same expert ({revisions}): revision and "
                "signing time disagree; the bureau must choose one",
                revisions=revisions,
            )
            for document in standing:
                _set(document, ReturnStatus.CONFLICT, conflict)
    for item in members:
        representative = documents[item.token_sha256]
        if item is not representative:
            if representative.status == ReturnStatus.ACCEPTED:
                _set(item, ReturnStatus.DUPLICATE, t("identical to an accepted return"))
            else:
                item.status = representative.status
                item.detail, item.detail_en = representative.detail, representative.detail_en


def _set(item: ReceivedReturn, status: str, detail: Said) -> None:
    item.status = status
    item.detail, item.detail_en = detail.in_language("zh"), detail.in_language("en")


def receive_returns(
    files: Iterable[Path],
    workspace: BureauWorkspace,
    keys: BureauKeys,
    review_round: ReviewRound | str | None,
    chosen: Collection[str] = (),
) -> list[ReceivedReturn]:
    """Verify and classify ``files``; packages.json is read once for all of them."""
    packages = BureauPackages(workspace, _round_parts(review_round)[0])
    return classify_returns(
        [verify_return(Path(f), workspace, keys, review_round, packages) for f in files], chosen
    )
