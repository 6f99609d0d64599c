"""How people read a key holder's fingerprint: text only, no cryptography.

Kept apart from :mod:`tic_desktop.security.certificates` so that windows can show fingerprints
without importing the crypto layer (tests/test_layering.py).
"""

from __future__ import annotations


def short_fingerprint(fp: str) -> str:
    """Groups of four for reading aloud or comparing with a printed sheet."""
    return " ".join(fp[i : i + 4].upper() for i in range(0, 24, 4))
