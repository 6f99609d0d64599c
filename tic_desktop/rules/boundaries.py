"""The regulation's boundary words, each defined once (rules.md, "Words with exact meanings").

All comparisons are on exact integers or Decimals; nothing is rounded before comparing.
"""

from __future__ import annotations

from decimal import Decimal

Number = int | Decimal


def not_less_than(value: Number, threshold: Number) -> bool:
    """不少于 / 不低于 N, and N 以上 (legal usage: 以上 includes N): value >= N."""
    return value >= threshold


def more_than(value: Number, threshold: Number) -> bool:
    """超过 N: strictly greater (exactly 183 days does not count)."""
    return value > threshold


def not_more_than(value: Number, threshold: Number) -> bool:
    """不超过 N: value <= N."""
    return value <= threshold


def within_one_third(count: int, total: int) -> bool:
    """不超过 1/3: 3 * count <= total, in integers with no rounding."""
    return 3 * count <= total


def ratio_at_least_percent(numerator: Decimal, denominator: Decimal, percent: int) -> bool:
    """numerator / denominator >= percent %, compared as 100 * numerator >= percent *
    denominator."""
    return 100 * numerator >= percent * denominator
