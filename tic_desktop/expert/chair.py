"""The panel chair's desk: members' signed score copies in, the panel's picture, the group opinion out.

Members' returns are encrypted to the bureau, so each member's export also writes a *chair copy*:
the same signed token encrypted to the chair. The chair verifies each against the bureau CA in
the chair's own credential and the member certificates listed in the signed manifest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from tic_desktop.aggregation import Method, final_score, money2
from tic_desktop.errors import TicError
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.packages.opening import parse_signed_json
from tic_desktop.reports.documents import GroupOpinion, MemberTotal
from tic_desktop.reports.forms import draw_group_opinion
from tic_desktop.returns.opinion_pdfs import case_header, signed_by_one
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.errors import SecurityError


@dataclass
class PanelPicture:
    """Per application: each member's total (None: recused or not scored) and the figures."""

    application_id: str
    totals: dict[str, Decimal | None] = field(default_factory=dict)
    recused: dict[str, str] = field(default_factory=dict)
    mean: Decimal | None = None
    final: Decimal | None = None

    @property
    def valid(self) -> list[Decimal]:
        return [t for t in self.totals.values() if t is not None]

    @property
    def spread(self) -> Decimal | None:
        return max(self.valid) - min(self.valid) if self.valid else None


class ChairDesk:
    """Works on top of the chair's own :class:`ExpertDesk` (same package, same credential)."""

    def __init__(self, desk: ExpertDesk, method: Method | None = None) -> None:
        if desk.expert_id != desk.manifest.chair:
            raise TicError(
                "只有专家组组长可以汇总本组意见",
                "only the panel chair can assemble the group opinion",
            )
        self.desk = desk
        self.method = method or Method()
        self.sheets: dict[str, tuple[int, ScoreSheet]] = {}  # member -> (revision, sheet)

    def import_copy(self, file: Path) -> str:
        """Verify one member's chair copy and keep it (newest revision wins); returns the member id."""
        file = Path(file)
        identity = age_files.identity_from_text(self.desk.credential.age_identity)
        token = age_files.decrypt_with(file.read_bytes(), identity, "评分副本")
        ca = certificates.certificate_from_pem(self.desk.credential.ca_certificate_pem)
        certificate = jws.signer_certificate(token)
        signer = certificates.verify_issued_by(certificate, ca)
        document = parse_signed_json(jws.verify(token, certificate), file, "return")
        member = self.desk.manifest.member(str(document.get("expert")))
        if member is None or member.certificate_fingerprint != signer.fingerprint:
            raise SecurityError(
                f"{file.name}：签名者不是本专家组成员",
                f"{file.name}: not signed by a member of this panel",
                "unknown_expert",
            )
        if document.get("package_sha256") != self.desk.package.package_sha256:
            raise SecurityError(
                f"{file.name}：属于另一评审包",
                f"{file.name}: belongs to another package",
                "wrong_round",
            )
        try:
            sheet = ScoreSheet.model_validate({k: document[k] for k in ("expert", "coi", "scores")})
        except (ValidationError, KeyError):
            raise SecurityError(
                f"{file.name}：内容格式无效", f"{file.name}: malformed content", "malformed"
            ) from None
        revision = int(document.get("revision", 0))
        if member.id not in self.sheets or revision > self.sheets[member.id][0]:
            self.sheets[member.id] = (revision, sheet)
        return member.id

    def picture(self) -> list[PanelPicture]:
        manifest = self.desk.manifest
        rubric_ids = [c.id for c in manifest.rubric.criteria]
        pictures = []
        for entry in manifest.applications:
            picture = PanelPicture(entry.id, recused=dict(entry.recused))
            for member in manifest.members:
                picture.totals[member.id] = None
                if member.id in entry.recused or member.id not in self.sheets:
                    continue
                sheet = self.sheets[member.id][1]
                if entry.id in {d.application for d in sheet.coi.declared}:
                    picture.recused[member.id] = next(
                        d.reason for d in sheet.coi.declared if d.application == entry.id
                    )
                    continue
                score = next((s for s in sheet.scores if s.application == entry.id), None)
                if score is not None and all(c in score.criteria for c in rubric_ids):
                    picture.totals[member.id] = sum(
                        (score.criteria[c] for c in rubric_ids), Decimal(0)
                    )
            if picture.valid:
                picture.mean, picture.final = final_score(picture.valid, self.method.trim_from)
            pictures.append(picture)
        return pictures

    def wide_spread(self, picture: PanelPicture) -> bool:
        return picture.spread is not None and picture.spread > self.method.wide_spread_points

    def sign_group_opinion(
        self, application_id: str, consensus: str, recommend: bool, folder: Path
    ) -> Path:
        """Draw the 专家组意见 for one application and sign it as chair; written atomically."""
        if not consensus.strip():
            raise TicError("专家组意见不能为空", "the group opinion must not be empty")
        picture = next(p for p in self.picture() if p.application_id == application_id)
        if not picture.valid:
            raise TicError(
                "尚无成员评分，请先导入成员的评分副本",
                "no member scores yet: import the members' copies first",
            )
        manifest = self.desk.manifest
        members = [
            MemberTotal(
                m.id,
                m.name,
                m.unit_name,
                picture.totals[m.id],
                picture.recused.get(m.id, "" if picture.totals[m.id] is not None else "未提交评分"),
            )
            for m in manifest.members
        ]
        today = dt.date.today()
        chair = manifest.member(manifest.chair)
        document = GroupOpinion(
            case_header(manifest, application_id),
            members,
            len(picture.valid),
            Decimal(money2(picture.mean)),
            Decimal(money2(picture.final)),
            min(picture.valid),
            max(picture.valid),
            self.method.describe(),
            consensus,
            recommend,
            chair.id,
            chair.name,
            f"{today.year}年{today.month}月{today.day}日",
        )
        pdf = signed_by_one(
            draw_group_opinion(document, member_signatures=False),
            self.desk.credential,
            "专家组组长",
        )
        target = Path(folder) / f"专家组意见-{application_id}-{manifest.panel_id}.pdf"
        write_atomically(target, pdf)
        return target
