"""Session fixtures for the PDF tests: the demo round's four documents drawn and signed once,
the bureau root on disk, and an NSS database trusting it (for poppler's pdfsig).

The signed PDFs and the root are written to a session folder so the external verifiers
(pyhanko's CLI, pdfsig) can read them. Importable helpers live in pdf_documents / pdf_checks
(``from conftest import`` would find another folder's conftest when the whole suite runs).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pdf_checks import tool
from pdf_documents import BUREAU, DOCUMENT_NAMES, Document, Pki, build_documents, sign_all

from tic_desktop.domain.loading import load_round
from tic_desktop.paths import demo_round_file


@pytest.fixture(scope="session")
def review():
    return load_round(demo_round_file())


@pytest.fixture(scope="session")
def pki() -> Pki:
    return Pki(BUREAU)


@pytest.fixture(scope="session")
def foreign_pki() -> Pki:
    return Pki("另一个发证机构")


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="session")
def root_file(pki, session_dir) -> Path:
    path = session_dir / "root.pem"
    path.write_text(pki.root_pem, encoding="ascii")
    return path


@pytest.fixture(scope="session")
def documents(review, pki, session_dir) -> dict[str, Document]:
    built = build_documents(review)
    for document in built.values():
        sign_all(document, pki)
        document.path = session_dir / f"{document.name}.pdf"
        document.path.write_bytes(document.signed)
    return built


@pytest.fixture(params=DOCUMENT_NAMES)
def document(request, documents) -> Document:
    return documents[request.param]


@pytest.fixture(scope="session")
def nss_db(root_file, session_dir) -> str:
    """An NSS database trusting only the bureau root, for poppler's pdfsig."""
    certutil = tool("certutil")
    folder = session_dir / "nssdb"
    folder.mkdir()
    db = f"sql:{folder}"
    subprocess.run([certutil, "-N", "-d", db, "--empty-password"], check=True, capture_output=True)
    subprocess.run(
        [certutil, "-A", "-d", db, "-n", "tic-root", "-t", "CT,C,C", "-i", str(root_file)],
        check=True,
        capture_output=True,
    )
    return db
