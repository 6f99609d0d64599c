"""Unified social credit codes (统一社会信用代码) per GB 32100-2015."""

from __future__ import annotations

# GB 32100-2015 code characters: digits and capitals without I, O, Z, S, V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Weight of position i is 3**i mod 31.
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
LIAOCHENG_DIVISION_PREFIX = "3715"


def check_character(first17: str) -> str:
    """The check character (18th) for the first 17 characters of a code."""
    if len(first17) != 17 or any(ch not in _VALUE for ch in first17):
        raise ValueError("need 17 characters from the GB 32100 alphabet")
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid USCC (English key), or None when it is valid."""
    if len(code) != 18:
        return "length"
    if any(ch not in _VALUE for ch in code):
        return "characters"
    if not code[2:8].isdigit():
        return "division"
    if check_character(code[:17]) != code[17]:
        return "check_character"
    return None


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


def division_code(code: str) -> str:
    """Administrative division code: characters 3–8."""
    return code[2:8]


def is_registered_in_liaocheng(code: str) -> bool:
    """Valid code whose division code lies in Liaocheng (3715xx)."""
    return is_valid_uscc(code) and division_code(code).startswith(LIAOCHENG_DIVISION_PREFIX)


def normalise_uscc(code: str | None) -> str | None:
    """Upper-case and strip a code so identity comparisons ignore cosmetic differences."""
    if code is None:
        return None
    code = code.strip().upper()
    return code or None
