"""An expert's unlocked credential, remembered in the OS keyring so the passphrase is asked once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.opening import OpenedPackage
from tic_desktop.security import keyring_store
from tic_desktop.security.errors import KeyringUnavailable, SecurityError

KEYRING_SERVICE = "tic-desktop expert"


def keyring_entry(bureau_fingerprint: str, round_id: str, expert_id: str) -> str:
    return f"{bureau_fingerprint}:{round_id}:{expert_id}"


@dataclass(frozen=True)
class UnlockedCredential:
    credential: Credential
    remembered: bool
    note_zh: str = ""
    note_en: str = ""


def obtain_credential(
    package: OpenedPackage,
    expert_id: str,
    passphrase: str | None = None,
    ask_passphrase: Callable[[], str | None] | None = None,
) -> UnlockedCredential:
    """From the keyring if this machine has it, else with the passphrase (then remembered if possible)."""
    entry = keyring_entry(package.bureau_fingerprint, package.manifest.round.id, expert_id)
    stored = keyring_store.load_secret(KEYRING_SERVICE, entry)
    if stored is not None and passphrase is None:
        credential = Credential.from_json(stored)
        package.check_credential(credential, expert_id)
        return UnlockedCredential(credential, True)
    if passphrase is None and ask_passphrase is not None:
        passphrase = ask_passphrase()
    if passphrase is None:
        raise SecurityError(
            "需要口令：本机密钥环中没有您的评审凭据",
            "passphrase needed: your credential is not in this machine's keyring",
            "wrong_passphrase",
        )
    credential = package.unlock(expert_id, passphrase)
    try:
        keyring_store.store_secret(KEYRING_SERVICE, entry, credential.to_json())
    except KeyringUnavailable as reason:
        return UnlockedCredential(credential, False, reason.message_zh, reason.message_en)
    return UnlockedCredential(credential, True)
