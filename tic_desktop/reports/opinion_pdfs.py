"""The expert's signed opinion PDFs (专家评审意见表) and the other files that go with a signed
return.

The return is what the bureau counts; the opinion PDFs and the chair's copy go with it. Each file
is written whole or not at all, and a file that cannot be written (a nearly full USB stick) is
reported by name so that it can be written again from what was signed, without a new revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tic_desktop.catalogue import t
from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.manifest import Manifest
from tic_desktop.reports.documents import (
    CaseHeader,
    CriterionScore,
    ExpertOpinion,
    FormalJudgementLine,
)
from tic_desktop.reports.forms import Drawn, draw_expert_opinion
from tic_desktop.returns.scoring import ApplicationScore, ScoreSheet, check_title
from tic_desktop.rules.messages import RESULT_LABELS
from tic_desktop.rules.results import Check
from tic_desktop.security.atomic import write_atomically
from tic_desktop.signing.pdf_signing import SignerIdentity, prepare_signature_fields, sign_pdf


def case_header(manifest: Manifest, application_id: str) -> CaseHeader:
    entry = manifest.application(application_id)
    assert entry is not None
    return CaseHeader(
        manifest.round.id,
        manifest.round.title,
        manifest.panel_id,
        entry.id,
        entry.center_name,
        entry.lead_unit.name,
        entry.field or "",
    )


def signer_identity(credential: Credential, role: str) -> SignerIdentity:
    return SignerIdentity(
        credential.key_pem,
        credential.certificate_pem,
        credential.ca_certificate_pem,
        credential.name,
        role,
    )


def expert_opinion(
    manifest: Manifest,
    credential: Credential,
    sheet: ScoreSheet,
    score: ApplicationScore,
    signed_at: dt.datetime,
    open_checks: Callable[[str], list[Check] | None] | None = None,
) -> ExpertOpinion:
    member = manifest.member(credential.expert_id)
    assert member is not None
    criteria = [
        CriterionScore(c.id, c.title, c.max, score.criteria[c.id], score.reasons.get(c.id, ""))
        for c in manifest.rubric.criteria
    ]
    # the engine's results, where this side can read the application (None: it cannot)
    checks = open_checks(score.application) if open_checks else None
    engine = {c.id: c for c in checks or ()}
    judgements = [
        FormalJudgementLine(
            check_title(check_id),
            RESULT_LABELS.get(engine[check_id].result.value, ("", ""))[0]
            if check_id in engine
            else "",
            judgement.agrees,
            judgement.reason,
        )
        for check_id, judgement in score.judgements.items()
    ]
    declared = [f"{d.application}（{d.reason}）" for d in sheet.coi.declared]
    local = signed_at.astimezone()
    return ExpertOpinion(
        case_header(manifest, score.application),
        credential.expert_id,
        member.name,
        member.unit_name,
        member.title or "",
        criteria,
        score.opinion,
        score.recommend,
        declared,
        f"{local.year}年{local.month}月{local.day}日",
        judgements,
        signed_at,
    )


def signed_by_one(drawn: Drawn, credential: Credential, role: str) -> bytes:
    """A document with a single signature slot, signed (and certified) by ``credential``."""
    pdf, slots = drawn
    pdf = prepare_signature_fields(pdf, slots)
    return sign_pdf(pdf, signer_identity(credential, role), slots[0], certify=True)


def signed_opinion_pdf(opinion: ExpertOpinion, credential: Credential) -> bytes:
    return signed_by_one(draw_expert_opinion(opinion), credential, "评审专家")


def opinion_pdf_path(folder: Path, application_id: str, expert_id: str) -> Path:
    return Path(folder) / f"专家评审意见表-{application_id}-{expert_id}.pdf"


@dataclass
class WrittenFiles:
    """Which of a signed return's files are on disk, and which could not be written (and why)."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str, str]] = field(default_factory=list)  # path, Chinese, English

    def record(self, target: Path, write: Callable[[], None]) -> None:
        try:
            write()
        except OSError as error:
            why = t("cannot be written ({reason})", reason=error.strerror or type(error).__name__)
            self.failed.append((target, *why.pair()))
        else:
            self.written.append(target)


def write_opinion_pdfs(
    manifest: Manifest,
    credential: Credential,
    sheet: ScoreSheet,
    folder: Path,
    signed_at: dt.datetime | None = None,
    open_checks: Callable[[str], list[Check] | None] | None = None,
    files: WrittenFiles | None = None,
) -> WrittenFiles:
    """One signed PDF per scored application; each file appears whole or not at all."""
    files = files if files is not None else WrittenFiles()
    when = signed_at or dt.datetime.now(dt.UTC)
    for score in sheet.scores:
        opinion = expert_opinion(manifest, credential, sheet, score, when, open_checks)
        pdf = signed_opinion_pdf(opinion, credential)
        target = opinion_pdf_path(folder, score.application, credential.expert_id)
        files.record(target, partial(write_atomically, target, pdf))
    return files
