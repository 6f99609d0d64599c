"""The package manifest: what is inside, who may read what, signed by the bureau.

The package's identity (``package_sha256``, which returns are bound to) is the SHA-256 of the
signed manifest bytes; the manifest lists the SHA-256 of every member, so it commits to all.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from tic_desktop.domain.rubric import Rubric

MANIFEST_NAME = "manifest.jws"
FORMAT: Final = "tic-package/1"


class _Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class MemberFile(_Record):
    path: StrictStr
    sha256: StrictStr = Field(pattern=r"^[0-9a-f]{64}$")
    size: StrictInt = Field(ge=0)
    plaintext_size: StrictInt = Field(ge=0)


class PanelMember(_Record):
    id: StrictStr
    name: StrictStr
    unit_name: StrictStr
    unit_uscc: StrictStr | None = None
    title: StrictStr | None = None
    certificate_fingerprint: StrictStr
    age_recipient: StrictStr
    credential: MemberFile


class UnitRecord(_Record):
    name: StrictStr
    uscc: StrictStr | None = None
    kind: StrictStr


class Attachment(_Record):
    title: StrictStr
    media_type: StrictStr
    file: MemberFile


class ApplicationEntry(_Record):
    id: StrictStr
    center_name: StrictStr
    field: StrictStr | None = None
    lead_unit: UnitRecord
    co_builders: list[UnitRecord]
    recused: dict[StrictStr, StrictStr]  # expert id -> reason; they got no key to the materials
    scorers: list[StrictStr]
    data: MemberFile  # the application JSON, encrypted to the scorers
    attachments: list[Attachment]


class RoundInfo(_Record):
    id: StrictStr
    title: StrictStr
    kind: Literal["establishment", "performance"]
    quorum: StrictInt


class BureauInfo(_Record):
    name: StrictStr
    fingerprint: StrictStr
    age_recipient: StrictStr


class Manifest(_Record):
    format: Literal["tic-package/1"]
    package_id: StrictStr
    created_at: StrictStr
    round: RoundInfo
    bureau: BureauInfo
    panel_id: StrictStr
    chair: StrictStr
    members: list[PanelMember]
    applications: list[ApplicationEntry]
    rubric: Rubric

    def member(self, expert_id: str) -> PanelMember | None:
        return next((m for m in self.members if m.id == expert_id), None)

    def application(self, application_id: str) -> ApplicationEntry | None:
        return next((a for a in self.applications if a.id == application_id), None)

    def files(self) -> list[MemberFile]:
        listed = [m.credential for m in self.members]
        for app in self.applications:
            listed.append(app.data)
            listed += [a.file for a in app.attachments]
        return listed
