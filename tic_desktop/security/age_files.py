"""age encryption through pyrage: X25519 recipients for data, scrypt passphrases for credentials.

pyrage holds the GIL and may write partial plaintext before it detects truncation or tampering,
so plaintext only ever goes to memory here, and a failed decryption returns nothing.
"""

from __future__ import annotations

import hashlib
import io
import queue
import threading
from typing import BinaryIO, overload

import pyrage
from pyrage import x25519

from tic_desktop.catalogue import Text, t, tc
from tic_desktop.security.errors import SecurityError


def new_identity() -> x25519.Identity:
    return x25519.Identity.generate()


def identity_from_text(text: str) -> x25519.Identity:
    try:
        return x25519.Identity.from_str(text.strip())
    except Exception:  # pyrage raises its own IdentityError or ValueError for bad text
        raise SecurityError(t("the age identity is malformed"), reason="malformed") from None


def recipient_from_text(text: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(text.strip())
    except Exception:
        raise SecurityError(t("the age recipient is malformed"), reason="malformed") from None


def encrypt_to(data: bytes, recipients: list[str]) -> bytes:
    """Encrypt ``data`` so that any one of ``recipients`` (age1… strings) can decrypt it."""
    if not recipients:
        raise ValueError("no recipients: the data could never be decrypted")
    sealed: bytes = pyrage.encrypt(data, [recipient_from_text(r) for r in recipients])
    return sealed


def encrypt_stream(
    source: BinaryIO, target: BinaryIO | io.RawIOBase, recipients: list[str]
) -> None:
    """Stream-encrypt from ``source`` to ``target`` (for large attachments)."""
    if not recipients:
        raise ValueError("no recipients: the data could never be decrypted")
    pyrage.encrypt_io(source, target, [recipient_from_text(r) for r in recipients])


_WHAT = {
    "文件": tc("sealed file", "file"),
    "材料": tc("sealed file", "materials"),
    "回执": tc("sealed file", "return"),
    "评分副本": tc("sealed file", "score copy"),
    "照片": tc("sealed file", "photo"),
    "凭据": tc("sealed file", "credential"),
    "评审凭据": tc("sealed expert credential", "credential"),
    "评审局密钥": tc("sealed file", "bureau keys"),
}
"""What callers name what they decrypt (in Chinese), as the messages say it."""


def _said(what: str | Text) -> str | Text:
    """``what`` as a message says it: a Text as it is, a name of :data:`_WHAT` in either
    language, any other name as given in both."""
    return what if isinstance(what, Text) else _WHAT.get(what, what)


def _failure(error: Exception, what: str | Text) -> SecurityError:
    # the Chinese leaves out the library's own (English) wording of the error
    if isinstance(error, pyrage.DecryptError):
        return SecurityError(
            t(
                "cannot decrypt the {what}: wrong key or damaged header ({error})",
                what=_said(what),
                error=str(error),
            ),
            reason="cannot_decrypt",
        )
    return SecurityError(
        t(
            "cannot decrypt the {what}: the content is truncated or has been altered ({error})",
            what=_said(what),
            error=str(error),
        ),
        reason="tampered",
    )


@overload
def decrypt_with(
    data_or_stream: bytes | BinaryIO,
    identity: x25519.Identity,
    what: str | Text = "文件",
    sink: None = None,
) -> bytes: ...


@overload
def decrypt_with(
    data_or_stream: bytes | BinaryIO,
    identity: x25519.Identity,
    what: str | Text = "文件",
    *,
    sink: BinaryIO,
) -> None: ...


def decrypt_with(
    data_or_stream: bytes | BinaryIO,
    identity: x25519.Identity,
    what: str | Text = "文件",
    sink: BinaryIO | None = None,
) -> bytes | None:
    """Decrypt to memory; any failure raises SecurityError and no plaintext escapes.

    With ``sink`` (memory the caller owns, e.g. shared memory) the plaintext is written there and
    None is returned; on failure the caller must discard what the sink received.
    """
    source = io.BytesIO(data_or_stream) if isinstance(data_or_stream, bytes) else data_or_stream
    if sink is not None:
        _decrypt_io(source, sink, identity, what)
        return None
    memory = io.BytesIO()
    try:
        _decrypt_io(source, memory, identity, what)
    except SecurityError:
        memory.close()  # drop any partial plaintext pyrage produced before failing
        raise
    return memory.getvalue()


def _decrypt_io(
    source: BinaryIO, into: BinaryIO, identity: x25519.Identity, what: str | Text
) -> None:
    try:
        pyrage.decrypt_io(source, into, [identity])
    except (pyrage.DecryptError, OSError) as error:
        raise _failure(error, what) from None


def encrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    sealed: bytes = pyrage.passphrase.encrypt(data, passphrase)
    return sealed


def decrypt_with_passphrase(data: bytes, passphrase: str, what: str | Text = "凭据") -> bytes:
    try:
        plaintext: bytes = pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError:
        raise SecurityError(
            t("wrong passphrase: cannot open the {what}", what=_said(what)),
            reason="wrong_passphrase",
        ) from None
    except OSError as error:
        raise _failure(error, what) from None
    return plaintext


class BackgroundSha256:
    """SHA-256 computed in a helper thread, block by block, in order.

    pyrage keeps the GIL while it encrypts or decrypts, but hashlib releases it while it hashes a
    large block: handing each block to a helper thread (and waiting only until the helper has
    started on it) lets the hash run on another core while pyrage works on the next block.
    Small inputs are hashed inline; the thread starts with the first large block.
    """

    THREAD_FROM = 1 << 20

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self._jobs: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self._started = threading.Semaphore(0)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def _run(self) -> None:
        while (block := self._jobs.get()) is not None:
            self._started.release()
            if self._error is None:
                try:
                    self._sha256.update(block)  # releases the GIL for the length of the block
                except (
                    BaseException
                ) as error:  # e.g. MemoryError: reported by finish(), never a hang
                    self._error = error

    def update(self, block: bytes) -> None:
        if self._thread is None:
            if len(block) < self.THREAD_FROM:
                self._sha256.update(block)
                return
            self._thread = threading.Thread(target=self._run, name="sha256", daemon=True)
            self._thread.start()
        self._jobs.put(block)
        # Wait (without the GIL) until the helper has taken this block and entered update(): this
        # hands it the GIL, which pyrage would otherwise keep, and waits for the previous block if
        # it is slower.
        self._started.acquire()

    def finish(self) -> hashlib._Hash:
        """Wait for the helper and return the finished hash object (idempotent)."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error
        return self._sha256
