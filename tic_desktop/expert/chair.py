"""The panel chair's desk: members' signed score copies in, the panel's picture, the group opinion
out.

Members' returns are encrypted to the bureau, so each member's export also writes a *chair copy*:
the same signed token encrypted to the chair. Each copy is verified by the bureau's own verifier
(:func:`tic_desktop.returns.verification.verify_token`: format, signer, bureau chain, round,
package, member, the score rule) against what the chair's signed package says, and kept in the
local database with the group opinions, so the chair's desk survives a restart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from tic_desktop.aggregation import Exclusion, Method, final_score, member_outcome, money2
from tic_desktop.catalogue import t
from tic_desktop.domain.files import read_regular_file
from tic_desktop.errors import TicError
from tic_desktop.events import Event
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.reports.documents import GroupOpinion, MemberTotal
from tic_desktop.reports.forms import draw_group_opinion
from tic_desktop.reports.opinion_pdfs import case_header, signed_by_one
from tic_desktop.returns.receiving import ReceivedReturn, ReturnStatus, classify_returns
from tic_desktop.returns.scoring import ScoreSheet, ScoringContext
from tic_desktop.returns.verification import (
    PackageFacts,
    Rejected,
    Trust,
    VerifiedReturn,
    verify_token,
)
from tic_desktop.security import age_files, certificates
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.errors import SecurityError
from tic_desktop.storage.models import ChairCopy
from tic_desktop.storage.models import GroupOpinion as StoredGroupOpinion

MAX_COPY_BYTES = 16 * 1024 * 1024
EXCLUSION_TEXT = {
    Exclusion.RECUSED: "回避",
    Exclusion.NO_RETURN: "未提交",
    Exclusion.INCOMPLETE: "评分不完整",
    Exclusion.CONFLICT: "有冲突的版本",
}


@dataclass
class PanelPicture:
    """Per application: each member's total (None: not counted, with the reason) and the figures."""

    application_id: str
    totals: dict[str, Decimal | None] = field(default_factory=dict)
    recused: dict[str, str] = field(default_factory=dict)
    excluded: dict[str, Exclusion] = field(default_factory=dict)
    mean: Decimal | None = None
    final: Decimal | None = None

    @property
    def valid(self) -> list[Decimal]:
        return [t for t in self.totals.values() if t is not None]

    @property
    def spread(self) -> Decimal | None:
        return max(self.valid) - min(self.valid) if self.valid else None

    def status(self, member: str) -> str:
        """Why a member's total is not shown, in Chinese ("" when it is counted)."""
        if member in self.recused:
            return EXCLUSION_TEXT[Exclusion.RECUSED]
        reason = self.excluded.get(member)
        return EXCLUSION_TEXT[reason] if reason else ""


def _package_facts(desk: ExpertDesk) -> PackageFacts:
    manifest = desk.manifest
    recused = {a.id: frozenset(a.recused) for a in manifest.applications}
    # The chair cannot read an application she is recused from: its judgements are the bureau's to
    # check.
    context = ScoringContext(
        manifest.rubric,
        recused,
        desk.readable_open_checks,
    )
    return PackageFacts(
        manifest.round.id,
        manifest.panel_id,
        desk.package_sha256,
        {m.id: m.certificate_fingerprint for m in manifest.members},
        "",
        context,
    )


def verify_copy(desk: ExpertDesk, token: bytes, shown: str) -> VerifiedReturn:
    """The one verifier, anchored in the chair's credential and signed package."""
    facts = _package_facts(desk)
    trust = Trust(
        certificates.certificate_from_pem(desk.credential.ca_certificate_pem),
        desk.package.bureau_fingerprint,
        desk.manifest.bureau.age_recipient,
    )
    return verify_token(
        token,
        trust,
        lambda sha: facts if sha == desk.package_sha256 else None,
        shown,
        desk.round_id,
    )


def _store(desk: ExpertDesk, verified: VerifiedReturn, token: bytes) -> None:
    with desk.db.session() as session:
        exists = session.scalar(
            select(ChairCopy.id).filter_by(
                package_sha256=desk.package_sha256, token_sha256=verified.token_sha256
            )
        )
        if exists is None:
            session.add(
                ChairCopy(
                    package_sha256=desk.package_sha256,
                    member_id=verified.expert,
                    revision=verified.revision,
                    signed_at=verified.signed_at.isoformat(),
                    token_sha256=verified.token_sha256,
                    token=token,
                    imported_at=dt.datetime.now(dt.UTC),
                )
            )


def record_own_copy(desk: ExpertDesk, token: bytes) -> None:
    """The chair's own signed scores join the panel's picture as soon as she signs."""
    _store(desk, verify_copy(desk, token, "本人评分"), token)


class ChairDesk:
    """Works on top of the chair's own :class:`ExpertDesk` (same package, same credential)."""

    def __init__(self, desk: ExpertDesk, method: Method | None = None) -> None:
        if desk.expert_id != desk.manifest.chair:
            raise TicError(t("only the panel chair can assemble the group opinion"))
        self.desk = desk
        self.method = method or Method()

    def import_copy(self, file: Path) -> str:
        """Verify one member's chair copy and keep it; returns the member id.

        Raises TicError (SecurityError with the reason) for a copy that fails any check.
        """
        file = Path(file)
        data = read_regular_file(file, file.name, MAX_COPY_BYTES)
        identity = age_files.identity_from_text(self.desk.credential.age_identity)
        token = age_files.decrypt_with(data, identity, "评分副本")
        try:
            verified = verify_copy(self.desk, token, file.name)
        except Rejected as rejection:
            raise SecurityError(
                t("{subject}: {problem}", subject=file.name, problem=rejection.detail),
                reason=rejection.reason.value,
            ) from None
        _store(self.desk, verified, token)
        self.desk.bus.publish(Event.SAVED, f"chair_copy:{verified.expert}")
        return verified.expert

    def copies(self) -> list[ReceivedReturn]:
        """The stored copies, classified as the bureau would (newest revision, conflicts)."""
        with self.desk.db.session() as session:
            rows = session.scalars(
                select(ChairCopy).filter_by(package_sha256=self.desk.package_sha256)
            ).all()
        items = []
        for row in rows:
            try:
                verified = verify_copy(self.desk, row.token, f"{row.member_id}-{row.revision}")
            except Rejected:
                # a row changed outside the app: it no longer verifies, so it does not count
                continue
            item = ReceivedReturn(
                Path(f"{row.member_id}-{row.revision}-{row.token_sha256[:8]}"),
                row.token_sha256,
                ReturnStatus.ACCEPTED,
            )
            item.expert, item.revision, item.document = (
                verified.expert,
                verified.revision,
                verified.document,
            )
            item.sheet, item.token_sha256, item.signed_at = (
                verified.sheet,
                verified.token_sha256,
                verified.signed_at,
            )
            item.package_sha256, item.panel = self.desk.package_sha256, self.desk.manifest.panel_id
            items.append(item)
        return classify_returns(items)

    @property
    def sheets(self) -> dict[str, tuple[int, ScoreSheet]]:
        """Member -> (revision, sheet) of each member's counted copy."""
        return {
            i.expert: (i.revision, i.sheet)
            for i in self.copies()
            if i.status == ReturnStatus.ACCEPTED and i.expert and i.revision and i.sheet
        }

    def picture(self) -> list[PanelPicture]:
        manifest = self.desk.manifest
        rubric_ids = [c.id for c in manifest.rubric.criteria]
        copies = self.copies()
        accepted = {i.expert: i for i in copies if i.status == ReturnStatus.ACCEPTED}
        conflicted = {i.expert for i in copies if i.status == ReturnStatus.CONFLICT}
        pictures = []
        for entry in manifest.applications:
            picture = PanelPicture(entry.id, recused=dict(entry.recused))
            for member in manifest.members:
                item = accepted.get(member.id)
                sheet = item.sheet if item is not None else None
                outcome = member_outcome(
                    member.id,
                    entry.id,
                    frozenset(entry.recused),
                    sheet,
                    member.id in conflicted,
                    rubric_ids,
                )
                if isinstance(outcome, Exclusion):
                    picture.totals[member.id] = None
                    if outcome == Exclusion.RECUSED and member.id not in picture.recused and sheet:
                        picture.recused[member.id] = next(
                            (d.reason for d in sheet.coi.declared if d.application == entry.id), ""
                        )
                    elif outcome != Exclusion.RECUSED:
                        picture.excluded[member.id] = outcome
                else:
                    picture.totals[member.id] = outcome
            if picture.valid:
                picture.mean, picture.final = final_score(picture.valid, self.method.trim_from)
            pictures.append(picture)
        return pictures

    def wide_spread(self, picture: PanelPicture) -> bool:
        return picture.spread is not None and picture.spread > self.method.wide_spread_points

    # --- the group opinion, saved as typed ----------------------------------------------------
    def group_opinion(self, application_id: str) -> tuple[str, bool | None]:
        with self.desk.db.session() as session:
            row = session.scalar(
                select(StoredGroupOpinion).filter_by(
                    package_sha256=self.desk.package_sha256, application_id=application_id
                )
            )
            return (row.opinion, row.recommend) if row else ("", None)

    def save_group_opinion(
        self, application_id: str, opinion: str | None = None, recommend: bool | None = None
    ) -> None:
        if self.desk.manifest.application(application_id) is None:
            raise TicError(t("no application {application} here", application=application_id))
        with self.desk.db.session() as session:
            row = session.scalar(
                select(StoredGroupOpinion).filter_by(
                    package_sha256=self.desk.package_sha256, application_id=application_id
                )
            )
            if row is None:
                row = StoredGroupOpinion(
                    package_sha256=self.desk.package_sha256,
                    application_id=application_id,
                    opinion="",
                    recommend=None,
                    updated_at=dt.datetime.now(dt.UTC),
                )
                session.add(row)
            if opinion is not None:
                row.opinion = opinion
            if recommend is not None:
                row.recommend = recommend
            row.updated_at = dt.datetime.now(dt.UTC)
        self.desk.bus.publish(Event.SAVED, f"group_opinion:{application_id}")

    def sign_group_opinion(
        self, application_id: str, consensus: str, recommend: bool, folder: Path
    ) -> Path:
        """Draw the 专家组意见 for one application and sign it as chair; written atomically."""
        if not consensus.strip():
            raise TicError(t("the group opinion must not be empty"))
        self.save_group_opinion(application_id, consensus, recommend)
        picture = next(p for p in self.picture() if p.application_id == application_id)
        if not picture.valid:
            raise TicError(t("no member scores yet: import the members' copies first"))
        assert picture.mean is not None and picture.final is not None
        manifest = self.desk.manifest
        members = [
            MemberTotal(
                m.id,
                m.name,
                m.unit_name,
                picture.totals[m.id],
                picture.recused.get(m.id, ""),
                picture.status(m.id),
            )
            for m in manifest.members
        ]
        today = dt.date.today()
        chair = manifest.member(manifest.chair)
        assert chair is not None
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
