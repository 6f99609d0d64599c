"""The center register (技术创新中心名录): approved centers, annual reports, evaluations,
revocation.

No Qt here: :mod:`.domain` holds the records, :mod:`.rules` says what the regulation makes of
them on a given day, :mod:`.store` keeps them in the local database.
"""

from tic_desktop.register.domain import (
    AnnualReport,
    Bilingual,
    Center,
    Evaluation,
    EvaluationKind,
    EvaluationResult,
    Revocation,
    RevocationClause,
    Status,
)
from tic_desktop.register.rules import (
    DEFAULT_POLICY,
    Assessment,
    DueItem,
    RegisterPolicy,
    Trigger,
    assess,
)

__all__ = [
    "DEFAULT_POLICY",
    "AnnualReport",
    "Assessment",
    "Bilingual",
    "Center",
    "DueItem",
    "Evaluation",
    "EvaluationKind",
    "EvaluationResult",
    "RegisterPolicy",
    "Revocation",
    "RevocationClause",
    "Status",
    "Trigger",
    "assess",
]
