"""A review round being prepared by the bureau: editable, checked live, written all or nothing.

The wizard and the round editor change a ``RoundDraft``; every change can be checked at once
with the same conflicts engine that checks a loaded round, and ``write_round`` turns the draft
into the files formats.md describes (round.json, rubric.json, one JSON per application and the
attachments), then loads them back with ``load_round`` so that what was written is a valid round.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from tic_desktop.bureau.workspace import is_safe_name, safe_name
from tic_desktop.catalogue import InLanguage, Joined, Said, Text, t, tc
from tic_desktop.domain.application import Application
from tic_desktop.domain.files import ConfinedFile, confined_attachment
from tic_desktop.domain.jsonfile import read_json
from tic_desktop.domain.loading import ReviewRound, load_round
from tic_desktop.domain.round import DeclaredConflict, Expert, Panel
from tic_desktop.domain.rubric import Criterion, Rubric
from tic_desktop.errors import InputError
from tic_desktop.rules.conflicts import PanelConflicts, panel_conflicts
from tic_desktop.rules.messages import CHECK_TITLES
from tic_desktop.rules.results import Result
from tic_desktop.security.atomic import write_atomically

RUBRIC_TOTAL = Decimal(100)
UNUSABLE_IN_NAMES = '/\\:*?"<>|'
# What the round file itself cannot hold (it would not load); everything else may be saved as a
# draft.
STRUCTURAL = {
    "round.id",
    "round.title",
    "round.applications",
    "rubric.criteria",
    "rubric.total",
    "panel.members",
    "panel.chair",
    "panel.id",
    "round.conflicts",
    "round.two_panels",  # load_round refuses an application scored by two panels
}


@dataclass
class PanelDraft:
    id: str
    members: list[str] = field(default_factory=list)
    chair: str = ""
    applications: list[str] = field(default_factory=list)


@dataclass
class ApplicationEntry:
    """An application and where its attachments are found (its JSON file's or workbook's folder)."""

    application: Application
    data: dict[str, Any]
    base: Path


@dataclass(frozen=True)
class Blocker:
    """Something that stops packages from being built, in both languages."""

    panel_id: str | None
    application_id: str | None
    check_id: str
    text: Said
    other_panel_id: str | None = None
    """The other panel involved (an application put in two panels)."""

    message_zh = InLanguage("text", "zh")
    message_en = InLanguage("text", "en")

    def message(self, lang: str = "zh") -> str:
        return self.text.in_language(lang)


@dataclass
class RoundDraft:
    id: str = ""
    title: str = ""
    kind: str = "establishment"
    quorum: int = 5
    rubric_id: str = "rubric"
    step: Decimal = Decimal("0.5")
    criteria: list[Criterion] = field(default_factory=list)
    applications: dict[str, ApplicationEntry] = field(default_factory=dict)
    experts: list[Expert] = field(default_factory=list)
    panels: list[PanelDraft] = field(default_factory=list)
    declared_conflicts: list[DeclaredConflict] = field(default_factory=list)
    aggregation: dict[str, Any] | None = None
    source: Path | None = None  # the round.json this draft was loaded from

    # --- building -----------------------------------------------------------------------
    @classmethod
    def from_round(cls, review_round: ReviewRound) -> RoundDraft:
        spec = review_round.spec
        entries = {}
        for app_id, application in review_round.applications.items():
            path = review_round.application_files[app_id]
            entries[app_id] = ApplicationEntry(application, read_json(path), path.parent)
        return cls(
            id=spec.id,
            title=spec.title,
            kind=spec.kind,
            quorum=spec.quorum,
            rubric_id=review_round.rubric.id,
            step=review_round.rubric.step,
            criteria=list(review_round.rubric.criteria),
            applications=entries,
            experts=list(spec.experts),
            panels=[
                PanelDraft(p.id, list(p.members), p.chair, list(p.applications))
                for p in spec.panels
            ],
            declared_conflicts=list(spec.declared_conflicts),
            aggregation=spec.aggregation.model_dump(mode="json") if spec.aggregation else None,
            source=review_round.path,
        )

    def add_applications(self, entries: list[ApplicationEntry]) -> None:
        """Add or replace applications by id (a re-import replaces the earlier version)."""
        for entry in entries:
            self.applications[entry.application.id] = entry

    def merge_experts(self, experts: list[Expert]) -> None:
        by_id = {e.id: e for e in self.experts}
        by_id.update({e.id: e for e in experts})
        self.experts = list(by_id.values())

    @property
    def experts_by_id(self) -> dict[str, Expert]:
        return {e.id: e for e in self.experts}

    def panel(self, panel_id: str) -> PanelDraft:
        return next(p for p in self.panels if p.id == panel_id)

    def declared_for(self, application_id: str) -> dict[str, str]:
        return {
            c.expert: c.reason for c in self.declared_conflicts if c.application == application_id
        }

    @property
    def rubric_total(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))

    # --- checking -----------------------------------------------------------------------
    def panel_checks(self, panel: PanelDraft) -> list[PanelConflicts]:
        """The conflict checks of one panel for each of its applications, as they stand now."""
        experts = self.experts_by_id
        if not panel.members or any(m not in experts for m in panel.members):
            return []
        # Without a chair yet, recusals and the quorum are still worth seeing: check with a stand-in
        # chair and leave out the chair's own check.
        chosen = panel.chair in panel.members
        model = Panel(
            id=panel.id,
            members=list(panel.members),
            chair=panel.chair if chosen else panel.members[0],
            applications=list(panel.applications),
        )
        results = [
            panel_conflicts(
                model, self.applications[a].application, experts, self.declared_for(a), self.quorum
            )
            for a in model.applications
            if a in self.applications
        ]
        if not chosen:
            results = [
                replace(r, checks=[c for c in r.checks if c.id != "panel.chair_independent"])
                for r in results
            ]
        return results

    def panel_blockers(self, panel: PanelDraft) -> list[Blocker]:
        blockers = []
        if not usable_as_file_name(panel.id):
            blockers.append(
                Blocker(
                    panel.id,
                    None,
                    "panel.id",
                    t(
                        "the panel id “{id}” may contain only letters, digits, - _ and . "
                        "(not {unusable}, spaces, …)",
                        id=panel.id,
                        unusable=UNUSABLE_IN_NAMES,
                    ),
                )
            )
        if not panel.members:
            blockers.append(
                Blocker(
                    panel.id,
                    None,
                    "panel.members",
                    t("panel {panel} has no members yet", panel=panel.id),
                )
            )
        elif panel.chair not in panel.members:
            blockers.append(
                Blocker(
                    panel.id,
                    None,
                    "panel.chair",
                    t("panel {panel} has no chair yet", panel=panel.id),
                )
            )
        unknown = [m for m in panel.members if m not in self.experts_by_id]
        if unknown:
            blockers.append(
                Blocker(
                    panel.id,
                    None,
                    "panel.members",
                    t(
                        "member {member} of panel {panel} is not in the expert pool",
                        member=unknown[0],
                        panel=panel.id,
                    ),
                )
            )
        if not panel.applications:
            blockers.append(
                Blocker(
                    panel.id,
                    None,
                    "panel.applications",
                    t("panel {panel} has no applications yet", panel=panel.id),
                )
            )
        for result in self.panel_checks(panel):
            for check in result.checks:
                if check.result is Result.FAIL:
                    zh, en = CHECK_TITLES[check.id]
                    blockers.append(
                        Blocker(
                            panel.id,
                            result.application_id,
                            check.id,
                            t(
                                "panel {panel} · {application} · {title}: {problem}",
                                panel=panel.id,
                                application=result.application_id,
                                title=en,
                                title_zh=zh,
                                problem=check.message("en"),
                                problem_zh=check.message("zh"),
                            ),
                        )
                    )
        return blockers

    def blockers(self) -> list[Blocker]:
        """Every reason the round cannot go out yet; empty when packages may be built."""
        found: list[Blocker] = []
        if not self.id.strip():
            found.append(Blocker(None, None, "round.id", t("the round needs an id")))
        elif not usable_as_file_name(self.id.strip()):
            found.append(
                Blocker(
                    None,
                    None,
                    "round.id",
                    t(
                        "the round id “{id}” may contain only letters, digits, - _ and . "
                        "(not {unusable}, spaces, …)",
                        id=self.id,
                        unusable=UNUSABLE_IN_NAMES,
                    ),
                )
            )
        if not self.title.strip():
            found.append(Blocker(None, None, "round.title", t("the round needs a title")))
        if not self.applications:
            found.append(
                Blocker(
                    None,
                    None,
                    "round.applications",
                    t("no applications imported yet"),
                )
            )
        if not self.criteria:
            found.append(
                Blocker(
                    None,
                    None,
                    "rubric.criteria",
                    t("the rubric has no criteria"),
                )
            )
        elif self.rubric_total != RUBRIC_TOTAL:
            found.append(
                Blocker(
                    None,
                    None,
                    "rubric.total",
                    t("the rubric's maxima add up to {total}, not 100", total=self.rubric_total),
                )
            )
        for problem in _rubric_problems(self.step, self.criteria):
            found.append(Blocker(None, None, "rubric.criteria", problem))
        if not self.panels:
            found.append(Blocker(None, None, "round.panels", t("no panels yet")))
        experts = self.experts_by_id
        for conflict in self.declared_conflicts:
            if conflict.expert not in experts or conflict.application not in self.applications:
                found.append(
                    Blocker(
                        None,
                        conflict.application,
                        "round.conflicts",
                        t(
                            "the declared conflict ({expert} · {application}) "
                            "names a removed expert or application",
                            expert=conflict.expert,
                            application=conflict.application,
                        ),
                    )
                )
        assigned: dict[str, str] = {}
        for panel in self.panels:
            found += self.panel_blockers(panel)
            for app_id in panel.applications:
                if app_id in assigned:
                    found.append(
                        Blocker(
                            panel.id,
                            app_id,
                            "round.two_panels",
                            t(
                                "application {application} is in panels {first} and {second} "
                                "(each application is scored by exactly one panel)",
                                application=app_id,
                                first=assigned[app_id],
                                second=panel.id,
                            ),
                            other_panel_id=assigned[app_id],
                        )
                    )
                assigned.setdefault(app_id, panel.id)
        for app_id in self.applications:
            if app_id not in assigned:
                found.append(
                    Blocker(
                        None,
                        app_id,
                        "round.assignment",
                        t("application {application} is not in any panel", application=app_id),
                    )
                )
        return found

    def save_blockers(self) -> list[Blocker]:
        """What stops the round from being saved at all (broken conflict rules do not: they stop
        building)."""
        return [b for b in self.blockers() if b.check_id in STRUCTURAL]

    def remove_application(self, application_id: str) -> None:
        self.applications.pop(application_id, None)
        for panel in self.panels:
            if application_id in panel.applications:
                panel.applications.remove(application_id)
        self.declared_conflicts = [
            c for c in self.declared_conflicts if c.application != application_id
        ]

    def forget_expert(self, expert_id: str) -> None:
        """An expert left the pool: out of every panel (and the chair) and out of the declared
        conflicts."""
        for panel in self.panels:
            if expert_id in panel.members:
                panel.members.remove(expert_id)
            if panel.chair == expert_id:
                panel.chair = ""
        self.declared_conflicts = [c for c in self.declared_conflicts if c.expert != expert_id]

    # --- files ----------------------------------------------------------------------------
    def round_json(self, application_files: dict[str, str], rubric_file: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "quorum": self.quorum,
            "rubric": rubric_file,
            "applications": [application_files[a] for a in self.applications],
            "experts": [e.model_dump(exclude_none=True) for e in self.experts],
            "panels": [
                {"id": p.id, "members": p.members, "chair": p.chair, "applications": p.applications}
                for p in self.panels
            ],
            "declared_conflicts": [c.model_dump() for c in self.declared_conflicts],
        }
        if self.aggregation:
            data["aggregation"] = self.aggregation
        return data

    def rubric_json(self) -> dict[str, Any]:
        return {
            "id": self.rubric_id,
            "step": str(self.step),
            "criteria": [
                {"id": c.id, "title": c.title, "max": str(c.max), "guidance": c.guidance}
                for c in self.criteria
            ],
        }


def rubric_problems(step: Decimal, criteria: list[Criterion]) -> list[tuple[str, str]]:
    """What the rubric model would refuse, found without raising (for the editor's live list),
    each as ``(zh, en)``."""
    return [problem.pair() for problem in _rubric_problems(step, criteria)]


def _rubric_problems(step: Decimal, criteria: list[Criterion]) -> list[Text]:
    problems = []
    if step <= 0:
        problems.append(t("the step must be greater than 0"))
    seen: set[str] = set()
    for index, criterion in enumerate(criteria, start=1):
        if not criterion.id.strip() or not criterion.title.strip():
            problems.append(t("criterion {index} needs an id and a title", index=index))
        if criterion.id in seen:
            problems.append(t("criterion id {id} is used twice", id=criterion.id))
        seen.add(criterion.id)
        if step > 0 and (criterion.max <= 0 or criterion.max % step != 0):
            problems.append(
                t(
                    "criterion {index}: maximum {max} must be a positive multiple of step {step}",
                    index=index,
                    max=criterion.max,
                    step=step,
                )
            )
    return problems


def _json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# Ids become file names (applications/<id>.json, <panel>.ticpkg): the package builder's rule,
# checked here already so that a round is not saved with an id its packages could never be built
# with.
usable_as_file_name = is_safe_name


def _application_files(
    draft: RoundDraft, folder: Path
) -> dict[str, tuple[str, bytes, list[tuple[ConfinedFile, str]]]]:
    """Per application: its relative JSON path, JSON bytes and the attachments to copy (source,
    relative)."""
    planned = {}
    for app_id, entry in draft.applications.items():
        name = safe_name(app_id, "applications.id")
        data = json.loads(json.dumps(entry.data))  # a copy whose attachment paths may be rewritten
        copies = []
        for index, attachment in enumerate(data.get("attachments") or []):
            # The applicant wrote this path: it must stay inside the application's folder and name
            # a regular file, or the bureau would copy (and later pack) some other file of its disk.
            source = confined_attachment(
                entry.base, attachment["file"], app_id, f"attachments[{index}].file"
            )
            # an existing file's name: no separators
            relative = f"{name}/{index + 1:02d}-{source.path.name}"
            attachment["file"] = relative
            copies.append((source, relative))
        planned[app_id] = (f"applications/{name}.json", _json_bytes(data), copies)
    return planned


def _refuse_unsaveable(draft: RoundDraft, shown: str) -> None:
    problems = draft.save_blockers()
    if problems:
        raise InputError(
            shown, None, Joined(tuple(b.text for b in problems), tc("list separator", "; "))
        )


def write_round(draft: RoundDraft, folder: Path) -> ReviewRound:
    """Write the draft as a new round folder, all or nothing, and return it loaded back.

    The files are assembled in a temporary sibling folder and moved into place with one rename,
    so a crash or a refused round leaves no half-written folder behind.
    """
    folder = Path(folder)
    _refuse_unsaveable(draft, str(folder))
    if folder.exists() and any(folder.iterdir()):
        raise InputError(
            str(folder),
            None,
            t("the folder is not empty; choose a new folder for the round"),
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent)
    )
    try:
        planned = _application_files(draft, staging)
        for relative, data, copies in planned.values():
            write_atomically(staging / relative, data)
            for source, attachment in copies:
                target = staging / "applications" / attachment
                target.parent.mkdir(parents=True, exist_ok=True)
                source.copy_to(target)
        write_atomically(staging / "rubric.json", _json_bytes(draft.rubric_json()))
        write_atomically(
            staging / "round.json",
            _json_bytes(
                draft.round_json({a: rel for a, (rel, _, _) in planned.items()}, "rubric.json")
            ),
        )
        load_round(staging / "round.json")  # refuse to publish what would not load
        if folder.exists():
            folder.rmdir()
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return load_round(folder / "round.json")


def save_round_in_place(draft: RoundDraft) -> ReviewRound:
    """Rewrite the round file of a draft loaded from disk (experts, panels, conflicts, rubric).

    Applications that are new since loading are written next to the existing ones first; the round
    and rubric files are replaced atomically last, so a crash leaves the previous round intact.
    """
    if draft.source is None:
        raise InputError(
            "round",
            None,
            t("this round was never saved; choose a folder"),
        )
    _refuse_unsaveable(draft, str(draft.source))
    folder = draft.source.parent
    current = json.loads(draft.source.read_text(encoding="utf-8"))
    existing = load_round(draft.source)
    files = {
        a: str(p.relative_to(folder)).replace(os.sep, "/")
        for a, p in existing.application_files.items()
    }
    new = RoundDraft(applications={a: e for a, e in draft.applications.items() if a not in files})
    for app_id, (relative, data, copies) in _application_files(new, folder).items():
        for source, attachment in copies:
            target = folder / "applications" / attachment
            target.parent.mkdir(parents=True, exist_ok=True)
            source.copy_to(target)
        write_atomically(folder / relative, data)
        files[app_id] = relative
    rubric_file = current.get("rubric", "rubric.json")
    write_atomically(folder / rubric_file, _json_bytes(draft.rubric_json()))
    write_atomically(draft.source, _json_bytes(draft.round_json(files, rubric_file)))
    return load_round(draft.source)


def criterion(identifier: str, title: str, maximum: str | Decimal, guidance: str = "") -> Criterion:
    return Criterion(id=identifier, title=title, max=Decimal(maximum), guidance=guidance)


def default_rubric() -> Rubric:
    """The bundled establishment rubric (100 points), a starting point for a new round."""
    from tic_desktop.domain.loading import load_rubric
    from tic_desktop.paths import demo_round_file

    return load_rubric(demo_round_file().parent / "rubric.json")
