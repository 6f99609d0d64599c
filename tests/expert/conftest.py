"""One bureau, one built P1 package and its credentials, shared by the expert tests (scrypt is
slow)."""

from __future__ import annotations

import pytest

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.packages.build import build_packages
from tic_desktop.paths import demo_round_file
from tic_desktop.review import evaluate_round

BUREAU_PASSPHRASE = "bureau passphrase for tests"


@pytest.fixture(scope="session")
def built_p1(tmp_path_factory):
    base = tmp_path_factory.mktemp("bureau")
    workspace = init_workspace(base / "bureau", passphrase=BUREAU_PASSPHRASE)
    keys = workspace.keys(BUREAU_PASSPHRASE)
    review = evaluate_round(demo_round_file())
    built, credentials = build_packages(review, workspace, keys, base / "packages", ["P1"])
    return {
        "workspace": workspace,
        "keys": keys,
        "package": built[0],
        "credentials": credentials,
        "review": review,
    }


@pytest.fixture(scope="session")
def unlocked(built_p1):
    """Credentials opened once per session (each unlock costs seconds of scrypt)."""
    from tic_desktop.packages.opening import open_package

    package = open_package(built_p1["package"].file, {built_p1["workspace"].fingerprint})
    cache = {}

    def credential(expert_id: str):
        if expert_id not in cache:
            cache[expert_id] = package.unlock(
                expert_id, built_p1["credentials"][expert_id].passphrase
            )
        return cache[expert_id]

    yield credential
    package.close()


@pytest.fixture
def member_export(built_p1, unlocked, tmp_path):
    """Score every open application as one member (a share of each maximum) and export; returns
    chair copies."""
    from decimal import Decimal

    from tic_desktop.expert.desk import ExpertDesk
    from tic_desktop.packages.opening import open_package
    from tic_desktop.storage import open_database

    def export(expert_id: str, share: str, declared: dict) -> list:
        package = open_package(built_p1["package"].file)
        with open_database(tmp_path / f"{expert_id}.sqlite3") as db:
            desk = ExpertDesk(db, package, unlocked(expert_id))
            desk.certify(declared)
            step = desk.manifest.rubric.step
            for entry in desk.scorable():
                for criterion in desk.manifest.rubric.criteria:
                    desk.set_score(
                        entry.id,
                        criterion.id,
                        (criterion.max * Decimal(share) / step).to_integral_value() * step,
                    )
                desk.set_opinion(entry.id, "意见", True)
                for check in [
                    c
                    for c in desk.formal_review(entry.id).checks
                    if c.result.value in ("review", "missing")
                ]:
                    desk.judge(entry.id, check.id, True)
            desk.sign_and_export(tmp_path / "usb" / expert_id)
        package.close()
        return sorted((tmp_path / "usb" / expert_id).glob("*.chaircopy"))

    return export


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, with the app's wheel guard installed as tic_desktop.gui.app does."""
    from tic_desktop.gui.wheel_guard import install_wheel_guard

    install_wheel_guard(qapp)
    return qapp


@pytest.fixture(scope="session")
def look_alike(built_p1, tmp_path_factory):
    """Another bureau's workspace and its P1 package for the same round id (issue #12 item 6)."""
    root = tmp_path_factory.mktemp("look-alike")
    workspace = init_workspace(
        root / "bureau", "冒充的评审局", passphrase="another bureau passphrase"
    )
    keys = workspace.keys("another bureau passphrase")
    built, credentials = build_packages(
        built_p1["review"], workspace, keys, root / "packages", ["P1"]
    )
    return {"workspace": workspace, "package": built[0], "credentials": credentials}


@pytest.fixture
def memory_keyring():
    """A secure-looking keyring in memory (the real one is the user's)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
