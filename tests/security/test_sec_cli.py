"""``tic bureau``, ``tic package`` and ``tic return`` through ``tic_desktop.cli.main.main``.

Exit codes (formats.md): 0 done, 2 bad input (message on stderr), 1 internal error;
``return verify`` exits 3 when not every return is valid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography import x509

from tic_desktop.cli.main import main
from tic_desktop.packages.manifest import MANIFEST_NAME
from tic_desktop.security import certificates

ROUND = str(Path(__file__).resolve().parents[2] / "resources" / "demo" / "round.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- bureau ----------------------------------------------------------------------------------
def test_bureau_init_and_root(capsys, tmp_path):
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("a long enough bureau passphrase\n", encoding="utf-8")
    folder = tmp_path / "bureau"
    code, out, err = run(
        capsys, "bureau", "init", folder, "--passphrase-file", passphrase, "--format", "json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert set(result) >= {"bureau", "name", "fingerprint", "age_recipient", "secrets"}
    assert result["secrets"] == "bureau-secrets.age" and result["age_recipient"].startswith("age1")
    assert (folder / "bureau-secrets.age").stat().st_mode & 0o777 == 0o600
    # never overwritten
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    code, out, err = run(
        capsys, "--lang", "en", "bureau", "init", folder, "--passphrase-file", passphrase
    )
    assert code == 2 and "already a bureau workspace" in err and out == ""
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    # the root certificate, as PDF readers are given it
    code, out, err = run(capsys, "bureau", "root", folder)
    assert code == 0
    root = x509.load_pem_x509_certificate(out.encode())
    assert certificates.fingerprint(root) == result["fingerprint"]
    assert certificates.is_self_signed_ca(root)
    assert "PRIVATE" not in out


@pytest.mark.parametrize("content", ["short\n", "", "\n"])
def test_bureau_init_refuses_a_bad_passphrase_file_and_writes_nothing(capsys, tmp_path, content):
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(content, encoding="utf-8")
    folder = tmp_path / "bureau"
    code, out, err = run(
        capsys, "--lang", "en", "bureau", "init", folder, "--passphrase-file", passphrase
    )
    assert code == 2 and out == ""
    assert "passphrase" in err
    assert not folder.exists()


def test_bureau_init_refuses_a_plaintext_keyring(capsys, tmp_path, plaintext_keyring):
    folder = tmp_path / "bureau"
    code, out, err = run(capsys, "--lang", "en", "bureau", "init", folder)
    assert code == 2 and out == ""
    assert (
        "No secure OS keyring" in err and "PlaintextKeyring" in err and "--passphrase-file" in err
    )
    assert not folder.exists() or not any(folder.iterdir())
    assert not Path(plaintext_keyring.file_path).exists()


def test_bureau_init_uses_a_secure_keyring(capsys, tmp_path, memory_keyring):
    code, out, err = run(capsys, "bureau", "init", tmp_path / "bureau", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["secrets"] == "keyring"
    assert memory_keyring.store  # the private keys went to the keyring, not to a file
    assert not (tmp_path / "bureau" / "bureau-secrets.age").exists()


# --- package build -----------------------------------------------------------------------------
@pytest.mark.parametrize("panels", [["--panel", "P2"], []])
def test_package_build_refuses_a_panel_breaking_conflict_rules(
    capsys, tmp_path, bureau, p1, panels
):
    """P2 fails panel.host_share: no package, no credentials for it, no passphrase sheets."""
    out_dir = tmp_path / "out"
    credentials = bureau.workspace.credentials_dir("2026-TIC-01")
    issued_before = sorted(p.name for p in credentials.iterdir())
    registry_before = (bureau.folder / "packages.json").read_bytes()
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "package",
        "build",
        ROUND,
        "--bureau",
        bureau.folder,
        "--out",
        out_dir,
        "--passphrase-file",
        bureau.passphrase_file,
        "--passphrases-json",
        tmp_path / "passphrases.json",
        *panels,
    )
    assert code == 2 and out == ""
    assert "P2" in err and "panel.host_share" in err
    assert not out_dir.exists() or not any(out_dir.rglob("*"))
    assert not (tmp_path / "passphrases.json").exists()
    assert (
        sorted(p.name for p in credentials.iterdir()) == issued_before
    )  # nobody from P2 got a credential
    assert (bureau.folder / "packages.json").read_bytes() == registry_before


def test_package_build_without_keys_says_what_is_missing(
    capsys, tmp_path, bureau, plaintext_keyring
):
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "package",
        "build",
        ROUND,
        "--bureau",
        bureau.folder,
        "--out",
        tmp_path / "out",
        "--panel",
        "P1",
    )
    assert code == 2 and out == ""
    assert "not in the OS keyring and no --passphrase-file" in err
    assert not (tmp_path / "out").exists()


# --- package inspect -------------------------------------------------------------------------
def test_package_inspect_json(capsys, bureau, p1):
    code, out, err = run(capsys, "package", "inspect", p1.file, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert {"round", "panel", "bureau_fingerprint", "members", "signature"} <= set(result)
    assert result["round"] == "2026-TIC-01" and result["panel"] == "P1"
    assert result["bureau_fingerprint"] == bureau.workspace.fingerprint
    assert result["signature"] == "valid" and result["trusted"] is False
    assert [m["id"] for m in result["members"]] == ["E01", "E02", "E03", "E04", "E05", "E06", "E07"]
    assert result["package_sha256"] == p1.sha256
    apps = {a["id"]: a for a in result["applications"]}
    assert "E04" in apps["LC-2026-001"]["recused"] and "E04" not in apps["LC-2026-001"]["scorers"]
    # nothing secret is shown: no identities, keys or passphrases
    assert "AGE-SECRET-KEY" not in out and "PRIVATE KEY" not in out
    assert not any(p in out for p in p1.passphrases.values())
    code, out, err = run(
        capsys, "package", "inspect", p1.file, "--bureau", bureau.folder, "--format", "json"
    )
    assert code == 0 and json.loads(out)["trusted"] is True


def test_package_inspect_reports_a_broken_or_foreign_signature(
    capsys, tmp_path, bureau, p1, sec, other_ca
):
    header, payload, signature = sec.manifest_token(p1.file).split(b".")
    raw = bytearray(sec.b64url_decode(signature))
    raw[5] ^= 1
    broken = sec.rewrite_package(
        p1.file,
        tmp_path / "broken.ticpkg",
        {MANIFEST_NAME: b".".join([header, payload, sec.b64url(bytes(raw))])},
    )
    code, out, err = run(capsys, "--lang", "en", "package", "inspect", broken, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["signature"] == "invalid" and "altered after signing" in result["reason"]
    assert "members" not in result  # nothing from an unverified manifest is shown
    # another bureau's package, checked against ours
    manifest = json.loads(sec.manifest_payload(p1.file))
    manifest["bureau"]["fingerprint"] = certificates.fingerprint(other_ca[1])
    foreign_token = sec.sign_manifest(json.dumps(manifest, sort_keys=True).encode(), *other_ca)
    foreign = sec.rewrite_package(
        p1.file, tmp_path / "foreign.ticpkg", {MANIFEST_NAME: foreign_token}
    )
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "package",
        "inspect",
        foreign,
        "--bureau",
        bureau.folder,
        "--format",
        "json",
    )
    assert code == 0
    result = json.loads(out)
    assert result["signature"] == "invalid" and "different bureau" in result["reason"]


def test_package_inspect_refuses_a_truncated_package(capsys, tmp_path, p1):
    truncated = tmp_path / "truncated.ticpkg"
    truncated.write_bytes(p1.file.read_bytes()[:1000])
    code, out, err = run(
        capsys, "--lang", "en", "package", "inspect", truncated, "--format", "json"
    )
    assert code == 2 and out == "" and "not a complete package" in err


# --- open, make, verify ------------------------------------------------------------------------
def _write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_open_make_and_verify_through_the_cli(capsys, tmp_path, bureau, p1, sec, memory_keyring):
    e04_pass = _write(tmp_path / "e04.txt", None)
    e04_pass.write_text(p1.passphrases["E04"] + "\n", encoding="utf-8")
    # open as E04 (recused from LC-2026-001 and -002): the credential is then remembered
    code, out, err = run(
        capsys,
        "package",
        "open",
        p1.file,
        "--expert",
        "E04",
        "--passphrase-file",
        e04_pass,
        "--bureau-fingerprint",
        bureau.workspace.fingerprint,
        "--format",
        "json",
    )
    assert code == 0, err
    opened = json.loads(out)
    access = {a["application"]: a["access"] for a in opened["applications"]}
    assert access == {
        "LC-2026-001": "recused",
        "LC-2026-002": "recused",
        "LC-2026-003": "verified",
        "LC-2026-004": "verified",
    }
    assert opened["signature"] == "valid" and opened["remembered"] is True

    # make: twice (revision 1 then 2), with the credential from the keyring (no passphrase)
    scores = _write(tmp_path / "scores.json", sec.score_sheet(p1.manifest, "E04"))
    made = []
    for name in ("r1.ticreturn", "r2.ticreturn"):
        code, out, err = run(
            capsys, "return", "make", p1.file, scores, "--out", tmp_path / name, "--format", "json"
        )
        assert code == 0, err
        made.append(json.loads(out))
    assert [m["revision"] for m in made] == [1, 2]
    assert all((tmp_path / n).is_file() for n in ("r1.ticreturn", "r2.ticreturn"))

    # make for a recused application, or one the expert declares a conflict with: exit 2, no file
    refused = {
        "recused": sec.score_sheet(p1.manifest, "E04", applications=["LC-2026-001"]),
        "declared": sec.score_sheet(
            p1.manifest,
            "E04",
            applications=["LC-2026-004"],
            declared=[{"application": "LC-2026-004", "reason": "与申报单位存在合作"}],
        ),
        "off_step": {**sec.score_sheet(p1.manifest, "E04", applications=["LC-2026-004"])},
    }
    refused["off_step"]["scores"][0]["criteria"]["foundation"] = "17.25"
    for label, sheet in refused.items():
        out_file = tmp_path / f"{label}.ticreturn"
        code, out, err = run(
            capsys,
            "--lang",
            "en",
            "return",
            "make",
            p1.file,
            _write(tmp_path / f"{label}.json", sheet),
            "--out",
            out_file,
        )
        assert code == 2 and out == "", label
        assert {
            "recused": "recused from LC-2026-001",
            "declared": "declared a conflict",
            "off_step": "not a multiple of the step",
        }[label] in err
        assert not out_file.exists()
    assert sec.no_partials(tmp_path)

    # verify: all valid → 0 (one accepted, one superseded)
    code, out, err = run(
        capsys,
        "return",
        "verify",
        tmp_path / "r1.ticreturn",
        tmp_path / "r2.ticreturn",
        "--bureau",
        bureau.folder,
        "--passphrase-file",
        bureau.passphrase_file,
        "--round",
        ROUND,
        "--format",
        "json",
    )
    assert code == 0, err
    statuses = [(r["expert"], r["revision"], r["status"]) for r in json.loads(out)["returns"]]
    assert statuses == [("E04", 1, "superseded"), ("E04", 2, "accepted")]

    # one invalid among them → 3, still a full report
    garbage = tmp_path / "garbage.ticreturn"
    garbage.write_bytes(b"not a return")
    code, out, err = run(
        capsys,
        "return",
        "verify",
        tmp_path / "r2.ticreturn",
        garbage,
        "--bureau",
        bureau.folder,
        "--passphrase-file",
        bureau.passphrase_file,
        "--format",
        "json",
    )
    assert code == 3
    result = json.loads(out)["returns"]
    # listed by file, whatever the order given (the output depends on the set of files only)
    assert [(Path(r["file"]).name, r["status"], r["reason"]) for r in result] == [
        ("garbage.ticreturn", "rejected", "cannot_decrypt"),
        ("r2.ticreturn", "accepted", None),
    ]

    # a file that is not there → 2
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "return",
        "verify",
        tmp_path / "missing.ticreturn",
        "--bureau",
        bureau.folder,
        "--passphrase-file",
        bureau.passphrase_file,
    )
    assert code == 2 and "file not found" in err


def test_package_open_with_a_wrong_passphrase_exits_2(capsys, tmp_path, bureau, p1, memory_keyring):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("1111-2222-3333-4444-5555-6666\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "package",
        "open",
        p1.file,
        "--expert",
        "E01",
        "--passphrase-file",
        wrong,
        "--format",
        "json",
    )
    assert code == 2 and out == "" and "wrong passphrase" in err
    assert memory_keyring.store == {}


def test_package_open_refuses_another_bureau(capsys, tmp_path, p1, sec, other_ca):
    token = sec.sign_manifest(sec.manifest_payload(p1.file), *other_ca)
    foreign = sec.rewrite_package(p1.file, tmp_path / "foreign.ticpkg", {MANIFEST_NAME: token})
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "package",
        "open",
        foreign,
        "--expert",
        "E01",
        "--bureau-fingerprint",
        p1.manifest.bureau.fingerprint,
    )
    assert code == 2 and out == ""
    assert "different bureau" in err or "differs from the signer" in err


def test_return_make_to_an_unwritable_place_is_bad_input_not_a_crash(
    capsys, tmp_path, bureau, p1, sec, members, memory_keyring
):
    from tic_desktop.packages.expert_keys import KEYRING_SERVICE

    memory_keyring.set_password(
        KEYRING_SERVICE, f"{bureau.workspace.fingerprint}:2026-TIC-01:E02", members["E02"].to_json()
    )
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    scores = _write(tmp_path / "scores.json", sec.score_sheet(p1.manifest, "E02"))
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "return",
        "make",
        p1.file,
        scores,
        "--out",
        blocker / "E02.ticreturn",
    )
    assert code == 2 and out == "", err
    assert "not-a-folder" in err and "internal error" not in err
    assert sec.no_partials(tmp_path)


def test_return_make_writes_the_chair_copy_and_refuses_sheets_the_gui_refuses(
    capsys, tmp_path, bureau, p1, sec, memory_keyring
):
    """The CLI and the GUI produce the same files, by the same rule (issue #11)."""
    passphrase = _write(tmp_path / "e05.txt", None)
    passphrase.write_text(p1.passphrases["E05"] + "\n", encoding="utf-8")
    sheet = sec.score_sheet(p1.manifest, "E05")
    careless = json.loads(json.dumps(sheet))
    careless["scores"][0][
        "reasons"
    ] = {}  # full marks without a reason: the scoring form refuses it
    code, out, err = run(
        capsys,
        "return",
        "make",
        p1.file,
        _write(tmp_path / "careless.json", careless),
        "--out",
        tmp_path / "careless.ticreturn",
        "--passphrase-file",
        passphrase,
    )
    assert code == 2 and "须填写理由" in err and not (tmp_path / "careless.ticreturn").exists()
    assert not (tmp_path / "careless.chaircopy").exists()

    code, out, err = run(
        capsys,
        "return",
        "make",
        p1.file,
        _write(tmp_path / "scores.json", sheet),
        "--out",
        tmp_path / "E05.ticreturn",
        "--format",
        "json",
    )
    assert code == 0, err
    made = json.loads(out)
    assert made["chair_copy"] == str(tmp_path / "E05.chaircopy")
    chair_identity = sec.age_files.identity_from_text(p1_chair_credential(p1).age_identity)
    token = sec.age_files.decrypt_with(
        (tmp_path / "E05.chaircopy").read_bytes(), chair_identity, "副本"
    )
    bureau_token = sec.age_files.decrypt_with(
        (tmp_path / "E05.ticreturn").read_bytes(), bureau.keys.identity, "回执"
    )
    assert token == bureau_token  # the same signed document for the chair and the bureau

    # a chair copy that cannot be written (a folder in its place, like a full stick): exit 2, named,
    # no traceback; the return itself is written and says which revision it is
    (tmp_path / "stick").mkdir()
    (tmp_path / "stick" / "E05.chaircopy").mkdir()
    sheet["scores"][0]["opinion"] += "（修订）"
    code, out, err = run(
        capsys,
        "return",
        "make",
        p1.file,
        _write(tmp_path / "scores2.json", sheet),
        "--out",
        tmp_path / "stick" / "E05.ticreturn",
    )
    assert code == 2 and "E05.chaircopy" in err and "第 2 版" in err and "Traceback" not in err
    assert (tmp_path / "stick" / "E05.ticreturn").is_file()


def p1_chair_credential(p1):
    from tic_desktop.packages.opening import open_package

    package = open_package(p1.file)
    try:
        chair = package.manifest.chair
        return package.unlock(chair, p1.passphrases[chair])
    finally:
        package.close()
