"""Fuzz receiving a return: decryption, the JWS and its certificate chain, the return document.

``verify_return`` promises never to raise for a bad return, only to classify it; so here even a
``TicError`` escaping it is a finding. Three modes (the input's first byte):

0. the signed return document (JSON): signed with E02's real key and certificate, encrypted to
   the bureau — what a malicious or buggy expert client could send. Accepted returns then go
   through ``classify_returns`` and ``aggregate`` with the demo round, as ``tic aggregate`` does.
1. the JWS token as bytes, encrypted to the bureau: signer certificate, chain, JWS parsing.
2. the return file as bytes: age decryption of anything.

Run: see docs/fuzzing.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_common import run_fuzzer, scratch_folder, sign_compact

DEMO_ROUND = Path(__file__).resolve().parents[2] / "resources" / "demo" / "round.json"


class ContractBroken(AssertionError):
    """verify_return raised instead of classifying the file as rejected."""


class ReturnTarget:
    modes = 3

    def __init__(self, material) -> None:
        from cryptography.hazmat.primitives import serialization

        from tic_desktop.aggregation import round_method
        from tic_desktop.domain.loading import load_round
        from tic_desktop.returns.receiving import BureauPackages
        from tic_desktop.security import certificates

        self.material = material
        self.workspace, self.keys = material.workspace, material.keys
        self.review_round = load_round(DEMO_ROUND)
        self.packages = BureauPackages(material.workspace, self.review_round)
        self.method = round_method(self.review_round)
        credential = material.credential
        self.key = certificates.key_from_pem(credential.key_pem)
        self.certificate_der = certificates.certificate_from_pem(
            credential.certificate_pem
        ).public_bytes(serialization.Encoding.DER)
        self.recipient = [material.workspace.age_recipient]
        self.folder = scratch_folder("return")
        self.file = self.folder / "E02.ticreturn"
        self.seed_file = material.return_file.read_bytes()

    def seeds(self) -> list[bytes]:
        material = self.material
        return [
            b"\x00" + material.return_payload(),
            b"\x01" + material.return_token(),
            b"\x02" + self.seed_file,
        ]

    def harness(self, data: bytes) -> None:
        from tic_desktop.aggregation import aggregate
        from tic_desktop.errors import TicError
        from tic_desktop.returns.receiving import classify_returns, verify_return
        from tic_desktop.security import age_files

        mode, body = (data[0] % self.modes, data[1:]) if data else (2, b"")
        if mode == 0:
            sealed = age_files.encrypt_to(
                sign_compact(body, self.key, self.certificate_der), self.recipient
            )
        elif mode == 1:
            sealed = age_files.encrypt_to(body, self.recipient)
        else:
            sealed = body
        self.file.write_bytes(sealed)
        try:
            item = verify_return(
                self.file, self.workspace, self.keys, self.review_round, self.packages
            )
        except TicError as error:
            raise ContractBroken(f"verify_return raised {type(error).__name__}: {error}") from error
        assert item.status in ("accepted", "rejected"), item.status
        if item.status == "rejected":
            assert item.reason in (
                "bad_signature",
                "unknown_expert",
                "wrong_round",
                "cannot_decrypt",
                "malformed",
                "not_certified",
                "rule_violation",
            )
            return
        # a return that verifies is ranked: the bureau's next step, which must not fail either
        classify_returns([item])
        for result in aggregate(self.review_round, [item], self.method):
            result.as_json(False)
            result.as_json(True)
        item.as_json()


def make_target(material) -> ReturnTarget:
    return ReturnTarget(material)


if __name__ == "__main__":
    run_fuzzer(
        "return",
        make_target,
        [
            "tic_desktop.returns.receiving",
            "tic_desktop.returns.scoring",
            "tic_desktop.packages.opening",
            "tic_desktop.security.jws",
            "tic_desktop.security.certificates",
            "tic_desktop.security.age_files",
            "tic_desktop.aggregation",
            "tic_desktop.domain.decimals",
        ],
        skip=frozenset({"_json_depth_ok"}),
    )
