"""Where the app writes, and what it says: user data only in the platform's user folders, outputs
only where the user asked, and no passphrase or private key in any log or console output.

The whole review from the command line (offline_flow.py) runs with XDG_* pointing into a temp
folder, HOME an empty temp folder and TMPDIR a temp folder. An audit hook (PEP 578) records every
file Python opens for writing, every rename, folder and database it makes (in this process: the
worker processes that seal credentials only compute); each must lie inside those folders or the
output folder. For writes outside Python's view (native code), the demo round's folder, db/ and
HOME are compared before and after.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import tempfile
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import keyring
import pytest
from keyring.backends import fail
from offline_flow import REPO, run_full_flow

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_WRITES: list[tuple[str, str]] | None = None  # (event, path) while a test listens, else None


def _audit(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open":
        path, mode, flags = args
        writing = (mode is not None and any(c in str(mode) for c in "wax+")) or (
            mode is None and flags & _WRITE_FLAGS
        )
        if writing and isinstance(path, (str, bytes, os.PathLike)):
            _WRITES.append((event, os.fsdecode(path)))
    elif event in ("os.rename", "os.replace", "os.link", "os.symlink"):
        _WRITES.append((event, os.fsdecode(args[1])))
    elif event in (
        "os.mkdir",
        "os.remove",
        "os.rmdir",
        "os.truncate",
        "os.chmod",
        "shutil.rmtree",
        "shutil.copyfile",
    ):
        target = args[1] if event == "shutil.copyfile" else args[0]
        if isinstance(target, (str, bytes, os.PathLike)):
            _WRITES.append((event, os.fsdecode(target)))
    elif event == "sqlite3.connect":
        target = os.fsdecode(args[0])
        if target.startswith(
            "file:"
        ):  # a URI: its path decides where, a read-only one writes nothing
            parsed = urllib.parse.urlsplit(target)
            if "mode=ro" in parsed.query.split("&"):
                return
            target = urllib.parse.unquote(parsed.path)
        _WRITES.append((event, target))


sys.addaudithook(_audit)  # hooks cannot be removed: this one only listens while _WRITES is a list


class _Console:
    """Collects what the CLI prints (a stand-in for capsys, which a module-scoped fixture cannot
    use)."""

    def __init__(self) -> None:
        self.out, self.err = io.StringIO(), io.StringIO()

    def readouterr(self) -> SimpleNamespace:
        captured = SimpleNamespace(out=self.out.getvalue(), err=self.err.getvalue())
        for stream in (self.out, self.err):
            stream.seek(0)
            stream.truncate()
        return captured


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    """The review, run once: fresh XDG folders, an empty HOME, a private TMPDIR, no keyring
    (nothing may go to one), every write recorded, every log record at DEBUG kept."""
    global _WRITES
    base = tmp_path_factory.mktemp("user-data")
    folders = {
        name: base / "user" / name.lower()
        for name in (
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "XDG_STATE_HOME",
            "XDG_RUNTIME_DIR",
        )
    }
    home, temporary, out = base / "home", base / "tmp", base / "work"
    for folder in (*folders.values(), home, temporary):
        folder.mkdir(parents=True)
    # what the flow could write in the checkout: next to the demo round it reads, or where the
    # migrations live (the audit hook covers the whole checkout)
    checkout = {name: _listing(REPO / name) for name in ("resources/demo", "db")}
    console, records = _Console(), _Records()
    root_logger = logging.getLogger()
    previous_level, previous_keyring = root_logger.level, keyring.get_keyring()
    with pytest.MonkeyPatch.context() as patch:
        for name, folder in folders.items():
            patch.setenv(name, str(folder))
        patch.setenv("HOME", str(home))
        patch.setenv("TMPDIR", str(temporary))
        patch.setattr(tempfile, "tempdir", None)  # tempfile caches its folder: read TMPDIR again
        keyring.set_keyring(fail.Keyring())
        root_logger.addHandler(records)
        root_logger.setLevel(logging.DEBUG)
        _WRITES = []
        try:
            with contextlib.redirect_stdout(console.out), contextlib.redirect_stderr(console.err):
                result = run_full_flow(out, console)
            writes = list(_WRITES)
        finally:
            _WRITES = None
            root_logger.removeHandler(records)
            root_logger.setLevel(previous_level)
            keyring.set_keyring(previous_keyring)
    return SimpleNamespace(
        result=result,
        writes=writes,
        logs=records.lines,
        folders=folders,
        home=home,
        tmp=temporary,
        out=out,
        base=base,
        checkout_before=checkout,
    )


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Files under ``folder`` (bytecode caches aside) with size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _inside(path: str, roots: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


def test_writes_only_to_user_folders_and_outputs(flow):
    allowed = [p.resolve() for p in (flow.out, flow.tmp, *flow.folders.values())]
    outside = sorted(
        {f"{event} {path}" for event, path in flow.writes if not _inside(path, allowed)}
    )
    assert outside == [], "written outside the user folders and the output folder:\n" + "\n".join(
        outside
    )
    assert any(_inside(path, [flow.out.resolve()]) for _, path in flow.writes), (
        "the audit hook heard nothing"
    )


def test_user_data_is_in_the_platform_data_folder(flow):
    """The expert's database (revisions of returns sent) is user data: XDG_DATA_HOME, not HOME."""
    data_files = [p for p in flow.folders["XDG_DATA_HOME"].rglob("*") if p.is_file()]
    assert any(p.suffix in (".sqlite", ".sqlite3", ".db") for p in data_files), data_files
    assert list(flow.home.iterdir()) == [], "nothing goes straight into the home folder"


def test_checkout_is_not_written_to(flow):
    assert {name: _listing(REPO / name) for name in flow.checkout_before} == flow.checkout_before
    assert not [path for _, path in flow.writes if _inside(path, [REPO.resolve()])]


def _secrets(flow) -> list[str]:
    passphrase = flow.result.expert_passphrase
    return [
        *flow.result.secrets,
        passphrase.replace("-", "").replace(" ", ""),
        "PRIVATE KEY",
        "AGE-SECRET-KEY",
    ]


def test_no_secret_in_logs_or_console_output(flow):
    said = "\n".join(flow.result.outputs.values()) + "\n" + "\n".join(flow.logs)
    assert "package build" in flow.result.outputs and flow.result.outputs["package build"]
    for secret in _secrets(flow):
        assert secret not in said, f"{secret[:6]}… appears in the console or log output"


def test_no_plaintext_secret_in_user_folders_or_outputs(flow):
    """The database, the bureau folder, returns and PDFs hold no passphrase or key in the clear;
    only the files meant to (the test's passphrase files, --passphrases-json, printed sheets)."""
    meant = {flow.out / "bureau-pass.txt", flow.out / "e02.txt", flow.out / "pass.json"}
    scanned = [
        p
        for root in (*flow.folders.values(), flow.tmp, flow.out)
        for p in Path(root).rglob("*")
        if p.is_file() and p not in meant and "passphrase-sheets" not in p.parts
    ]
    assert len(scanned) > 5
    for path in scanned:
        data = path.read_bytes()
        for secret in _secrets(flow):
            assert secret.encode() not in data, (
                f"{secret[:6]}… in plaintext in {path.relative_to(flow.base)}"
            )
