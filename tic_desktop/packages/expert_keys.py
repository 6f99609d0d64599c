"""An expert's unlocked credential, remembered in the OS keyring so the passphrase is asked once.

The steps are separate functions so that a window can run each off its thread: the keyring
look-up (:func:`remembered_credential`, ≈ 80 ms the first time), the unlock (scrypt, seconds,
best in a worker process: ``unlock`` below) and :func:`remember`. :func:`obtain_credential`
runs them in order (the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tic_desktop.catalogue import InLanguage, Said, t
from tic_desktop.packages.credentials import Credential
from tic_desktop.packages.opening import OpenedPackage
from tic_desktop.security import keyring_store
from tic_desktop.security.errors import KeyringUnavailable, SecurityError

KEYRING_SERVICE = "tic-desktop expert"

Unlock = Callable[[OpenedPackage, str, str], Credential]
"""(package, expert id, passphrase) → the credential, checked against the package."""


def keyring_entry(bureau_fingerprint: str, round_id: str, expert_id: str) -> str:
    return f"{bureau_fingerprint}:{round_id}:{expert_id}"


def package_entry(package: OpenedPackage, expert_id: str) -> str:
    return keyring_entry(package.bureau_fingerprint, package.manifest.round.id, expert_id)


@dataclass(frozen=True)
class UnlockedCredential:
    credential: Credential
    remembered: bool
    note: Said | None = None
    """Why the credential is not remembered (no secure keyring), when it is not."""

    note_zh = InLanguage("note", "zh")
    note_en = InLanguage("note", "en")


def remembered_credential(package: OpenedPackage, expert_id: str) -> Credential | None:
    """The credential this computer's keyring keeps for the package's round and bureau, if any."""
    stored = keyring_store.load_secret(KEYRING_SERVICE, package_entry(package, expert_id))
    if stored is None:
        return None
    credential = Credential.from_json(stored)
    package.check_credential(credential, expert_id)
    return credential


def remember(package: OpenedPackage, expert_id: str, credential: Credential) -> UnlockedCredential:
    """Keep ``credential`` in the keyring; without a secure keyring, say so (not an error)."""
    try:
        keyring_store.store_secret(
            KEYRING_SERVICE, package_entry(package, expert_id), credential.to_json()
        )
    except KeyringUnavailable as reason:
        return UnlockedCredential(credential, False, reason.text)
    return UnlockedCredential(credential, True)


def unlock_in_this_process(package: OpenedPackage, expert_id: str, passphrase: str) -> Credential:
    return package.unlock(expert_id, passphrase)


def obtain_credential(
    package: OpenedPackage,
    expert_id: str,
    passphrase: str | None = None,
    ask_passphrase: Callable[[], str | None] | None = None,
    unlock: Unlock = unlock_in_this_process,
) -> UnlockedCredential:
    """From the keyring if this machine has it, else with the passphrase (then remembered if
    possible)."""
    if passphrase is None:
        stored = remembered_credential(package, expert_id)
        if stored is not None:
            return UnlockedCredential(stored, True)
    if passphrase is None and ask_passphrase is not None:
        passphrase = ask_passphrase()
    if passphrase is None:
        raise SecurityError(
            t("passphrase needed: your credential is not in this machine's keyring"),
            reason="wrong_passphrase",
        )
    return remember(package, expert_id, unlock(package, expert_id, passphrase))
