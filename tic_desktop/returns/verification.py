"""The one verifier of signed returns, for the bureau's inbox and the panel chair's desk alike.

A return (or a chair copy: the same signed token encrypted to the chair) is trusted only after
every check here: format tag, the signer's certificate chaining to the bureau CA, the signature,
the signer matching the named expert, the bureau, the round and the package it claims, panel
membership with the certificate the package was built with, and the score rule
(:func:`tic_desktop.returns.scoring.sheet_problems`) that the expert's app enforces.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography import x509

from tic_desktop.catalogue import InLanguage, Joined, Said, Text, t, tc
from tic_desktop.errors import InputError
from tic_desktop.packages.opening import RETURN, parse_signed_json
from tic_desktop.returns.scoring import (
    ProblemKind,
    RuleProblem,
    ScoreSheet,
    ScoringContext,
    parse_score_sheet,
    sheet_problems,
)
from tic_desktop.rules.messages import pairs
from tic_desktop.security import certificates, jws
from tic_desktop.security.errors import SecurityError

FORMAT = "tic-return/1"


class RejectReason(StrEnum):
    """Why a return is refused (formats.md, ``tic aggregate`` ``reason``)."""

    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_EXPERT = "unknown_expert"
    WRONG_ROUND = "wrong_round"
    CANNOT_DECRYPT = "cannot_decrypt"
    MALFORMED = "malformed"
    NOT_CERTIFIED = "not_certified"
    RULE_VIOLATION = "rule_violation"


REASON_SAID: dict[str, Text] = {
    RejectReason.BAD_SIGNATURE: t("invalid signature, or a certificate not issued by this bureau"),
    RejectReason.UNKNOWN_EXPERT: t("the expert is not a member of the package's panel"),
    RejectReason.WRONG_ROUND: t("not for this round or for a package this bureau built"),
    RejectReason.CANNOT_DECRYPT: t("cannot decrypt (not addressed to this bureau, or damaged)"),
    RejectReason.MALFORMED: t("malformed content"),
    RejectReason.NOT_CERTIFIED: t("the conflict-of-interest certification is not given"),
    RejectReason.RULE_VIOLATION: t("the scores break the scoring rule"),
}
REASON_TEXT: dict[str, tuple[str, str]] = pairs(REASON_SAID)
"""The general wording of each reason, (Chinese, English)."""


class Rejected(Exception):
    """A return that must not be trusted, with the reason and a detail for people."""

    def __init__(
        self, reason: RejectReason, detail: Said | None = None, expert: str | None = None
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.expert = expert  # known once the signature verified
        self.detail: Said = detail or REASON_SAID[reason]

    detail_zh = InLanguage("detail", "zh")
    detail_en = InLanguage("detail", "en")


@dataclass(frozen=True)
class PackageFacts:
    """What the verifier knows of a package it built (bureau) or opened (chair)."""

    round_id: str
    panel_id: str
    package_sha256: str
    member_fingerprints: Mapping[str, str | None]  # expert id -> certificate fingerprint
    built_at: str = ""
    context: ScoringContext | None = None  # None: the score rule cannot be checked here


@dataclass(frozen=True)
class VerifiedReturn:
    """A return every check passed: its document, scores and the package it was made on."""

    document: dict[str, Any]
    sheet: ScoreSheet
    expert: str
    revision: int
    signed_at: dt.datetime
    package: PackageFacts
    token_sha256: str


@dataclass(frozen=True)
class Trust:
    """The verifying side's anchors: the bureau CA and (for the bureau) its age recipient."""

    ca_certificate: x509.Certificate
    bureau_fingerprint: str
    bureau_recipient: str | None = None


def verify_token(
    token: bytes,
    trust: Trust,
    package_facts: Callable[[str], PackageFacts | None],
    shown: str,
    round_id: str | None = None,
) -> VerifiedReturn:
    """Check one signed return token; raise :class:`Rejected` for anything that fails."""
    try:
        certificate = jws.signer_certificate(token)
        signer = certificates.verify_issued_by(certificate, trust.ca_certificate)
        payload = jws.verify(token, certificate)
    except SecurityError as error:
        reason = (
            RejectReason.MALFORMED if error.reason == "malformed" else RejectReason.BAD_SIGNATURE
        )
        raise Rejected(reason, error.text) from None
    try:
        return _verify_document(payload, signer, trust, package_facts, shown, round_id, token)
    except Rejected as rejection:
        rejection.expert = signer.expert_id
        raise


def _verify_document(
    payload: bytes,
    signer: certificates.CertifiedSigner,
    trust: Trust,
    package_facts: Callable[[str], PackageFacts | None],
    shown: str,
    round_id: str | None,
    token: bytes,
) -> VerifiedReturn:
    try:
        document = parse_signed_json(payload, Path(shown), RETURN)
    except SecurityError as error:
        raise Rejected(RejectReason.MALFORMED, error.text) from None
    if document.get("format") != FORMAT:
        raise Rejected(RejectReason.MALFORMED, t("wrong format tag"))
    revision = document.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or not 1 <= revision < 2**31:
        raise Rejected(RejectReason.MALFORMED, t("invalid revision number"))
    signed_at = _signed_time(document.get("created_at"))
    try:
        sheet = parse_score_sheet({k: document.get(k) for k in ("expert", "coi", "scores")}, shown)
    except InputError as error:
        raise Rejected(RejectReason.MALFORMED, error.text) from None
    expert = sheet.expert
    if (
        document.get("expert") != expert
        or signer.expert_id != expert
        or (document.get("expert_fingerprint") != signer.fingerprint)
    ):
        raise Rejected(
            RejectReason.BAD_SIGNATURE, t("the signing certificate is not the named expert's")
        )
    if document.get("bureau_fingerprint") != trust.bureau_fingerprint or (
        trust.bureau_recipient is not None
        and document.get("bureau_recipient") != trust.bureau_recipient
    ):
        raise Rejected(RejectReason.WRONG_ROUND, t("the return names another bureau"))
    package_sha256 = document.get("package_sha256")
    if not isinstance(package_sha256, str):
        raise Rejected(RejectReason.MALFORMED, t("invalid package hash"))
    facts = package_facts(package_sha256)
    if facts is None:
        raise Rejected(
            RejectReason.WRONG_ROUND,
            t("the return was made on a package this bureau (or panel) did not build"),
        )
    if round_id is not None and (facts.round_id != round_id or document.get("round") != round_id):
        raise Rejected(
            RejectReason.WRONG_ROUND,
            t(
                "the return is for round {round}, not {expected}",
                round=facts.round_id,
                expected=round_id,
            ),
        )
    if document.get("round") != facts.round_id or document.get("panel") != facts.panel_id:
        raise Rejected(
            RejectReason.WRONG_ROUND,
            t("the round or panel in the return differs from its package"),
        )
    if expert not in facts.member_fingerprints:
        raise Rejected(
            RejectReason.UNKNOWN_EXPERT,
            t("{expert} is not a member of panel {panel}", expert=expert, panel=facts.panel_id),
        )
    if facts.member_fingerprints[expert] != signer.fingerprint:
        # a certificate this bureau issued to the same person for another round (or a replaced one)
        raise Rejected(
            RejectReason.BAD_SIGNATURE,
            t("not the certificate this bureau issued to this expert for this package"),
        )
    _refuse_rule_breaks(sheet, facts, expert)
    return VerifiedReturn(
        document, sheet, expert, revision, signed_at, facts, hashlib.sha256(token).hexdigest()
    )


def _signed_time(value: object) -> dt.datetime:
    try:
        when = (
            dt.datetime.fromisoformat(value) if isinstance(value, str) and len(value) < 64 else None
        )
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise Rejected(RejectReason.MALFORMED, t("invalid signing time"))
    return when


def _refuse_rule_breaks(sheet: ScoreSheet, facts: PackageFacts, expert: str) -> None:
    problems: list[RuleProblem]
    if facts.context is not None:
        problems = sheet_problems(sheet, facts.context, expert, signing=False)
    elif sheet.coi.certified is not True:
        problems = [
            RuleProblem(
                ProblemKind.NOT_CERTIFIED, "coi.certified", REASON_SAID[RejectReason.NOT_CERTIFIED]
            )
        ]
    else:
        seen: set[str] = set()
        problems = []
        for entry in sheet.scores:
            if entry.application in seen:
                problems.append(
                    RuleProblem(
                        ProblemKind.MALFORMED,
                        "scores",
                        t(
                            "application {application} is scored twice",
                            application=entry.application,
                        ),
                    )
                )
            seen.add(entry.application)
    for kind, reason in (
        (ProblemKind.MALFORMED, RejectReason.MALFORMED),
        (ProblemKind.NOT_CERTIFIED, RejectReason.NOT_CERTIFIED),
        (ProblemKind.RULE_VIOLATION, RejectReason.RULE_VIOLATION),
    ):
        matching = [p for p in problems if p.kind == kind]
        if matching:
            raise Rejected(
                reason, Joined(tuple(p.text for p in matching[:5]), tc("list separator", "; "))
            )
