"""Attachments decrypted into shared memory by a kept worker process: never a file on disk.

pyrage holds the GIL while it decrypts: a 200 MB attachment decrypted in a window's process
would freeze the window. One worker process per window (:class:`AttachmentWorker`, forked once)
decrypts straight into shared memory that the window's process created and then reads in place
(the PDF viewer): no copy crosses back. The protocol is small and typed:

- :class:`AttachmentRequest`: what to decrypt (:meth:`AttachmentRequest.of` a desk's attachment);
- :meth:`AttachmentWorker.job` allocates the memory and returns a :class:`DecryptJob`;
- :meth:`DecryptJob.run` (blocks: call it off the GUI thread) returns the :class:`Plaintext`,
  which the receiver releases; :meth:`DecryptJob.progress` is a :class:`Progress` at any time,
  read from 8 bytes of shared memory the worker writes; :meth:`DecryptJob.cancel` stops the
  worker at its next block (:class:`DecryptCancelled`), leaving no plaintext behind.

Qt-free; heavy modules (the package reader, age) are imported in the functions that need them,
so that a window importing this module starts as fast as before.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import io
import os
import struct
import threading
import time
from dataclasses import dataclass
from multiprocessing import shared_memory
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from tic_desktop.catalogue import t
from tic_desktop.errors import TicError
from tic_desktop.processes import WorkerProcess
from tic_desktop.progress import Progress

if TYPE_CHECKING:
    from collections.abc import Callable

    from tic_desktop.expert.desk import ExpertDesk
    from tic_desktop.packages.opening import OpenedPackage

_PROGRESS = struct.Struct("<qq")
"""The progress segment: stored bytes read so far, and a cancel flag (non-zero: stop)."""


def _buf(segment: shared_memory.SharedMemory) -> memoryview:
    view = segment.buf
    assert view is not None, "the segment is closed"
    return view


class DecryptCancelled(TicError):
    """The job was cancelled (the expert moved on); nothing was kept."""

    def __init__(self) -> None:
        super().__init__(t("decryption cancelled"))


@dataclass(frozen=True)
class AttachmentRequest:
    """One attachment of one application, and what the worker needs to decrypt it."""

    package_file: str
    application_id: str
    index: int
    credential_json: str
    title: str
    stored_size: int  # bytes read from the package (what progress counts)
    plaintext_size: int  # bytes of shared memory the PDF takes

    @classmethod
    def of(cls, desk: ExpertDesk, application_id: str, index: int) -> AttachmentRequest:
        desk.require_unlocked(application_id)
        entry = desk.manifest.application(application_id)
        assert entry is not None  # require_unlocked checked it
        attachment = entry.attachments[index]
        return cls(
            str(desk.package.file),
            application_id,
            index,
            desk.credential.to_json(),
            attachment.title,
            attachment.file.size,
            attachment.file.plaintext_size,
        )


class Plaintext:
    """A decrypted attachment in shared memory, read in place by the viewer; gone on release."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.segment: shared_memory.SharedMemory | None = shared_memory.SharedMemory(
            create=True, size=max(1, size)
        )

    def array(self) -> Any:
        assert self.segment is not None and self.segment.buf is not None
        return (ctypes.c_char * self.size).from_buffer(self.segment.buf)

    def release(self) -> None:
        if self.segment is None:
            return
        segment, self.segment = self.segment, None
        segment.unlink()  # the name goes now; the memory when the last mapping is closed
        _lingering.append(segment)
        for waiting in list(_lingering):
            try:
                waiting.close()
            except BufferError:  # a view of it (pdfium's ctypes array) is still being dropped
                continue
            _lingering.remove(waiting)


_lingering: list[shared_memory.SharedMemory] = []
"""Unlinked segments whose mapping could not be closed yet; closed at a later release."""


@atexit.register
def _forget_lingering() -> None:
    # At exit the mappings go with the process; closing them from __del__ would only complain.
    for segment in _lingering:
        segment._buf = segment._mmap = None  # type: ignore[attr-defined]
    _lingering.clear()


class DecryptJob:
    """One attachment on its way through the worker process into shared memory."""

    def __init__(self, process: WorkerProcess, request: AttachmentRequest) -> None:
        self.request = request
        self._process = process
        self._lock = threading.Lock()
        self._cancelled = False
        self._final = Progress(0, request.stored_size)
        self._progress: shared_memory.SharedMemory | None = shared_memory.SharedMemory(
            create=True, size=_PROGRESS.size
        )
        _PROGRESS.pack_into(_buf(self._progress), 0, 0, 0)
        self.plaintext = Plaintext(request.plaintext_size)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def progress(self) -> Progress:
        with self._lock:
            if self._progress is None:
                return self._final
            done, _cancel = _PROGRESS.unpack_from(_buf(self._progress), 0)
            return Progress(done, self.request.stored_size)

    def cancel(self) -> None:
        """Ask the worker to stop; :meth:`run` then raises :class:`DecryptCancelled`."""
        with self._lock:
            self._cancelled = True
            if self._progress is not None:
                _PROGRESS.pack_into(_buf(self._progress), 0, 0, 1)

    def run(self) -> Plaintext:
        """Decrypt in the worker process and wait (off the GUI thread); the caller releases it."""
        request = self.request
        assert self.plaintext.segment is not None and self._progress is not None
        try:
            if self._cancelled:
                raise DecryptCancelled()
            self._process.run(
                _decrypt_attachment,
                request.package_file,
                request.application_id,
                request.index,
                request.credential_json,
                self._progress.name,
                self.plaintext.segment.name,
            )
            if self._cancelled:  # done anyway, but nobody wants it any more
                raise DecryptCancelled()
        except BaseException:
            self.plaintext.release()
            self._finish()
            if self._cancelled:
                raise DecryptCancelled() from None
            raise
        self._finish()
        return self.plaintext

    def _finish(self) -> None:
        with self._lock:
            segment, self._progress = self._progress, None
            if segment is None:
                return
            done, _cancel = _PROGRESS.unpack_from(_buf(segment), 0)
            self._final = Progress(done, self.request.stored_size)
            segment.close()
            segment.unlink()


class AttachmentWorker:
    """A window's one worker process for attachments: forked at the first job, then kept."""

    def __init__(self) -> None:
        self.process = WorkerProcess()

    def warm_up(self, package_file: str) -> None:
        """Start the process and open (verify) the package there before it is needed (blocks)."""
        self.process.run(_warm_up, package_file)

    def job(self, request: AttachmentRequest) -> DecryptJob:
        """Allocate the shared memory for ``request``; :meth:`DecryptJob.run` does the work."""
        return DecryptJob(self.process, request)

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """Any other job in the same process (blocks; e.g. the benchmark's measurements)."""
        return self.process.run(function, *args)

    def shutdown(self) -> None:
        self.process.shutdown()


# --- in the worker process -----------------------------------------------------------------
class _SegmentWriter(io.RawIOBase):
    """pyrage writes the plaintext straight into the shared-memory segment the GUI created."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view: memoryview | None = view
        self.written = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.written

    def write(self, data: Any) -> int:
        assert self._view is not None
        size = len(data)
        end = self.written + size
        if end > len(self._view):
            raise OSError("more plaintext than the manifest announced")
        self._view[self.written : end] = data
        self.written = end
        return size


_worker_packages: dict[tuple[str, int, int, int], OpenedPackage] = {}
"""In the worker process: packages already opened and verified, by path and file identity."""


def _worker_package(package_file: str) -> OpenedPackage:
    from tic_desktop.packages.opening import open_package

    info = os.stat(package_file)
    key = (package_file, info.st_size, info.st_mtime_ns, info.st_ino)
    package = _worker_packages.get(key)
    if package is None:
        for stale in [k for k in _worker_packages if k[0] == package_file]:
            _worker_packages.pop(stale).close()
        package = _worker_packages[key] = open_package(Path(package_file))
    return package


def _warm_up(package_file: str) -> None:
    _worker_package(package_file)  # (the package itself stays in the worker)


def _allocate(segment: shared_memory.SharedMemory) -> None:
    """Allocate the segment's memory in one call before writing into it.

    Page by page, each first write to shared memory faults and allocates (≈ 0.3 s per 60 MiB
    here, more than the decryption); one fallocate is ≈ 0.05 s. It also fails cleanly when
    /dev/shm cannot hold the attachment, where writing would kill the process with SIGBUS.
    """
    fd = getattr(segment, "_fd", -1)
    if fd < 0 or not hasattr(os, "posix_fallocate"):
        return
    try:
        os.posix_fallocate(fd, 0, segment.size)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.ENOMEM):
            raise TicError(
                t(
                    "not enough memory to open the attachment in memory "
                    "(close other programs and retry)"
                )
            ) from None


_worker_timings: list[tuple[float, float]] = []
"""In the worker process: how long each decryption took there (for the benchmark)."""


def worker_last_timing() -> tuple[float, float]:
    """(seconds in all, of which before read_member: allocation, package, credential check)."""
    return _worker_timings[-1] if _worker_timings else (float("nan"), float("nan"))


def worker_peak_rss_kib() -> int:
    """The worker process's own peak RSS (for the benchmark)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _decrypt_attachment(
    package_file: str,
    application_id: str,
    index: int,
    credential_json: str,
    progress_name: str,
    segment_name: str,
) -> int:
    from tic_desktop.packages.credentials import Credential

    # Attaching registers the names again with the one resource tracker the processes share; the
    # GUI's unlink unregisters them once. Unregistering here too made the tracker print a KeyError.
    progress = shared_memory.SharedMemory(name=progress_name)
    segment = shared_memory.SharedMemory(name=segment_name)
    started = time.perf_counter()
    sink = _SegmentWriter(_buf(segment))

    def on_read(done: int) -> None:
        struct.pack_into("<q", _buf(progress), 0, done)
        if _PROGRESS.unpack_from(_buf(progress), 0)[1]:
            raise DecryptCancelled()

    try:
        if _PROGRESS.unpack_from(_buf(progress), 0)[1]:
            raise DecryptCancelled()
        _allocate(segment)
        package = _worker_package(package_file)
        credential = Credential.from_json(credential_json)
        package.check_credential(credential, credential.expert_id)
        entry = package.manifest.application(application_id)
        assert entry is not None
        checked = time.perf_counter()
        package.read_member(
            entry.attachments[index].file, credential, on_read=on_read, sink=cast(BinaryIO, sink)
        )
        _worker_timings.append((time.perf_counter() - started, checked - started))
        return sink.written
    except BaseException:
        _buf(segment)[: sink.written] = bytes(sink.written)  # no partial plaintext left behind
        raise
    finally:
        sink._view = None
        progress.close()
        segment.close()
