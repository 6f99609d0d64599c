"""One bureau, one built P1 package and its credentials, shared by the expert tests (scrypt is slow)."""

from __future__ import annotations

import pytest

from tic_desktop.bureau.workspace import init_workspace
from tic_desktop.packages.build import build_packages
from tic_desktop.paths import demo_round_file
from tic_desktop.review import review_round

BUREAU_PASSPHRASE = "bureau passphrase for tests"


@pytest.fixture(scope="session")
def built_p1(tmp_path_factory):
    base = tmp_path_factory.mktemp("bureau")
    workspace = init_workspace(base / "bureau", passphrase=BUREAU_PASSPHRASE)
    keys = workspace.keys(BUREAU_PASSPHRASE)
    review = review_round(demo_round_file())
    built, credentials = build_packages(review, workspace, keys, base / "packages", ["P1"])
    return {"workspace": workspace, "keys": keys, "package": built[0], "credentials": credentials, "review": review}


@pytest.fixture(scope="session")
def unlocked(built_p1):
    """Credentials opened once per session (each unlock costs seconds of scrypt)."""
    from tic_desktop.packages.opening import open_package

    package = open_package(built_p1["package"].file, {built_p1["workspace"].fingerprint})
    cache = {}

    def credential(expert_id: str):
        if expert_id not in cache:
            cache[expert_id] = package.unlock(expert_id, built_p1["credentials"][expert_id].passphrase)
        return cache[expert_id]

    yield credential
    package.close()
