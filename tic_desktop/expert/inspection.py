"""On-site inspection (现场考察): the checklist that verifies Art. 8 at the applicant's premises.

Every entry is saved as it is made; photos are hashed and stored age-encrypted to the expert in
the local database, so a lost laptop gives away nothing. The team leader signs the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tic_desktop.errors import InputError, TicError
from tic_desktop.events import Event
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.reports.documents import InspectionItem, InspectionPhoto, InspectionReport
from tic_desktop.reports.forms import draw_inspection_report
from tic_desktop.returns.opinion_pdfs import case_header, signed_by_one
from tic_desktop.security import age_files
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.models import InspectionEntry
from tic_desktop.storage.models import InspectionPhoto as StoredPhoto

RESULTS = ("符合", "不符合", "不适用")
MAX_PHOTO_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    clause: str
    what_to_check: str


# The items that verify Art. 8 on site (issue 5); a round may add its own later.
ART8_ITEMS = (
    ChecklistItem(
        "premises.area", "科研开发用房面积", "第八条（三）", "实地测量科研开发用房面积（平方米）"
    ),
    ChecklistItem(
        "equipment.sample", "仪器设备抽查", "第八条（三）", "抽查仪器设备，与固定资产台账核对"
    ),
    ChecklistItem(
        "staff.roster",
        "专职科研人员名册及出勤",
        "第八条（四）",
        "核对人员名册、劳动合同与全年出勤天数",
    ),
    ChecklistItem(
        "rd.audit", "研发费用专项审计报告", "第八条（二）", "查验近三年研发费用专项审计报告原件"
    ),
    ChecklistItem("cobuild.originals", "共建协议原件", "第八条（五）", "查验共建协议原件及签章"),
    ChecklistItem("pilot.capability", "中试或产业化能力", "第八条（三）", "查看中试线或产业化条件"),
    ChecklistItem(
        "safety.record", "安全生产与环保记录", "第八条（六）", "查阅近三年安全生产、环保检查记录"
    ),
)


@dataclass(frozen=True)
class Entry:
    result: str | None
    measured: str
    note: str


class InspectionDesk:
    """One inspection team's checklist for the applications of a package, kept by the leader's laptop."""

    def __init__(self, desk: ExpertDesk, items: tuple[ChecklistItem, ...] = ART8_ITEMS) -> None:
        self.desk = desk
        self.items = items
        self._ids = {item.id for item in items}

    def _where(self, model, application_id: str):
        return (
            model.round_id == self.desk.round_id,
            model.expert_id == self.desk.expert_id,
            model.application_id == application_id,
        )

    def record(
        self,
        application_id: str,
        item_id: str,
        result: str | None = None,
        measured: str | None = None,
        note: str | None = None,
    ) -> None:
        if item_id not in self._ids:
            raise InputError("现场考察", item_id, "没有该考察项目", "no such checklist item")
        if result is not None and result not in RESULTS:
            raise InputError(
                "现场考察",
                item_id,
                f"结果应为 {'/'.join(RESULTS)}",
                "result must be 符合, 不符合 or 不适用",
            )
        self.desk.require_unlocked(application_id)
        with self.desk.db.session() as session:
            row = session.scalar(
                select(InspectionEntry).where(
                    *self._where(InspectionEntry, application_id),
                    InspectionEntry.item_id == item_id,
                )
            )
            if row is None:
                row = InspectionEntry(
                    round_id=self.desk.round_id,
                    expert_id=self.desk.expert_id,
                    application_id=application_id,
                    item_id=item_id,
                    result=None,
                    measured="",
                    note="",
                    updated_at=dt.datetime.now(dt.UTC),
                )
                session.add(row)
            if result is not None:
                row.result = result
            if measured is not None:
                row.measured = measured
            if note is not None:
                row.note = note
            row.updated_at = dt.datetime.now(dt.UTC)
            append_audit_event(
                session,
                self.desk.expert_id,
                "inspection",
                {
                    "application": application_id,
                    "item": item_id,
                    "result": result,
                    "measured": measured,
                    "note": note,
                },
            )
        self.desk.bus.publish(Event.SAVED, f"inspection:{application_id}:{item_id}")

    def entries(self, application_id: str) -> dict[str, Entry]:
        with self.desk.db.session() as session:
            rows = session.scalars(
                select(InspectionEntry).where(*self._where(InspectionEntry, application_id))
            ).all()
            return {r.item_id: Entry(r.result, r.measured, r.note) for r in rows}

    def add_photo(self, application_id: str, file: Path, caption: str) -> str:
        """Hash the photo, encrypt it to the expert and store it; returns its SHA-256."""
        self.desk.require_unlocked(application_id)
        file = Path(file)
        if not file.is_file() or file.stat().st_size > MAX_PHOTO_BYTES:
            raise InputError(
                str(file),
                None,
                "照片不存在或过大（上限 20 MB）",
                "photo missing or too large (20 MB limit)",
            )
        data = file.read_bytes()
        if not (data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")):
            raise InputError(
                str(file), None, "只接受 JPEG 或 PNG 照片", "only JPEG or PNG photos are accepted"
            )
        digest = hashlib.sha256(data).hexdigest()
        identity = age_files.identity_from_text(self.desk.credential.age_identity)
        sealed = age_files.encrypt_to(data, [str(identity.to_public())])
        with self.desk.db.session() as session:
            session.add(
                StoredPhoto(
                    round_id=self.desk.round_id,
                    expert_id=self.desk.expert_id,
                    application_id=application_id,
                    caption=caption or file.stem,
                    sha256=digest,
                    sealed=sealed,
                    added_at=dt.datetime.now(dt.UTC),
                )
            )
            append_audit_event(
                session,
                self.desk.expert_id,
                "inspection_photo",
                {"application": application_id, "sha256": digest, "caption": caption},
            )
        self.desk.bus.publish(Event.SAVED, f"photo:{application_id}")
        return digest

    def photos(self, application_id: str) -> list[InspectionPhoto]:
        identity = age_files.identity_from_text(self.desk.credential.age_identity)
        with self.desk.db.session() as session:
            rows = session.scalars(
                select(StoredPhoto)
                .where(*self._where(StoredPhoto, application_id))
                .order_by(StoredPhoto.id)
            ).all()
            photos = []
            for row in rows:
                data = age_files.decrypt_with(row.sealed, identity, "照片")
                if hashlib.sha256(data).hexdigest() != row.sha256:
                    raise TicError(
                        "照片与记录的哈希不符", "a photo does not match its recorded hash"
                    )
                photos.append(InspectionPhoto(row.caption, data, row.sha256))
            return photos

    def problems(self, application_id: str) -> list[tuple[str, str]]:
        entries = self.entries(application_id)
        return [
            (f"“{item.title}”尚未填写结果", f"{item.id}: no result")
            for item in self.items
            if entries.get(item.id) is None or entries[item.id].result is None
        ]

    def sign_report(
        self,
        application_id: str,
        site_address: str,
        visit_date: str,
        team: list[str],
        conclusion: str,
        folder: Path,
    ) -> Path:
        """Draw the 现场考察报告 and sign it as team leader (the expert on this laptop)."""
        missing = self.problems(application_id)
        if missing:
            raise TicError(
                f"考察清单未完成：{missing[0][0]}（共 {len(missing)} 项）",
                f"checklist incomplete: {missing[0][1]} ({len(missing)} items)",
            )
        if not conclusion.strip():
            raise TicError("考察结论不能为空", "the conclusion must not be empty")
        manifest = self.desk.manifest
        leader = self.desk.expert_id
        members = [leader] + [m for m in team if m != leader]
        team_rows = [(m, manifest.member(m).name, manifest.member(m).unit_name) for m in members]
        entries = self.entries(application_id)
        items = [
            InspectionItem(
                item.title,
                item.clause,
                entries[item.id].result,
                entries[item.id].measured or "—",
                entries[item.id].note,
            )
            for item in self.items
        ]
        report = InspectionReport(
            case_header(manifest, application_id),
            site_address,
            visit_date,
            items,
            self.photos(application_id),
            team_rows,
            conclusion,
        )
        pdf = signed_by_one(
            draw_inspection_report(report, member_signatures=False),
            self.desk.credential,
            "考察组组长",
        )
        target = Path(folder) / f"现场考察报告-{application_id}.pdf"
        write_atomically(target, pdf)
        return target
