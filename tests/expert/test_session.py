"""The expert's session in the core, without Qt (issue #13): open and verify, the bureau pinned
(issue #12 item 6), the keyring, the passphrase unlocked in a worker process, the desk."""

from __future__ import annotations

import os

import pytest

from tic_desktop.expert import session
from tic_desktop.expert.pinning import BureauChanged, pinned_bureau
from tic_desktop.packages.expert_keys import KEYRING_SERVICE, package_entry
from tic_desktop.security.errors import SecurityError
from tic_desktop.security.fingerprints import short_fingerprint
from tic_desktop.storage import open_database

ROUND = "2026-TIC-01"


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "expert.sqlite3")
    yield database
    database.close()


def test_the_first_bureau_is_pinned_and_a_look_alike_is_a_question_not_an_opening(
    db, built_p1, look_alike
):
    real, fake = built_p1["workspace"].fingerprint, look_alike["workspace"].fingerprint
    first = session.open_for_review(db, built_p1["package"].file)
    try:
        assert first.bureau_changed is None
        assert pinned_bureau(db, ROUND) == real
    finally:
        first.close()

    second = session.open_for_review(db, look_alike["package"].file)
    try:
        changed = second.bureau_changed
        assert isinstance(changed, BureauChanged)
        assert (changed.pinned, changed.seen) == (real, fake)
        assert pinned_bureau(db, ROUND) == real  # nothing changed by asking
        # The old fingerprint is no confirmation of the new bureau.
        with pytest.raises(BureauChanged):
            session.confirm_bureau(db, second.package, short_fingerprint(real))
        assert pinned_bureau(db, ROUND) == real
        session.confirm_bureau(db, second.package, short_fingerprint(fake))
        assert pinned_bureau(db, ROUND) == fake
    finally:
        second.close()


def test_sign_in_refuses_a_look_alike_unless_the_sheet_confirms_it(
    db, built_p1, look_alike, memory_keyring
):
    real = session.sign_in(
        db, built_p1["package"].file, "E02", built_p1["credentials"]["E02"].passphrase
    )
    real.close()
    passphrase = look_alike["credentials"]["E02"].passphrase
    with pytest.raises(BureauChanged) as refused:
        session.sign_in(db, look_alike["package"].file, "E02", passphrase)
    assert short_fingerprint(look_alike["workspace"].fingerprint) in refused.value.message_zh
    assert pinned_bureau(db, ROUND) == built_p1["workspace"].fingerprint
    confirmed = session.sign_in(
        db,
        look_alike["package"].file,
        "E02",
        passphrase,
        confirmed=short_fingerprint(look_alike["workspace"].fingerprint),
    )
    try:
        assert confirmed.desk.manifest.bureau.fingerprint == look_alike["workspace"].fingerprint
        assert not confirmed.desk.certified  # the real package's work is not carried over
    finally:
        confirmed.close()


def test_the_passphrase_is_asked_once_then_the_keyring_opens_it(db, built_p1, memory_keyring):
    opened = session.open_for_review(db, built_p1["package"].file)
    package = opened.package
    try:
        assert session.remembered_credential(package, "E03") is None
        with pytest.raises(SecurityError) as wrong:
            session.unlock_with_passphrase(package, "E03", "1111-2222-3333-4444-5555-6666")
        assert wrong.value.reason == "wrong_passphrase"  # arrived whole from the worker process
        assert memory_keyring.store == {}
        unlocked = session.unlock_with_passphrase(
            package, "E03", built_p1["credentials"]["E03"].passphrase
        )
        assert unlocked.remembered and unlocked.credential.expert_id == "E03"
        assert (KEYRING_SERVICE, package_entry(package, "E03")) in memory_keyring.store
        again = session.remembered_credential(package, "E03")
        assert again is not None and again.fingerprint == unlocked.credential.fingerprint
        desk = session.open_desk(db, package, again)
        assert desk.expert_id == "E03" and desk.integrity is None
    finally:
        opened.close()
    # The next time: no passphrase at all.
    signed_in = session.sign_in(db, built_p1["package"].file, "E03")
    try:
        assert signed_in.remembered and signed_in.desk.expert_id == "E03"
    finally:
        signed_in.close()


def test_without_a_secure_keyring_the_credential_opens_and_the_reason_is_given(db, built_p1):
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        signed_in = session.sign_in(
            db, built_p1["package"].file, "E04", built_p1["credentials"]["E04"].passphrase
        )
    finally:
        keyring.set_keyring(previous)
    try:
        assert not signed_in.remembered and "密钥环" in signed_in.note_zh
        assert signed_in.desk.expert_id == "E04"
    finally:
        signed_in.close()


def test_scrypt_runs_in_another_process(db, built_p1, monkeypatch):
    """The unlock is not in this process (a window's GUI thread would stall for seconds)."""
    monkeypatch.setattr(session, "_unlock_to_json", _unlock_elsewhere)
    opened = session.open_for_review(db, built_p1["package"].file)
    try:
        credential = session.unlock_in_worker_process(
            opened.package, "E05", built_p1["credentials"]["E05"].passphrase
        )
    finally:
        opened.close()
    assert credential.expert_id == "E05"


_TEST_PID = os.getpid()


def _unlock_elsewhere(sealed: bytes, passphrase: str) -> str:
    assert os.getpid() != _TEST_PID, "scrypt ran in the test's own process"
    from tic_desktop.packages.credentials import unlock

    return unlock(sealed, passphrase).to_json()
