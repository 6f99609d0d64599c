"""Packages that must be refused: wrong keys, damage, tampering, another bureau, hostile ZIPs and
hostile manifests. Each is refused with a specific reason, and opening writes nothing anywhere."""

from __future__ import annotations

import dataclasses
import json
import struct
import time
import zipfile
from pathlib import Path

import pytest

from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.packages.container import MAX_MANIFEST_BYTES
from tic_desktop.packages.manifest import MANIFEST_NAME
from tic_desktop.packages.opening import open_package
from tic_desktop.security import age_files, certificates
from tic_desktop.security.errors import SecurityError

APP = "LC-2026-001"


@pytest.fixture
def work(tmp_path):
    """A folder for tampered copies; the test checks it holds nothing more afterwards."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def _refused(package: Path, trusted: set[str] | None = None) -> SecurityError:
    folder = package.parent
    before = {p.name: p.stat().st_size for p in folder.iterdir()}
    with pytest.raises(SecurityError) as caught:
        opened = open_package(package, trusted)
        opened.close()
    after = {p.name: p.stat().st_size for p in folder.iterdir()}
    assert after == before, "opening a refused package must not write anything"
    return caught.value


def _flip(data: bytes, index: int, bit: int = 0) -> bytes:
    changed = bytearray(data)
    changed[index] ^= 1 << bit
    return bytes(changed)


# --- keys ------------------------------------------------------------------------------------
def test_wrong_passphrase_is_refused(opened_p1, p1):
    with pytest.raises(SecurityError) as caught:
        opened_p1.unlock("E01", p1.passphrases["E02"])  # a real passphrase, but another expert's
    assert caught.value.reason == "wrong_passphrase"
    assert "wrong passphrase" in caught.value.message_en and "口令不正确" in caught.value.message_zh


def test_wrong_bureau_passphrase_is_refused(bureau):
    with pytest.raises(SecurityError) as caught:
        BureauWorkspace(bureau.folder).keys("not-the-bureau-passphrase")
    assert caught.value.reason == "wrong_passphrase"


def test_wrong_identity_cannot_read_a_member(opened_p1, members):
    stranger = dataclasses.replace(members["E01"], age_identity=str(age_files.new_identity()))
    entry = opened_p1.manifest.application(APP)
    with pytest.raises(SecurityError) as caught:
        opened_p1.read_member(entry.data, stranger)
    assert caught.value.reason == "cannot_decrypt"
    assert "wrong key" in caught.value.message_en


def test_a_credential_for_another_expert_is_refused(opened_p1, members):
    with pytest.raises(SecurityError) as caught:
        opened_p1.check_credential(members["E02"], "E01")
    assert caught.value.reason == "unknown_expert"
    with pytest.raises(SecurityError) as caught:
        opened_p1.sealed_credential("E99")
    assert caught.value.reason == "unknown_expert"


# --- damage ----------------------------------------------------------------------------------
@pytest.mark.parametrize("keep", [0.5, 0.99, -1, -22])
def test_truncated_package_is_refused(p1, work, keep):
    data = p1.file.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else len(data) + keep
    target = work / "truncated.ticpkg"
    target.write_bytes(data[:cut])
    error = _refused(target)
    assert error.reason == "malformed"
    assert "not a complete package" in error.message_en


def test_raw_bit_flip_inside_a_member_is_refused_on_reading(p1, members, work):
    with zipfile.ZipFile(p1.file) as archive:
        info = archive.getinfo(p1.manifest.application(APP).data.path)
    data = p1.file.read_bytes()
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    target = work / "flipped.ticpkg"
    target.write_bytes(_flip(data, start + info.file_size - 7))
    package = open_package(target)  # the manifest is intact: opening is fine ...
    try:
        with pytest.raises(SecurityError) as caught:  # ... reading the member is not
            package.read_member(package.manifest.application(APP).data, members["E01"])
    finally:
        package.close()
    assert caught.value.reason in {"cannot_decrypt", "tampered"}
    assert "cannot decrypt" in caught.value.message_en


@pytest.mark.parametrize("where", ["header", "payload_end"])
def test_bit_flip_in_a_member_with_a_clean_zip_is_refused(p1, members, work, sec, where):
    """The attacker rewrites the ZIP properly (CRCs right): age's MAC / the signed hash catches
    it."""
    member = p1.manifest.application(APP).data
    original = dict(sec.zip_members(p1.file))[member.path]
    index = 40 if where == "header" else len(original) - 3
    target = sec.rewrite_package(
        p1.file, work / "flipped.ticpkg", {member.path: _flip(original, index)}
    )
    package = open_package(target)
    try:
        with pytest.raises(SecurityError) as caught:
            package.read_member(member, members["E01"])
    finally:
        package.close()
    assert caught.value.reason in {"cannot_decrypt", "tampered"}
    assert (
        caught.value.message_en.startswith("cannot decrypt")
        or "does not match the signed manifest" in caught.value.message_en
    )


def test_bit_flip_in_a_sealed_credential_is_refused_before_any_passphrase(p1, work, sec):
    path = "credentials/E01.age"
    original = dict(sec.zip_members(p1.file))[path]
    target = sec.rewrite_package(
        p1.file, work / "flipped.ticpkg", {path: _flip(original, len(original) - 2)}
    )
    package = open_package(target)
    try:
        started = time.monotonic()
        with pytest.raises(SecurityError) as caught:
            package.unlock("E01", p1.passphrases["E01"])
        assert time.monotonic() - started < 1.0, "the hash check must come before scrypt"
    finally:
        package.close()
    assert caught.value.reason == "tampered"
    assert "does not match the signed manifest" in caught.value.message_en


def test_raw_bit_flip_in_the_manifest_member_is_refused(p1, work):
    with zipfile.ZipFile(p1.file) as archive:
        info = archive.getinfo(MANIFEST_NAME)
    data = p1.file.read_bytes()
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    target = work / "flipped.ticpkg"
    target.write_bytes(_flip(data, start + info.file_size // 2))
    error = _refused(target)
    assert error.reason in {"malformed", "bad_signature"}


@pytest.mark.parametrize("byte_index", [0, 100, -1])
def test_flipped_bit_in_the_signed_manifest_payload_is_refused(p1, work, sec, byte_index):
    header, payload, signature = sec.manifest_token(p1.file).split(b".")
    raw = sec.b64url_decode(payload)
    token = b".".join([header, sec.b64url(_flip(raw, byte_index % len(raw), 1)), signature])
    target = sec.rewrite_package(p1.file, work / "flipped.ticpkg", {MANIFEST_NAME: token})
    error = _refused(target)
    assert error.reason == "bad_signature"
    assert "altered after signing" in error.message_en


@pytest.mark.parametrize("byte_index", [0, 31, 32, 63])
def test_flipped_bit_in_the_manifest_signature_is_refused(p1, work, sec, byte_index):
    header, payload, signature = sec.manifest_token(p1.file).split(b".")
    raw = sec.b64url_decode(signature)
    assert len(raw) == 64  # ES256: r || s
    token = b".".join([header, payload, sec.b64url(_flip(raw, byte_index))])
    target = sec.rewrite_package(p1.file, work / "flipped.ticpkg", {MANIFEST_NAME: token})
    error = _refused(target)
    assert error.reason == "bad_signature"


def test_manifest_with_the_signature_stripped_is_refused(p1, work, sec):
    header, payload, _ = sec.manifest_token(p1.file).split(b".")
    for token in (header + b"." + payload + b".", b"eyJhbGciOiJub25lIn0." + payload + b"."):
        target = sec.rewrite_package(p1.file, work / "unsigned.ticpkg", {MANIFEST_NAME: token})
        error = _refused(target)
        assert error.reason in {"bad_signature", "malformed"}
        target.unlink()


# --- another bureau --------------------------------------------------------------------------
def test_package_re_signed_by_another_bureau_is_refused(bureau, p1, members, work, sec, other_ca):
    other_key, other_cert = other_ca
    other_fp = certificates.fingerprint(other_cert)
    manifest = json.loads(sec.manifest_payload(p1.file))
    manifest["bureau"] = {
        **manifest["bureau"],
        "fingerprint": other_fp,
        "name": "另一评审局",
        "age_recipient": str(age_files.new_identity().to_public()),
    }
    payload = json.dumps(
        manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()
    target = sec.rewrite_package(
        p1.file,
        work / "other.ticpkg",
        {MANIFEST_NAME: sec.sign_manifest(payload, other_key, other_cert)},
    )
    # a machine that trusts the first bureau refuses it outright
    error = _refused(target, {bureau.workspace.fingerprint})
    assert error.reason == "wrong_bureau" and "different bureau" in error.message_en
    # with no trust list it opens, but a credential from the first bureau will not unlock it
    package = open_package(target)
    try:
        assert package.bureau_fingerprint == other_fp
        with pytest.raises(
            SecurityError
        ) as caught:  # the keyring path (credential already unlocked)
            package.check_credential(members["E01"], "E01")
        assert caught.value.reason == "wrong_bureau"
        with pytest.raises(SecurityError) as caught:  # the passphrase path
            package.unlock("E01", p1.passphrases["E01"])
        assert caught.value.reason == "wrong_bureau"
        assert "not signed by the bureau that issued your credential" in caught.value.message_en
    finally:
        package.close()


def test_manifest_signed_by_another_ca_but_naming_the_first_bureau_is_refused(
    p1, work, sec, other_ca
):
    other_key, other_cert = other_ca
    token = sec.sign_manifest(sec.manifest_payload(p1.file), other_key, other_cert)
    target = sec.rewrite_package(p1.file, work / "other.ticpkg", {MANIFEST_NAME: token})
    error = _refused(target)
    assert error.reason == "bad_signature" and "differs from the signer" in error.message_en


def test_manifest_signed_by_an_expert_certificate_is_refused(p1, members, work, sec):
    """An expert's key is issued by the bureau, but it is not the bureau: it cannot sign
    packages."""
    credential = members["E01"]
    token = sec.sign_manifest(
        sec.manifest_payload(p1.file),
        certificates.key_from_pem(credential.key_pem),
        certificates.certificate_from_pem(credential.certificate_pem),
    )
    target = sec.rewrite_package(p1.file, work / "expert-signed.ticpkg", {MANIFEST_NAME: token})
    error = _refused(target)
    assert error.reason == "bad_signature" and "bureau root certificate" in error.message_en


# --- swapped members -------------------------------------------------------------------------
def test_member_swapped_from_another_package_is_refused(bureau, p1, p1_rebuilt, members, work, sec):
    """The same application from a rebuild of P1: same recipients, readable by E01, other
    package."""
    member = p1.manifest.application(APP).data
    foreign = dict(sec.zip_members(p1_rebuilt.file))[member.path]
    assert foreign != dict(sec.zip_members(p1.file))[member.path]
    # the foreign member really is readable by E01 on its own: only the signed manifest can catch it
    assert age_files.decrypt_with(
        foreign, age_files.identity_from_text(members["E01"].age_identity)
    )
    target = sec.rewrite_package(p1.file, work / "swapped.ticpkg", {member.path: foreign})
    with pytest.raises(SecurityError) as caught:
        # age adds random "grease" stanzas, so sizes usually differ and opening already refuses;
        # when they happen to match, reading refuses on the hash
        package = open_package(target, {bureau.workspace.fingerprint})
        try:
            package.read_member(member, members["E01"])
        finally:
            package.close()
    assert caught.value.reason == "tampered"
    assert "swapped or altered" in caught.value.message_en


def test_same_size_member_encrypted_to_the_public_recipients_is_refused_by_the_hash(
    bureau, p1, members, work, sec
):
    """Recipients are public (in the manifest): anyone can encrypt forged materials to the scorers.
    A forgery of exactly the right size passes the size check; only the signed hash stops it."""
    entry = p1.manifest.application(APP)
    member = entry.data
    recipients = [m.age_recipient for m in p1.manifest.members if m.id in entry.scorers]
    # rage adds a random-length "grease" stanza to each header, so sizes vary between encryptions:
    # pad the plaintext to make up the difference seen last time, until one matches exactly.
    length = member.plaintext_size
    for _ in range(5000):
        forged = age_files.encrypt_to(
            b'{"id": "LC-2026-001", "forged": true}'.ljust(length, b" "), recipients
        )
        if len(forged) == member.size:
            break
        length = max(64, length - (len(forged) - member.size))
    else:
        pytest.fail("could not produce a same-size forgery")
    target = sec.rewrite_package(p1.file, work / "forged.ticpkg", {member.path: forged})
    package = open_package(target, {bureau.workspace.fingerprint})  # sizes and signature are fine
    try:
        with pytest.raises(SecurityError) as caught:
            package.read_member(member, members["E01"])
    finally:
        package.close()
    assert caught.value.reason == "tampered"
    assert "swapped or altered" in caught.value.message_en


def test_manifest_swapped_from_another_package_is_refused(
    bureau, p1, p1_rebuilt, members, work, sec
):
    """A genuine, bureau-signed manifest of another package over this package's members."""
    target = sec.rewrite_package(
        p1.file, work / "swapped.ticpkg", {MANIFEST_NAME: sec.manifest_token(p1_rebuilt.file)}
    )
    with pytest.raises(SecurityError) as caught:
        package = open_package(
            target, {bureau.workspace.fingerprint}
        )  # sizes usually differ already
        try:
            package.read_member(package.manifest.application(APP).data, members["E01"])
        finally:
            package.close()
    assert caught.value.reason == "tampered"
    assert "swapped or altered" in caught.value.message_en


def test_extra_or_missing_members_are_refused(p1, work, sec):
    members = sec.zip_members(p1.file)
    extra = sec.write_zip(
        work / "extra.ticpkg", members + [("materials/LC-2026-001/extra.pdf.age", b"x")]
    )
    error = _refused(extra)
    assert error.reason == "tampered" and "extra" in error.message_en
    missing = sec.write_zip(
        work / "missing.ticpkg", [m for m in members if not m[0].endswith("001.pdf.age")]
    )
    error = _refused(missing)
    assert error.reason == "tampered" and "missing" in error.message_en


# --- hostile ZIP structure -------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["../x", "materials/../../x", "/x", "/etc/passwd", "C:/x", "materials\\x"]
)
def test_unsafe_member_names_are_refused(p1, work, sec, name):
    target = sec.write_zip(work / "names.ticpkg", sec.zip_members(p1.file) + [(name, b"evil")])
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist()[-1] == name  # stored exactly as named
    error = _refused(target)
    assert error.reason == "malformed" and "unsafe member name" in error.message_en
    assert not (work.parent / "x").exists() and not (Path("/") / "x").exists()


def test_duplicated_member_name_is_refused(p1, work, sec):
    members = sec.zip_members(p1.file)
    duplicate = next(m for m in members if m[0].startswith("materials/"))
    target = sec.write_zip(work / "dup.ticpkg", members + [(duplicate[0], b"a second copy")])
    error = _refused(target)
    assert error.reason == "malformed" and "duplicate member" in error.message_en
    # a duplicated manifest too (the one read might not be the one checked)
    target.unlink()
    target = sec.write_zip(
        work / "dup.ticpkg", members + [(MANIFEST_NAME, sec.manifest_token(p1.file))]
    )
    assert "duplicate member" in _refused(target).message_en


def _patch_uncompressed_size(path: Path, name: str, size: int, local: bool = True) -> None:
    """Declare a huge uncompressed size for one member (central directory and local header)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    if local:
        struct.pack_into("<I", data, info.header_offset + 22, size)
    encoded = name.encode()
    position = 0
    while True:
        position = data.index(b"PK\x01\x02", position)
        name_len = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_len]) == encoded:
            struct.pack_into("<I", data, position + 24, size)
            break
        position += 4
    path.write_bytes(bytes(data))


def test_zip_bomb_is_refused_without_inflating(p1, work, sec):
    """A deflated member: 64 MiB of zeros in ~64 KiB, declared as ~4 GiB."""
    target = work / "bomb.ticpkg"
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in sec.zip_members(p1.file):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
        info = zipfile.ZipInfo("materials/LC-2026-001/bomb.age", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=False) as member:
            zeros = bytes(1 << 20)
            for _ in range(64):
                member.write(zeros)
    assert target.stat().st_size < p1.file.stat().st_size + 1_000_000
    _patch_uncompressed_size(target, "materials/LC-2026-001/bomb.age", 0xFFFFFFF0)
    started = time.monotonic()
    error = _refused(target)
    assert time.monotonic() - started < 2.0
    assert error.reason == "malformed" and "compressed" in error.message_en


def test_deflated_manifest_is_refused(p1, work, sec):
    target = sec.write_zip(
        work / "deflated.ticpkg", sec.zip_members(p1.file), compression=zipfile.ZIP_DEFLATED
    )
    error = _refused(target)
    assert error.reason == "malformed" and "compressed" in error.message_en


def test_stored_member_with_a_lying_size_is_refused(p1, work, sec):
    target = sec.rewrite_package(p1.file, work / "liar.ticpkg")
    _patch_uncompressed_size(target, MANIFEST_NAME, 0x7FFFFFFF, local=False)
    error = _refused(target)
    assert error.reason == "malformed"


# --- hostile manifests, properly signed by the bureau ------------------------------------------
def _signed(bureau, sec, p1, work: Path, payload: bytes, name: str = "crafted.ticpkg") -> Path:
    token = sec.sign_manifest(payload, bureau.keys.ca_key, bureau.workspace.ca_certificate)
    return sec.rewrite_package(p1.file, work / name, {MANIFEST_NAME: token})


def test_manifest_with_duplicate_keys_is_refused(bureau, p1, work, sec):
    payload = sec.manifest_payload(p1.file)
    assert payload.startswith(b'{"applications":')
    crafted = b'{"panel_id":"P9",' + payload[1:]  # the sorted payload names panel_id later: twice
    assert crafted.count(b'"panel_id":') == 2
    error = _refused(_signed(bureau, sec, p1, work, crafted), {bureau.workspace.fingerprint})
    assert error.reason == "malformed" and "duplicate key" in error.message_en


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_manifest_with_nan_is_refused(bureau, p1, work, sec, constant):
    payload = sec.manifest_payload(p1.file)
    assert b'"quorum":5' in payload
    crafted = payload.replace(b'"quorum":5', b'"quorum":' + constant)
    error = _refused(_signed(bureau, sec, p1, work, crafted), {bureau.workspace.fingerprint})
    assert error.reason == "malformed" and "not a number" in error.message_en


def test_manifest_nested_100k_deep_is_refused(bureau, p1, work, sec):
    depth = 100_000
    crafted = b'{"format":"tic-package/1","x":' + b"[" * depth + b"]" * depth + b"}"
    error = _refused(_signed(bureau, sec, p1, work, crafted), {bureau.workspace.fingerprint})
    assert error.reason == "malformed" and "nested too deeply" in error.message_en
    crafted = b'{"a":' * depth + b"1" + b"}" * depth
    error = _refused(
        _signed(bureau, sec, p1, work, crafted, "objects.ticpkg"), {bureau.workspace.fingerprint}
    )
    assert "nested too deeply" in error.message_en


def test_manifest_of_50_megabytes_is_refused_before_parsing(bureau, p1, work, sec):
    crafted = b'{"format":"tic-package/1","padding":"' + b"a" * (50 * 1024 * 1024) + b'"}'
    target = _signed(bureau, sec, p1, work, crafted)
    assert zipfile.ZipFile(target).getinfo(MANIFEST_NAME).file_size > MAX_MANIFEST_BYTES
    error = _refused(target, {bureau.workspace.fingerprint})
    assert error.reason == "malformed" and "too large" in error.message_en


@pytest.mark.parametrize("change", ["extra_field", "wrong_type", "not_an_object", "not_utf8"])
def test_signed_manifest_of_the_wrong_shape_is_refused(bureau, p1, work, sec, change):
    manifest = json.loads(sec.manifest_payload(p1.file))
    if change == "extra_field":
        manifest["unexpected"] = True
    elif change == "wrong_type":
        manifest["round"]["quorum"] = "5"
    payload = json.dumps(manifest, ensure_ascii=False).encode()
    if change == "not_an_object":
        payload = b"[1, 2, 3]"
    elif change == "not_utf8":
        payload = b'{"format":"\xff\xfe"}'
    error = _refused(_signed(bureau, sec, p1, work, payload), {bureau.workspace.fingerprint})
    assert error.reason == "malformed"
    assert "manifest" in error.message_en


def test_signed_manifest_listing_a_traversal_path_is_refused(bureau, p1, work, sec):
    """Even a bureau-signed manifest cannot point outside the package: names are checked first."""
    manifest = json.loads(sec.manifest_payload(p1.file))
    entry = manifest["applications"][0]["data"]
    old = entry["path"]
    entry["path"] = "../" + old
    payload = json.dumps(
        manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()
    token = sec.sign_manifest(payload, bureau.keys.ca_key, bureau.workspace.ca_certificate)
    members = [
        (("../" + name) if name == old else name, data) for name, data in sec.zip_members(p1.file)
    ]
    members = [(n, token if n == MANIFEST_NAME else d) for n, d in members]
    error = _refused(
        sec.write_zip(work / "traversal.ticpkg", members), {bureau.workspace.fingerprint}
    )
    assert "unsafe member name" in error.message_en
