"""An expert's session on this computer: package opened and verified, bureau pinned, credential
unlocked (and remembered), desk built. Qt-free.

The steps, in order. Each slow one is a plain function that a window runs off its GUI thread;
:func:`sign_in` runs them all (the command line, the self-test, tests):

1. :func:`open_for_review` reads the package, checks the bureau's signature, and checks the
   bureau against the one this machine pinned for the round (:mod:`tic_desktop.expert.pinning`).
   Another bureau is not an error at this step: the result carries the :class:`BureauChanged`
   for the expert to compare with the fingerprint on the passphrase sheet, and
   :func:`confirm_bureau` pins the new one when the sheet shows it.
2. :func:`remembered_credential`: the keyring (≈ 80 ms the first time).
3. :func:`unlock_with_passphrase`: scrypt in a worker process (pyrage holds the GIL for seconds),
   then the credential is remembered in the keyring when there is a secure one.
4. :func:`open_desk`: the desk, which checks the saved work against its audit log (SQL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tic_desktop.catalogue import InLanguage, Said
from tic_desktop.events import EventBus
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.expert.pinning import BureauChanged, check_bureau
from tic_desktop.packages import expert_keys
from tic_desktop.packages.credentials import Credential, unlock
from tic_desktop.packages.expert_keys import UnlockedCredential
from tic_desktop.packages.opening import OpenedPackage, open_package
from tic_desktop.processes import in_worker_process
from tic_desktop.storage.database import Database

__all__ = [
    "BureauChanged",
    "Credential",
    "ExpertSession",
    "PackageToOpen",
    "UnlockedCredential",
    "confirm_bureau",
    "open_desk",
    "open_for_review",
    "remembered_credential",
    "sign_in",
    "unlock_with_passphrase",
]


@dataclass
class PackageToOpen:
    """A verified package; ``bureau_changed`` when the round is pinned to another bureau here."""

    package: OpenedPackage
    bureau_changed: BureauChanged | None = None

    def close(self) -> None:
        self.package.close()


def open_for_review(db: Database, path: Path | str) -> PackageToOpen:
    """Read and verify the package, and pin its bureau for the round on first sight (slow: I/O)."""
    package = open_package(Path(path))
    try:
        check_bureau(db, package.manifest.round.id, package.bureau_fingerprint)
    except BureauChanged as changed:
        return PackageToOpen(package, changed)
    except BaseException:
        package.close()
        raise
    return PackageToOpen(package)


def confirm_bureau(db: Database, package: OpenedPackage, confirmed: str) -> None:
    """The expert confirms ``confirmed`` (the fingerprint on the sheet): pinned if it is the
    package's bureau.

    Raises :class:`BureauChanged` when ``confirmed`` does not name the package's bureau.
    """
    check_bureau(db, package.manifest.round.id, package.bureau_fingerprint, confirmed)


def remembered_credential(package: OpenedPackage, expert_id: str) -> Credential | None:
    """The credential the keyring keeps for this package's round and bureau (None: unknown)."""
    return expert_keys.remembered_credential(package, expert_id)


def _unlock_to_json(sealed: bytes, passphrase: str) -> str:
    """In the worker process: scrypt and age (a credential crosses back as its JSON)."""
    return unlock(sealed, passphrase).to_json()


def unlock_in_worker_process(package: OpenedPackage, expert_id: str, passphrase: str) -> Credential:
    """``package.unlock`` with scrypt in a fresh worker process (this process stays responsive)."""
    sealed = package.sealed_credential(expert_id)
    credential = Credential.from_json(in_worker_process(_unlock_to_json, sealed, passphrase))
    package.check_credential(credential, expert_id)
    return credential


def unlock_with_passphrase(
    package: OpenedPackage, expert_id: str, passphrase: str, in_process: bool = True
) -> UnlockedCredential:
    """Unlock with the sheet's passphrase (seconds), then remember it in the keyring if possible."""
    opened = unlock_in_worker_process if in_process else expert_keys.unlock_in_this_process
    return expert_keys.remember(package, expert_id, opened(package, expert_id, passphrase))


def open_desk(
    db: Database, package: OpenedPackage, credential: Credential, bus: EventBus | None = None
) -> ExpertDesk:
    """The expert's desk on ``package``; ``desk.integrity`` tells if the saved work is intact."""
    return ExpertDesk(db, package, credential, bus)


@dataclass
class ExpertSession:
    """A signed-in expert: the package, the desk, and whether the keyring keeps the credential."""

    package: OpenedPackage
    desk: ExpertDesk
    remembered: bool
    note: Said | None = None
    """Why the credential is not remembered (no secure keyring), when it is not."""

    note_zh = InLanguage("note", "zh")
    note_en = InLanguage("note", "en")

    def close(self) -> None:
        self.package.close()


def sign_in(
    db: Database,
    path: Path | str,
    expert_id: str,
    passphrase: str | None = None,
    confirmed: str | None = None,
    bus: EventBus | None = None,
    ask_passphrase: Callable[[], str | None] | None = None,
) -> ExpertSession:
    """Every step in order; :class:`BureauChanged` unless ``confirmed`` names a new bureau."""
    opened = open_for_review(db, path)
    package = opened.package
    try:
        if opened.bureau_changed is not None:
            if confirmed is None:
                raise opened.bureau_changed
            confirm_bureau(db, package, confirmed)
        unlocked = expert_keys.obtain_credential(
            package, expert_id, passphrase, ask_passphrase, unlock=unlock_in_worker_process
        )
        desk = open_desk(db, package, unlocked.credential, bus)
    except BaseException:
        package.close()
        raise
    return ExpertSession(package, desk, unlocked.remembered, unlocked.note)
