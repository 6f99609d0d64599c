"""The expert's outbox for the meeting: every signed revision waits here until a receipt says
the collector stored it.

``<folder>`` is per package (next to the expert's local database):

    <sha256>.ticreturn   the signed, encrypted return, byte for byte as written for the USB stick
    <sha256>.chaircopy   its chair copy (members only)
    <sha256>.json        revision and original file name
    <sha256>.receipt     the collector's signed receipt (written with fsync once verified)
    <sha256>.copy-sent   the chair copy reached the collector
    <sha256>.refused     the collector refused this file (its reason); not sent again by itself
    chaircopies/         (the chair) members' copies fetched from the collector

Nothing is deleted: a failed transfer leaves the entry pending and the file where signing put it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from tic_desktop.network.client import CollectorClient, Refused
from tic_desktop.network.receipts import Receipt, verify_receipt
from tic_desktop.packages.credentials import Credential
from tic_desktop.security import certificates
from tic_desktop.security.atomic import write_atomically
from tic_desktop.security.errors import SecurityError

RETRY_LATER = {"rate_limited", "timeout", "internal", "incomplete", "unknown"}


@dataclass
class Entry:
    sha256: str
    revision: int
    name: str
    receipt: Receipt | None = None
    copy_sent: bool = False
    refused: str = ""
    has_copy: bool = False

    @property
    def delivered(self) -> bool:
        return self.receipt is not None


@dataclass
class Delivery:
    entry: Entry
    receipt: Receipt


class MeetingOutbox:
    def __init__(self, folder: Path, credential: Credential, chair: bool = False) -> None:
        self.folder = Path(folder)
        self.credential = credential
        self.chair = chair
        self.ca_certificate = certificates.certificate_from_pem(credential.ca_certificate_pem)

    def add(self, return_file: Path, revision: int, chair_copy: Path | None = None) -> Entry:
        """Keep a copy of a freshly signed return (and its chair copy) until it is delivered."""
        data = Path(return_file).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        target = self.folder / f"{digest}.ticreturn"
        if not target.exists():
            write_atomically(target, data, 0o600)
        if chair_copy is not None and not self.chair and Path(chair_copy).is_file():
            copy_target = self.folder / f"{digest}.chaircopy"
            if not copy_target.exists():
                write_atomically(copy_target, Path(chair_copy).read_bytes(), 0o600)
        meta = {"revision": revision, "name": Path(return_file).name}
        write_atomically(self.folder / f"{digest}.json", json.dumps(meta).encode("utf-8"), 0o600)
        return self.entry(digest)

    def entry(self, digest: str) -> Entry:
        meta_file = self.folder / f"{digest}.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        entry = Entry(digest, int(meta["revision"]), str(meta["name"]))
        receipt_file = self.folder / f"{digest}.receipt"
        if receipt_file.is_file():
            try:
                entry.receipt = verify_receipt(
                    receipt_file.read_bytes(),
                    self.ca_certificate,
                    self.credential.round_id,
                    self.credential.expert_id,
                    digest,
                    None,
                )
            except SecurityError:
                entry.receipt = None  # a receipt changed on disk does not count
        refused = self.folder / f"{digest}.refused"
        entry.refused = refused.read_text(encoding="utf-8") if refused.is_file() else ""
        entry.copy_sent = (self.folder / f"{digest}.copy-sent").exists()
        entry.has_copy = (self.folder / f"{digest}.chaircopy").is_file()
        return entry

    def entries(self) -> list[Entry]:
        if not self.folder.is_dir():
            return []
        found = [self.entry(p.stem) for p in self.folder.glob("*.json")]
        return sorted(found, key=lambda e: (e.revision, e.sha256))

    def pending(self) -> list[Entry]:
        return [
            e
            for e in self.entries()
            if not e.refused and (not e.delivered or (e.has_copy and not e.copy_sent))
        ]

    def latest(self) -> Entry | None:
        entries = self.entries()
        return entries[-1] if entries else None

    def deliver(self, client: CollectorClient) -> list[Delivery]:
        """Send what is pending, oldest revision first; stops at the first network failure
        (NetworkError propagates, everything not yet receipted stays pending)."""
        delivered = []
        for entry in self.pending():
            if not entry.delivered:
                data = (self.folder / f"{entry.sha256}.ticreturn").read_bytes()
                try:
                    receipt = client.send_return(data, entry.name)
                except Refused as refusal:
                    if refusal.code in RETRY_LATER:
                        raise
                    write_atomically(
                        self.folder / f"{entry.sha256}.refused",
                        refusal.message_zh.encode("utf-8"),
                        0o600,
                    )
                    entry.refused = refusal.message_zh
                    continue
                write_atomically(self.folder / f"{entry.sha256}.receipt", receipt.token, 0o600)
                entry.receipt = receipt
                delivered.append(Delivery(entry, receipt))
            if entry.has_copy and not entry.copy_sent:
                copy = (self.folder / f"{entry.sha256}.chaircopy").read_bytes()
                client.send_chair_copy(entry.sha256, copy)
                write_atomically(self.folder / f"{entry.sha256}.copy-sent", b"", 0o600)
                entry.copy_sent = True
        return delivered

    def fetch_chair_copies(self, client: CollectorClient) -> list[Path]:
        """(The chair) the members' copies the collector holds that are not here yet."""
        folder = self.folder / "chaircopies"
        new = []
        for listed in client.chair_copies():
            sha = str(listed["return_sha256"])
            target = folder / f"{sha}.chaircopy"
            if target.exists():
                continue
            data = client.fetch_chair_copy(sha)
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data, 0o600)
            new.append(target)
        return new
