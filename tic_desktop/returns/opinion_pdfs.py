"""The expert's signed opinion PDFs (专家评审意见表) for the applications in a score sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.manifest import Manifest
from tic_desktop.reports.documents import CaseHeader, CriterionScore, ExpertOpinion
from tic_desktop.reports.forms import draw_expert_opinion
from tic_desktop.returns.scoring import ApplicationScore, ScoreSheet
from tic_desktop.security.atomic import write_atomically
from tic_desktop.signing.pdf_signing import SignerIdentity, prepare_signature_fields, sign_pdf


def case_header(manifest: Manifest, application_id: str) -> CaseHeader:
    entry = manifest.application(application_id)
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
    manifest: Manifest, credential: Credential, sheet: ScoreSheet, score: ApplicationScore
) -> ExpertOpinion:
    member = manifest.member(credential.expert_id)
    criteria = [
        CriterionScore(c.id, c.title, c.max, score.criteria[c.id]) for c in manifest.rubric.criteria
    ]
    declared = [f"{d.application}（{d.reason}）" for d in sheet.coi.declared]
    today = dt.date.today()
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
        f"{today.year}年{today.month}月{today.day}日",
    )


def signed_by_one(drawn: tuple[bytes, list], credential: Credential, role: str) -> bytes:
    """A document with a single signature slot, signed (and certified) by ``credential``."""
    pdf, slots = drawn
    pdf = prepare_signature_fields(pdf, slots)
    return sign_pdf(pdf, signer_identity(credential, role), slots[0], certify=True)


def signed_opinion_pdf(opinion: ExpertOpinion, credential: Credential) -> bytes:
    return signed_by_one(draw_expert_opinion(opinion), credential, "评审专家")


def write_opinion_pdfs(
    manifest: Manifest, credential: Credential, sheet: ScoreSheet, folder: Path
) -> list[Path]:
    """One signed PDF per scored application; each file appears whole or not at all."""
    written = []
    for score in sheet.scores:
        pdf = signed_opinion_pdf(expert_opinion(manifest, credential, sheet, score), credential)
        target = Path(folder) / f"专家评审意见表-{score.application}-{credential.expert_id}.pdf"
        write_atomically(target, pdf)
        written.append(target)
    return written
