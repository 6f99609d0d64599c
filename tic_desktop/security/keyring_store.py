"""Secrets in the OS keyring, only through ``keyring``, never in a plaintext backend.

keyrings.alt's file backends (PlaintextKeyring and friends) and the fail/null backends are
refused: the caller then asks for the passphrase each time and tells the user why.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from tic_desktop.catalogue import t
from tic_desktop.security.errors import KeyringUnavailable

_INSECURE_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def _insecure(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    return module.startswith(_INSECURE_MODULE_PREFIXES) or getattr(backend, "priority", 1) <= 0


def secure_backend() -> KeyringBackend:
    """The keyring in use if it keeps secrets encrypted by the OS; raises KeyringUnavailable
    otherwise."""
    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    if chained is not None:  # ChainerBackend: usable only if every backend it writes to is secure
        if not chained or any(_insecure(b) for b in chained):
            raise _unavailable(backend)
        return backend
    if _insecure(backend):
        raise _unavailable(backend)
    return backend


def _unavailable(backend: KeyringBackend) -> KeyringUnavailable:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return KeyringUnavailable(
        t(
            "No secure OS keyring on this machine ({name}): secrets cannot be remembered; "
            "enter the passphrase each time or use --passphrase-file.",
            name=name,
        )
    )


def store_secret(service: str, name: str, secret: str) -> None:
    backend = secure_backend()
    try:
        backend.set_password(service, name, secret)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable(
            t("cannot write to the OS keyring: {error}", error=str(error))
        ) from None


def load_secret(service: str, name: str) -> str | None:
    """The stored secret, or None when absent or when no secure keyring exists."""
    try:
        backend = secure_backend()
        return backend.get_password(service, name)
    except (KeyringUnavailable, keyring.errors.KeyringError):
        return None
