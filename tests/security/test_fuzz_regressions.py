"""Crashes the fuzzers found (tools/fuzz/, docs/fuzzing.md), each now refused with a TicError.

Before the fixes each of these inputs escaped as an internal error (exit code 1, a crash dialog)
or exhausted memory; a bad file must be refused with a message instead.
"""

from __future__ import annotations

import base64
import struct
import time
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tic_desktop.cli.main import main as tic
from tic_desktop.domain.loading import load_application, load_round
from tic_desktop.errors import InputError
from tic_desktop.packages.manifest import MANIFEST_NAME
from tic_desktop.packages.opening import open_package
from tic_desktop.security import certificates
from tic_desktop.security.errors import SecurityError

REPO = Path(__file__).resolve().parents[2]
DEMO_APP = REPO / "resources" / "demo" / "apps" / "LC-2026-008.json"
P256_OID = bytes.fromhex("06082a8648ce3d030107")  # 1.2.840.10045.3.1.7 (prime256v1)
UNKNOWN_CURVE_OID = bytes.fromhex(
    "06082a864bce3d030107"
)  # 1.2.843.10045.3.1.7: the fuzzer's mutation


def _unknown_curve(certificate) -> bytes:
    der = certificate.public_bytes(serialization.Encoding.DER)
    assert der.count(P256_OID) == 1
    return der.replace(P256_OID, UNKNOWN_CURVE_OID)


# --- fuzz_manifest: a signer certificate on an unknown curve (UnsupportedAlgorithm) ---
def test_certificate_on_unknown_curve_is_not_a_ca(bureau):
    from cryptography import x509

    odd = x509.load_der_x509_certificate(_unknown_curve(bureau.workspace.ca_certificate))
    assert certificates.is_self_signed_ca(odd) is False
    with pytest.raises(SecurityError) as caught:
        certificates.verify_issued_by(odd, bureau.workspace.ca_certificate)
    assert caught.value.reason == "bad_signature"


def test_package_signed_with_unknown_curve_certificate_is_refused(p1, sec, tmp_path):
    token = sec.manifest_token(p1.file)
    header_b64, payload_b64, signature_b64 = token.split(b".")
    header = sec.json.loads(sec.b64url_decode(header_b64))
    der = base64.b64decode(header["x5c"][0])
    header["x5c"] = [base64.b64encode(der.replace(P256_OID, UNKNOWN_CURVE_OID)).decode()]
    forged = sec.b64url(sec.json.dumps(header).encode()) + b"." + payload_b64 + b"." + signature_b64
    package = sec.rewrite_package(p1.file, tmp_path / "P1.ticpkg", {MANIFEST_NAME: forged})
    with pytest.raises(SecurityError) as caught:
        open_package(package)
    assert caught.value.reason == "bad_signature"


# --- fuzz_manifest: a central directory that puts a member before the start of the file ---
def _shift_central_directory(source: Path, target: Path, keep_at_zero: str) -> None:
    """Add 1 to every central-directory offset but ``keep_at_zero``'s (and to the directory's own):
    zipfile then reads every other member where it really is, and ``keep_at_zero`` at offset -1."""
    data = bytearray(source.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    size_cd, offset_cd = struct.unpack_from("<LL", data, end + 12)
    position = offset_cd
    while position < offset_cd + size_cd:
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, position + 28)
        name = bytes(data[position + 46 : position + 46 + name_length]).decode()
        if name != keep_at_zero:
            (offset,) = struct.unpack_from("<L", data, position + 42)
            struct.pack_into("<L", data, position + 42, offset + 1)
        position += 46 + name_length + extra_length + comment_length
    struct.pack_into("<L", data, end + 16, offset_cd + 1)
    target.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def e02_credential(p1, bureau):
    package = open_package(p1.file, {bureau.workspace.fingerprint})
    try:
        return package.unlock("E02", p1.passphrases["E02"])
    finally:
        package.close()


def test_member_with_negative_offset_is_refused_not_an_os_error(p1, e02_credential, tmp_path):
    with zipfile.ZipFile(p1.file) as archive:
        first = archive.infolist()[0]
    assert first.header_offset == 0
    shifted = tmp_path / "P1.ticpkg"
    _shift_central_directory(p1.file, shifted, first.filename)
    with zipfile.ZipFile(shifted) as archive:
        assert archive.getinfo(first.filename).header_offset == -1  # what the container is handed
    package = open_package(shifted)  # the manifest and its listing still check out
    try:
        member = next(f for f in package.manifest.files() if f.path == first.filename)
        with pytest.raises(SecurityError) as caught:
            package.read_member(member, e02_credential)
        assert caught.value.reason in ("malformed", "tampered")
    finally:
        package.close()


# --- fuzz_round: numbers the Decimal type cannot hold, or must not write out in full ---
def _application_with(tmp_path: Path, old: str, new: str) -> Path:
    text = DEMO_APP.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "application.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_exponent_beyond_decimal_range_is_bad_input(tmp_path, capsys):
    path = _application_with(
        tmp_path, '"transfer_cases":', '"transfer_cases": 1e9999999999999999999999, "x":'
    )
    with pytest.raises(InputError) as caught:
        load_application(path)
    assert "out of range" in caught.value.message_en
    assert tic(["--lang", "en", "eligibility", str(path)]) == 2  # bad input, not an internal error
    assert "out of range" in capsys.readouterr().err


@pytest.mark.parametrize("number", ["1e999999999", "1E-999999999", "-1e999999999"])
def test_huge_exponent_in_an_error_message_is_not_written_out(tmp_path, number):
    """``high_tech`` must be true/false; quoting 1e999999999 back in full took gigabytes of
    memory."""
    path = _application_with(tmp_path, '"high_tech": true', f'"high_tech": {number}')
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        load_application(path)
    assert time.monotonic() - started < 5
    assert caught.value.field == "lead_unit.high_tech"
    assert len(str(caught.value)) < 400
    assert "E" in caught.value.problem_en  # quoted with its exponent: 1E+999999999


def test_huge_exponent_in_a_rubric_is_refused(tmp_path):
    demo = REPO / "resources" / "demo"
    (tmp_path / "apps").symlink_to(demo / "apps", target_is_directory=True)
    (tmp_path / "round.json").write_bytes((demo / "round.json").read_bytes())
    rubric = (demo / "rubric.json").read_text(encoding="utf-8")
    (tmp_path / "rubric.json").write_text(
        rubric.replace('"step":', '"step": 1e999999999, "x":', 1), encoding="utf-8"
    )
    with pytest.raises(InputError):
        load_round(tmp_path / "round.json")


# --- fuzz_return: a validly signed return whose package hash is not a string ---
@pytest.mark.parametrize("package_hash", [["not", "a", "hash"], {"sha256": "x"}, None, 7])
def test_return_with_non_string_package_hash_is_rejected_not_a_crash(
    bureau, p1, e02_credential, sec, tmp_path, package_hash
):
    """Signed with E02's real key: only a broken or hostile expert client sends this; the bureau
    must classify it as malformed (verify_return never raises), not fail with TypeError."""
    from tic_desktop.returns.receiving import verify_return
    from tic_desktop.security import age_files, jws

    package = open_package(p1.file, {bureau.workspace.fingerprint})
    try:
        sheet = sec.sheet_model(sec.score_sheet(p1.manifest, "E02"))
        with sec.open_db(tmp_path / "expert.sqlite3") as db:
            made = sec.make_return(package, e02_credential, sheet, tmp_path / "real.ticreturn", db)
    finally:
        package.close()
    document = sec.json.loads(sec.b64url_decode(made.token.split(b".")[1]))
    document["package_sha256"] = package_hash
    token = jws.sign(
        sec.json.dumps(document).encode(),
        certificates.key_from_pem(e02_credential.key_pem),
        certificates.certificate_from_pem(e02_credential.certificate_pem),
    )
    forged = tmp_path / "forged.ticreturn"
    forged.write_bytes(age_files.encrypt_to(token, [bureau.workspace.age_recipient]))
    item = verify_return(forged, bureau.workspace, bureau.keys, p1.manifest.round.id)
    assert (item.status, item.reason) == ("rejected", "malformed")
    assert (
        verify_return(made.file, bureau.workspace, bureau.keys, p1.manifest.round.id).status
        == "accepted"
    )
