"""A loaded round with everything the regulation says about it, ready to show or store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tic_desktop.domain.loading import ReviewRound, load_round
from tic_desktop.events import Event, EventBus
from tic_desktop.rules.conflicts import PanelConflicts, round_panel_conflicts
from tic_desktop.rules.eligibility import evaluate
from tic_desktop.rules.results import EligibilityReport

if TYPE_CHECKING:
    from tic_desktop.storage.database import Database


@dataclass(frozen=True)
class EvaluatedRound:
    """A round, each application's formal review and each panel's conflict picture."""

    round: ReviewRound
    reports: dict[str, EligibilityReport]
    panels: list[PanelConflicts]
    file_sha256: str

    def panel_problems(self) -> list[PanelConflicts]:
        return [p for p in self.panels if any(c.result.value != "pass" for c in p.checks)]


def evaluate_round(path: Path | str) -> EvaluatedRound:
    """Load ``path`` (all or nothing) and evaluate every application and panel."""
    path = Path(path)
    loaded = load_round(path)
    reports = {app_id: evaluate(app) for app_id, app in loaded.applications.items()}
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return EvaluatedRound(loaded, reports, round_panel_conflicts(loaded), digest)


def store_review(db: Database, review: EvaluatedRound) -> None:
    """Record the round's verdicts and panel results in the local database, all or nothing."""
    from tic_desktop.storage.repository import save_round_verdicts

    spec = review.round.spec
    save_round_verdicts(
        db,
        spec.id,
        spec.title,
        spec.kind,
        str(review.round.path),
        review.file_sha256,
        {
            app_id: (report.verdict.value, report.as_json()["checks"])
            for app_id, report in review.reports.items()
        },
        panel_results=[p.as_json() for p in review.panels],
    )


class RoundDesk:
    """Opens rounds for a front end and announces them on the event bus."""

    def __init__(
        self, bus: EventBus, on_reviewed: Callable[[EvaluatedRound], object] | None = None
    ) -> None:
        self._bus = bus
        self._on_reviewed = on_reviewed  # e.g. store verdicts in the local database
        self.current: EvaluatedRound | None = None

    def open_round(self, path: Path | str) -> EvaluatedRound:
        review = evaluate_round(path)
        if self._on_reviewed is not None:
            self._on_reviewed(review)
        self.current = review
        self._bus.publish(Event.ROUND_OPENED, review)
        return review
