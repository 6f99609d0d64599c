"""``tic round template`` and ``tic round import-excel``: a round's applications and experts in
Excel.

``template`` writes the empty workbook, or one filled from a round file; ``import-excel``
validates a filled workbook and writes ``applications/<id>.json`` (with the attachments copied
next to them, at the same relative paths) and ``experts.json``: every file or none.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TypeVar

from tic_desktop.bureau.excel_template import ExcelImportError, read_workbook, write_workbook
from tic_desktop.catalogue import t, tc
from tic_desktop.cli.table import both
from tic_desktop.domain.application import Application
from tic_desktop.domain.files import confined_attachment, normalised_attachment_path
from tic_desktop.domain.loading import load_round
from tic_desktop.domain.round import Expert
from tic_desktop.errors import InputError, TicError
from tic_desktop.security.atomic import write_atomically

# the parser class main.py uses for every sub-command
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "zh")


def round_template(args: argparse.Namespace) -> str | dict[str, Any]:
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise InputError(str(out), None, t("the output file name must end in .xlsx"))
    if out.exists() and not args.force:
        raise InputError(
            str(out),
            None,
            t("file exists, not overwritten (add --force to replace it)"),
        )
    applications: list[Application] = []
    experts: list[Expert] = []
    notes: list[str] = []
    if args.round_file:
        review_round = load_round(args.round_file)
        for app_id, application in review_round.applications.items():
            applications.append(
                _attachments_relative_to(
                    application, review_round.application_files[app_id], out, notes
                )
            )
        experts = list(review_round.spec.experts)
    write_workbook(out, applications, experts)
    if args.format == "json":
        return {
            "workbook": str(out),
            "applications": len(applications),
            "experts": len(experts),
            "attachments_outside": notes,
        }
    lang = _lang(args)
    text = t(
        "Wrote {out}: {applications} application(s), {experts} expert(s)",
        out=out,
        applications=len(applications),
        experts=len(experts),
    ).in_language(lang)
    if notes:
        warning = t(
            "Attachments outside the workbook's folder (copy them next to it before importing):"
        )
        text += "\n" + warning.in_language(lang) + "".join(f"\n  {note}" for note in notes)
    return text


def _attachments_relative_to(
    application: Application, app_file: Path, out: Path, notes: list[str]
) -> Application:
    """Attachments are relative to the application file; in the workbook, to the workbook's
    folder."""
    if not application.attachments:
        return application
    base = out.resolve().parent
    attachments = []
    for attachment in application.attachments:
        source = (app_file.parent / normalised_attachment_path(attachment.file)).resolve()
        if source.is_relative_to(base):
            file = source.relative_to(base).as_posix()
        else:
            file = attachment.file
            notes.append(f"{application.id}: {source}")
        attachments.append(attachment.model_copy(update={"file": file}))
    return application.model_copy(update={"attachments": attachments})


def round_import_excel(args: argparse.Namespace) -> str | dict[str, Any]:
    try:
        contents = read_workbook(Path(args.workbook))
    except ExcelImportError as exc:
        # Every problem, not only the first few: people fix them all in one pass.
        raise TicError(exc.whole_report) from None
    if not contents.applications and not contents.experts:
        raise InputError(
            args.workbook,
            None,
            t("the workbook holds no applications and no experts"),
        )
    out = Path(args.out)
    files: dict[Path, bytes] = {}
    for data in contents.application_data:
        files[out / "applications" / f"{data['id']}.json"] = _json_bytes(data)
        for index, attachment in enumerate(data.get("attachments", [])):
            # read as checked: inside the workbook's folder, a regular file, no link followed out
            source = confined_attachment(
                contents.base, attachment["file"], args.workbook, f"attachments[{index}].file"
            )
            files[out / "applications" / attachment["file"]] = source.read_bytes()
    if contents.experts:
        files[out / "experts.json"] = _json_bytes(
            [e.model_dump(mode="json", exclude_none=True) for e in contents.experts]
        )
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise InputError(
            existing[0],
            None,
            t(
                "file exists, not overwritten ({count} existing), nothing was written",
                count=len(existing),
            ),
        )
    for path, content in files.items():
        write_atomically(path, content)
    written = [str(path) for path in files]
    if args.format == "json":
        return {
            "applications": [d["id"] for d in contents.application_data],
            "experts": len(contents.experts),
            "files": written,
            "notes": [n.describe(_lang(args)) for n in contents.notes],
        }
    head = t(
        "Imported {applications} application(s) and {experts} expert(s):",
        applications=len(contents.applications),
        experts=len(contents.experts),
    ).in_language(_lang(args))
    report = contents.report(_lang(args))
    return (
        head
        + "".join(f"\n  {os.path.relpath(path)}" for path in written)
        + (f"\n\n{report}" if report else "")
    )


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def add_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser]) -> None:
    parser = sub.add_parser(
        "round", help=both(tc("command help", "a round's Excel template and import"))
    )
    commands = parser.add_subparsers(dest="round_command", required=True, parser_class=parser_class)

    template = commands.add_parser(
        "template", help=both(tc("command help", "write the Excel template"))
    )
    template.add_argument("out", help="OUT.xlsx")
    template.add_argument(
        "--from",
        dest="round_file",
        metavar="ROUND.json",
        help=both(tc("command help", "fill in this round's applications and experts")),
    )
    template.add_argument(
        "--force", action="store_true", help=both(tc("command help", "replace an existing file"))
    )
    template.add_argument("--format", choices=("table", "json"), default="table")
    template.set_defaults(run=round_template)

    importing = commands.add_parser(
        "import-excel", help=both(tc("command help", "import applications and experts"))
    )
    importing.add_argument("workbook", help="IN.xlsx")
    importing.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="写入 DIR/applications/<id>.json 和 DIR/experts.json",
    )
    importing.add_argument("--format", choices=("table", "json"), default="table")
    importing.set_defaults(run=round_import_excel)
