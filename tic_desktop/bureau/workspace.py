"""``tic bureau init DIR`` and access to the bureau's keys.

Layout of DIR::

    bureau.json           public description: name, CA fingerprint, age recipient, where secrets are
    ca.pem                the bureau's root certificate (what PDF readers and experts trust)
    bureau-secrets.age    the CA key and age identity, passphrase-encrypted (when --passphrase-file)
    packages.json         every package built: its manifest hash, round, panel and members
    credentials/<round>/  experts' passphrase-encrypted credentials and certificates, reused on
                          rebuild

Without a passphrase file the secrets go to the OS keyring (refusing plaintext backends).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from pyrage import x25519

from tic_desktop.catalogue import t, tc
from tic_desktop.domain.files import read_regular_file
from tic_desktop.domain.jsonfile import MAX_JSON_BYTES
from tic_desktop.errors import InputError, TicError
from tic_desktop.security import age_files, certificates, keyring_store
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.errors import KeyringUnavailable, SecurityError

KEYRING_SERVICE = "tic-desktop bureau"
SECRETS_FILE = "bureau-secrets.age"
DEFAULT_NAME = "聊城市科学技术局"


@dataclass(frozen=True)
class BureauKeys:
    """The bureau's private keys, held in memory only while a command needs them."""

    ca_key: ec.EllipticCurvePrivateKey
    identity: x25519.Identity


class BureauWorkspace:
    """A bureau folder: public parts always readable, private keys on request."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        description = self.folder / "bureau.json"
        if not description.is_file():
            raise InputError(
                str(self.folder),
                None,
                t("not a bureau workspace (no bureau.json); run `tic bureau init` first"),
            )
        try:
            self.description = json.loads(
                read_regular_file(description, str(description), MAX_JSON_BYTES).decode("utf-8")
            )
            self.name: str = self.description["name"]
            self.fingerprint: str = self.description["fingerprint"]
            self.age_recipient: str = self.description["age_recipient"]
            self.secrets_in: str = self.description["secrets"]
        except (ValueError, KeyError) as error:
            raise InputError(str(description), str(error), t("invalid content")) from None
        self.ca_certificate = certificates.certificate_from_pem(
            read_regular_file(self.folder / "ca.pem", limit=MAX_JSON_BYTES),
            t("the root certificate"),
        )
        if certificates.fingerprint(self.ca_certificate) != self.fingerprint:
            raise SecurityError(
                t("ca.pem does not match bureau.json's fingerprint"), reason="bad_signature"
            )

    @property
    def ca_pem(self) -> str:
        return certificates.certificate_to_pem(self.ca_certificate)

    def keys(self, passphrase: str | None = None) -> BureauKeys:
        """The private keys, from the keyring or with ``passphrase``; explains what is missing."""
        return self.keys_from_secret(self.secret(passphrase))

    def secret(self, passphrase: str | None = None) -> str:
        """The serialised private keys (decrypting them costs seconds of scrypt with a
        passphrase)."""
        secret: str | None = None
        secrets_file = self.folder / SECRETS_FILE
        if passphrase is not None and secrets_file.is_file():
            secret = age_files.decrypt_with_passphrase(
                read_regular_file(secrets_file, limit=MAX_JSON_BYTES),
                passphrase,
                tc("sealed file", "bureau keys"),
            ).decode()
        elif self.secrets_in == "keyring":
            secret = keyring_store.load_secret(KEYRING_SERVICE, self.fingerprint)
        if secret is None:
            raise TicError(
                t(
                    "The bureau's private keys are not available: not in the OS keyring and no "
                    "--passphrase-file given."
                )
            )
        return secret

    @staticmethod
    def keys_from_secret(secret: str) -> BureauKeys:
        data = json.loads(secret)
        return BureauKeys(
            certificates.key_from_pem(data["ca_key_pem"]),
            age_files.identity_from_text(data["age_identity"]),
        )

    def credentials_dir(self, round_id: str) -> Path:
        return self.folder / "credentials" / safe_name(round_id, "round id")

    # --- the package registry: which packages this bureau built ---------------------------
    def registry(self) -> dict[str, dict[str, Any]]:
        path = self.folder / "packages.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def register_package(self, manifest_sha256: str, entry: dict[str, Any]) -> None:
        registry = self.registry()
        registry[manifest_sha256] = entry
        write_atomically(
            self.folder / "packages.json",
            json.dumps(registry, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"),
        )


def is_safe_name(value: str) -> bool:
    """Ids become folder and file names: only letters, digits, - _ and ., not starting with a
    dot."""
    return (
        bool(value)
        and all(ch.isalnum() or ch in "-_." for ch in value)
        and not value.startswith(".")
    )


def safe_name(value: str, what: str) -> str:
    if not is_safe_name(value):
        raise InputError(
            what,
            None,
            t("{value} cannot be used as a file name", value=repr(value), value_zh=value),
        )
    return value


def keyring_can_hold_keys() -> bool:
    """Whether this computer's OS keyring is a secure one that a new workspace's keys can go to
    (:func:`init_workspace` without a passphrase); if not, the keys need a passphrase."""
    try:
        keyring_store.secure_backend()
    except KeyringUnavailable:
        return False
    return True


def init_workspace(
    folder: Path, name: str = DEFAULT_NAME, passphrase: str | None = None
) -> BureauWorkspace:
    """Create a new bureau workspace; refuses to overwrite an existing one."""
    folder = Path(folder)
    if (folder / "bureau.json").exists():
        raise InputError(
            str(folder),
            None,
            t("already a bureau workspace; not overwritten"),
        )
    if passphrase is None:
        keyring_store.secure_backend()  # fail early, before any key exists, with the reason
    elif len(passphrase) < 8:
        raise InputError(
            "--passphrase-file",
            None,
            t("passphrase too short (at least 8 characters)"),
        )
    ca_key, ca_certificate = certificates.create_bureau_ca(name)
    identity = age_files.new_identity()
    fp = certificates.fingerprint(ca_certificate)
    secret = json.dumps(
        {"ca_key_pem": certificates.key_to_pem(ca_key), "age_identity": str(identity)}
    )
    folder.mkdir(parents=True, exist_ok=True)
    if passphrase is not None:
        write_atomically(
            folder / SECRETS_FILE,
            age_files.encrypt_with_passphrase(secret.encode(), passphrase),
            0o600,
        )
        secrets_in = SECRETS_FILE
    else:
        try:
            keyring_store.store_secret(KEYRING_SERVICE, fp, secret)
        except KeyringUnavailable:
            raise
        secrets_in = "keyring"
    write_atomically(
        folder / "ca.pem", certificates.certificate_to_pem(ca_certificate).encode("ascii")
    )
    description = {
        "format": "tic-bureau/1",
        "name": name,
        "fingerprint": fp,
        "age_recipient": str(identity.to_public()),
        "secrets": secrets_in,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    write_atomically(
        folder / "bureau.json",
        json.dumps(description, ensure_ascii=False, indent=2).encode("utf-8"),
    )
    return BureauWorkspace(folder)


MAX_PASSPHRASE_FILE_BYTES = 64 * 1024


def read_passphrase_file(path: str | Path | None) -> str | None:
    """A passphrase from the first line of a file (trailing newline ignored), or None.

    The file must be a regular file (a FIFO would block) of UTF-8 text.
    """
    if path is None:
        return None
    shown = str(path)
    data = read_regular_file(Path(path), shown, MAX_PASSPHRASE_FILE_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, None, t("the passphrase file is not UTF-8 text")) from None
    passphrase = text.splitlines()[0] if text.splitlines() else ""
    if not passphrase:
        raise InputError(shown, None, t("the passphrase file is empty"))
    return passphrase
