"""The bureau's signed 评审结果汇总表: ranking, method, parameters and the hash of every input.

Anyone holding the returns can recompute the ranking offline with ``tic aggregate`` and compare.
Grades and their bands appear only in a performance round (绩效评价); each input is named with
its status, and a refused one with its reason, said once.
The bureau signs with a certificate its CA issues for this document ("评审结果签发"); the key exists
only while signing, so no further secret has to be kept.
"""

from __future__ import annotations

import datetime as dt

from tic_desktop.aggregation import EXCLUSION_TEXT, FLAG_TEXT, ApplicationResult, Method, money2
from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.domain.loading import ReviewRound
from tic_desktop.reports.documents import RankingRow, ResultSummary
from tic_desktop.reports.forms import draw_result_summary
from tic_desktop.returns.explaining import status_and_reason
from tic_desktop.returns.receiving import ReceivedReturn
from tic_desktop.security import certificates
from tic_desktop.signing.pdf_signing import SignerIdentity, prepare_signature_fields, sign_pdf

SIGNER_ROLE = "评审结果签发"


def result_summary(
    review_round: ReviewRound,
    results: list[ApplicationResult],
    returns: list[ReceivedReturn],
    method: Method,
) -> ResultSummary:
    performance = review_round.spec.kind == "performance"
    experts = review_round.experts

    def who(expert_id: str) -> str:
        expert = experts.get(expert_id)
        return f"{expert.name}（{expert_id}）" if expert is not None else expert_id

    rows = [
        RankingRow(
            r.rank,
            r.application_id,
            review_round.applications[r.application_id].center_name,
            r.valid,
            money2(r.mean) or "—",
            money2(r.final) or "—",
            money2(r.minimum) or "—",
            money2(r.maximum) or "—",
            [FLAG_TEXT.get(f, f) for f in r.flags],
            (r.grade or "") if performance else "",
        )
        for r in sorted(results, key=lambda r: (r.rank is None, r.rank or 0))
    ]
    today = dt.date.today()
    return ResultSummary(
        review_round.id,
        review_round.spec.title,
        method.describe(),
        method.parameters(),
        rows,
        inputs=[
            (f"{item.file.name}（{status_and_reason(item)}）", item.file_sha256) for item in returns
        ],
        excluded=[
            (r.application_id, who(expert), EXCLUSION_TEXT.get(reason, reason))
            for r in results
            for expert, reason in r.excluded
        ],
        date=f"{today.year}年{today.month}月{today.day}日",
        performance=performance,
    )


def signed_result_summary(
    summary: ResultSummary, workspace: BureauWorkspace, keys: BureauKeys
) -> bytes:
    key, certificate = certificates.issue_expert_certificate(
        keys.ca_key, workspace.ca_certificate, "BUREAU", workspace.name, workspace.name, SIGNER_ROLE
    )
    identity = SignerIdentity(
        certificates.key_to_pem(key),
        certificates.certificate_to_pem(certificate),
        workspace.ca_pem,
        workspace.name,
        SIGNER_ROLE,
    )
    pdf, slots = draw_result_summary(summary)
    pdf = prepare_signature_fields(pdf, slots)
    return sign_pdf(pdf, identity, slots[0], certify=True)
