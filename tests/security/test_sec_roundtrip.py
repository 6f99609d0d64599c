"""The whole path with real keys: bureau → P1 package → every member opens → returns → accepted.

Also: a recused expert cannot read the materials (by cryptography, proven with pyrage and with
the ``age`` CLI), and our files are genuine age files (the ``age`` CLI decrypts them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyrage
import pytest

from tic_desktop.packages.opening import open_package
from tic_desktop.returns.making import FORMAT as RETURN_FORMAT
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.security.errors import SecurityError

AGE = shutil.which("age") or "/usr/bin/age"
needs_age = pytest.mark.skipif(not Path(AGE).is_file(), reason="the age CLI is not installed")


def _identity_file(folder: Path, name: str, identity: str) -> Path:
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(identity + "\n")
    assert (path.stat().st_mode & 0o777) == 0o600
    return path


def _raw_member(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


def test_every_member_opens_and_reads_what_they_may_score(bureau, p1, members, opened_p1):
    manifest = opened_p1.manifest
    assert manifest.round.id == "2026-TIC-01" and manifest.panel_id == "P1"
    assert manifest.bureau.fingerprint == bureau.workspace.fingerprint
    assert sorted(m.id for m in manifest.members) == sorted(members)
    for expert, credential in members.items():
        assert credential.expert_id == expert and credential.round_id == "2026-TIC-01"
        assert credential.bureau_fingerprint == bureau.workspace.fingerprint
        # the certificate really was issued by the bureau CA
        signer = certificates.verify_issued_by(
            certificates.certificate_from_pem(credential.certificate_pem),
            bureau.workspace.ca_certificate,
        )
        assert signer.expert_id == expert
        for entry in manifest.applications:
            if expert in entry.recused:
                continue
            assert expert in entry.scorers
            data = opened_p1.read_member(entry.data, credential)
            assert json.loads(data)["id"] == entry.id
            for attachment in entry.attachments:
                pdf = opened_p1.read_member(attachment.file, credential)
                assert pdf.startswith(b"%PDF") and len(pdf) == attachment.file.plaintext_size


def test_demo_recusals_are_in_the_manifest(p1):
    by_id = {a.id: a for a in p1.manifest.applications}
    assert "E04" in by_id["LC-2026-001"].recused and "E04" not in by_id["LC-2026-001"].scorers
    assert "E05" in by_id["LC-2026-003"].recused  # declared conflict


def test_recused_expert_cannot_decrypt_by_cryptography(opened_p1, members):
    """Bypass every app check: feed E04's identity straight to pyrage. No key → no plaintext."""
    entry = opened_p1.manifest.application("LC-2026-001")
    identity = age_files.identity_from_text(members["E04"].age_identity)
    for member in [entry.data] + [a.file for a in entry.attachments]:
        raw = _raw_member(opened_p1.file, member.path)
        with pytest.raises(pyrage.DecryptError, match="(?i)no matching key|matching"):
            pyrage.decrypt(raw, [identity])
        # and through the app's own path the failure is a SecurityError, nothing returned
        with pytest.raises(SecurityError) as caught:
            opened_p1.read_member(member, members["E04"])
        assert caught.value.reason == "cannot_decrypt"
    # the same identity does open an application E04 may score: the key itself is fine
    assert opened_p1.read_member(opened_p1.manifest.application("LC-2026-004").data, members["E04"])


@needs_age
def test_recused_expert_cannot_decrypt_with_the_age_cli(tmp_path, p1, members):
    member = p1.manifest.application("LC-2026-001").data
    encrypted = tmp_path / "application.json.age"
    encrypted.write_bytes(_raw_member(p1.file, member.path))
    key_file = _identity_file(tmp_path, "e04.key", members["E04"].age_identity)
    result = subprocess.run(
        [AGE, "-d", "-i", str(key_file), str(encrypted)], capture_output=True, timeout=60
    )
    assert result.returncode != 0
    assert result.stdout == b""
    assert (
        b"no identity matched" in result.stderr.lower() or b"no matching" in result.stderr.lower()
    )


@needs_age
def test_age_cli_decrypts_a_package_member_for_a_scorer(tmp_path, p1, members):
    entry = p1.manifest.application("LC-2026-001")
    key_file = _identity_file(tmp_path, "e01.key", members["E01"].age_identity)
    for member, check in [
        (entry.data, lambda b: json.loads(b)["id"] == "LC-2026-001"),
        (entry.attachments[0].file, lambda b: b.startswith(b"%PDF")),
    ]:
        encrypted = tmp_path / Path(member.path).name
        encrypted.write_bytes(_raw_member(p1.file, member.path))
        result = subprocess.run(
            [AGE, "-d", "-i", str(key_file), str(encrypted)], capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert check(result.stdout) and len(result.stdout) == member.plaintext_size


@needs_age
def test_age_cli_decrypts_a_return_and_it_is_a_jws_of_the_document(
    tmp_path, bureau, p1, members, opened_p1, db, sec
):
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E02"))
    made = sec.make_return(opened_p1, members["E02"], sheet, tmp_path / "E02.ticreturn", db)
    key_file = _identity_file(tmp_path, "bureau.key", str(bureau.keys.identity))
    result = subprocess.run(
        [AGE, "-d", "-i", str(key_file), str(made.file)], capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout
    assert token.count(b".") == 2  # JWS compact serialisation: header.payload.signature
    header = json.loads(sec.b64url_decode(token.split(b".")[0]))
    assert header["alg"] == "ES256" and header["x5c"]
    signer = jws.signer_certificate(token)
    assert certificates.fingerprint(signer) == members["E02"].fingerprint
    document = json.loads(jws.verify(token, signer))
    assert document["format"] == RETURN_FORMAT
    assert document["round"] == "2026-TIC-01" and document["panel"] == "P1"
    assert document["package_sha256"] == p1.sha256 == opened_p1.package_sha256
    assert document["expert"] == "E02" and document["revision"] == made.revision == 1
    assert document["bureau_recipient"] == bureau.workspace.age_recipient
    assert document["scores"] == sheet.as_json()["scores"]


@needs_age
def test_age_cli_cannot_decrypt_a_return_without_the_bureau_identity(
    tmp_path, opened_p1, members, db, sec
):
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E03"))
    made = sec.make_return(opened_p1, members["E03"], sheet, tmp_path / "E03.ticreturn", db)
    key_file = _identity_file(
        tmp_path, "expert.key", members["E03"].age_identity
    )  # the expert's own key
    result = subprocess.run(
        [AGE, "-d", "-i", str(key_file), str(made.file)], capture_output=True, timeout=60
    )
    assert result.returncode != 0 and result.stdout == b""


def test_returns_from_the_whole_panel_are_accepted(
    tmp_path, bureau, p1, members, opened_p1, db, sec, review
):
    files = []
    for offset, expert in enumerate(sec.P1_MEMBERS):
        data = sec.score_sheet(opened_p1.manifest, expert, offset=offset)
        recused = {a.id for a in opened_p1.manifest.applications if expert in a.recused}
        assert {s["application"] for s in data["scores"]}.isdisjoint(recused)
        made = sec.make_return(
            opened_p1, members[expert], sec.sheet_model(data), tmp_path / f"{expert}.ticreturn", db
        )
        files.append(made.file)
    assert sec.no_partials(tmp_path)
    received = receive_returns(files, bureau.workspace, bureau.keys, review.round)
    assert [(r.expert, r.status, r.reason) for r in received] == [
        (e, "accepted", None) for e in sec.P1_MEMBERS
    ]
    for item in received:
        assert item.package_sha256 == p1.sha256 and item.revision == 1
        assert item.sheet is not None and item.sheet.expert == item.expert


def test_revision_numbers_increase_across_makes(tmp_path, bureau, opened_p1, members, db, sec):
    revisions = []
    for attempt in range(3):
        sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E06", offset=attempt))
        revisions.append(
            sec.make_return(
                opened_p1, members["E06"], sheet, tmp_path / f"r{attempt}.ticreturn", db
            ).revision
        )
    assert revisions == [1, 2, 3]
    # a different expert on the same package starts at 1; the counter is per package and expert
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E07"))
    assert (
        sec.make_return(opened_p1, members["E07"], sheet, tmp_path / "e07.ticreturn", db).revision
        == 1
    )
    received = receive_returns(
        sorted(tmp_path.glob("r*.ticreturn")), bureau.workspace, bureau.keys, None
    )
    assert [r.revision for r in received] == [1, 2, 3]
    assert [r.status for r in received] == ["superseded", "superseded", "accepted"]


def test_opening_reads_only_the_manifest(bureau, p1):
    """Opening checks the signature without any key; nothing is decrypted until asked."""
    package = open_package(p1.file, {bureau.workspace.fingerprint})
    try:
        assert package.package_sha256 == p1.sha256
        assert package.bureau_certificate_pem == bureau.workspace.ca_pem
    finally:
        package.close()
