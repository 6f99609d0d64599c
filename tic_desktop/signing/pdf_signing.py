"""Signing the review documents: visible stamps, sequential signatures, the first one certifying.

All signature fields are created empty before the first signature, so later signers only fill
their own field; the certification (DocMDP level 2: form filling and signing) then lets their
signatures stay valid while any other edit breaks the document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko import stamp
from pyhanko.pdf_utils import text as pdf_text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tic_desktop.paths import resources_dir
from tic_desktop.security import certificates

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class SignatureSlot:
    """Where one signer's stamp goes; the document layout decides these."""

    field_name: str
    page: int  # 0-based
    box: Box  # x1, y1, x2, y2 in PDF points


@dataclass(frozen=True)
class SignerIdentity:
    """A signer's key and certificate chain, as unlocked from a credential."""

    key_pem: str
    certificate_pem: str
    ca_certificate_pem: str
    name: str
    role: str


class _FrozenMetadataWriter(IncrementalPdfFileWriter):
    """Leaves /Info and XMP untouched when signing.

    pyHanko refreshes ModDate/Producer on every write; then a later signature would look like
    a metadata edit, and verification could not refuse real /Info edits made after signing.
    """

    def _update_meta(self) -> None:
        return None


def _to_asn1_certificate(pem: str) -> asn1_x509.Certificate:
    der = certificates.certificate_from_pem(pem).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(der)


def _signer(identity: SignerIdentity) -> signers.SimpleSigner:
    key = certificates.key_from_pem(identity.key_pem)
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    ca = _to_asn1_certificate(identity.ca_certificate_pem)
    return signers.SimpleSigner(
        signing_cert=_to_asn1_certificate(identity.certificate_pem),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([ca]),
    )


@cache
def _stamp_style() -> stamp.TextStampStyle:
    font = GlyphAccumulatorFactory(str(resources_dir() / "fonts" / "WenQuanYiMicroHei.ttf"))
    return stamp.TextStampStyle(
        stamp_text="%(signer_name)s\n%(role)s\n%(ts)s",
        text_box_style=pdf_text.TextBoxStyle(font=font, font_size=12, leading=16),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID, margins=Margins(6, 6, 4, 4)),
        border_width=1,
        timestamp_format="%Y-%m-%d %H:%M",
        background=None,
    )


def prepare_signature_fields(pdf: bytes, slots: list[SignatureSlot]) -> bytes:
    """Add every (empty) signature field the document will need, before anyone signs."""
    writer = _FrozenMetadataWriter(io.BytesIO(pdf), strict=False)
    for slot in slots:
        fields.append_signature_field(
            writer, fields.SigFieldSpec(sig_field_name=slot.field_name, on_page=slot.page, box=slot.box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(pdf: bytes, identity: SignerIdentity, slot: SignatureSlot, *, certify: bool,
             location: str = "聊城市") -> bytes:
    """Sign the existing empty field ``slot.field_name``; ``certify`` for the first signature only."""
    writer = _FrozenMetadataWriter(io.BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=slot.field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        name=identity.name,
        reason=identity.role,
        location=location,
        signer_key_usage={"non_repudiation"},
    )
    pdf_signer = signers.PdfSigner(metadata, _signer(identity), stamp_style=_stamp_style())
    out = pdf_signer.sign_pdf(
        writer, existing_fields_only=True,
        appearance_text_params={"signer_name": identity.name, "role": identity.role},
    )
    return out.getvalue()
