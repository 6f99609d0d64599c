"""The package container: a plain ZIP with stored (not deflated) members, read defensively.

Encrypted members do not compress, and refusing compression removes zip bombs outright.
Member names are checked before anything is read: no absolute paths, no ``..``, no
backslashes, no duplicates, no members the manifest does not list.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, BinaryIO

from tic_desktop.catalogue import Said, t
from tic_desktop.domain.files import open_regular_file
from tic_desktop.errors import InputError
from tic_desktop.security.errors import SecurityError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

MAX_MEMBERS = 20_000
MAX_MANIFEST_BYTES = 8 * 1024 * 1024


def _refuse(file: Path, problem: Said, reason: str = "malformed") -> SecurityError:
    return SecurityError(
        t("{subject}: {problem}", subject=file.name, problem=problem), reason=reason
    )


def check_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not path.is_absolute()
        and ".." not in path.parts
        and not name.startswith("/")
        and ":" not in path.parts[0]
    )


class PackageContainer:
    """Read access to a package ZIP whose structure has been checked."""

    def __init__(self, file: Path) -> None:
        self.file = Path(file)
        self._handle = _open_package_file(self.file)
        try:
            # zipfile reads every central-directory entry before we could count them: the end
            # record's count and size are checked first, so a crafted file cannot make it parse
            # hundreds of thousands of entries.
            _refuse_oversized_directory(self.file, self._handle)
            self._zip = zipfile.ZipFile(self._handle)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            self._handle.close()
            raise _refuse(
                self.file,
                t(
                    "not a complete package (damaged or truncated: {error})",
                    error=error,
                ),
            ) from None
        except BaseException:
            self._handle.close()
            raise
        try:
            self._check_members()
        except BaseException:
            self.close()
            raise

    def _check_members(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(self.file, t("too many members"))
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if not check_member_name(info.filename):
                raise _refuse(self.file, t("unsafe member name {name}", name=repr(info.filename)))
            if info.filename in self._infos:
                raise _refuse(self.file, t("duplicate member {name}", name=info.filename))
            if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
                raise _refuse(
                    self.file,
                    t(
                        "member {name} is compressed (packages store members uncompressed)",
                        name=info.filename,
                    ),
                )
            self._infos[info.filename] = info

    def names(self) -> set[str]:
        return set(self._infos)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read_small(self, name: str, limit: int = MAX_MANIFEST_BYTES) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise _refuse(self.file, t("{name} is missing", name=name))
        if info.file_size > limit:
            raise _refuse(
                self.file, t("{name} is too large ({size} bytes)", name=name, size=info.file_size)
            )
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise _refuse(
                self.file,
                t(
                    "cannot read {name} (damaged: {error})",
                    name=name,
                    error=error,
                ),
            ) from None

    def open_member(self, name: str) -> io.RawIOBase:
        """The member's stored bytes, read straight from the file.

        zipfile would also compute a CRC-32 over every byte in the reading thread; the SHA-256
        in the signed manifest already covers each member, so the bytes are read as they are.
        """
        info = self._infos.get(name)
        if info is None:
            raise _refuse(self.file, t("{name} is missing", name=name))
        if info.header_offset < 0:  # a crafted central directory: seeking there would raise OSError
            raise _refuse(self.file, t("member {name} has a damaged local header", name=name))
        handle = _open_package_file(self.file)
        try:
            handle.seek(info.header_offset)
            header = handle.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
                raise _refuse(self.file, t("member {name} has a damaged local header", name=name))
            name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
            handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        except BaseException:
            handle.close()
            raise
        return _MemberReader(handle, info.compress_size)

    def close(self) -> None:
        try:
            self._zip.close()
        finally:
            self._handle.close()


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
# End of central directory: signature, this disk, directory's disk, entries on this disk, entries,
# directory size, directory offset, comment length (APPNOTE 4.3.16); and the ZIP64 locator and
# record.
_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")
_MAX_COMMENT = 0xFFFF
# A package's central directory holds at most MAX_MEMBERS entries of short names (~120 bytes each).
MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1024 * 1024


def _open_package_file(file: Path) -> io.BufferedReader:
    """The package file opened for reading, if it is a regular file (a FIFO would block)."""
    try:
        return open_regular_file(file, file.name)
    except InputError as error:
        raise _refuse(file, error.problem) from None


def _refuse_oversized_directory(file: Path, handle: BinaryIO) -> None:
    """Refuse a file whose end record announces more than MAX_MEMBERS entries or a central
    directory larger than any package's; a file without an end record is left to zipfile."""
    size = handle.seek(0, io.SEEK_END)
    tail_size = min(size, _END_RECORD.size + _MAX_COMMENT)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _END_RECORD.size > len(tail):
        return
    _, _, _, on_disk, entries, directory_size, _, _ = _END_RECORD.unpack_from(tail, at)
    entries = max(on_disk, entries)
    locator_at = at - _ZIP64_LOCATOR.size
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == b"PK\x06\x07":
        _, _, record_offset, _ = _ZIP64_LOCATOR.unpack_from(tail, locator_at)
        if 0 <= record_offset <= size - _ZIP64_END_RECORD.size:
            handle.seek(record_offset)
            record = handle.read(_ZIP64_END_RECORD.size)
            if len(record) == _ZIP64_END_RECORD.size and record[:4] == b"PK\x06\x06":
                fields = _ZIP64_END_RECORD.unpack(record)
                entries = max(entries, fields[6], fields[7])
                directory_size = max(directory_size, fields[8])
    handle.seek(0)
    if entries > MAX_MEMBERS:
        raise _refuse(
            file,
            t(
                "too many members (the end record claims {entries}; a package has at most {limit})",
                entries=entries,
                limit=MAX_MEMBERS,
            ),
        )
    if directory_size > MAX_CENTRAL_DIRECTORY_BYTES:
        raise _refuse(
            file,
            t("the central directory is too large ({size} bytes)", size=directory_size),
        )


class _MemberReader(io.RawIOBase):
    """Reads at most ``size`` bytes from an open file; a short file simply ends early (the hash
    catches it)."""

    def __init__(self, handle: io.BufferedReader, size: int) -> None:
        super().__init__()
        self._handle = handle
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)
        view = view[: min(len(view), self._left)]
        count = self._handle.readinto(view)
        self._left -= count
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()


class PackageWriter:
    """Writes a package to a temporary name; only ``commit`` makes it appear under its real name."""

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self._partial = self.target.with_name(f".{self.target.name}.partial")
        self._zip = zipfile.ZipFile(
            self._partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True
        )

    def add_bytes(self, name: str, data: bytes) -> None:
        assert check_member_name(name), name
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        self._zip.writestr(info, data)

    def open_member(self, name: str, size_hint: int) -> IO[bytes]:
        """A writable stream for a large member (force_zip64 when it may pass 2 GiB)."""
        assert check_member_name(name), name
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        return self._zip.open(info, "w", force_zip64=size_hint > 2**31 - 2**20)

    def commit(self) -> None:
        import os

        self._zip.close()
        with open(self._partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(self._partial, self.target)

    def abort(self) -> None:
        try:
            self._zip.close()
        finally:
            self._partial.unlink(missing_ok=True)
