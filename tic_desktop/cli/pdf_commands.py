"""``tic pdf verify``: report every signature of a review document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TypeVar

from tic_desktop.bureau.workspace import BureauWorkspace
from tic_desktop.catalogue import t, tc
from tic_desktop.cli.table import both, render_table
from tic_desktop.domain.files import read_regular_file
from tic_desktop.errors import InputError
from tic_desktop.signing.pdf_verification import verify_pdf

# the parser class main.py uses for every sub-command
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)

EXIT_NOT_ALL_VALID = 3
MAX_ROOT_BYTES = 1024 * 1024
MAX_PDF_BYTES = 512 * 1024 * 1024


def pdf_verify(args: argparse.Namespace) -> tuple[dict[str, Any] | str, int]:
    if bool(args.bureau) == bool(args.root):
        raise InputError(
            "tic pdf verify",
            "--bureau/--root",
            t("give exactly one of --bureau or --root"),
        )
    if args.bureau:
        root_pem = BureauWorkspace(Path(args.bureau)).ca_pem
    else:
        try:
            root_pem = read_regular_file(Path(args.root), args.root, MAX_ROOT_BYTES).decode("ascii")
        except InputError as error:
            raise InputError(
                args.root,
                None,
                t("cannot read the root certificate ({problem})", problem=error.problem),
            ) from None
        except UnicodeDecodeError as error:
            raise InputError(
                args.root,
                None,
                t("cannot read the root certificate ({problem})", problem=str(error)),
            ) from None
    try:  # a regular file only: a FIFO or a device is refused before it is opened
        data = read_regular_file(Path(args.file), args.file, MAX_PDF_BYTES)
    except InputError as error:
        raise InputError(
            args.file,
            None,
            t("cannot read file ({problem})", problem=error.problem),
        ) from None
    reports = verify_pdf(data, root_pem, args.file)
    code = 0 if all(r.valid for r in reports) else EXIT_NOT_ALL_VALID
    if args.format == "json":
        return {
            "file": args.file,
            "valid": code == 0,
            "signatures": [r.as_json() for r in reports],
        }, code
    yes = {True: "是", False: "否"}
    rows = [
        [
            r.signer,
            r.role,
            r.time,
            yes[r.intact],
            yes[r.trusted],
            yes[r.covers_whole_file],
            "有效" if r.valid else f"无效：{r.problem}",
        ]
        for r in reports
    ]
    table = render_table(["签名人", "身份", "时间", "完整", "可信", "覆盖全文", "结论"], rows)
    return f"{args.file}\n\n{table}", code


def add_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser]) -> None:
    pdf = sub.add_parser("pdf", help=both(tc("command help", "signed PDFs"))).add_subparsers(
        dest="pdf_command", required=True, parser_class=parser_class
    )
    verify = pdf.add_parser("verify", help=both(tc("command help", "verify signatures")))
    verify.add_argument("file")
    verify.add_argument("--bureau", help="trust this bureau workspace's root certificate")
    verify.add_argument("--root", help="trust this root certificate (PEM)")
    verify.add_argument("--format", choices=("table", "json"), default="table")
    verify.set_defaults(run=pdf_verify)
