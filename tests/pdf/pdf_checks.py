"""Helpers for the PDF tests: the external tools (poppler, pyhanko's CLI), ``tic pdf verify``
through the CLI entry point, and the tamperings."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PageObject

from tic_desktop.cli.main import main as tic_main

PYHANKO = Path(sys.executable).with_name("pyhanko")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def squash(text: str) -> str:
    """Whitespace removed: pdftotext breaks lines where the layout wrapped them."""
    return re.sub(r"\s+", "", text)


def pdftotext(
    path: Path,
    *,
    first: int | None = None,
    last: int | None = None,
    crop: tuple[float, float, float, float] | None = None,
    page_height: float | None = None,
) -> str:
    """The text of ``path`` (optionally some pages, or the PDF-point box ``crop`` of one page)."""
    command = [tool("pdftotext"), "-enc", "UTF-8"]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    if crop:
        x1, y1, x2, y2 = (
            crop  # PDF points, origin bottom left; pdftotext wants top-left pixels at -r 72
        )
        command += [
            "-r",
            "72",
            "-x",
            str(int(x1)),
            "-y",
            str(int(page_height - y2)),
            "-W",
            str(int(x2 - x1) + 1),
            "-H",
            str(int(y2 - y1) + 1),
        ]
    result = subprocess.run([*command, str(path), "-"], check=True, capture_output=True)
    return result.stdout.decode("utf-8")


def body_text(path: Path) -> str:
    """All pages without the running footer, whitespace squashed (paragraphs may cross pages)."""
    pages = pdftotext(path).split("\f")
    kept = []
    for page in pages:
        kept += [
            line
            for line in page.splitlines()
            if not line.startswith("聊城市科学技术局 · ")
            and not re.fullmatch(r"第\s*\d+\s*页", line.strip())
        ]
    return squash("\n".join(kept))


def layout_lines(path: Path) -> list[str]:
    """pdftotext -layout: one line per table row (cells side by side), runs of spaces squeezed."""
    result = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", "-layout", str(path), "-"],
        check=True,
        capture_output=True,
    )
    return [
        re.sub(r"\s+", " ", line).strip() for line in result.stdout.decode("utf-8").splitlines()
    ]


def row_with(lines: list[str], needle: str) -> str:
    """The one -layout line containing ``needle``."""
    found = [line for line in lines if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def page_count(path: Path) -> int:
    info = subprocess.run(
        [tool("pdfinfo"), str(path)], check=True, capture_output=True
    ).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def tic_verify(capsys, path: Path, root: Path, *extra: str) -> tuple[int, dict | None, str]:
    """``tic pdf verify PATH --root ROOT --format json``: exit code, parsed JSON (if any),
    stderr."""
    capsys.readouterr()
    code = tic_main(["pdf", "verify", str(path), "--root", str(root), "--format", "json", *extra])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def pyhanko_validate(path: Path, root: Path) -> tuple[int, dict[str, str], str]:
    """``pyhanko sign validate --trust ROOT --trust-replace``: exit code, field → status, output."""
    if not PYHANKO.exists():
        pytest.skip("pyhanko CLI is not installed")
    result = subprocess.run(
        [str(PYHANKO), "sign", "validate", "--trust", str(root), "--trust-replace", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    statuses = {}
    for line in result.stdout.splitlines():
        parts = line.split(":", 2)  # field:sha256-hex:STATUS[,...]
        if len(parts) == 3 and re.fullmatch(r"[0-9a-f]{64}", parts[1]):
            statuses[parts[0]] = parts[2]
    return result.returncode, statuses, result.stdout + result.stderr


def pdfsig(path: Path, nss_db: str) -> tuple[int, list[dict[str, str]], str]:
    """poppler's ``pdfsig -nssdir DB FILE``: exit code, one dict per signature (field, validation,
    certificate, total), the raw output."""
    result = subprocess.run(
        [tool("pdfsig"), "-nssdir", nss_db, str(path)], capture_output=True, timeout=60
    )
    output = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    signatures = []
    for block in re.split(r"^Signature #\d+:\s*$", output, flags=re.M)[1:]:
        entry = {
            "total": "Total document signed" in block and "Not total document signed" not in block
        }
        for key, label in (
            ("field", "Signature Field Name"),
            ("signer", "Signer Certificate Common Name"),
            ("validation", "Signature Validation"),
            ("certificate", "Certificate Validation"),
        ):
            found = re.search(rf"- {label}: (.*)$", block, re.M)
            entry[key] = found.group(1).strip() if found else ""
        signatures.append(entry)
    return result.returncode, signatures, output


# ---------------------------------------------------------------------------------------------
# tamperings
# ---------------------------------------------------------------------------------------------
def signed_ranges(pdf: bytes) -> list[tuple[int, int, int, int]]:
    """Every /ByteRange in the file."""
    return [
        tuple(int(n) for n in m.groups())
        for m in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    ]


def first_page_content_offset(pdf: bytes) -> int:
    """A byte offset in the middle of page 1's content stream data (inside every signed range)."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    contents = reader.root["/Pages"]["/Kids"][0].get_object()["/Contents"]
    stream = (
        contents[0].get_object()
        if isinstance(contents, generic.ArrayObject)
        else contents.get_object()
    )
    raw = stream.encoded_data
    start = pdf.find(raw)
    assert start > 0 and pdf.count(raw) == 1, "page 1's content stream not found once in the file"
    return start + len(raw) // 2


def change_one_byte(pdf: bytes, offset: int) -> bytes:
    """Replace the byte at ``offset`` with another printable byte (keeps ASCII85 text ASCII85)."""
    old = pdf[offset]
    new = old + 1 if old < 0x75 else old - 1
    return pdf[:offset] + bytes([new]) + pdf[offset + 1 :]


def append_page(pdf: bytes) -> bytes:
    """Append a page by incremental update (what someone adding a forged page would do)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    content_ref = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 720 Td (forged page) Tj ET")
    )
    resources = generic.DictionaryObject(
        {
            generic.NameObject("/Font"): generic.DictionaryObject(
                {
                    generic.NameObject("/F1"): generic.DictionaryObject(
                        {
                            generic.NameObject("/Type"): generic.NameObject("/Font"),
                            generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                            generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
                        }
                    )
                }
            )
        }
    )
    writer.insert_page(PageObject(content_ref, (0, 0, 595.28, 841.89), resources))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def edit_info_title(pdf: bytes, title: str = "已篡改的标题") -> bytes:
    """Set a new /Title in the trailer's /Info with pyHanko's ordinary writer (metadata refresh
    on)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()
    info[generic.NameObject("/Title")] = generic.TextStringObject(title)
    writer.mark_update(info_ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
