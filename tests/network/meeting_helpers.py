"""Helpers of the meeting-network tests (imported by name: a test module cannot import its
directory's conftest reliably when the whole suite runs)."""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from tic_desktop.packages.opening import open_package
from tic_desktop.paths import demo_round_file
from tic_desktop.returns.making import chair_copy, make_return
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.storage import open_database

BUREAU_PASSPHRASE = "meeting network bureau passphrase"
MEMBERS = ["E01", "E02", "E03", "E04"]  # E01 chairs P1
LOOPBACK = "127.0.0.1"


@functools.cache
def judged_checks(application_id: str) -> tuple[str, ...]:
    from tic_desktop.domain.loading import load_round
    from tic_desktop.rules.eligibility import evaluate

    application = load_round(demo_round_file()).applications.get(application_id)
    if application is None:
        return ()
    return tuple(c.id for c in evaluate(application).checks if c.result.value == "review")


def score_sheet(manifest, expert_id: str, offset: int = 0) -> ScoreSheet:
    """A valid sheet from the package's rubric (``offset`` varies the scores between revisions)."""
    rubric = manifest.rubric
    step = Decimal(rubric.step)
    scores = []
    for index, entry in enumerate(a for a in manifest.applications if expert_id not in a.recused):
        criteria = {}
        for c_index, criterion in enumerate(rubric.criteria):
            value = Decimal(criterion.max) - step * ((offset + index + c_index) % 5)
            criteria[criterion.id] = format(value.normalize(), "f")
        scores.append(
            {
                "application": entry.id,
                "criteria": criteria,
                "reasons": {c: f"{c} 的评分理由（{expert_id}）" for c in criteria},
                "judgements": {
                    check: {"agrees": True, "reason": ""} for check in judged_checks(entry.id)
                },
                "opinion": f"{entry.id} 基础扎实（{expert_id}）。",
                "recommend": True,
            }
        )
    return ScoreSheet.from_json(
        {"expert": expert_id, "coi": {"certified": True, "declared": []}, "scores": scores}
    )


class ReturnMaker:
    """Signs returns as one expert would: each call is the next revision (own database)."""

    def __init__(self, meeting, expert: str, folder: Path) -> None:
        self.meeting, self.expert, self.folder = meeting, expert, folder
        self.db = open_database(folder / f"{expert}.sqlite3")
        self.package = open_package(meeting.package_file, {meeting.workspace.fingerprint})
        self.count = 0

    def next(self) -> SimpleNamespace:
        self.count += 1
        out = self.folder / self.expert / f"r{self.count}" / f"{self.expert}.ticreturn"
        made = make_return(
            self.package,
            self.meeting.credentials[self.expert],
            score_sheet(self.package.manifest, self.expert, self.count),
            out,
            self.db,
        )
        copy = out.with_suffix(".chaircopy")
        copy.write_bytes(chair_copy(self.package, made.token))
        return SimpleNamespace(
            file=out,
            data=out.read_bytes(),
            revision=made.revision,
            sha256=made.file_sha256,
            copy=copy,
        )

    def close(self) -> None:
        self.package.close()
        self.db.close()
