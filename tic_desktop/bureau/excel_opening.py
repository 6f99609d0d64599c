"""Opening the bureau's workbook, an untrusted file: a regular .xlsx file of bounded size,
refused with the reason (an old .xls, an encrypted or damaged workbook) before openpyxl reads it.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import load_workbook

from tic_desktop.bureau.excel_import_report import ExcelImportError
from tic_desktop.catalogue import Said, t
from tic_desktop.domain.files import read_regular_file
from tic_desktop.errors import InputError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path``, its formulas' values read; or :class:`ExcelImportError` saying
    why the file cannot be read (its ``problems`` empty)."""
    shown_path = str(path)

    def refuse(problem: Said) -> ExcelImportError:
        return ExcelImportError(shown_path, [], problem)

    if path.is_dir():
        raise refuse(t("is a folder, not an Excel workbook"))
    try:  # a regular file only: a FIFO or a device is refused before it is opened
        data = read_regular_file(path, shown_path, MAX_WORKBOOK_BYTES)
    except InputError as error:
        raise refuse(error.problem) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse(
            t(
                "is an old Excel (.xls) file or an encrypted workbook; "
                "save it as an unencrypted .xlsx"
            )
        )
    not_xlsx = refuse(t("is not an Excel workbook (.xlsx), or is damaged"))
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_xlsx from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise refuse(  # the Chinese has never said the size
            t("workbook content too large ({size} bytes unpacked)", size=unpacked)
        )
    try:
        # openpyxl warns about features it drops (e.g. some extensions); they do not matter here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # untrusted file: openpyxl fails on damaged parts in many different ways
        raise not_xlsx from None
