"""Issue #12 item 6: a look-alike package (another CA, the same round id) on a laptop that knows the
real bureau is not opened as "signature verified", and never reuses the real round's scores."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.cli.main import main
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.pinning import BureauChanged, check_bureau, pinned_bureau
from tic_desktop.packages.build import build_packages
from tic_desktop.packages.opening import open_package
from tic_desktop.security.fingerprints import short_fingerprint


@pytest.fixture(scope="module")
def look_alike(tmp_path_factory, review):
    """Another CA's workspace and its P1 package for the same round id."""
    root = tmp_path_factory.mktemp("look-alike")
    workspace = init_workspace(
        root / "bureau", "冒充的评审局", passphrase="another bureau passphrase"
    )
    keys = workspace.keys("another bureau passphrase")
    built, credentials = build_packages(review, workspace, keys, root / "packages", ["P1"])
    return workspace, built[0], credentials


def test_the_first_bureau_seen_is_pinned_and_another_is_refused_unless_confirmed(
    tmp_path, bureau, look_alike, sec
):
    other, _, _ = look_alike
    with sec.open_db(tmp_path / "expert.sqlite3") as db:
        check_bureau(db, "2026-TIC-01", bureau.workspace.fingerprint)
        with pytest.raises(BureauChanged) as changed:
            check_bureau(db, "2026-TIC-01", other.fingerprint)
        message = changed.value.message_zh
        assert short_fingerprint(bureau.workspace.fingerprint) in message
        assert short_fingerprint(other.fingerprint) in message and "口令单" in message
        assert pinned_bureau(db, "2026-TIC-01") == bureau.workspace.fingerprint
        with pytest.raises(
            BureauChanged
        ):  # a confirmation naming the old bureau is no confirmation
            check_bureau(
                db,
                "2026-TIC-01",
                other.fingerprint,
                short_fingerprint(bureau.workspace.fingerprint),
            )
        check_bureau(db, "2026-TIC-01", other.fingerprint, short_fingerprint(other.fingerprint))
        assert pinned_bureau(db, "2026-TIC-01") == other.fingerprint


def test_work_on_one_package_is_not_seen_on_a_look_alike(
    tmp_path, bureau, p1, members, look_alike, sec
):
    _, fake, fake_credentials = look_alike
    real = open_package(p1.file, {bureau.workspace.fingerprint})
    fake_package = open_package(fake.file)
    try:
        with sec.open_db(tmp_path / "expert.sqlite3") as db:
            desk = ExpertDesk(db, real, members["E02"])
            desk.certify({})
            desk.set_score("LC-2026-001", "foundation", Decimal(16))
            desk.set_opinion("LC-2026-001", "真实批次的意见", True)
            credential = fake_package.unlock("E02", fake_credentials["E02"].passphrase)
            other = ExpertDesk(db, fake_package, credential)
            assert not other.certified
            assert (
                other.form("LC-2026-001").scores == {} and other.form("LC-2026-001").opinion == ""
            )
            assert desk.form("LC-2026-001").scores == {"foundation": Decimal(16)}
    finally:
        real.close()
        fake_package.close()


def test_tic_package_open_refuses_a_look_alike_then_opens_it_when_the_sheet_confirms(
    capsys, tmp_path, bureau, p1, look_alike, memory_keyring
):
    other, fake, fake_credentials = look_alike
    real_pass = tmp_path / "real.txt"
    real_pass.write_text(p1.passphrases["E02"] + "\n", encoding="utf-8")
    fake_pass = tmp_path / "fake.txt"
    fake_pass.write_text(fake_credentials["E02"].passphrase + "\n", encoding="utf-8")

    def run(*argv):
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, err = run(
        "package",
        "open",
        p1.file,
        "--expert",
        "E02",
        "--passphrase-file",
        real_pass,
        "--format",
        "json",
    )
    assert code == 0, err
    code, out, err = run(
        "package",
        "open",
        fake.file,
        "--expert",
        "E02",
        "--passphrase-file",
        fake_pass,
        "--format",
        "json",
    )
    assert code == 2 and out == ""
    assert (
        short_fingerprint(bureau.workspace.fingerprint) in err
        and short_fingerprint(other.fingerprint) in err
    )
    code, out, err = run(
        "package",
        "open",
        fake.file,
        "--expert",
        "E02",
        "--passphrase-file",
        fake_pass,
        "--bureau-fingerprint",
        short_fingerprint(other.fingerprint),
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["bureau_fingerprint"] == other.fingerprint
