"""Issue #12 item 8: bad input never escapes as a traceback or hangs.

A lone surrogate written as a JSON escape in any text of an application, round, rubric or scores
file; a passphrase file that is not UTF-8; a FIFO or a device given as any input file; a package
whose end-of-central-directory record claims 300,000 entries. Each is exit 2 with the file (and,
where there is one, the field) named, promptly.
"""

from __future__ import annotations

import json
import os
import struct
import threading
import zipfile
from pathlib import Path

import pytest
from tic_builders import base_application, write_json, write_round

from tic_desktop.cli.main import main
from tic_desktop.security import certificates

DEMO_ROUND = Path(__file__).resolve().parents[2] / "resources" / "demo" / "round.json"
PROMPTLY = 30  # seconds: a command reading a FIFO would wait for ever


def run_promptly(capsys, argv: list, fifos: list[Path] = ()) -> tuple[int, str, str]:
    """``tic ARGV`` in a thread that must end within PROMPTLY seconds; a FIFO it blocked on is then
    opened for writing and closed (EOF), so that a failing test does not hang the suite."""
    result: list = []

    def run() -> None:
        try:
            result.append(main([str(a) for a in argv]))
        except BaseException as error:  # handed to the test
            result.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(PROMPTLY)
    hung = worker.is_alive()
    if hung:
        for fifo in fifos:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        worker.join(10)
    out, err = capsys.readouterr()
    assert not hung, f"tic {argv} blocked"
    [code] = result
    if isinstance(code, BaseException):
        raise code
    return code, out, err


def expect_bad_input(capsys, argv, file, field=None, *also, fifos=()) -> str:
    code, out, err = run_promptly(capsys, argv, list(fifos))
    assert (code, out) == (2, ""), err
    assert "Traceback" not in err and str(file) in err, err
    if field is not None:
        assert field in err, err
    for text in also:
        assert text in err, err
    return err


# --- lone surrogates ----------------------------------------------------------------------------


def _with_raw(value: str) -> str:
    """A JSON string value holding ``value`` written as escapes, e.g. "\\ud800"."""
    return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) > 0x7E else c for c in value) + '"'


def _json_with(data: dict, key_path: tuple, raw: str) -> str:
    target = data
    for key in key_path[:-1]:
        target = target[key]
    target[key_path[-1]] = "@@SURROGATE@@"
    return json.dumps(data, ensure_ascii=False).replace('"@@SURROGATE@@"', raw)


@pytest.mark.parametrize(
    ("key_path", "field"),
    [
        (("center_name",), "center_name"),
        (("lead_unit", "name"), "lead_unit.name"),
        (("staff", 2, "name"), "staff[2].name"),
        (("attachments", 0, "title"), "attachments[0].title"),
    ],
)
def test_a_lone_surrogate_in_an_application_is_bad_input(tmp_path, capsys, key_path, field):
    path = tmp_path / "app.json"
    path.write_text(_json_with(base_application(), key_path, '"\\ud800"'), encoding="utf-8")
    err = expect_bad_input(capsys, ["eligibility", path, "--format", "json"], path, field)
    assert "\\ud800" in err


def test_a_lone_surrogate_in_a_key_and_a_low_surrogate_are_bad_input(tmp_path, capsys):
    path = tmp_path / "app.json"
    text = json.dumps(base_application(), ensure_ascii=False)
    path.write_text(text[:-1] + ', "\\udfff": 1}', encoding="utf-8")
    expect_bad_input(capsys, ["eligibility", path], path)
    path.write_text(
        _json_with(base_application(), ("field",), '"\\udc00abc\\ud800"'), encoding="utf-8"
    )
    expect_bad_input(capsys, ["eligibility", path], path, "field")


def test_a_surrogate_pair_is_a_character_and_accepted(tmp_path, capsys):
    path = tmp_path / "app.json"
    path.write_text(
        _json_with(base_application(), ("center_name",), '"轴承\\ud83d\\ude00中心"'),
        encoding="utf-8",
    )
    code, out, err = run_promptly(capsys, ["eligibility", path, "--format", "json"])
    assert code == 0, err
    assert json.loads(out)["application"] == "LC-2026-003"


def test_a_lone_surrogate_in_a_round_or_its_rubric_is_bad_input(tmp_path, capsys):
    apps = [base_application("LC-2026-001")]
    round_file = write_round(tmp_path, apps)
    data = json.loads(round_file.read_text(encoding="utf-8"))
    round_file.write_text(_json_with(data, ("experts", 3, "name"), '"\\ud800"'), encoding="utf-8")
    expect_bad_input(capsys, ["panel-check", round_file], round_file, "experts[3].name")

    round_file = write_round(tmp_path / "again", apps)
    rubric = round_file.parent / "rubric.json"
    data = json.loads(rubric.read_text(encoding="utf-8"))
    rubric.write_text(_json_with(data, ("criteria", 1, "title"), '"\\udbff"'), encoding="utf-8")
    expect_bad_input(capsys, ["panel-check", round_file], rubric, "criteria[1].title")


def test_a_lone_surrogate_in_a_scores_file_is_bad_input(tmp_path, capsys):
    """The scores are read (and refused) before the package is even opened."""
    scores = {
        "expert": "E01",
        "coi": {"certified": True, "declared": []},
        "scores": [{"application": "LC-2026-001", "criteria": {}, "opinion": "x"}],
    }
    path = tmp_path / "scores.json"
    path.write_text(_json_with(scores, ("scores", 0, "opinion"), '"意见\\ud800"'), "utf-8")
    expect_bad_input(
        capsys,
        ["return", "make", tmp_path / "P1.ticpkg", path, "--out", tmp_path / "r.ticreturn"],
        path,
        "scores[0].opinion",
    )
    assert not (tmp_path / "r.ticreturn").exists()


# --- passphrase files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"\xff\xfe bureau passphrase\n", "密码口令很长的口令".encode("gbk")]
)
def test_a_passphrase_file_that_is_not_utf8_is_bad_input(tmp_path, capsys, content):
    passphrase = tmp_path / "pass.txt"
    passphrase.write_bytes(content)
    folder = tmp_path / "bureau"
    expect_bad_input(
        capsys,
        ["--lang", "en", "bureau", "init", folder, "--passphrase-file", passphrase],
        passphrase,
        None,
        "not UTF-8",
    )
    assert not folder.exists()
    expect_bad_input(
        capsys,
        ["package", "build", DEMO_ROUND, "--bureau", folder, "--out", tmp_path / "out"]
        + ["--passphrase-file", passphrase],
        passphrase,
    )


# --- FIFOs and devices as input files -----------------------------------------------------------


def _inputs(tmp_path: Path) -> dict[str, Path]:
    """Ordinary files for the arguments that are not under test."""
    root = tmp_path / "root.pem"
    _, ca = certificates.create_bureau_ca("测试局")
    root.write_text(certificates.certificate_to_pem(ca), encoding="ascii")
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("a long enough passphrase\n", encoding="utf-8")
    application = write_json(tmp_path / "app.json", base_application())
    return {"root": root, "passphrase": passphrase, "application": application}


COMMANDS = {
    "eligibility": lambda f, t, i: ["eligibility", f],
    "panel-check": lambda f, t, i: ["panel-check", f],
    "round template --from": lambda f, t, i: ["round", "template", t / "t.xlsx", "--from", f],
    "round import-excel": lambda f, t, i: ["round", "import-excel", f, "--out", t / "o"],
    "pdf verify FILE": lambda f, t, i: ["pdf", "verify", f, "--root", i["root"]],
    "pdf verify --root": lambda f, t, i: ["pdf", "verify", i["application"], "--root", f],
    "package inspect": lambda f, t, i: ["package", "inspect", f],
    "package open": lambda f, t, i: (
        ["package", "open", f, "--expert", "E01"] + ["--passphrase-file", i["passphrase"]]
    ),
    "return make SCORES": lambda f, t, i: (
        ["return", "make", t / "p.ticpkg", f] + ["--out", t / "r.ticreturn"]
    ),
    "return verify": lambda f, t, i: ["return", "verify", f, "--bureau", t / "bureau"],
    "aggregate": lambda f, t, i: ["aggregate", DEMO_ROUND, f, "--bureau", t / "bureau"],
    "bureau init --passphrase-file": lambda f, t, i: (
        ["bureau", "init", t / "b"] + ["--passphrase-file", f]
    ),
    "package build --passphrase-file": lambda f, t, i: (
        ["package", "build", DEMO_ROUND]
        + ["--bureau", t / "bureau", "--out", t / "out", "--passphrase-file", f]
    ),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_fifo_as_input_file_is_refused_at_once(tmp_path, capsys, command):
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    argv = COMMANDS[command](fifo, tmp_path, _inputs(tmp_path))
    expect_bad_input(capsys, argv, fifo, None, "不是普通文件", fifos=[fifo])
    assert not (tmp_path / "b").exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["eligibility", "pdf verify FILE", "package inspect"])
def test_a_device_as_input_file_is_refused(tmp_path, capsys, command):
    argv = COMMANDS[command](Path(os.devnull), tmp_path, _inputs(tmp_path))
    expect_bad_input(capsys, argv, os.devnull, None, "设备")


def test_the_core_readers_refuse_a_fifo_without_blocking(tmp_path):
    """What the GUI calls (no CLI check in front): the JSON reader and the package container."""
    from tic_desktop.domain.jsonfile import read_json
    from tic_desktop.errors import TicError
    from tic_desktop.packages.opening import open_package

    fifo = tmp_path / "x.ticpkg"
    os.mkfifo(fifo)
    errors: list = []

    def read_both() -> None:
        for reader in (read_json, open_package):
            try:
                reader(fifo)
            except TicError as error:
                errors.append(error)

    worker = threading.Thread(target=read_both, daemon=True)
    worker.start()
    worker.join(PROMPTLY)
    if worker.is_alive():
        for _ in range(2):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        worker.join(10)
        pytest.fail("a reader blocked on a FIFO")
    assert len(errors) == 2 and all("不是普通文件" in e.message_zh for e in errors), errors


# --- a ZIP whose end record claims 300,000 entries ----------------------------------------------


def _zip_claiming(path: Path, entries: int, real: bool) -> Path:
    """A ZIP64 archive whose end records announce ``entries`` members; with ``real`` its central
    directory holds them all (zipfile would parse every one), otherwise it is empty."""
    name = b"a"
    record = struct.pack(
        "<4s4B4HL2L5H2L",
        b"PK\x01\x02",
        20,
        3,
        20,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory = (record + name) * entries if real else b""
    zip64_at = len(directory)
    zip64 = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, len(directory), 0
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, zip64_at, 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(directory + zip64 + locator + end)
    return path


@pytest.mark.parametrize("real", [True, False], ids=["with-the-entries", "count-only"])
def test_a_package_claiming_300000_entries_is_refused_from_its_end_record(
    tmp_path, capsys, monkeypatch, real
):
    path = _zip_claiming(tmp_path / "huge.ticpkg", 300_000, real)
    from tic_desktop.packages import container

    def must_not_parse(*args, **kwargs):
        raise AssertionError("zipfile was asked to read the central directory")

    monkeypatch.setattr(container.zipfile, "ZipFile", must_not_parse)
    err = expect_bad_input(capsys, ["package", "inspect", path], path.name, None, "300000")
    assert "成员数量异常" in err


def test_the_end_record_of_a_classic_zip_is_checked_too(tmp_path, capsys, monkeypatch):
    path = tmp_path / "many.ticpkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.jws", b"x")
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<2H", data, end + 8, 40_000, 40_000)  # entries on this disk, entries
    path.write_bytes(bytes(data))
    from tic_desktop.packages import container

    monkeypatch.setattr(container.zipfile, "ZipFile", None)  # never reached
    expect_bad_input(capsys, ["--lang", "en", "package", "inspect", path], path.name, None, "40000")
