"""Issue #12 item 7: a signature is valid only for the field it belongs to.

``tic pdf verify`` reported 有效 for E03's signature placed in E02's field, with the role 专家组组长
chosen by the signer (/Reason is free text). Now the certificate's expert (subject UID) must be the
field's expert, the certificate's title must be what the bureau certifies for that field, the role
reported is the field's, and a signer's stated role that differs makes the signature invalid. An
expired or not-yet-valid certificate is reported as such, not as "not issued by the bureau".
"""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from pdf_checks import tic_verify
from pdf_documents import BUREAU, BUREAU_ROLE, BUREAU_SIGNER_ID, Document, build_documents

from tic_desktop.security import certificates as certs
from tic_desktop.security.errors import SecurityError
from tic_desktop.signing.pdf_signing import SignerIdentity, prepare_signature_fields, sign_pdf
from tic_desktop.signing.pdf_verification import verify_pdf

EXIT_NOT_ALL_VALID = 3


def _sign(document: Document, identities: dict[str, SignerIdentity], pki) -> bytes:
    """Sign every field of ``document`` in order; ``identities`` replaces the signer of a field
    (by the field's expert id) with another identity."""
    pdf = prepare_signature_fields(document.drawn, document.slots)
    for index, (signer_id, name, unit, role) in enumerate(document.signers):
        identity = identities.get(signer_id) or pki.identity(signer_id, name, unit, role)
        pdf = sign_pdf(pdf, identity, document.slot_for(signer_id), certify=index == 0)
    return pdf


def _person(document: Document, signer_id: str) -> tuple[str, str, str, str]:
    return next(s for s in document.signers if s[0] == signer_id)


def _by_field(reports) -> dict:
    return {r.field: r for r in reports}


def test_another_experts_signature_in_a_members_field_is_invalid(
    review, pki, root_file, tmp_path, capsys
):
    """The report's case: E03's certificate in E02's field, claiming 专家组组长."""
    document = build_documents(review)["group-opinion"]
    _, name, unit, _ = _person(document, "E03")
    impostor = pki.identity("E03", name, unit, "专家组组长")
    pdf = _sign(document, {"E02": impostor}, pki)
    reports = _by_field(verify_pdf(pdf, pki.root_pem))
    e02 = reports["member-E02"]
    assert e02.intact and e02.trusted and not e02.valid
    assert e02.role == "评审专家"  # the field's role, not the one the signer wrote
    assert "E03" in e02.problem and "E02" in e02.problem
    assert reports["member-E03"].valid and reports["chair-E01"].valid
    assert reports["chair-E01"].role == "专家组组长"

    path = tmp_path / "swapped.pdf"
    path.write_bytes(pdf)
    code, report, err = tic_verify(capsys, path, root_file)
    assert code == EXIT_NOT_ALL_VALID and report["valid"] is False, err
    [signature] = [s for s in report["signatures"] if s["field"] == "member-E02"]
    assert signature["valid"] is False and signature["role"] == "评审专家"
    assert "Traceback" not in err
    from tic_desktop.cli.main import main

    capsys.readouterr()
    assert main(["pdf", "verify", str(path), "--root", str(root_file)]) == EXIT_NOT_ALL_VALID
    table = capsys.readouterr().out
    assert "无效：签名证书属于 E03，不是签名栏 member-E02 的签名人 E02" in table


def test_a_member_claiming_the_chairs_role_in_their_own_field_is_invalid(review, pki):
    document = build_documents(review)["group-opinion"]
    _, name, unit, _ = _person(document, "E02")
    pdf = _sign(document, {"E02": pki.identity("E02", name, unit, "专家组组长")}, pki)
    e02 = _by_field(verify_pdf(pdf, pki.root_pem))["member-E02"]
    assert e02.trusted and not e02.valid and e02.role == "评审专家"
    assert "专家组组长" in e02.problem and "role" in e02.problem


def test_an_experts_certificate_cannot_sign_the_bureaus_summary(review, pki):
    document = build_documents(review)["result-summary"]
    expert_identity = pki.identity("E01", "钱秋菊", "山东大学", BUREAU_ROLE)  # claims the role
    pdf = _sign(document, {BUREAU_SIGNER_ID: expert_identity}, pki)
    [report] = verify_pdf(pdf, pki.root_pem)
    assert report.trusted and not report.valid and report.role == BUREAU_ROLE
    assert "E01" in report.problem and BUREAU_SIGNER_ID in report.problem


def test_a_certificate_whose_title_the_bureau_did_not_certify_for_the_field_is_invalid(review, pki):
    """The same UID, but the certificate of the bureau's summary kind in an expert's field."""
    document = build_documents(review)["opinion"]
    _, name, unit, role = _person(document, "E01")
    key, certificate = certs.issue_expert_certificate(
        pki.ca_key, pki.ca, "E01", name, unit, role=BUREAU_ROLE
    )
    identity = SignerIdentity(
        certs.key_to_pem(key), certs.certificate_to_pem(certificate), pki.root_pem, name, role
    )
    [report] = verify_pdf(_sign(document, {"E01": identity}, pki), pki.root_pem)
    assert report.trusted and not report.valid and BUREAU_ROLE in report.problem


def _certificate_valid(pki, signer_id: str, name: str, unit: str, before, after):
    """A certificate of the bureau's kind for ``signer_id`` with the given validity period."""
    key, issued = certs.issue_expert_certificate(pki.ca_key, pki.ca, signer_id, name, unit)
    builder = (
        x509.CertificateBuilder()
        .subject_name(issued.subject)
        .issuer_name(pki.ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(before)
        .not_valid_after(after)
    )
    for extension in issued.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    return key, builder.sign(pki.ca_key, hashes.SHA256())


@pytest.mark.parametrize(
    ("when", "zh", "en"),
    [("expired", "签名证书已过期", "expired"), ("not-yet-valid", "尚未生效", "not yet valid")],
)
def test_an_expired_or_not_yet_valid_certificate_is_reported_as_such(
    review, pki, root_file, tmp_path, capsys, when, zh, en
):
    document = build_documents(review)["opinion"]
    _, name, unit, role = _person(document, "E01")
    now = dt.datetime.now(dt.UTC)
    before, after = (
        (now - dt.timedelta(days=400), now - dt.timedelta(days=10))
        if when == "expired"
        else (now + dt.timedelta(days=10), now + dt.timedelta(days=400))
    )
    key, certificate = _certificate_valid(pki, "E01", name, unit, before, after)
    identity = SignerIdentity(
        certs.key_to_pem(key), certs.certificate_to_pem(certificate), pki.root_pem, name, role
    )
    path = tmp_path / f"{when}.pdf"
    path.write_bytes(_sign(document, {"E01": identity}, pki))
    code, report, err = tic_verify(capsys, path, root_file)
    assert code == EXIT_NOT_ALL_VALID, err
    [signature] = report["signatures"]
    assert signature["intact"] and not signature["trusted"] and not signature["valid"]
    assert zh in signature["problem"] and en in signature["problem"]
    assert "不是本局签发" not in signature["problem"]
    assert "Traceback" not in err  # pyHanko's own log of the failure stays quiet

    with pytest.raises(SecurityError) as raised:
        certs.verify_issued_by(certificate, pki.ca)
    assert zh.removeprefix("签名") in raised.value.message_zh and en in raised.value.message_en


def test_a_certificate_of_another_ca_is_still_not_issued_by_the_bureau(review, pki, foreign_pki):
    document = build_documents(review)["opinion"]
    _, name, unit, role = _person(document, "E01")
    pdf = _sign(document, {"E01": foreign_pki.identity("E01", name, unit, role)}, pki)
    [report] = verify_pdf(pdf, pki.root_pem)
    assert not report.trusted and "不是本局签发" in report.problem


def test_the_documents_field_names_and_roles_are_the_ones_the_verifier_knows():
    from tic_desktop.reports.forms import signature_field
    from tic_desktop.reports.result_summary import SIGNER_ROLE
    from tic_desktop.signing.signature_fields import (
        BUREAU_FIELD,
        EXPERT_CERTIFIED_TITLE,
        field_signer,
    )

    assert SIGNER_ROLE == BUREAU_ROLE
    assert field_signer(BUREAU_FIELD).signer_id == BUREAU_SIGNER_ID
    for kind, roles in (
        ("expert", ("评审专家",)),
        ("member", ("评审专家", "考察组成员")),
        ("chair", ("专家组组长",)),
        ("leader", ("考察组组长",)),
    ):
        signer = field_signer(signature_field(kind, "E-07"))
        assert (signer.signer_id, signer.roles) == ("E-07", roles)
        assert signer.certified_title == EXPERT_CERTIFIED_TITLE
    # every credential's certificate carries that title (packages/credentials.py uses the default)
    ca_key, ca = certs.create_bureau_ca(BUREAU)
    _, certificate = certs.issue_expert_certificate(ca_key, ca, "E01", "张某", "山东大学")
    assert certs.verify_issued_by(certificate, ca).expert_id == "E01"
    title = certificate.subject.get_attributes_for_oid(x509.oid.NameOID.TITLE)[0].value
    assert title == EXPERT_CERTIFIED_TITLE
    assert field_signer("Signature1") is None and field_signer("member-") is None
