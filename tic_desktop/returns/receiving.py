"""The bureau receiving returns: decrypt, verify signature and chain, check membership, classify.

Classification follows formats.md (``tic aggregate``): accepted, superseded (an older revision
from the same expert and package), duplicate (byte-identical to an accepted one), or rejected
with a reason: bad_signature, unknown_expert, wrong_round, cannot_decrypt, malformed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from tic_desktop.bureau.workspace import BureauKeys, BureauWorkspace
from tic_desktop.packages.opening import parse_signed_json
from tic_desktop.returns.making import FORMAT
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.security.errors import SecurityError

MAX_RETURN_BYTES = 16 * 1024 * 1024

STATUS_TEXT = {
    "accepted": "接收",
    "superseded": "已被取代",
    "duplicate": "重复",
    "rejected": "拒收",
}

REASON_TEXT = {
    "bad_signature": (
        "签名无效或签名证书不是本局签发",
        "invalid signature, or a certificate not issued by this bureau",
    ),
    "unknown_expert": (
        "该专家不属于此评审包的专家组",
        "the expert is not a member of the package's panel",
    ),
    "wrong_round": (
        "不属于本评审批次或本局发出的评审包",
        "not for this round or for a package this bureau built",
    ),
    "cannot_decrypt": (
        "无法解密（不是发给本局的文件，或文件损坏）",
        "cannot decrypt (not addressed to this bureau, or damaged)",
    ),
    "malformed": ("文件内容格式无效", "malformed content"),
}


@dataclass
class ReceivedReturn:
    """One return file as the bureau sees it; ``document`` and ``sheet`` only when verified."""

    file: Path
    file_sha256: str
    status: str = "rejected"
    reason: str | None = None
    detail: str = ""
    expert: str | None = None
    revision: int | None = None
    created_at: str = ""
    package_sha256: str | None = None
    panel: str | None = None
    package_built_at: str = (
        ""  # when the bureau built the package (from its registry), for rebuilt panels
    )
    document: dict = field(default_factory=dict)
    sheet: ScoreSheet | None = None

    def as_json(self) -> dict:
        return {
            "file": self.file.name,
            "expert": self.expert,
            "status": self.status,
            "reason": self.reason,
        }


def _rejected(item: ReceivedReturn, reason: str, detail: str = "") -> ReceivedReturn:
    item.status, item.reason, item.detail = "rejected", reason, detail or REASON_TEXT[reason][0]
    return item


def verify_return(
    file: Path,
    workspace: BureauWorkspace,
    keys: BureauKeys,
    round_id: str | None,
    registry: Callable[[], dict[str, dict]] | None = None,
) -> ReceivedReturn:
    """Check one file; never raises for a bad return, only classifies it.

    ``registry`` returns the package registry (default: ``workspace.registry``, which reads packages.json);
    ``receive_returns`` passes one that reads it once for all its files.
    """
    file = Path(file)
    data = file.read_bytes() if file.stat().st_size <= MAX_RETURN_BYTES else b""
    item = ReceivedReturn(file, hashlib.sha256(data).hexdigest())
    if not data:
        return _rejected(item, "malformed", "文件为空或过大")
    try:
        token = age_files.decrypt_with(data, keys.identity, "回执")
    except SecurityError as error:
        return _rejected(item, "cannot_decrypt", error.message_zh)
    try:
        certificate = jws.signer_certificate(token)
        signer = certificates.verify_issued_by(certificate, workspace.ca_certificate)
        payload = jws.verify(token, certificate)
    except SecurityError as error:
        return _rejected(
            item, "bad_signature" if error.reason != "malformed" else "malformed", error.message_zh
        )
    try:
        document = parse_signed_json(payload, file, "回执")
        if document.get("format") != FORMAT:
            raise SecurityError("格式标识不符", "wrong format tag", "malformed")
        sheet = ScoreSheet.model_validate({k: document[k] for k in ("expert", "coi", "scores")})
        revision, expert = document["revision"], document["expert"]
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
            raise SecurityError("修订号无效", "invalid revision", "malformed")
        if not isinstance(document.get("package_sha256"), str):  # looked up in the registry below
            raise SecurityError("评审包哈希无效", "invalid package hash", "malformed")
    except (SecurityError, ValidationError, KeyError, TypeError) as error:
        return _rejected(item, "malformed", str(error).splitlines()[0])
    item.expert, item.revision, item.document, item.sheet = expert, revision, document, sheet
    item.created_at = str(document.get("created_at", ""))
    item.package_sha256 = document.get("package_sha256")
    if (
        document.get("expert_fingerprint") != signer.fingerprint
        or signer.expert_id != expert
        or sheet.expert != expert
    ):
        return _rejected(item, "bad_signature", "签名证书与回执中的专家不符")
    if (
        document.get("bureau_fingerprint") != workspace.fingerprint
        or document.get("bureau_recipient") != workspace.age_recipient
    ):
        return _rejected(item, "wrong_round", "回执指向另一评审局")
    package = (registry or workspace.registry)().get(item.package_sha256 or "")
    if package is None or (
        round_id is not None and (document.get("round") != round_id or package["round"] != round_id)
    ):
        return _rejected(item, "wrong_round")
    if document.get("round") != package["round"] or document.get("panel") != package["panel"]:
        return _rejected(item, "wrong_round", "回执中的批次或专家组与评审包不符")
    if expert not in package["members"]:
        return _rejected(item, "unknown_expert")
    if _member_fingerprint(workspace, package, expert) != signer.fingerprint:
        # a certificate this bureau issued to the same person for another round (or a replaced one)
        return _rejected(item, "bad_signature", "签名证书不是本局为该评审包签发给此专家的凭据")
    item.panel, item.package_built_at = package["panel"], str(package.get("built_at", ""))
    item.status, item.reason, item.detail = "accepted", None, "签名有效"
    return item


def _member_fingerprint(workspace: BureauWorkspace, package: dict, expert: str) -> str | None:
    """The certificate the package was built with for ``expert`` (registry, else the issued credential)."""
    known = package.get("member_fingerprints")
    if known is not None:
        return known.get(expert)
    public = (
        workspace.credentials_dir(package["round"]) / f"{expert}.json"
    )  # packages registered earlier
    try:
        pem = json.loads(public.read_text(encoding="utf-8"))["certificate_pem"]
        return certificates.fingerprint(certificates.certificate_from_pem(pem))
    except (OSError, ValueError, KeyError, TypeError, SecurityError):
        return None


def _newer_key(item: ReceivedReturn) -> tuple:
    # A panel's package may have been rebuilt (tic package build --replace): a return on the newer
    # package wins whatever its revision, which counts per package; within one package the revision.
    return item.package_built_at, item.package_sha256 or "", item.revision, item.created_at


def classify_returns(items: list[ReceivedReturn]) -> list[ReceivedReturn]:
    """Among verified returns: per (round, panel, expert) the newest — on the newest package of that
    panel, then the highest revision — is accepted; the rest are superseded or, when byte-identical
    to the accepted one, duplicate. Input order is kept, so the result does not depend on it."""
    best: dict[tuple, ReceivedReturn] = {}

    def key(item: ReceivedReturn) -> tuple:
        return item.document.get("round"), item.panel or item.package_sha256, item.expert

    for item in items:
        if item.status != "accepted":
            continue
        current = best.get(key(item))
        if current is None or _newer_key(item) > _newer_key(current):
            best[key(item)] = item
    for item in items:
        if item.status != "accepted":
            continue
        winner = best[key(item)]
        if item is winner:
            continue
        if item.file_sha256 == winner.file_sha256:
            item.status, item.detail = "duplicate", "与已接收的文件完全相同"
        else:
            item.status, item.detail = (
                "superseded",
                (
                    f"已被第 {winner.revision} 版取代"
                    if winner.package_sha256 == item.package_sha256
                    else "已被重新生成的评审包上的回执取代"
                ),
            )
    return items


def receive_returns(
    files: list[Path], workspace: BureauWorkspace, keys: BureauKeys, round_id: str | None
) -> list[ReceivedReturn]:
    """Verify and classify ``files``; packages.json is read once (when the first file needs it), not per file."""
    loaded: list[dict[str, dict]] = []

    def registry() -> dict[str, dict]:
        if not loaded:
            loaded.append(workspace.registry())
        return loaded[0]

    return classify_returns([verify_return(f, workspace, keys, round_id, registry) for f in files])
