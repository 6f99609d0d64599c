"""Every signed document verifies with three independent verifiers, given only the bureau root:
``tic pdf verify``, ``pyhanko sign validate --trust ROOT``, and poppler's ``pdfsig`` with the
root in an NSS database. Sequential signatures all stay valid."""

from __future__ import annotations

import datetime as dt

from pdf_checks import pdfsig, pyhanko_validate, tic_verify
from pdf_documents import BUREAU, BUREAU_ROLE

from tic_desktop.signing.pdf_verification import verify_pdf


def test_tic_pdf_verify(document, root_file, capsys):
    code, report, err = tic_verify(capsys, document.path, root_file)
    assert code == 0, (report, err)
    assert report["valid"] is True and report["file"] == str(document.path)
    signatures = report["signatures"]
    assert [s["field"] for s in signatures] == [
        document.slot_for(i).field_name for i, *_ in document.signers
    ]
    assert [(s["signer"], s["role"]) for s in signatures] == [
        (name, role) for _, name, _, role in document.signers
    ]
    for signature in signatures:
        assert signature["valid"] and signature["intact"] and signature["trusted"], signature
        assert signature["problem"] == ""
        assert abs(
            dt.datetime.fromisoformat(signature["time"]) - dt.datetime.now(dt.UTC)
        ) < dt.timedelta(hours=1)
    # only the last signature covers the whole file; the earlier ones allow just the later
    # signatures
    assert [s["covers_whole_file"] for s in signatures] == [False] * (len(signatures) - 1) + [True]
    assert all(s["later_changes_allowed"] for s in signatures[:-1])


def test_tic_pdf_verify_table(documents, root_file, capsys):
    from tic_desktop.cli.main import main

    document = documents["result-summary"]
    capsys.readouterr()
    assert main(["pdf", "verify", str(document.path), "--root", str(root_file)]) == 0
    out = capsys.readouterr().out
    assert BUREAU in out and BUREAU_ROLE in out and "有效" in out


def test_every_intermediate_version_verifies(document, pki):
    """After each signature in the sequence, every signature so far is valid."""
    for count, pdf in enumerate(document.after_each, start=1):
        reports = verify_pdf(pdf, pki.root_pem)
        assert len(reports) == count
        assert all(r.valid for r in reports), [r for r in reports if not r.valid]


def test_pyhanko_cli_validates(document, root_file):
    code, statuses, output = pyhanko_validate(document.path, root_file)
    assert code == 0, output
    fields = [document.slot_for(i).field_name for i, *_ in document.signers]
    assert list(statuses) == fields, output
    for field, status in statuses.items():
        assert status.startswith("INTACT:TRUSTED,"), (field, status)
    *earlier, last = fields
    assert statuses[last] == "INTACT:TRUSTED,UNTOUCHED"
    for field in earlier:  # later signatures only filled the pre-made fields
        assert (
            statuses[field] == "INTACT:TRUSTED,EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS"
        )


def test_pdfsig_validates_with_the_root_in_nss(document, nss_db):
    code, signatures, output = pdfsig(document.path, nss_db)
    assert code == 0, output
    assert [s["field"] for s in signatures] == [
        document.slot_for(i).field_name for i, *_ in document.signers
    ]
    assert [s["signer"] for s in signatures] == [name for _, name, _, _ in document.signers]
    for signature in signatures:
        assert signature["validation"] == "Signature is Valid.", output
        assert signature["certificate"] == "Certificate is Trusted.", output
    assert signatures[-1]["total"], output
