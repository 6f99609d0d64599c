"""Loading a review round and its applications and rubric: all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
            "这是评审批次文件，不是申报文件（请使用 tic panel-check）",
            "this is a review round file, not an application (use tic panel-check)",
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
        raise InputError(
            shown,
            "rubric",
            f"评分表文件不存在：{spec.rubric}",
            f"rubric file not found: {spec.rubric}",
        )
    rubric = load_rubric(base / spec.rubric)
    applications: dict[str, Application] = {}
    files: dict[str, Path] = {}
    for index, relative in enumerate(spec.applications):
        app_path = base / relative
        if not app_path.is_file():
            raise InputError(
                shown,
                f"applications[{index}]",
                f"文件不存在：{relative}",
                f"file not found: {relative}",
            )
        application = load_application(app_path)
        if application.id in applications:
            raise InputError(
                str(app_path),
                "id",
                f"申报编号 {application.id} 重复（与 {files[application.id].name} 相同）",
                f"application id {application.id} is used twice "
                f"(also in {files[application.id].name})",
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
                shown,
                f"experts[{i}].id",
                f"专家编号 {expert.id} 重复",
                f"expert id {expert.id} is used twice",
            )
        expert_ids.add(expert.id)
    panel_ids: set[str] = set()
    panel_of: dict[str, str] = {}  # application id -> the panel that scores it
    for p, panel in enumerate(spec.panels):
        where = f"panels[{p}]"
        if panel.id in panel_ids:
            raise InputError(
                shown,
                f"{where}.id",
                f"专家组编号 {panel.id} 重复",
                f"panel id {panel.id} is used twice",
            )
        panel_ids.add(panel.id)
        for m, member in enumerate(panel.members):
            if member not in expert_ids:
                raise InputError(
                    shown, f"{where}.members[{m}]", f"未知专家 {member}", f"unknown expert {member}"
                )
        if len(set(panel.members)) != len(panel.members):
            raise InputError(shown, f"{where}.members", "专家重复列出", "an expert is listed twice")
        if panel.chair not in panel.members:
            raise InputError(
                shown,
                f"{where}.chair",
                f"组长 {panel.chair} 不是本组成员",
                f"chair {panel.chair} is not a member of the panel",
            )
        for a, app_id in enumerate(panel.applications):
            if app_id not in applications:
                raise InputError(
                    shown,
                    f"{where}.applications[{a}]",
                    f"未知申报 {app_id}",
                    f"unknown application {app_id}",
                )
        if len(set(panel.applications)) != len(panel.applications):
            raise InputError(
                shown, f"{where}.applications", "申报重复列出", "an application is listed twice"
            )
        for a, app_id in enumerate(panel.applications):
            if app_id in panel_of:
                raise InputError(
                    shown,
                    f"{where}.applications[{a}]",
                    f"申报 {app_id} 同时分在专家组 {panel_of[app_id]} 和 {panel.id}："
                    "每项申报只能由一个专家组评分",
                    f"application {app_id} is in both panels {panel_of[app_id]} and {panel.id}: "
                    "each application is scored by exactly one panel",
                )
            panel_of[app_id] = panel.id
    for c, conflict in enumerate(spec.declared_conflicts):
        where = f"declared_conflicts[{c}]"
        if conflict.expert not in expert_ids:
            raise InputError(
                shown,
                f"{where}.expert",
                f"未知专家 {conflict.expert}",
                f"unknown expert {conflict.expert}",
            )
        if conflict.application not in applications:
            raise InputError(
                shown,
                f"{where}.application",
                f"未知申报 {conflict.application}",
                f"unknown application {conflict.application}",
            )
