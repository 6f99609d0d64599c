"""The OS keyring: used when it is secure, refused when it is plaintext (keyrings.alt) or absent,
and then the passphrase is asked each time, with the reason given."""

from __future__ import annotations

import time

import pytest
from keyring.backends import chainer, fail, null

from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace
from tic_desktop.errors import TicError
from tic_desktop.packages.expert_keys import KEYRING_SERVICE, obtain_credential
from tic_desktop.security import keyring_store
from tic_desktop.security.errors import KeyringUnavailable, SecurityError


def _entry(bureau, expert: str) -> str:
    return f"{bureau.workspace.fingerprint}:2026-TIC-01:{expert}"


def test_secure_keyring_remembers_the_credential(bureau, p1, opened_p1, memory_keyring):
    asked = []
    unlocked = obtain_credential(opened_p1, "E01", p1.passphrases["E01"], lambda: asked.append(1))
    assert unlocked.remembered and unlocked.note_en == ""
    assert (KEYRING_SERVICE, _entry(bureau, "E01")) in memory_keyring.store
    started = time.monotonic()
    again = obtain_credential(opened_p1, "E01", None, lambda: asked.append(1) or None)
    assert time.monotonic() - started < 1.0  # no scrypt: the passphrase is not needed again
    assert again.remembered and again.credential == unlocked.credential and not asked


def test_a_keyring_credential_for_another_expert_is_refused(
    bureau, opened_p1, members, memory_keyring
):
    """The keyring entry is not trusted blindly: it must match the package's member."""
    memory_keyring.set_password(KEYRING_SERVICE, _entry(bureau, "E01"), members["E02"].to_json())
    with pytest.raises(SecurityError) as caught:
        obtain_credential(opened_p1, "E01")
    assert caught.value.reason == "unknown_expert"


def test_a_garbled_keyring_entry_is_refused(bureau, opened_p1, memory_keyring):
    memory_keyring.set_password(KEYRING_SERVICE, _entry(bureau, "E01"), "{not json")
    with pytest.raises(SecurityError) as caught:
        obtain_credential(opened_p1, "E01")
    assert caught.value.reason == "malformed"


def test_plaintext_keyring_is_refused_and_the_passphrase_is_asked(p1, opened_p1, plaintext_keyring):
    with pytest.raises(KeyringUnavailable) as caught:
        keyring_store.secure_backend()
    assert "keyrings.alt.file.PlaintextKeyring" in caught.value.message_en
    asked = []

    def ask():
        asked.append(1)
        return p1.passphrases["E03"]

    unlocked = obtain_credential(opened_p1, "E03", None, ask)
    assert asked == [1]
    assert not unlocked.remembered
    assert "No secure OS keyring" in unlocked.note_en and "PlaintextKeyring" in unlocked.note_en
    assert "没有安全的系统密钥环" in unlocked.note_zh and "--passphrase-file" in unlocked.note_en
    # nothing went into the plaintext file
    from pathlib import Path

    assert not Path(plaintext_keyring.file_path).exists()
    assert plaintext_keyring.get_password(KEYRING_SERVICE, "anything") is None
    # and next time it is asked again (here: nobody to ask → a clear refusal)
    with pytest.raises(SecurityError) as caught:
        obtain_credential(opened_p1, "E03", None, lambda: None)
    assert (
        caught.value.reason == "wrong_passphrase" and "passphrase needed" in caught.value.message_en
    )


def test_plaintext_keyring_never_serves_a_secret_planted_in_it(
    bureau, p1, opened_p1, members, plaintext_keyring
):
    """Even if something wrote the credential into the plaintext file, the app will not read it."""
    plaintext_keyring.set_password(KEYRING_SERVICE, _entry(bureau, "E01"), members["E01"].to_json())
    assert keyring_store.load_secret(KEYRING_SERVICE, _entry(bureau, "E01")) is None
    with pytest.raises(SecurityError):
        obtain_credential(opened_p1, "E01", None, lambda: None)


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_fail_and_null_backends_are_refused(backend):
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        with pytest.raises(KeyringUnavailable):
            keyring_store.secure_backend()
        assert keyring_store.load_secret("s", "n") is None
        with pytest.raises(KeyringUnavailable):
            keyring_store.store_secret("s", "n", "secret")
    finally:
        keyring.set_keyring(previous)


class _Chain(chainer.ChainerBackend):
    """keyring's chainer with a fixed list of backends (the real one discovers installed ones)."""

    backends = None  # replaces the discovering property with a plain attribute

    def __init__(self, backends):
        super().__init__()
        self.backends = backends


def test_chainer_with_a_plaintext_backend_is_refused(memory_keyring, tmp_path):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "chained.cfg")
    keyring.set_keyring(_Chain([memory_keyring, plaintext]))  # memory_keyring restores the original
    with pytest.raises(KeyringUnavailable) as caught:
        keyring_store.secure_backend()
    assert "No secure OS keyring" in caught.value.message_en
    with pytest.raises(KeyringUnavailable):
        keyring_store.store_secret("s", "n", "secret")
    assert not (tmp_path / "chained.cfg").exists() and memory_keyring.store == {}
    keyring.set_keyring(_Chain([memory_keyring]))  # a chain of secure backends is fine
    keyring_store.store_secret("s", "n", "secret")
    assert keyring_store.load_secret("s", "n") == "secret"


def test_bureau_init_with_a_plaintext_keyring_is_refused_before_any_key_exists(
    tmp_path, plaintext_keyring
):
    folder = tmp_path / "bureau"
    with pytest.raises(KeyringUnavailable) as caught:
        init_workspace(folder)
    assert "No secure OS keyring" in caught.value.message_en
    assert not folder.exists() or not any(folder.iterdir())
    from pathlib import Path

    assert not Path(plaintext_keyring.file_path).exists()


def test_bureau_keys_in_a_secure_keyring(tmp_path, memory_keyring):
    workspace = init_workspace(tmp_path / "bureau")
    assert workspace.secrets_in == "keyring"
    assert not (tmp_path / "bureau" / "bureau-secrets.age").exists()
    stored = memory_keyring.get_password("tic-desktop bureau", workspace.fingerprint)
    assert stored and "PRIVATE KEY" in stored
    for name in ("bureau.json", "ca.pem"):
        assert "PRIVATE KEY" not in (tmp_path / "bureau" / name).read_text(encoding="utf-8")
    keys = BureauWorkspace(tmp_path / "bureau").keys()
    assert str(keys.identity.to_public()) == workspace.age_recipient


def test_bureau_keys_when_the_keyring_is_gone_say_why(tmp_path, memory_keyring):
    import keyring

    init_workspace(tmp_path / "bureau")
    keyring.set_keyring(fail.Keyring())  # e.g. the same folder on another machine
    with pytest.raises(TicError) as caught:
        BureauWorkspace(tmp_path / "bureau").keys()
    assert "not in the OS keyring and no --passphrase-file" in caught.value.message_en


def test_bureau_secrets_file_is_private_and_encrypted(bureau):
    secrets_file = bureau.folder / "bureau-secrets.age"
    assert secrets_file.stat().st_mode & 0o777 == 0o600
    data = secrets_file.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"PRIVATE KEY" not in data and b"AGE-SECRET-KEY" not in data
