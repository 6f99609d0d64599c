"""Returns the bureau must classify correctly: replayed, edited, re-signed, superseded, duplicated,
addressed elsewhere, damaged. ``receive_returns`` never raises for a bad return; it says why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tic_desktop.errors import InputError
from tic_desktop.returns.receiving import receive_returns, verify_return
from tic_desktop.security import age_files, certificates, jws

ROUND_ID = "2026-TIC-01"


@pytest.fixture
def returns(tmp_path, opened_p1, members, db, sec):
    """make(expert, name, offset=0) -> Path of a real return made with that expert's credential."""

    def make(expert: str, name: str | None = None, offset: int = 0, **sheet_options) -> Path:
        sheet = sec.sheet_model(
            sec.score_sheet(opened_p1.manifest, expert, offset=offset, **sheet_options)
        )
        return sec.make_return(
            opened_p1, members[expert], sheet, tmp_path / (name or f"{expert}.ticreturn"), db
        ).file

    return make


def _receive(bureau, files, round_id=ROUND_ID):
    return receive_returns([Path(f) for f in files], bureau.workspace, bureau.keys, round_id)


def _token(bureau, file: Path) -> bytes:
    return age_files.decrypt_with(file.read_bytes(), bureau.keys.identity)


def _reseal(bureau, token: bytes, target: Path) -> Path:
    target.write_bytes(age_files.encrypt_to(token, [bureau.workspace.age_recipient]))
    return target


def _document(p1, expert_credential, **changes) -> bytes:
    document = {
        "format": "tic-return/1",
        "round": ROUND_ID,
        "panel": "P1",
        "package_sha256": p1.sha256,
        "bureau_fingerprint": p1.manifest.bureau.fingerprint,
        "bureau_recipient": p1.manifest.bureau.age_recipient,
        "expert": expert_credential.expert_id,
        "expert_fingerprint": expert_credential.fingerprint,
        "revision": 1,
        "created_at": "2026-03-01T00:00:00.000000+00:00",
        "audit_head": None,
    }
    document.update(changes)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_a_genuine_return_is_accepted(bureau, returns):
    [item] = _receive(bureau, [returns("E01")])
    assert (item.status, item.reason, item.expert, item.revision) == ("accepted", None, "E01", 1)


def test_return_replayed_to_another_round_is_wrong_round(bureau, returns):
    [item] = _receive(bureau, [returns("E01")], round_id="2027-TIC-01")
    assert (item.status, item.reason) == ("rejected", "wrong_round")


def test_return_for_a_package_this_bureau_never_built_is_wrong_round(
    bureau, p1, members, tmp_path, sec
):
    credential = members["E01"]
    sheet = sec.score_sheet(p1.manifest, "E01")
    payload = _document(p1, credential, package_sha256="0" * 64, **sheet)
    token = jws.sign(
        payload,
        certificates.key_from_pem(credential.key_pem),
        certificates.certificate_from_pem(credential.certificate_pem),
    )
    [item] = _receive(
        bureau, [_reseal(bureau, token, tmp_path / "unknown-package.ticreturn")], round_id=None
    )
    assert (item.status, item.reason) == ("rejected", "wrong_round")


def test_return_edited_after_signing_is_bad_signature(bureau, returns, tmp_path, sec):
    original = returns("E02")
    header, payload, signature = _token(bureau, original).split(b".")
    document = json.loads(sec.b64url_decode(payload))
    criterion = next(iter(document["scores"][0]["criteria"]))
    assert document["scores"][0]["criteria"][criterion] != "0"
    document["scores"][0]["criteria"][criterion] = "0"  # the edit
    edited = b".".join(
        [header, sec.b64url(json.dumps(document, ensure_ascii=False).encode()), signature]
    )
    [item] = _receive(bureau, [_reseal(bureau, edited, tmp_path / "edited.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "bad_signature")
    assert item.sheet is None  # nothing from an unverified return is kept


def test_return_re_signed_by_another_panel_member_is_bad_signature(
    bureau, p1, members, tmp_path, sec
):
    """E02 signs a document that claims to be E01's return (with E01's fingerprint)."""
    payload = _document(p1, members["E01"], **sec.score_sheet(p1.manifest, "E01"))
    e02 = members["E02"]
    token = jws.sign(
        payload,
        certificates.key_from_pem(e02.key_pem),
        certificates.certificate_from_pem(e02.certificate_pem),
    )
    [item] = _receive(bureau, [_reseal(bureau, token, tmp_path / "impostor.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "bad_signature")


def test_return_signed_with_a_certificate_from_another_ca_is_bad_signature(
    bureau, p1, members, tmp_path, sec, other_ca
):
    other_key, other_cert = other_ca
    key, cert = certificates.issue_expert_certificate(
        other_key, other_cert, "E01", "钱秋菊", "山东大学"
    )
    credential = members["E01"]
    payload = _document(
        p1,
        credential,
        expert_fingerprint=certificates.fingerprint(cert),
        **sec.score_sheet(p1.manifest, "E01"),
    )
    token = jws.sign(payload, key, cert)
    [item] = _receive(bureau, [_reseal(bureau, token, tmp_path / "foreign-ca.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "bad_signature")


def test_return_signed_by_the_bureau_ca_itself_is_bad_signature(bureau, p1, members, tmp_path, sec):
    payload = _document(p1, members["E01"], **sec.score_sheet(p1.manifest, "E01"))
    token = jws.sign(payload, bureau.keys.ca_key, bureau.workspace.ca_certificate)
    [item] = _receive(bureau, [_reseal(bureau, token, tmp_path / "ca-signed.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "bad_signature")


def test_return_from_a_bureau_certified_non_member_is_unknown_expert(bureau, p1, tmp_path, sec):
    """E08 (panel P2) holds a genuine certificate from this bureau, but is not in P1."""
    key, cert = certificates.issue_expert_certificate(
        bureau.keys.ca_key, bureau.workspace.ca_certificate, "E08", "蒋晓东", "中国石油大学（华东）"
    )
    sheet = sec.score_sheet(p1.manifest, "E08")
    document = json.loads(_document(p1, members_stub("E08", cert), **sheet))
    token = jws.sign(json.dumps(document).encode(), key, cert)
    [item] = _receive(bureau, [_reseal(bureau, token, tmp_path / "E08.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "unknown_expert")


def members_stub(expert_id: str, certificate):
    class Stub:
        pass

    stub = Stub()
    stub.expert_id, stub.fingerprint = expert_id, certificates.fingerprint(certificate)
    return stub


@pytest.mark.parametrize(
    "change", ["no_format", "bad_revision", "bool_revision", "duplicate_key", "nan", "deep"]
)
def test_signed_but_malformed_return_is_malformed(bureau, p1, members, tmp_path, sec, change):
    credential = members["E03"]
    sheet = sec.score_sheet(p1.manifest, "E03")
    payload = _document(p1, credential, **sheet)
    if change == "no_format":
        payload = payload.replace(b'"format":"tic-return/1",', b"")
    elif change == "bad_revision":
        payload = payload.replace(b'"revision":1', b'"revision":0')
    elif change == "bool_revision":
        payload = payload.replace(b'"revision":1', b'"revision":true')
    elif change == "duplicate_key":
        payload = b'{"revision":99,' + payload[1:]
    elif change == "nan":
        payload = payload.replace(b'"revision":1', b'"revision":NaN')
    elif change == "deep":
        payload = payload[:-1] + b',"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert payload != _document(p1, credential, **sheet)
    token = jws.sign(
        payload,
        certificates.key_from_pem(credential.key_pem),
        certificates.certificate_from_pem(credential.certificate_pem),
    )
    [item] = _receive(bureau, [_reseal(bureau, token, tmp_path / "odd.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "malformed")


def test_older_revision_after_a_newer_one_is_superseded(bureau, returns):
    first = returns("E05", "first.ticreturn", offset=0)
    second = returns("E05", "second.ticreturn", offset=1)
    items = _receive(bureau, [second, first])  # the old one arrives last
    assert [(i.revision, i.status) for i in items] == [(2, "accepted"), (1, "superseded")]


def test_byte_identical_copy_is_duplicate(bureau, returns, tmp_path):
    original = returns("E06")
    copy = tmp_path / "copy-of-E06.ticreturn"
    shutil.copyfile(original, copy)
    items = _receive(bureau, [original, copy])
    assert [i.status for i in items] == ["accepted", "duplicate"]


def test_return_encrypted_to_another_bureau_cannot_be_decrypted(bureau, returns, tmp_path):
    token = _token(bureau, returns("E07"))
    elsewhere = tmp_path / "elsewhere.ticreturn"
    elsewhere.write_bytes(age_files.encrypt_to(token, [str(age_files.new_identity().to_public())]))
    [item] = _receive(bureau, [elsewhere])
    assert (item.status, item.reason) == ("rejected", "cannot_decrypt")


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "plaintext_token"])
def test_damaged_return_is_rejected(bureau, returns, tmp_path, damage):
    data = returns("E01").read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        changed = bytearray(data)
        changed[-10] ^= 0x10
        data = bytes(changed)
    elif damage == "garbage":
        data = b"not an age file at all\n" * 10
    elif damage == "plaintext_token":
        data = _token(bureau, returns("E02", "E02.ticreturn"))  # signed but not encrypted
    target = tmp_path / f"{damage}.ticreturn"
    target.write_bytes(data)
    [item] = _receive(bureau, [target])
    assert (item.status, item.reason) == ("rejected", "cannot_decrypt")


def test_empty_and_oversized_returns_are_malformed(bureau, tmp_path):
    empty = tmp_path / "empty.ticreturn"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.ticreturn"
    with huge.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: larger than any return may be
    items = _receive(bureau, [empty, huge])
    assert [(i.status, i.reason) for i in items] == [
        ("rejected", "malformed"),
        ("rejected", "malformed"),
    ]


def test_verify_return_never_raises_and_keeps_nothing_from_a_rejected_file(
    bureau, returns, tmp_path
):
    target = tmp_path / "bad.ticreturn"
    target.write_bytes(b"age-encryption.org/v1\n-> X25519 broken\n")
    item = verify_return(target, bureau.workspace, bureau.keys, ROUND_ID)
    assert item.status == "rejected" and item.document == {} and item.sheet is None


# --- what an expert cannot even make -----------------------------------------------------------
@pytest.mark.parametrize("expert, application", [("E04", "LC-2026-001"), ("E05", "LC-2026-003")])
def test_making_a_return_for_a_recused_application_writes_nothing(
    opened_p1, members, tmp_path, db, sec, expert, application
):
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, expert, applications=[application]))
    out = tmp_path / "refused.ticreturn"
    with pytest.raises(InputError) as caught:
        sec.make_return(opened_p1, members[expert], sheet, out, db)
    assert caught.value.field == "scores[0].application"
    assert "recused" in caught.value.message_en
    assert not out.exists() and sec.no_partials(tmp_path)


def test_making_a_return_for_a_self_declared_conflict_writes_nothing(
    opened_p1, members, tmp_path, db, sec
):
    declared = [{"application": "LC-2026-004", "reason": "与申报单位存在合作"}]
    data = sec.score_sheet(
        opened_p1.manifest, "E02", applications=["LC-2026-004"], declared=declared
    )
    out = tmp_path / "refused.ticreturn"
    with pytest.raises(InputError) as caught:
        sec.make_return(opened_p1, members["E02"], sec.sheet_model(data), out, db)
    assert "declared a conflict" in caught.value.message_en
    assert not out.exists() and sec.no_partials(tmp_path)
    # and the refusal did not use up a revision number
    ok = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E02"))
    assert (
        sec.make_return(opened_p1, members["E02"], ok, tmp_path / "ok.ticreturn", db).revision == 1
    )


def test_return_signed_with_another_certificate_of_the_same_expert_is_bad_signature(
    bureau, p1, tmp_path, sec
):
    """A certificate the bureau issued to E01 for some other round (or a leaked, superseded one) is
    not the credential P1 was built with: a return for P1 must be signed with P1's credential."""
    key, cert = certificates.issue_expert_certificate(
        bureau.keys.ca_key, bureau.workspace.ca_certificate, "E01", "钱秋菊", "山东大学"
    )
    assert certificates.fingerprint(cert) != p1.credentials["E01"].fingerprint
    payload = _document(p1, members_stub("E01", cert), **sec.score_sheet(p1.manifest, "E01"))
    token = jws.sign(payload, key, cert)
    [item] = _receive(bureau, [_reseal(bureau, token, tmp_path / "other-cert.ticreturn")])
    assert (item.status, item.reason) == ("rejected", "bad_signature")


def test_packages_registered_without_fingerprints_fall_back_to_the_issued_credentials(
    bureau, p1, returns, tmp_path, sec
):
    """A workspace whose packages.json predates the recorded member fingerprints."""
    from tic_desktop.bureau.workspace import BureauWorkspace

    copy = tmp_path / "older-workspace"
    shutil.copytree(bureau.folder, copy)
    registry = json.loads((copy / "packages.json").read_text(encoding="utf-8"))
    assert registry[p1.sha256]["member_fingerprints"]["E01"] == p1.credentials["E01"].fingerprint
    for entry in registry.values():
        entry.pop("member_fingerprints", None)
    (copy / "packages.json").write_text(json.dumps(registry), encoding="utf-8")
    older = BureauWorkspace(copy)
    key, cert = certificates.issue_expert_certificate(
        bureau.keys.ca_key, bureau.workspace.ca_certificate, "E01", "钱秋菊", "山东大学"
    )
    forged = jws.sign(
        _document(p1, members_stub("E01", cert), **sec.score_sheet(p1.manifest, "E01")), key, cert
    )
    files = [returns("E01"), _reseal(bureau, forged, tmp_path / "other-cert.ticreturn")]
    items = receive_returns(files, older, bureau.keys, ROUND_ID)
    assert [(i.status, i.reason) for i in items] == [
        ("accepted", None),
        ("rejected", "bad_signature"),
    ]


def test_a_failed_write_leaves_no_file_and_uses_no_revision(opened_p1, members, tmp_path, db, sec):
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    sheet = sec.sheet_model(sec.score_sheet(opened_p1.manifest, "E03"))
    with pytest.raises(OSError):
        sec.make_return(opened_p1, members["E03"], sheet, blocker / "E03.ticreturn", db)
    assert sec.no_partials(tmp_path)
    assert (
        sec.make_return(opened_p1, members["E03"], sheet, tmp_path / "E03.ticreturn", db).revision
        == 1
    )
