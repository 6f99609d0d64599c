"""Tampered documents: ``tic pdf verify`` reports each one invalid (exit 3) and names why; pyHanko's
CLI and poppler's pdfsig are asked too, and each is held to what it can tell.

What the other verifiers can tell (pinned here so a change in them is noticed):
- one byte changed inside the signed range: pyhanko INVALID (exit 1), pdfsig "Digest Mismatch.";
- a page appended by incremental update: pyhanko ILLEGAL_MODIFICATIONS (exit 1); pdfsig still says
  "Signature is Valid." for every signature and can only show that none covers the whole file;
- an /Info edit after signing: pyhanko's default policy accepts it (ACCEPTABLE_MODIFICATIONS, exit
  0) - the reason ``tic pdf verify`` has its own policy; pdfsig as for the appended page;
- a certificate from another CA: pyhanko INTACT:UNTRUSTED (exit 1), pdfsig "Certificate issuer isn't
  Trusted." for that signature only.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from pdf_checks import (
    append_page,
    change_one_byte,
    edit_info_title,
    first_page_content_offset,
    pdfsig,
    pyhanko_validate,
    signed_ranges,
    tic_verify,
    tool,
)
from pdf_documents import Document, build_documents

from tic_desktop.cli.main import main as tic_main
from tic_desktop.signing.pdf_signing import prepare_signature_fields, sign_pdf

EXIT_BAD_INPUT, EXIT_NOT_ALL_VALID = 2, 3
CHANGED = "签名后内容被改动"
DISALLOWED = "签名后有不允许的修改"
UNTRUSTED = "签名证书不受信任"

TAMPERED = ["opinion", "group-opinion"]  # one certified signature; six sequential ones


def _write(tmp_path, name: str, pdf: bytes):
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


@pytest.mark.parametrize("name", TAMPERED)
def test_one_byte_changed_in_signed_range(documents, root_file, nss_db, tmp_path, capsys, name):
    signed = documents[name].signed
    offset = first_page_content_offset(signed)
    for start, length, second, _ in signed_ranges(signed):  # inside every signature's first range
        assert start <= offset < start + length < second
    path = _write(tmp_path, "byte.pdf", change_one_byte(signed, offset))

    code, report, _ = tic_verify(capsys, path, root_file)
    assert code == EXIT_NOT_ALL_VALID and report["valid"] is False
    assert len(report["signatures"]) == len(documents[name].signers)
    for signature in report["signatures"]:
        assert (
            not signature["valid"] and not signature["intact"] and CHANGED in signature["problem"]
        ), signature

    code, statuses, output = pyhanko_validate(path, root_file)
    assert code != 0 and statuses and all(s == "INVALID" for s in statuses.values()), output
    _, signatures, output = pdfsig(path, nss_db)
    assert signatures and all(s["validation"] == "Digest Mismatch." for s in signatures), output


@pytest.mark.parametrize("name", TAMPERED)
def test_page_appended_by_incremental_update(documents, root_file, nss_db, tmp_path, capsys, name):
    path = _write(tmp_path, "page.pdf", append_page(documents[name].signed))

    code, report, _ = tic_verify(capsys, path, root_file)
    assert code == EXIT_NOT_ALL_VALID and report["valid"] is False
    for signature in report["signatures"]:
        assert signature["intact"] and signature["trusted"], (
            signature
        )  # the bytes signed are untouched...
        assert (
            not signature["covers_whole_file"] and not signature["later_changes_allowed"]
        )  # ...but not this
        assert not signature["valid"] and DISALLOWED in signature["problem"], signature

    code, statuses, output = pyhanko_validate(path, root_file)
    assert code != 0 and statuses, output
    assert all(
        s.endswith("EXTENDED_WITH_OTHER,ILLEGAL_MODIFICATIONS") for s in statuses.values()
    ), output
    _, signatures, output = pdfsig(path, nss_db)
    assert signatures and not any(s["total"] for s in signatures), output


@pytest.mark.parametrize("name", TAMPERED)
def test_info_edited_after_signing(documents, root_file, nss_db, tmp_path, capsys, name):
    path = _write(tmp_path, "info.pdf", edit_info_title(documents[name].signed, "已篡改的标题"))
    info = subprocess.run(
        [tool("pdfinfo"), str(path)], check=True, capture_output=True
    ).stdout.decode()
    assert re.search(r"^Title:\s+已篡改的标题$", info, re.M), info

    code, report, _ = tic_verify(capsys, path, root_file)
    assert code == EXIT_NOT_ALL_VALID and report["valid"] is False
    for signature in report["signatures"]:
        assert signature["intact"] and not signature["later_changes_allowed"], signature
        assert not signature["valid"] and DISALLOWED in signature["problem"], signature

    code, statuses, output = pyhanko_validate(
        path, root_file
    )  # default policy: accepted (see above)
    assert code == 0 and all(s.endswith("ACCEPTABLE_MODIFICATIONS") for s in statuses.values()), (
        output
    )
    _, signatures, output = pdfsig(path, nss_db)
    assert signatures and not any(s["total"] for s in signatures), output


def _signed_by_impostor(review, pki, foreign_pki, impostor_id: str) -> Document:
    """The group opinion with ``impostor_id`` signing with a certificate from another CA."""
    document = build_documents(review)["group-opinion"]
    pdf = prepare_signature_fields(document.drawn, document.slots)
    for index, (signer_id, name, unit, role) in enumerate(document.signers):
        issuer = foreign_pki if signer_id == impostor_id else pki
        pdf = sign_pdf(
            pdf,
            issuer.identity(signer_id, name, unit, role),
            document.slot_for(signer_id),
            certify=index == 0,
        )
    document.signed = pdf
    return document


@pytest.mark.parametrize("impostor", ["E03", "E01"], ids=["a-member", "the-chair"])
def test_certificate_from_another_ca(
    review, pki, foreign_pki, root_file, nss_db, tmp_path, capsys, impostor
):
    document = _signed_by_impostor(review, pki, foreign_pki, impostor)
    path = _write(tmp_path, "impostor.pdf", document.signed)
    impostor_field = document.slot_for(impostor).field_name

    code, report, _ = tic_verify(capsys, path, root_file)
    assert code == EXIT_NOT_ALL_VALID and report["valid"] is False
    for signature in report["signatures"]:
        if signature["field"] == impostor_field:
            assert signature["intact"] and not signature["trusted"] and not signature["valid"], (
                signature
            )
            assert UNTRUSTED in signature["problem"]
        else:
            assert signature["valid"], signature

    code, statuses, output = pyhanko_validate(path, root_file)
    assert code != 0 and statuses[impostor_field].startswith("INTACT:UNTRUSTED"), output
    assert all(
        s.startswith("INTACT:TRUSTED") for f, s in statuses.items() if f != impostor_field
    ), output
    _, signatures, output = pdfsig(path, nss_db)
    for signature in signatures:
        assert signature["validation"] == "Signature is Valid.", output
        expected = (
            "Certificate issuer isn't Trusted."
            if signature["field"] == impostor_field
            else "Certificate is Trusted."
        )
        assert signature["certificate"] == expected, output


def test_verifying_against_another_root(documents, foreign_pki, tmp_path, capsys):
    root = _write(tmp_path, "other-root.pem", foreign_pki.root_pem.encode())
    code, report, _ = tic_verify(capsys, documents["opinion"].path, root)
    assert code == EXIT_NOT_ALL_VALID
    (signature,) = report["signatures"]
    assert signature["intact"] and not signature["trusted"] and UNTRUSTED in signature["problem"]


def test_unsigned_pdf_is_bad_input(documents, root_file, tmp_path, capsys):
    path = _write(tmp_path, "unsigned.pdf", documents["opinion"].drawn)
    code, report, err = tic_verify(capsys, path, root_file)
    assert code == EXIT_BAD_INPUT and report is None
    assert "PDF 中没有签名" in err and str(path) in err
    code, _, err = tic_verify(capsys, path, root_file, "--lang", "en")
    assert code == EXIT_BAD_INPUT and "the PDF has no signatures" in err


@pytest.mark.parametrize(
    "content",
    [b"not a pdf at all\n" * 20, b"%PDF-1.7\n" + bytes(range(256)) * 8, b""],
    ids=["text", "truncated-header", "empty"],
)
def test_garbage_is_bad_input(root_file, tmp_path, capsys, content):
    path = _write(tmp_path, "garbage.pdf", content)
    code, report, err = tic_verify(capsys, path, root_file)
    assert code == EXIT_BAD_INPUT and report is None, err
    assert "无法读取 PDF" in err and "Traceback" not in err, err


def test_missing_file_and_root(documents, root_file, tmp_path, capsys):
    assert (
        tic_main(["pdf", "verify", str(tmp_path / "missing.pdf"), "--root", str(root_file)])
        == EXIT_BAD_INPUT
    )
    assert "无法读取文件" in capsys.readouterr().err
    assert (
        tic_main(
            [
                "pdf",
                "verify",
                str(documents["opinion"].path),
                "--root",
                str(tmp_path / "missing.pem"),
            ]
        )
        == EXIT_BAD_INPUT
    )
    assert "无法读取根证书" in capsys.readouterr().err
    assert tic_main(["pdf", "verify", str(documents["opinion"].path)]) == EXIT_BAD_INPUT
    assert "--bureau" in capsys.readouterr().err
