"""Loading a review round and its applications and rubric: all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tic_desktop.catalogue import t
from tic_desktop.domain.application import Application
from tic_desktop.domain.files import confined_attachment
from tic_desktop.domain.jsonfile import read_json, validate
from tic_desktop.domain.round import Expert, Panel, RoundFile
from tic_desktop.domain.rubric import Rubric
from tic_desktop.errors import InputError


@dataclass(frozen=True)
class ReviewRound:
    """A fully validated round; only built when every file it names is valid."""

    path: Path
    spec: RoundFile
    rubric: Rubric
    applications: dict[str, Application]
    application_files: dict[str, Path]

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def experts(self) -> dict[str, Expert]:
        return {expert.id: expert for expert in self.spec.experts}

    @property
    def panels(self) -> list[Panel]:
        return list(self.spec.panels)

    def declared_conflicts_for(self, application_id: str) -> dict[str, str]:
        """Expert id -> declared reason for one application."""
        return {
            c.expert: c.reason
            for c in self.spec.declared_conflicts
            if c.application == application_id
        }


def load_application(path: Path | str) -> Application:
    path = Path(path)
    data = read_json(path)
    if isinstance(data, dict) and "panels" in data and "experts" in data:
        raise InputError(
            str(path),
            None,
            t("this is a review round file, not an application (use tic panel-check)"),
        )
    application = validate(Application, data, str(path))
    check_attachments(application, path)
    return application


def check_attachments(application: Application, path: Path) -> None:
    """Refuse attachments that leave the application file's folder or are not regular files.

    A missing attachment is left to the build (which refuses it): the formal review needs none.
    """
    for index, attachment in enumerate(application.attachments):
        confined_attachment(
            path.parent, attachment.file, str(path), f"attachments[{index}].file", must_exist=False
        )


def load_rubric(path: Path | str) -> Rubric:
    path = Path(path)
    return validate(Rubric, read_json(path), str(path))


def load_round(path: Path | str) -> ReviewRound:
    """Load and cross-check a round file and every file it names; raises InputError."""
    path = Path(path)
    shown = str(path)
    spec = validate(RoundFile, read_json(path), shown)
    base = path.parent

    if not (base / spec.rubric).is_file():
        raise InputError(shown, "rubric", t("rubric file not found: {file}", file=spec.rubric))
    rubric = load_rubric(base / spec.rubric)
    applications: dict[str, Application] = {}
    files: dict[str, Path] = {}
    for index, relative in enumerate(spec.applications):
        app_path = base / relative
        if not app_path.is_file():
            raise InputError(
                shown, f"applications[{index}]", t("file not found: {file}", file=relative)
            )
        application = load_application(app_path)
        if application.id in applications:
            raise InputError(
                str(app_path),
                "id",
                t(
                    "application id {id} is used twice (also in {other})",
                    id=application.id,
                    other=files[application.id].name,
                ),
            )
        applications[application.id] = application
        files[application.id] = app_path

    _check_references(spec, applications, shown)
    return ReviewRound(
        path=path, spec=spec, rubric=rubric, applications=applications, application_files=files
    )


def _check_references(spec: RoundFile, applications: dict[str, Application], shown: str) -> None:
    expert_ids: set[str] = set()
    for i, expert in enumerate(spec.experts):
        if expert.id in expert_ids:
            raise InputError(
                shown, f"experts[{i}].id", t("expert id {id} is used twice", id=expert.id)
            )
        expert_ids.add(expert.id)
    panel_ids: set[str] = set()
    panel_of: dict[str, str] = {}  # application id -> the panel that scores it
    for p, panel in enumerate(spec.panels):
        where = f"panels[{p}]"
        if panel.id in panel_ids:
            raise InputError(shown, f"{where}.id", t("panel id {id} is used twice", id=panel.id))
        panel_ids.add(panel.id)
        for m, member in enumerate(panel.members):
            if member not in expert_ids:
                raise InputError(
                    shown, f"{where}.members[{m}]", t("unknown expert {id}", id=member)
                )
        if len(set(panel.members)) != len(panel.members):
            raise InputError(shown, f"{where}.members", t("an expert is listed twice"))
        if panel.chair not in panel.members:
            raise InputError(
                shown,
                f"{where}.chair",
                t("chair {id} is not a member of the panel", id=panel.chair),
            )
        for a, app_id in enumerate(panel.applications):
            if app_id not in applications:
                raise InputError(
                    shown, f"{where}.applications[{a}]", t("unknown application {id}", id=app_id)
                )
        if len(set(panel.applications)) != len(panel.applications):
            raise InputError(shown, f"{where}.applications", t("an application is listed twice"))
        for a, app_id in enumerate(panel.applications):
            if app_id in panel_of:
                raise InputError(
                    shown,
                    f"{where}.applications[{a}]",
                    t(
                        "application {id} is in both panels {first} and {second}: each "
                        "application is scored by exactly one panel",
                        id=app_id,
                        first=panel_of[app_id],
                        second=panel.id,
                    ),
                )
            panel_of[app_id] = panel.id
    for c, conflict in enumerate(spec.declared_conflicts):
        where = f"declared_conflicts[{c}]"
        if conflict.expert not in expert_ids:
            raise InputError(shown, f"{where}.expert", t("unknown expert {id}", id=conflict.expert))
        if conflict.application not in applications:
            raise InputError(
                shown,
                f"{where}.application",
                t("unknown application {id}", id=conflict.application),
            )
