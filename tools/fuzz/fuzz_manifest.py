"""Fuzz opening a package: the ZIP container, the JWS around the manifest, and the manifest itself.

The untrusted bytes are the package file. Three modes (the input's first byte):

0. the manifest payload (JSON): signed here with the seed bureau's CA key, put into the seed
   package next to its real members, opened. Signing stands for an attacker with a CA of their
   own: ``open_package`` without trusted fingerprints (first open, ``tic package inspect`` without
   ``--bureau``) accepts any self-signed CA, so the manifest parser is reachable without our key.
1. the manifest token (``manifest.jws``) as bytes: signer certificate, JWS parsing, verification.
2. the whole package file as bytes: ZIP structure and member checks.

When a package opens, what an expert's client does next runs too: the sealed credential is read
and checked, the credential bound, and one application's data decrypted and hash-checked.

Run: see docs/fuzzing.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_common import PackageComposer, run_fuzzer, scratch_folder, sign_compact

MANIFEST_NAME = "manifest.jws"


class ManifestTarget:
    modes = 3

    def __init__(self, material) -> None:
        from cryptography.hazmat.primitives import serialization

        from tic_desktop.packages import opening  # noqa: F401  (imported here: instrumented in fuzz runs)

        self.material = material
        self.composer = PackageComposer(
            [(n, d) for n, d in material.package_members if n != MANIFEST_NAME]
        )
        self.payload = material.manifest_payload
        self.token = material.manifest_token
        self.package_bytes = material.package_file.read_bytes()
        self.key = material.keys.ca_key
        self.certificate_der = material.workspace.ca_certificate.public_bytes(
            serialization.Encoding.DER
        )
        self.trusted = {material.workspace.fingerprint}
        self.folder = scratch_folder("manifest")
        self.file = self.folder / "P1.ticpkg"
        self.count = 0

    def seeds(self) -> list[bytes]:
        return [b"\x00" + self.payload, b"\x01" + self.token, b"\x02" + self.package_bytes]

    def _write_package(self, token: bytes) -> None:
        self.file.write_bytes(self.composer.compose(MANIFEST_NAME, token))

    def harness(self, data: bytes) -> None:
        from tic_desktop.packages.opening import open_package

        self.count += 1
        mode, body = (data[0] % self.modes, data[1:]) if data else (2, b"")
        if mode == 0:
            self._write_package(sign_compact(body, self.key, self.certificate_der))
        elif mode == 1:
            self._write_package(body)
        else:
            self.file.write_bytes(body)
        # every other input without a trusted fingerprint: the expert's first open
        package = open_package(self.file, self.trusted if self.count % 2 else None)
        try:
            self._use(package)
        finally:
            package.close()

    def _use(self, package) -> None:
        """What the expert's client does with an opened package."""
        manifest = package.manifest
        assert len(package.package_sha256) == 64
        manifest.files()
        for member in manifest.members:
            manifest.member(member.id)
        for entry in manifest.applications:
            manifest.application(entry.id)
        if manifest.member("E02") is None:
            return
        package.sealed_credential("E02")
        package.check_credential(self.material.credential, "E02")
        readable = [
            a for a in manifest.applications if "E02" in a.scorers and "E02" not in a.recused
        ]
        if (
            readable and self.count % 8 == 0
        ):  # decrypting costs more than the rest: one input in eight
            package.read_member(readable[0].data, self.material.credential)


def make_target(material) -> ManifestTarget:
    return ManifestTarget(material)


if __name__ == "__main__":
    run_fuzzer(
        "package manifest",
        make_target,
        [
            "tic_desktop.packages.opening",
            "tic_desktop.packages.container",
            "tic_desktop.packages.manifest",
            "tic_desktop.packages.credentials",
            "tic_desktop.security.jws",
            "tic_desktop.security.certificates",
            "tic_desktop.security.age_files",
            "tic_desktop.domain.rubric",
            "tic_desktop.domain.decimals",
        ],
        skip=frozenset({"_json_depth_ok"}),
    )
