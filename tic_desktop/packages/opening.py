"""Opening a package: the bureau's signature is checked before anything is decrypted.

Opening reads only the manifest, so a 1 GB package opens as fast as a small one; materials are
decrypted into memory when asked for, each checked against its hash in the signed manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from pydantic import ValidationError

from tic_desktop.domain.jsonfile import _no_duplicate_keys, _refuse_constant
from tic_desktop.packages.container import PackageContainer
from tic_desktop.packages.credentials import Credential, unlock
from tic_desktop.packages.manifest import MANIFEST_NAME, Manifest, MemberFile
from tic_desktop.security import age_files, certificates, jws
from tic_desktop.security.errors import SecurityError
from tic_desktop.security.fingerprints import short_fingerprint

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

MAX_JSON_DEPTH = 64
READ_BLOCK = 8 << 20  # bytes read from the ZIP at a time when decrypting a member
_WHAT_EN = {"清单": "manifest", "回执": "return"}  # English messages name the document in English


def _json_depth_ok(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Cheap scan before parsing, so a 100k-deep document never reaches the recursive parser."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return True  # no more openings than the limit in all: deeper nesting is impossible
    depth = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def parse_signed_json(payload: bytes, file: Path, what: str) -> dict[str, Any]:
    """Strict JSON for signed documents: bounded depth, no duplicate keys, no NaN."""
    what_en = _WHAT_EN.get(what, "document")
    if not _json_depth_ok(payload):
        raise SecurityError(
            f"{file.name}：{what}嵌套层数异常",
            f"{file.name}: {what_en} is nested too deeply",
            "malformed",
        )
    try:
        data = json.loads(
            payload.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_refuse_constant,
        )
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise SecurityError(
            f"{file.name}：{what}格式无效（{error}）",
            f"{file.name}: malformed {what_en} ({error})",
            "malformed",
        ) from None
    if not isinstance(data, dict):
        raise SecurityError(
            f"{file.name}：{what}格式无效", f"{file.name}: malformed {what_en}", "malformed"
        )
    return data


@dataclass
class OpenedPackage:
    """A package whose manifest signature checked out against its bureau certificate."""

    file: Path
    manifest: Manifest
    manifest_bytes: bytes
    bureau_certificate_pem: str
    container: PackageContainer

    @property
    def package_sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    @property
    def bureau_fingerprint(self) -> str:
        return self.manifest.bureau.fingerprint

    def sealed_credential(self, expert_id: str) -> bytes:
        member = self.manifest.member(expert_id)
        if member is None:
            raise SecurityError(
                f"{expert_id} 不是本专家组成员",
                f"{expert_id} is not a member of this panel",
                "unknown_expert",
            )
        data = self.container.read_small(member.credential.path)
        if hashlib.sha256(data).hexdigest() != member.credential.sha256:
            raise _tampered(self.file, member.credential.path)
        return data

    def unlock(self, expert_id: str, passphrase: str) -> Credential:
        """Open the expert's credential with the passphrase and bind it to this package."""
        credential = unlock(self.sealed_credential(expert_id), passphrase)
        self.check_credential(credential, expert_id)
        return credential

    def check_credential(self, credential: Credential, expert_id: str) -> None:
        member = self.manifest.member(expert_id)
        if credential.bureau_fingerprint != self.bureau_fingerprint:
            raise SecurityError(
                "该评审包不是由签发您凭据的评审局签名的，拒绝打开",
                "this package was not signed by the bureau that issued your credential; refused",
                "wrong_bureau",
            )
        if (
            credential.expert_id != expert_id
            or member is None
            or credential.fingerprint != member.certificate_fingerprint
        ):
            raise SecurityError(
                "凭据与评审包中的专家信息不符",
                "the credential does not match this package's member",
                "unknown_expert",
            )
        if credential.round_id != self.manifest.round.id:
            raise SecurityError(
                "凭据属于另一评审批次", "the credential belongs to another round", "wrong_round"
            )

    @overload
    def read_member(
        self,
        member: MemberFile,
        credential: Credential,
        what: str = "材料",
        on_read: Callable[[int], None] | None = None,
        sink: None = None,
    ) -> bytes: ...

    @overload
    def read_member(
        self,
        member: MemberFile,
        credential: Credential,
        what: str = "材料",
        on_read: Callable[[int], None] | None = None,
        *,
        sink: BinaryIO,
    ) -> None: ...

    def read_member(
        self,
        member: MemberFile,
        credential: Credential,
        what: str = "材料",
        on_read: Callable[[int], None] | None = None,
        sink: BinaryIO | None = None,
    ) -> bytes | None:
        """Decrypt one member into memory; its SHA-256 is checked before anything is returned.

        The hash is computed by a helper thread reading the same stored bytes through its own
        handle: hashlib releases the GIL that pyrage keeps, so checking costs no extra time.
        (Someone able to rewrite the package file while it is being read could race the two
        reads; age's authentication still refuses any byte not encrypted to this expert.)
        """
        identity = age_files.identity_from_text(credential.age_identity)
        digest = hashlib.sha256()
        failure: list[BaseException] = []

        def hash_member() -> None:
            try:
                with self.container.open_member(member.path) as raw:
                    while block := raw.read(READ_BLOCK):
                        digest.update(block)
            except BaseException as error:  # reported below as tampering, never a hang
                failure.append(error)

        hasher = threading.Thread(target=hash_member, name="member-sha256", daemon=True)
        hasher.start()
        try:
            with (
                self.container.open_member(member.path) as raw,
                io.BufferedReader(
                    _Counting(raw, on_read) if on_read else raw, READ_BLOCK
                ) as source,
            ):
                if sink is None:
                    plaintext = age_files.decrypt_with(source, identity, what)
                    size = len(plaintext)
                else:  # e.g. shared memory the GUI reads in place: the plaintext went there
                    age_files.decrypt_with(source, identity, what, sink=sink)
                    plaintext, size = None, sink.tell()
        finally:
            hasher.join()
        if failure or digest.hexdigest() != member.sha256 or size != member.plaintext_size:
            del plaintext
            raise _tampered(self.file, member.path)
        return plaintext

    def close(self) -> None:
        self.container.close()


class _Counting(io.RawIOBase):
    """Tells ``on_read`` how many stored bytes have been read so far (for a progress bar)."""

    def __init__(self, raw: io.RawIOBase, on_read: Callable[[int], None]) -> None:
        super().__init__()
        self._raw, self._on_read, self._done = raw, on_read, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        count = self._raw.readinto(buffer) or 0
        self._done += count
        self._on_read(self._done)
        return count


def _tampered(file: Path, member: str) -> SecurityError:
    return SecurityError(
        f"{file.name}：成员 {member} 与签名清单不符（被替换或篡改）",
        f"{file.name}: member {member} does not match the signed manifest (swapped or altered)",
        "tampered",
    )


def open_package(file: Path | str, trusted_fingerprints: set[str] | None = None) -> OpenedPackage:
    """Check structure and the bureau signature; nothing is decrypted here.

    ``trusted_fingerprints``: bureau CA fingerprints this machine trusts (from an earlier package,
    a credential, or the bureau's own workspace); a package signed by any other CA is refused.
    """
    file = Path(file)
    container = PackageContainer(file)
    try:
        token = container.read_small(MANIFEST_NAME)
        signer = jws.signer_certificate(token)
        if not certificates.is_self_signed_ca(signer):
            raise SecurityError(
                f"{file.name}：签名证书不是评审局根证书",
                f"{file.name}: not signed by a bureau root certificate",
                "bad_signature",
            )
        payload = jws.verify(token, signer)
        fingerprint = certificates.fingerprint(signer)
        if trusted_fingerprints is not None and fingerprint not in trusted_fingerprints:
            raise SecurityError(
                f"{file.name}：评审包由另一评审局签名"
                f"（指纹 {short_fingerprint(fingerprint)}），拒绝打开",
                f"{file.name}: signed by a different bureau "
                f"(fingerprint {short_fingerprint(fingerprint)}); refused",
                "wrong_bureau",
            )
        data = parse_signed_json(payload, file, "清单")
        try:
            manifest = Manifest.model_validate(data)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            raise SecurityError(
                f"{file.name}：清单字段无效 {first['loc']}",
                f"{file.name}: invalid manifest field {first['loc']}",
                "malformed",
            ) from None
        if manifest.bureau.fingerprint != fingerprint:
            raise SecurityError(
                f"{file.name}：清单中的评审局与签名者不符",
                f"{file.name}: manifest bureau differs from the signer",
                "bad_signature",
            )
        listed = {m.path for m in manifest.files()}
        present = container.names() - {MANIFEST_NAME}
        if listed != present:
            extra = sorted(present - listed)[:3]
            missing = sorted(listed - present)[:3]
            raise SecurityError(
                f"{file.name}：成员与签名清单不一致（多出 {extra}，缺少 {missing}）",
                f"{file.name}: members differ from the signed manifest "
                f"(extra {extra}, missing {missing})",
                "tampered",
            )
        for member in manifest.files():
            if container.size(member.path) != member.size:
                raise _tampered(file, member.path)
    except BaseException:
        container.close()
        raise
    return OpenedPackage(
        file, manifest, payload, certificates.certificate_to_pem(signer), container
    )
