"""``tic bureau``, ``tic package`` and ``tic return``: keys, packages and signed returns."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any, TypeVar

from tic_desktop.bureau.workspace import BureauWorkspace, init_workspace, read_passphrase_file
from tic_desktop.catalogue import Joined, t, tc
from tic_desktop.cli.table import both, render_table
from tic_desktop.domain.jsonfile import read_json
from tic_desktop.errors import InputError, TicError
from tic_desktop.expert.pinning import check_bureau, matches
from tic_desktop.packages.build_job import BuildRequest, build_all_or_nothing
from tic_desktop.packages.expert_keys import obtain_credential
from tic_desktop.packages.opening import open_package
from tic_desktop.progress import Progress
from tic_desktop.reports.opinion_pdfs import WrittenFiles, write_opinion_pdfs
from tic_desktop.returns.explaining import return_reason
from tic_desktop.returns.making import (
    chair_copy,
    chair_copy_path,
    make_return,
    package_scoring_context,
)
from tic_desktop.returns.receiving import STATUS_TEXT, receive_returns
from tic_desktop.returns.scoring import parse_score_sheet
from tic_desktop.review import evaluate_round
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.errors import SecurityError
from tic_desktop.security.fingerprints import short_fingerprint
from tic_desktop.storage import open_database

# the parser class main.py uses for every sub-command
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)

EXIT_NOT_ALL_VALID = 3


def _passphrase(args: argparse.Namespace) -> str | None:
    return read_passphrase_file(getattr(args, "passphrase_file", None))


def _ask_on_terminal() -> str | None:
    if not sys.stdin.isatty():
        return None
    prompt = both(tc("command line", "passphrase"))
    return getpass.getpass(prompt + ": ")


def _progress(step: Progress) -> None:
    if sys.stderr.isatty():
        print(f"\r{step.stage}: {step.done}/{step.total}", end="", file=sys.stderr, flush=True)


def bureau_init(args: argparse.Namespace) -> str | dict[str, Any]:
    workspace = init_workspace(Path(args.dir), args.name, _passphrase(args))
    result = {
        "bureau": str(workspace.folder),
        "name": workspace.name,
        "fingerprint": workspace.fingerprint,
        "age_recipient": workspace.age_recipient,
        "secrets": workspace.secrets_in,
    }
    if args.format == "json":
        return result
    kept_in = (
        "系统密钥环" if workspace.secrets_in == "keyring" else workspace.secrets_in + "（口令加密）"
    )
    return (
        f"已创建评审局工作目录 {workspace.folder}\n"
        f"根证书指纹：{short_fingerprint(workspace.fingerprint)}\n"
        f"私钥保存于：{kept_in}"
    )


def bureau_root(args: argparse.Namespace) -> str:
    return BureauWorkspace(Path(args.dir)).ca_pem.rstrip("\n")


def package_build(args: argparse.Namespace) -> str | dict[str, Any]:
    # The GUI's build, all or nothing: checked before the keys are unlocked, and a failure removes
    # the credentials it issued (their passphrases would never reach the experts) and what it wrote.
    request = BuildRequest(
        args.round,
        args.bureau,
        args.out,
        args.panel or [],
        _passphrase(args),
        replace=args.replace,
        passphrases_json=args.passphrases_json,
    )
    outcome = build_all_or_nothing(request, _progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    built, new = outcome.packages, outcome.new_credentials
    result = {
        "round": outcome.round_id,
        "packages": [
            {
                "panel": p.panel_id,
                "file": str(p.file),
                "package_sha256": p.package_sha256,
                "members": p.members,
            }
            for p in built
        ],
        "new_credentials": new,
        "replaced": [str(p) for p in outcome.replaced],
    }
    if args.format == "json":
        return result
    rows = [[p.panel_id, str(p.file), p.package_sha256[:16], ",".join(p.members)] for p in built]
    replaced = f"\n已替换原有评审包 {len(outcome.replaced)} 个" if outcome.replaced else ""
    return (
        render_table(["专家组", "评审包", "清单哈希", "成员"], rows)
        + f"\n新发口令单 {len(new)} 份：{outcome.sheets_dir}"
        + replaced
    )


def package_inspect(args: argparse.Namespace) -> dict[str, Any] | str:
    trusted = {BureauWorkspace(Path(args.bureau)).fingerprint} if args.bureau else None
    signature = "valid"
    try:
        package = open_package(Path(args.package), trusted)
    except SecurityError as error:
        if (
            error.reason == "malformed"
            and "清单" not in error.message_zh
            and "签名" not in error.message_zh
        ):
            raise
        result = {"file": args.package, "signature": "invalid", "reason": error.message(args.lang)}
        return result if args.format == "json" else f"签名无效：{error.message(args.lang)}"
    manifest = package.manifest
    result = {
        "file": args.package,
        "round": manifest.round.id,
        "round_title": manifest.round.title,
        "panel": manifest.panel_id,
        "chair": manifest.chair,
        "bureau": manifest.bureau.name,
        "bureau_fingerprint": manifest.bureau.fingerprint,
        "package_sha256": package.package_sha256,
        "signature": signature,
        "trusted": trusted is not None,
        "members": [{"id": m.id, "name": m.name, "unit": m.unit_name} for m in manifest.members],
        "applications": [
            {
                "id": a.id,
                "center_name": a.center_name,
                "scorers": a.scorers,
                "recused": sorted(a.recused),
            }
            for a in manifest.applications
        ],
    }
    package.close()
    if args.format == "json":
        return result
    rows = [
        [a["id"], a["center_name"], ",".join(a["scorers"]), ",".join(a["recused"]) or "-"]
        for a in result["applications"]
    ]
    return (
        f"评审包 {args.package}\n"
        f"批次 {manifest.round.id} · 专家组 {manifest.panel_id} · 组长 {manifest.chair}\n"
        f"评审局 {manifest.bureau.name}，"
        f"指纹 {short_fingerprint(manifest.bureau.fingerprint)}，签名有效"
        f"{'（与本局一致）' if trusted else ''}\n\n"
        + render_table(["申报", "中心名称", "可评分专家", "回避"], rows)
    )


def package_open(args: argparse.Namespace) -> dict[str, Any] | str:
    package = open_package(Path(args.package))
    if args.bureau_fingerprint and not matches(args.bureau_fingerprint, package.bureau_fingerprint):
        package.close()
        name, signer = Path(args.package).name, short_fingerprint(package.bureau_fingerprint)
        raise SecurityError(
            t(
                "{name}: signed by {signer}, not the bureau fingerprint given; refused",
                name=name,
                signer=signer,
            ),
            reason="wrong_bureau",
        )
    try:
        with open_database() as db:
            check_bureau(
                db, package.manifest.round.id, package.bureau_fingerprint, args.bureau_fingerprint
            )
    except BaseException:
        package.close()
        raise
    try:
        unlocked = obtain_credential(package, args.expert, _passphrase(args), _ask_on_terminal)
        readable: list[dict[str, Any]] = []
        for entry in package.manifest.applications:
            if args.expert in entry.recused:
                readable.append(
                    {
                        "application": entry.id,
                        "access": "recused",
                        "reason": entry.recused[args.expert],
                    }
                )
                continue
            sizes = [len(package.read_member(entry.data, unlocked.credential))]
            sizes += [
                len(package.read_member(a.file, unlocked.credential)) for a in entry.attachments
            ]
            readable.append({"application": entry.id, "access": "verified", "bytes": sum(sizes)})
    finally:
        package.close()
    result = {
        "package": args.package,
        "expert": args.expert,
        "bureau_fingerprint": package.bureau_fingerprint,
        "signature": "valid",
        "remembered": unlocked.remembered,
        "note": unlocked.note_en if args.lang == "en" else unlocked.note_zh,
        "applications": readable,
    }
    if args.format == "json":
        return result
    rows = [
        [
            r["application"],
            "可阅读（已校验）" if r["access"] == "verified" else f"回避：{r.get('reason', '')}",
        ]
        for r in readable
    ]
    note = (
        f"\n{result['note']}" if result["note"] else "\n凭据已保存到系统密钥环，本机不再询问口令。"
    )
    return (
        f"评审局签名有效，指纹 {short_fingerprint(package.bureau_fingerprint)}{note}\n\n"
        + render_table(["申报", "材料"], rows)
    )


def return_make(args: argparse.Namespace) -> dict[str, Any] | str:
    scores_path = Path(args.scores)
    sheet = parse_score_sheet(read_json(scores_path), str(scores_path))
    package = open_package(Path(args.package))
    out = Path(args.out)
    try:
        with open_database() as db:
            check_bureau(
                db, package.manifest.round.id, package.bureau_fingerprint, args.bureau_fingerprint
            )
            unlocked = obtain_credential(package, sheet.expert, _passphrase(args), _ask_on_terminal)
            context = package_scoring_context(package, unlocked.credential)
            try:
                made = make_return(
                    package, unlocked.credential, sheet, out, db, str(scores_path), context=context
                )
            except OSError as error:  # --out cannot be written: bad input, and nothing was recorded
                reason = error.strerror or str(error)
                raise InputError(
                    args.out, None, t("cannot write the return ({reason})", reason=reason)
                ) from None
        files = WrittenFiles()
        copy = chair_copy_path(out)
        files.record(copy, lambda: write_atomically(copy, chair_copy(package, made.token)))
        if args.pdf_dir:
            write_opinion_pdfs(
                package.manifest,
                unlocked.credential,
                sheet,
                Path(args.pdf_dir),
                made.signed_at,
                context.open_checks,
                files,
            )
    finally:
        package.close()
    if files.failed:
        missing = Joined(
            tuple(
                t("{file}: {failure}", file=p, failure=en, failure_zh=zh)
                for p, zh, en in files.failed
            ),
            tc("list separator", "; "),
        )
        raise TicError(
            t(
                "The return was written to {file} (revision {revision}), but these files "
                "could not be: {missing}. Free some space or choose another place, then write "
                "them again from the expert window (Write the signed files again).",
                file=made.file,
                revision=made.revision,
                missing=missing,
            )
        )
    pdfs = [p for p in files.written if p.suffix == ".pdf"]
    result = {
        "file": str(made.file),
        "expert": sheet.expert,
        "revision": made.revision,
        "sha256": made.file_sha256,
        "chair_copy": str(copy),
        "pdfs": [str(p) for p in pdfs],
    }
    if args.format == "json":
        return result
    return (
        f"已生成回执 {made.file}（专家 {sheet.expert}，第 {made.revision} 版）\n组长副本 {copy}"
        + "".join(f"\n意见表 {p}" for p in pdfs)
    )


def return_verify(args: argparse.Namespace) -> tuple[dict[str, Any] | str, int]:
    workspace = BureauWorkspace(Path(args.bureau))
    for f in args.files:  # cheap checks first: unlocking the keys costs seconds of scrypt
        if not Path(f).is_file():
            raise InputError(f, None, t("file not found"))
    loaded = evaluate_round(args.round).round if args.round else None
    keys = workspace.keys(_passphrase(args))
    items = sorted(
        receive_returns([Path(f) for f in args.files], workspace, keys, loaded),
        key=lambda i: (str(i.file), i.file_sha256),
    )
    code = (
        0
        if all(i.status in ("accepted", "duplicate", "superseded") for i in items)
        else EXIT_NOT_ALL_VALID
    )
    if args.format == "json":
        return {
            "returns": [
                {
                    **i.as_json(),
                    "file": str(i.file),
                    "revision": i.revision,
                    "detail": i.detail_en if args.lang == "en" else i.detail,
                }
                for i in items
            ]
        }, code
    rows = [
        [
            i.file.name,
            i.expert or "-",
            str(i.revision or "-"),
            STATUS_TEXT[i.status],
            return_reason(i) if i.reason else "",  # the reason said once
        ]
        for i in items
    ]
    return render_table(["文件", "专家", "版本", "结果", "原因"], rows), code


def add_parsers(sub: argparse._SubParsersAction[_Parser], parser_class: type[_Parser]) -> None:
    def common(p: argparse.ArgumentParser, json_output: bool = True) -> argparse.ArgumentParser:
        if json_output:
            p.add_argument("--format", choices=("table", "json"), default="table")
        return p

    bureau = sub.add_parser("bureau", help=both(tc("command help", "bureau keys"))).add_subparsers(
        dest="bureau_command", required=True, parser_class=parser_class
    )
    init = common(
        bureau.add_parser("init", help=both(tc("command help", "create a bureau workspace")))
    )
    init.add_argument("dir")
    init.add_argument("--name", default="聊城市科学技术局")
    init.add_argument(
        "--passphrase-file",
        help="encrypt the private keys with this passphrase instead of the keyring",
    )
    init.set_defaults(run=bureau_init)
    root = bureau.add_parser(
        "root", help=both(tc("command help", "print the root certificate (PEM)"))
    )
    root.add_argument("dir")
    root.set_defaults(run=bureau_root, format="table")

    package = sub.add_parser(
        "package", help=both(tc("command help", "review packages"))
    ).add_subparsers(dest="package_command", required=True, parser_class=parser_class)
    build = common(package.add_parser("build", help=both(tc("command help", "build packages"))))
    build.add_argument("round")
    build.add_argument("--bureau", required=True)
    build.add_argument("--out", required=True)
    build.add_argument("--panel", action="append", help="build only this panel (repeatable)")
    build.add_argument("--passphrase-file")
    build.add_argument(
        "--passphrases-json", help="also write the new experts' passphrases to this file"
    )
    build.add_argument(
        "--replace",
        action="store_true",
        help="replace packages already in --out (refused otherwise: they may have been handed out)",
    )
    build.set_defaults(run=package_build)
    inspect = common(
        package.add_parser("inspect", help=both(tc("command help", "inspect a package")))
    )
    inspect.add_argument("package")
    inspect.add_argument("--bureau", help="also check the signer is this bureau")
    inspect.set_defaults(run=package_inspect)
    opening = common(
        package.add_parser("open", help=both(tc("command help", "open a package as an expert")))
    )
    opening.add_argument("package")
    opening.add_argument("--expert", required=True)
    opening.add_argument("--passphrase-file")
    opening.add_argument("--bureau-fingerprint", help="refuse unless signed by this bureau")
    opening.set_defaults(run=package_open)

    returns = sub.add_parser(
        "return", help=both(tc("command help", "score returns"))
    ).add_subparsers(dest="return_command", required=True, parser_class=parser_class)
    make = common(
        returns.add_parser("make", help=both(tc("command help", "make a signed, encrypted return")))
    )
    make.add_argument("package")
    make.add_argument("scores")
    make.add_argument("--out", required=True)
    make.add_argument("--passphrase-file")
    make.add_argument(
        "--pdf-dir", help="also write the signed opinion PDF of each scored application here"
    )
    make.add_argument(
        "--bureau-fingerprint",
        help="the bureau fingerprint printed on your passphrase sheet (needed when this computer "
        "knows the round from another bureau)",
    )
    make.set_defaults(run=return_make)
    verify = common(
        returns.add_parser("verify", help=both(tc("command help", "verify returns (bureau)")))
    )
    verify.add_argument("files", nargs="+")
    verify.add_argument("--bureau", required=True)
    verify.add_argument(
        "--round", help="ROUND.json: also require the returns to belong to this round"
    )
    verify.add_argument("--passphrase-file")
    verify.set_defaults(run=return_verify)


__all__ = ["add_parsers", "TicError"]
