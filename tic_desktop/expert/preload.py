"""Loading what reviewing needs (pydantic models, SQLAlchemy, cryptography, pyHanko…) before the
expert needs it.

The expert window appears first and calls :func:`load_review_core` on a background thread once it
is on screen (or at the first use, whichever comes first); opening a package then finds the modules
in ``sys.modules`` at no cost. The core part lives here so that the window does not name the
crypto and storage modules it warms up (tests/test_layering.py).
"""

from __future__ import annotations

import importlib
import threading

REVIEW_CORE_MODULES = (
    "tic_desktop.domain.application",
    "tic_desktop.domain.decimals",
    "tic_desktop.expert.chair",
    "tic_desktop.expert.desk",
    "tic_desktop.expert.inspection",
    "tic_desktop.expert.session",
    "tic_desktop.expert.signing",
    "tic_desktop.packages.credentials",
    "tic_desktop.packages.expert_keys",
    "tic_desktop.packages.opening",
    "tic_desktop.rules.display",
    "tic_desktop.rules.eligibility",
    "tic_desktop.rules.messages",
    "tic_desktop.security.certificates",
)

_lock = threading.Lock()
_loaded = False


def load_review_core() -> None:
    """Import the review modules and configure the database mappers, once per process."""
    global _loaded
    with _lock:
        if _loaded:
            return
        for module in REVIEW_CORE_MODULES:
            importlib.import_module(module)
        from sqlalchemy.orm import configure_mappers

        configure_mappers()  # else the first query does it, on the GUI thread
        _loaded = True
