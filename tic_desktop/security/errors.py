"""Security failures people can meet: wrong passphrase, tampered file, untrusted signer…"""

from __future__ import annotations

from tic_desktop.catalogue import Said
from tic_desktop.errors import TicError


class SecurityError(TicError):
    """Something failed a cryptographic check; nothing from it may be trusted or written."""

    def __init__(self, text: Said, reason: str = "") -> None:
        super().__init__(text)
        self.reason = reason


class KeyringUnavailable(TicError):
    """No secure OS keyring: secrets cannot be remembered, the passphrase is asked each time."""
