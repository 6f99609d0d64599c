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

from tic_desktop.catalogue import Said, t, tc
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


MANIFEST = tc("signed document", "manifest")
RETURN = tc("signed document", "return")


def parse_signed_json(payload: bytes, file: Path, what: Said) -> dict[str, Any]:
    """Strict JSON for signed documents: bounded depth, no duplicate keys, no NaN.

    ``what`` names the document for people (:data:`MANIFEST`, :data:`RETURN`).
    """
    if not _json_depth_ok(payload):
        raise SecurityError(
            t("{file}: {what} is nested too deeply", file=file.name, what=what),
            reason="malformed",
        )
    try:
        data = json.loads(
            payload.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_refuse_constant,
        )
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise SecurityError(
            t("{file}: malformed {what} ({error})", file=file.name, what=what, error=error),
            reason="malformed",
        ) from None
    if not isinstance(data, dict):
        raise SecurityError(
            t("{file}: malformed {what}", file=file.name, what=what), reason="malformed"
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
                t("{expert} is not a member of this panel", expert=expert_id),
                reason="unknown_expert",
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
                t("this package was not signed by the bureau that issued your credential; refused"),
                reason="wrong_bureau",
            )
        if (
            credential.expert_id != expert_id
            or member is None
            or credential.fingerprint != member.certificate_fingerprint
        ):
            raise SecurityError(
                t("the credential does not match this package's member"), reason="unknown_expert"
            )
        if credential.round_id != self.manifest.round.id:
            raise SecurityError(t("the credential belongs to another round"), reason="wrong_round")

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
        t(
            "{file}: member {member} does not match the signed manifest (swapped or altered)",
            file=file.name,
            member=member,
        ),
        reason="tampered",
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
                t("{file}: not signed by a bureau root certificate", file=file.name),
                reason="bad_signature",
            )
        payload = jws.verify(token, signer)
        fingerprint = certificates.fingerprint(signer)
        if trusted_fingerprints is not None and fingerprint not in trusted_fingerprints:
            raise SecurityError(
                t(
                    "{file}: signed by a different bureau (fingerprint {fingerprint}); refused",
                    file=file.name,
                    fingerprint=short_fingerprint(fingerprint),
                ),
                reason="wrong_bureau",
            )
        data = parse_signed_json(payload, file, MANIFEST)
        try:
            manifest = Manifest.model_validate(data)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            raise SecurityError(
                t("{file}: invalid manifest field {field}", file=file.name, field=first["loc"]),
                reason="malformed",
            ) from None
        if manifest.bureau.fingerprint != fingerprint:
            raise SecurityError(
                t("{file}: manifest bureau differs from the signer", file=file.name),
                reason="bad_signature",
            )
        listed = {m.path for m in manifest.files()}
        present = container.names() - {MANIFEST_NAME}
        if listed != present:
            extra = sorted(present - listed)[:3]
            missing = sorted(listed - present)[:3]
            raise SecurityError(
                t(
                    "{file}: members differ from the signed manifest "
                    "(extra {extra}, missing {missing})",
                    file=file.name,
                    extra=extra,
                    missing=missing,
                ),
                reason="tampered",
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
