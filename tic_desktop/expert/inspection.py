"""On-site inspection (现场考察): the checklist that verifies Art. 8 at the applicant's premises.

Every entry is saved as it is made, the report's own fields too (site, date of visit, team,
conclusion), each edit in one transaction with its audit event; photos are hashed and stored
age-encrypted to the expert in the local database, so a lost laptop gives away nothing, and can
be captioned and removed. Each checklist item shows the figure the application declared next to
what the team measured. :meth:`InspectionDesk.report_problems` lists everything that stops the
report from being signed at once, each naming its field; the team leader signs the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from tic_desktop.catalogue import Joined, t, tc
from tic_desktop.errors import InputError, TicError
from tic_desktop.events import Event
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.inspection_records import (
    ART8_ITEMS,
    REPORT_FIELDS,
    RESULTS,
    ChecklistItem,
    Entry,
    PhotoRecord,
    Problem,
    ReportFields,
    date_text,
    parse_date_text,
)
from tic_desktop.reports.documents import InspectionItem, InspectionPhoto, InspectionReport
from tic_desktop.reports.forms import draw_inspection_report
from tic_desktop.reports.opinion_pdfs import case_header, signed_by_one
from tic_desktop.rules.display import shown_value
from tic_desktop.security import age_files
from tic_desktop.security.atomic import write_atomically
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.inspection_tables import InspectionReportFields
from tic_desktop.storage.models import InspectionEntry
from tic_desktop.storage.models import InspectionPhoto as StoredPhoto

MAX_PHOTO_BYTES = 20 * 1024 * 1024


class InspectionDesk:
    """One inspection team's checklist for the applications of a package, kept by the leader's
    laptop."""

    def __init__(self, desk: ExpertDesk, items: tuple[ChecklistItem, ...] = ART8_ITEMS) -> None:
        self.desk = desk
        self.items = items
        self._ids = {item.id for item in items}

    def _where(
        self,
        model: type[InspectionEntry] | type[StoredPhoto] | type[InspectionReportFields],
        application_id: str,
    ) -> tuple[ColumnElement[bool], ...]:
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
            raise InputError("现场考察", item_id, t("no such checklist item"))
        if result is not None and result not in RESULTS:
            raise InputError("现场考察", item_id, t("result must be 符合, 不符合 or 不适用"))
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
            raise InputError(str(file), None, t("photo missing or too large (20 MB limit)"))
        data = file.read_bytes()
        if not (data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")):
            raise InputError(str(file), None, t("only JPEG or PNG photos are accepted"))
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

    def photo_records(self, application_id: str) -> list[PhotoRecord]:
        """The stored photos, decrypted and checked against their recorded SHA-256."""
        identity = age_files.identity_from_text(self.desk.credential.age_identity)
        with self.desk.db.session() as session:
            rows = session.scalars(
                select(StoredPhoto)
                .where(*self._where(StoredPhoto, application_id))
                .order_by(StoredPhoto.id)
            ).all()
            records = []
            for row in rows:
                data = age_files.decrypt_with(row.sealed, identity, "照片")
                if hashlib.sha256(data).hexdigest() != row.sha256:
                    raise TicError(t("a photo does not match its recorded hash"))
                records.append(PhotoRecord(row.id, row.caption, row.sha256, data))
            return records

    def photos(self, application_id: str) -> list[InspectionPhoto]:
        return [
            InspectionPhoto(r.caption, r.data, r.sha256) for r in self.photo_records(application_id)
        ]

    def _photo_row(self, session: Session, application_id: str, photo_id: int) -> StoredPhoto:
        row = session.scalar(
            select(StoredPhoto).where(
                *self._where(StoredPhoto, application_id), StoredPhoto.id == photo_id
            )
        )
        if row is None:
            raise InputError("现场考察", str(photo_id), t("no such photo (removed?)"))
        return row

    def set_photo_caption(self, application_id: str, photo_id: int, caption: str) -> None:
        """Change a photo's caption (its SHA-256 and content stay as they are)."""
        self.desk.require_unlocked(application_id)
        caption = caption.strip()
        if not caption:
            raise InputError("现场考察", "caption", t("a caption is required"))
        with self.desk.db.session() as session:
            row = self._photo_row(session, application_id, photo_id)
            row.caption = caption
            append_audit_event(
                session,
                self.desk.expert_id,
                "inspection_photo_caption",
                {"application": application_id, "sha256": row.sha256, "caption": caption},
            )
        self.desk.bus.publish(Event.SAVED, f"photo:{application_id}")

    def remove_photo(self, application_id: str, photo_id: int) -> None:
        """Remove a photo from the report (the audit log keeps its SHA-256 and caption)."""
        self.desk.require_unlocked(application_id)
        with self.desk.db.session() as session:
            row = self._photo_row(session, application_id, photo_id)
            sha256, caption = row.sha256, row.caption
            session.execute(delete(StoredPhoto).where(StoredPhoto.id == row.id))
            append_audit_event(
                session,
                self.desk.expert_id,
                "inspection_photo_removed",
                {"application": application_id, "sha256": sha256, "caption": caption},
            )
        self.desk.bus.publish(Event.SAVED, f"photo:{application_id}")

    # --- the report's own fields ------------------------------------------------------------
    def _report_where(self, application_id: str) -> tuple[ColumnElement[bool], ...]:
        return (
            InspectionReportFields.package_sha256 == self.desk.package.package_sha256,
            *self._where(InspectionReportFields, application_id),
        )

    def report_fields(self, application_id: str) -> ReportFields:
        with self.desk.db.session() as session:
            row = session.scalar(
                select(InspectionReportFields).where(*self._report_where(application_id))
            )
            if row is None:
                return ReportFields()
            return ReportFields(row.site_address, row.visit_date, tuple(row.team), row.conclusion)

    def save_report_fields(self, application_id: str, **changes: object) -> None:
        """Save some of the report's fields (``site_address``, ``visit_date``, ``team``,
        ``conclusion``).

        ``visit_date=None`` clears the date; ``team`` lists member ids besides the leader. One
        transaction with its audit event, like every other edit.
        """
        unknown = set(changes) - set(REPORT_FIELDS)
        if unknown:
            raise TypeError(f"not a report field: {sorted(unknown)}")
        self.desk.require_unlocked(application_id)
        if "team" in changes:
            given = changes["team"]
            if not isinstance(given, (list, tuple)):
                raise TypeError("team must be a list of member ids")
            team = [m for m in dict.fromkeys(given) if m != self.desk.expert_id]
            for member in team:
                if not isinstance(member, str) or self.desk.manifest.member(member) is None:
                    raise InputError("现场考察", "team", t("no member {member}", member=member))
            changes["team"] = team
        if "visit_date" in changes and changes["visit_date"] is not None:
            if not isinstance(changes["visit_date"], dt.date):
                raise TypeError("visit_date must be a datetime.date")
        for name in ("site_address", "conclusion"):
            if name in changes and not isinstance(changes[name], str):
                raise TypeError(f"{name} must be text")
        with self.desk.db.session() as session:
            row = session.scalar(
                select(InspectionReportFields).where(*self._report_where(application_id))
            )
            if row is None:
                row = InspectionReportFields(
                    package_sha256=self.desk.package.package_sha256,
                    round_id=self.desk.round_id,
                    expert_id=self.desk.expert_id,
                    application_id=application_id,
                    site_address="",
                    visit_date=None,
                    team=[],
                    conclusion="",
                    updated_at=dt.datetime.now(dt.UTC),
                )
                session.add(row)
            for name, value in changes.items():
                setattr(row, name, value)
            row.updated_at = dt.datetime.now(dt.UTC)
            payload = {
                name: (value.isoformat() if isinstance(value, dt.date) else value)
                for name, value in changes.items()
            }
            append_audit_event(
                session,
                self.desk.expert_id,
                "inspection_report",
                {"application": application_id, **payload},
            )
        self.desk.bus.publish(Event.SAVED, f"inspection:{application_id}:report")

    # --- what the application declared -----------------------------------------------------
    def declared(self, application_id: str, lang: str = "zh") -> dict[str, str]:
        """Per checklist item, the figures the application declared (``研发场地面积 500 m²``)."""
        checks = {c.id: c for c in self.desk.formal_review(application_id).checks}
        said = "zh" if lang == "zh" else "en"  # the labels' language: Chinese for "zh" only
        found = {}
        for item in self.items:
            parts = []
            for check_id, label in item.declared:
                check = checks.get(check_id)
                value = shown_value(check_id, check.value, lang) if check is not None else ""
                missing = t("not declared")
                parts.append(f"{label.in_language(said)} {value or missing.in_language(said)}")
            found[item.id] = tc("list separator", "; ").in_language(said).join(parts)
        return found

    # --- validation and signing -----------------------------------------------------------
    def report_problems(self, application_id: str, today: dt.date | None = None) -> list[Problem]:
        """Everything that stops the report from being signed, all at once, each with its field."""
        entries = self.entries(application_id)
        found = []
        for item in self.items:
            entry = entries.get(item.id)
            if entry is None or entry.result is None:
                found.append(
                    Problem(item.id, t("{item}: no result", item=item.id, item_zh=item.title))
                )
            elif entry.result == "不符合" and not (entry.measured.strip() or entry.note.strip()):
                found.append(
                    Problem(
                        item.id,
                        t(
                            "{item}: {result} needs what was found or a note",
                            item=item.id,
                            item_zh=item.title,
                            result=entry.result,
                        ),
                    )
                )
        fields = self.report_fields(application_id)
        if not fields.site_address.strip():
            found.append(Problem("site_address", t("the site address is empty")))
        today = today or dt.date.today()
        if fields.visit_date is None:
            found.append(Problem("visit_date", t("no date of visit")))
        elif fields.visit_date > today:
            found.append(
                Problem(
                    "visit_date",
                    t(
                        "the date of visit {date} is in the future",
                        date=date_text(fields.visit_date),
                    ),
                )
            )
        if not fields.team:
            found.append(
                Problem("team", t("tick the team members (at least one besides the leader)"))
            )
        if not fields.conclusion.strip():
            found.append(Problem("conclusion", t("the conclusion is empty")))
        return found

    def problems(self, application_id: str) -> list[tuple[str, str]]:
        """The checklist's problems only, as (Chinese, English) (the report's fields aside)."""
        return [
            (p.zh, p.en)
            for p in self.report_problems(application_id)
            if p.field not in REPORT_FIELDS
        ]

    def sign_saved_report(self, application_id: str, folder: Path) -> Path:
        """Sign the report as saved; refused with every problem listed while any remains."""
        problems = self.report_problems(application_id)
        if problems:
            checklist = any(p.field not in REPORT_FIELDS for p in problems)
            listed = Joined(tuple(p.text for p in problems), tc("list separator", "; "))
            raise TicError(
                t(
                    "checklist incomplete: the inspection report cannot be signed yet "
                    "({count} items): {problems}",
                    count=len(problems),
                    problems=listed,
                )
                if checklist
                else t(
                    "the inspection report cannot be signed yet ({count} items): {problems}",
                    count=len(problems),
                    problems=listed,
                )
            )
        fields = self.report_fields(application_id)
        return self._draw_and_sign(
            application_id,
            fields.site_address,
            date_text(fields.visit_date),
            list(fields.team),
            fields.conclusion,
            folder,
        )

    def sign_report(
        self,
        application_id: str,
        site_address: str,
        visit_date: dt.date | str,
        team: list[str],
        conclusion: str,
        folder: Path,
    ) -> Path:
        """Save the given report fields, then sign the report (see :meth:`sign_saved_report`).

        A ``visit_date`` given as text must be ``YYYY-MM-DD`` or ``YYYY年M月D日``.
        """
        day = visit_date if isinstance(visit_date, dt.date) else parse_date_text(visit_date)
        self.save_report_fields(
            application_id,
            site_address=site_address,
            visit_date=day,
            team=team,
            conclusion=conclusion,
        )
        return self.sign_saved_report(application_id, folder)

    def _draw_and_sign(
        self,
        application_id: str,
        site_address: str,
        visit_date: str,
        team: list[str],
        conclusion: str,
        folder: Path,
    ) -> Path:
        """Draw the 现场考察报告 and sign it as team leader (the expert on this laptop)."""
        manifest = self.desk.manifest
        leader = self.desk.expert_id
        members = [leader] + [m for m in team if m != leader]
        team_rows = []
        for member_id in members:
            member = manifest.member(member_id)
            assert member is not None  # save_report_fields takes the panel's members only
            team_rows.append((member_id, member.name, member.unit_name))
        entries = self.entries(application_id)
        declared = self.declared(application_id)
        items = []
        for item in self.items:
            entry = entries[item.id]
            assert entry.result is not None  # report_problems refuses an item without a result
            items.append(
                InspectionItem(
                    item.title,
                    item.clause,
                    entry.result,
                    _measured_beside_declared(entry.measured, declared[item.id]),
                    entry.note,
                )
            )
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


def _measured_beside_declared(measured: str, declared: str) -> str:
    """What the team found, with what the application declared beside it."""
    found = measured.strip() or "—"
    return f"{found}（申报：{declared}）" if declared else found
