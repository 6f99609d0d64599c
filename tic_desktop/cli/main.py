"""The ``tic`` command line: machine-readable JSON (a contract, formats.md) or readable tables.

Exit codes: 0 the command did its job (whatever the verdicts), 2 bad input, 1 internal error.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn, TextIO

from tic_desktop.catalogue import tc
from tic_desktop.cli import (
    aggregate_command,
    commands,
    pdf_commands,
    round_commands,
    secure_commands,
)
from tic_desktop.cli.table import both
from tic_desktop.domain.files import require_regular_file
from tic_desktop.errors import TicError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep its message short and bilingual."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        usage_error = both(tc("command line", "usage error"))
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {usage_error}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tic", description=both(tc("command line", "TIC Review command line")))
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="message language (default zh)"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    elig = sub.add_parser(
        "eligibility", help=both(tc("command help", "formal review of one application"))
    )
    elig.add_argument("application", help="APPLICATION.json")
    elig.add_argument("--format", choices=("table", "json"), default="table")
    elig.set_defaults(run=commands.eligibility)

    panel = sub.add_parser(
        "panel-check", help=both(tc("command help", "panel conflict-of-interest checks"))
    )
    panel.add_argument("round", help="ROUND.json")
    panel.add_argument("--format", choices=("table", "json"), default="table")
    panel.set_defaults(run=commands.panel_check)
    secure_commands.add_parsers(sub, _Parser)
    pdf_commands.add_parsers(sub, _Parser)
    aggregate_command.add_parsers(sub, _Parser)
    round_commands.add_parsers(sub, _Parser)
    _accept_lang_everywhere(parser)
    return parser


def _accept_lang_everywhere(parser: argparse.ArgumentParser) -> None:
    """People put --lang next to --format, after the sub-command; accept it there too."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                if not any("--lang" in a.option_strings for a in subparser._actions):
                    subparser.add_argument(
                        "--lang",
                        choices=("zh", "en"),
                        default=argparse.SUPPRESS,
                        help="message language (default zh)",
                    )
                _accept_lang_everywhere(subparser)


# Arguments that name a file the command reads. Each is refused before any command runs if it
# exists but is not a regular file: a FIFO or a device would make the reading block or never end
# (.ticreturn files included, whose readers live outside the CLI). A missing file is left to the
# command, which says so with its own context.
INPUT_FILE_ARGUMENTS = (
    "application",
    "round",
    "round_file",
    "scores",
    "package",
    "files",
    "returns",
    "file",
    "root",
    "workbook",
    "passphrase_file",
    "choose",
)


def refuse_special_input_files(args: argparse.Namespace) -> None:
    """InputError for the first input-file argument that names a FIFO, a device or a folder."""
    for name in INPUT_FILE_ARGUMENTS:
        value = getattr(args, name, None)
        for given in value if isinstance(value, list) else [value]:
            if isinstance(given, str) and os.path.lexists(given):
                require_regular_file(given, given)


def _write(stream: TextIO, text: str) -> None:
    """Write ``text``; characters the stream cannot encode (a file name given in bytes that are not
    UTF-8) are written escaped rather than failing after the command did its job."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    # the frozen build starts its worker processes through this executable
    multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    code = EXIT_OK
    try:
        refuse_special_input_files(args)
        output = args.run(args)
        if isinstance(output, tuple):  # (output, exit code) from commands that judge files
            output, code = output
    except TicError as exc:
        _write(sys.stderr, exc.message(args.lang) + "\n")
        return EXIT_BAD_INPUT
    except Exception:  # a bug: say so plainly, keep the details for the report
        print(both(tc("command line", "internal error, please report:")), file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return EXIT_INTERNAL
    if isinstance(output, (dict, list)):
        _write(sys.stdout, json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    else:
        _write(sys.stdout, output + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
