"""Opening the files people hand us: regular files only, and attachments kept inside their folder.

A named pipe (FIFO) or a device given as an input would make a plain ``open`` wait forever or read
without end, so every input is checked with ``stat`` before it is opened, opened without blocking
and checked again on the open handle (the name may have been swapped in between).

An application's attachment paths are written by the applicant: the bureau must never read (and
pack) anything of its own disk through them. :func:`attachment_path_problem` refuses the shapes
that leave the folder whatever the disk holds (absolute paths, Windows drives and shares, ``..``);
:func:`confined_attachment` resolves links and refuses one that leads out of the folder, or
anything but a regular file; :meth:`ConfinedFile.open` opens the file again right before reading,
component by component without following links, so a link planted after the check is refused too.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal, overload

from tic_desktop.catalogue import Text, t, tc
from tic_desktop.errors import InputError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LINK_ERRNOS = {errno.ELOOP, errno.EMLINK, errno.ENOTDIR}
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def _kind(mode: int) -> Text:
    if stat.S_ISDIR(mode):
        return tc("file kind", "a folder")
    if stat.S_ISFIFO(mode):
        return tc("file kind", "a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tc("file kind", "a device")
    if stat.S_ISSOCK(mode):
        return tc("file kind", "a socket")
    return tc("file kind", "a special file")


def _not_regular(shown: str, field: str | None, mode: int) -> InputError:
    return InputError(
        shown, field, t("not a regular file (it is {kind}); refused", kind=_kind(mode))
    )


def _cannot_read(shown: str, field: str | None, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(shown, field, t("file not found"))
    reason = error.strerror or str(error)
    return InputError(shown, field, t("cannot read file ({reason})", reason=reason))


def require_regular_file(
    path: Path | str, shown: str | None = None, field: str | None = None
) -> os.stat_result:
    """``stat`` of ``path`` (links followed), or InputError if it is missing or not a regular file.

    Never opens the file, so a FIFO or a device is refused at once instead of blocking.
    """
    shown = shown if shown is not None else str(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise _cannot_read(shown, field, error) from None
    except ValueError:  # an embedded NUL byte in the name
        raise InputError(shown, field, t("invalid file name")) from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(shown, field, info.st_mode)
    return info


@overload
def _opened_regular(fd: int, shown: str, field: str | None) -> io.BufferedReader: ...


@overload
def _opened_regular(fd: int, shown: str, field: str | None, buffering: Literal[0]) -> io.FileIO: ...


def _opened_regular(
    fd: int, shown: str, field: str | None, buffering: Literal[0, -1] = -1
) -> io.BufferedReader | io.FileIO:
    """``fd`` as a blocking binary file once it is known to be a regular file (closed otherwise)."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(shown, field, info.st_mode)
        if _NONBLOCK:
            os.set_blocking(fd, True)
        if buffering == 0:
            return os.fdopen(fd, "rb", buffering=0)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_regular_file(
    path: Path | str, shown: str | None = None, field: str | None = None
) -> io.BufferedReader:
    """Open ``path`` for reading only if it is a regular file; never blocks on a FIFO."""
    shown = shown if shown is not None else str(path)
    require_regular_file(path, shown, field)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC)
    except OSError as error:
        raise _cannot_read(shown, field, error) from None
    return _opened_regular(fd, shown, field)


def read_regular_file(
    path: Path | str,
    shown: str | None = None,
    limit: int | None = None,
    field: str | None = None,
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError otherwise."""
    shown = shown if shown is not None else str(path)
    with open_regular_file(path, shown, field) as handle:
        size = os.fstat(handle.fileno()).st_size
        if limit is not None and size > limit:
            raise InputError(shown, field, t("file too large ({size} bytes)", size=size))
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as error:
            raise _cannot_read(shown, field, error) from None
    if limit is not None and len(data) > limit:  # it grew while being read
        raise InputError(shown, field, t("file too large (over {limit} bytes)", limit=limit))
    return data


# --- attachments ----------------------------------------------------------------------------------


def attachment_path_problem(file: str) -> Text | None:
    """Why ``file`` cannot be an attachment path relative to its application's folder, or None.

    Backslashes count as separators (a path written on Windows); absolute paths, Windows drives
    (``C:\\…``, ``C:…``) and shares (``\\\\server\\…``) and any ``..`` step are refused, whatever
    the disk holds.
    """
    if not file.strip():
        return t("the attachment path is empty")
    if _CONTROL.search(file):
        return t("the attachment path contains control characters")
    normalised = file.replace("\\", "/")
    if normalised.startswith("/") or _WINDOWS_DRIVE.match(normalised):
        return t(
            "the attachment path {file} is absolute: it must be relative to the application "
            "file's folder",
            file=file,
        )
    if ".." in PurePosixPath(normalised).parts:
        return t(
            "the attachment path {file} has a '..' step: attachments must stay inside the "
            "application file's folder",
            file=file,
        )
    return None


def normalised_attachment_path(file: str) -> str:
    """``file`` with Windows separators written as ``/`` (check it first)."""
    return file.replace("\\", "/")


@dataclass(frozen=True)
class ConfinedFile:
    """An attachment found inside its folder; :meth:`open` re-checks that it still is."""

    folder: Path
    """The folder the attachment must stay in, links resolved."""
    relative: PurePosixPath
    """Where it really is inside ``folder`` (links resolved, so no component is a link)."""
    shown: str
    field: str | None

    @property
    def path(self) -> Path:
        return self.folder.joinpath(*self.relative.parts)

    def open(self) -> tuple[io.FileIO, int]:
        """The open file (unbuffered) and its size, opened without following any link below
        ``folder``."""
        parts = self.relative.parts
        try:
            if _NOFOLLOW and _DIRECTORY and os.open in os.supports_dir_fd:
                folder_fd = os.open(self.folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
                try:
                    for part in parts[:-1]:
                        inner = os.open(
                            part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=folder_fd
                        )
                        os.close(folder_fd)
                        folder_fd = inner
                    fd = os.open(
                        parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder_fd
                    )
                finally:
                    os.close(folder_fd)
            else:  # no openat (Windows): the path as checked, the last component not followed
                fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY | _CLOEXEC)
        except FileNotFoundError:
            raise InputError(
                self.shown, self.field, t("attachment not found: {file}", file=str(self.relative))
            ) from None
        except OSError as error:
            # O_NOFOLLOW met a link (ELOOP; EMLINK on BSD; ENOTDIR for a folder): planted after the
            # check
            if error.errno in _LINK_ERRNOS or os.path.islink(self.path):
                raise _link_out(self.shown, self.field, str(self.relative)) from None
            raise _cannot_read(self.shown, self.field, error) from None
        handle = _opened_regular(fd, self.shown, self.field, buffering=0)
        return handle, os.fstat(handle.fileno()).st_size

    def read_bytes(self) -> bytes:
        handle, _ = self.open()
        with handle:
            return handle.read()

    def copy_to(self, target: Path) -> None:
        """Copy the attachment's bytes to ``target`` (a new file), read through :meth:`open`."""
        handle, _ = self.open()
        with handle, open(target, "wb") as out:
            shutil.copyfileobj(handle, out)


def _link_out(shown: str, field: str | None, file: str) -> InputError:
    return InputError(
        shown,
        field,
        t(
            "the attachment {file} is a link leading out of the application file's folder; refused",
            file=file,
        ),
    )


@overload
def confined_attachment(
    folder: Path, file: str, shown: str, field: str | None, *, must_exist: Literal[True] = True
) -> ConfinedFile: ...


@overload
def confined_attachment(
    folder: Path, file: str, shown: str, field: str | None, *, must_exist: bool
) -> ConfinedFile | None: ...


def confined_attachment(
    folder: Path, file: str, shown: str, field: str | None, *, must_exist: bool = True
) -> ConfinedFile | None:
    """Check an attachment path against its folder: shape, links, file type.

    Returns where the attachment really is, or None when it does not exist and ``must_exist`` is
    false (a missing file is the build's concern, not the loader's). Raises InputError naming
    ``shown`` and ``field`` for a path that leaves the folder or names anything but a regular file.
    """
    problem = attachment_path_problem(file)
    if problem:
        raise InputError(shown, field, problem)
    base = Path(os.path.realpath(folder))
    real = Path(
        os.path.realpath(base.joinpath(*PurePosixPath(normalised_attachment_path(file)).parts))
    )
    if not real.is_relative_to(base):
        raise _link_out(shown, field, file)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if not must_exist:
            return None
        raise InputError(shown, field, t("attachment not found: {file}", file=file)) from None
    except OSError as error:  # e.g. a loop of links
        raise _cannot_read(shown, field, error) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            shown,
            field,
            t(
                "the attachment {file} is not a regular file (it is {kind}); refused",
                file=file,
                kind=_kind(info.st_mode),
            ),
        )
    return ConfinedFile(base, PurePosixPath(*real.relative_to(base).parts), shown, field)


# --- private files --------------------------------------------------------------------------------


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) and make it readable by its owner only (0700)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    if os.name == "posix":
        os.chmod(folder, PRIVATE_FOLDER_MODE)
    return folder


def make_private(path: Path) -> None:
    """Make an existing file readable and writable by its owner only (0600)."""
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE_MODE)
