"""Security failures people can meet: wrong passphrase, tampered file, untrusted signer…"""

from __future__ import annotations

from tic_desktop.errors import TicError


class SecurityError(TicError):
    """Something failed a cryptographic check; nothing from it may be trusted or written."""

    def __init__(self, message_zh: str, message_en: str, reason: str = "") -> None:
        super().__init__(message_zh, message_en)
        self.reason = reason


class KeyringUnavailable(TicError):
    """No secure OS keyring: secrets cannot be remembered, the passphrase is asked each time."""
