"""Reuse the builders in tests/rules (importable as ``tic_builders``)."""

from __future__ import annotations

import sys
from pathlib import Path

_RULES = str(Path(__file__).resolve().parent.parent / "rules")
if _RULES not in sys.path:
    sys.path.insert(0, _RULES)
