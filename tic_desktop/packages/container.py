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
from typing import BinaryIO

from tic_desktop.security.errors import SecurityError

MAX_MEMBERS = 20_000
MAX_MANIFEST_BYTES = 8 * 1024 * 1024


def _refuse(file: Path, zh: str, en: str, reason: str = "malformed") -> SecurityError:
    return SecurityError(f"{file.name}：{zh}", f"{file.name}: {en}", reason)


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
        try:
            self._zip = zipfile.ZipFile(self.file)
        except FileNotFoundError:
            raise _refuse(self.file, "文件不存在", "file not found") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise _refuse(
                self.file,
                "不是完整的评审包（文件损坏或被截断）",
                f"not a complete package (damaged or truncated: {error})",
            ) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(self.file, "成员数量异常", "too many members")
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if not check_member_name(info.filename):
                raise _refuse(
                    self.file,
                    f"成员名称不安全：{info.filename!r}",
                    f"unsafe member name {info.filename!r}",
                )
            if info.filename in self._infos:
                raise _refuse(
                    self.file, f"成员重复：{info.filename}", f"duplicate member {info.filename}"
                )
            if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
                raise _refuse(
                    self.file,
                    f"成员 {info.filename} 被压缩（评审包只允许存储方式）",
                    f"member {info.filename} is compressed (packages store members uncompressed)",
                )
            self._infos[info.filename] = info

    def names(self) -> set[str]:
        return set(self._infos)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read_small(self, name: str, limit: int = MAX_MANIFEST_BYTES) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise _refuse(self.file, f"缺少 {name}", f"{name} is missing")
        if info.file_size > limit:
            raise _refuse(
                self.file,
                f"{name} 过大（{info.file_size} 字节）",
                f"{name} is too large ({info.file_size} bytes)",
            )
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise _refuse(
                self.file,
                f"读取 {name} 失败（文件损坏）",
                f"cannot read {name} (damaged: {error})",
            ) from None

    def open_member(self, name: str) -> BinaryIO:
        """The member's stored bytes, read straight from the file.

        zipfile would also compute a CRC-32 over every byte in the reading thread; the SHA-256
        in the signed manifest already covers each member, so the bytes are read as they are.
        """
        info = self._infos.get(name)
        if info is None:
            raise _refuse(self.file, f"缺少 {name}", f"{name} is missing")
        if info.header_offset < 0:  # a crafted central directory: seeking there would raise OSError
            raise _refuse(
                self.file, f"成员 {name} 的文件头损坏", f"member {name} has a damaged local header"
            )
        handle = self.file.open("rb")
        try:
            handle.seek(info.header_offset)
            header = handle.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
                raise _refuse(
                    self.file,
                    f"成员 {name} 的文件头损坏",
                    f"member {name} has a damaged local header",
                )
            name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
            handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        except BaseException:
            handle.close()
            raise
        return _MemberReader(handle, info.compress_size)

    def close(self) -> None:
        self._zip.close()


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


class _MemberReader(io.RawIOBase):
    """Reads at most ``size`` bytes from an open file; a short file simply ends early (the hash catches it)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        super().__init__()
        self._handle = handle
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self._left)]
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

    def open_member(self, name: str, size_hint: int) -> BinaryIO:
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
