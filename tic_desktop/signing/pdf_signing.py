"""Signing the review documents: visible stamps, sequential signatures, the first one certifying.

All signature fields are created empty before the first signature, so later signers only fill
their own field; the certification (DocMDP level 2: form filling and signing) then lets their
signatures stay valid while any other edit breaks the document.
"""

from __future__ import annotations

import io
import string
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache, lru_cache

import uharfbuzz as harfbuzz  # pyHanko[opentype]'s shaper; its subsetter cuts the stamp font
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko import stamp
from pyhanko.pdf_utils import text as pdf_text
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.pdf_utils.xref import ObjectStream
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
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ca = _to_asn1_certificate(identity.ca_certificate_pem)
    return signers.SimpleSigner(
        signing_cert=_to_asn1_certificate(identity.certificate_pem),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([ca]),
    )


STAMP_FONT = "WenQuanYiMicroHei.ttf"
# Always in the stamp subset: the timestamp's digits and separators, and plain ASCII for
# roles/names.
_ALWAYS_IN_STAMP = frozenset(string.printable) - frozenset("\t\n\r\x0b\x0c")
# HarfBuzz's subsetter drops these; pyHanko's font engine needs no layout tables for CJK stamps.
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "FFTM")


@cache
def _stamp_face() -> harfbuzz.Face:
    """The bundled font, read once per process for HarfBuzz's subsetter."""
    return harfbuzz.Face((resources_dir() / "fonts" / STAMP_FONT).read_bytes())


@lru_cache(maxsize=64)
def _stamp_font_bytes(characters: str) -> bytes:
    """A tiny TrueType font with just ``characters`` (plus ASCII), cut by HarfBuzz in a few ms.

    Handing pyHanko the whole 4 MB CJK font made it parse GSUB/GPOS and subset ~50 000 glyphs
    with fontTools on every signature (~1 s); the pre-cut font keeps the stamp the same
    (same outlines and metrics, embedded as a subset) at a fraction of the cost.
    """
    request = harfbuzz.SubsetInput()
    for character in sorted(set(characters) | _ALWAYS_IN_STAMP):
        request.unicode_set.add(ord(character))
    dropped = request.sets(harfbuzz.SubsetInputSets.DROP_TABLE_TAG)
    for tag in _DROPPED_TABLES:
        dropped.add(int.from_bytes(tag.encode("ascii"), "big"))
    subset = harfbuzz.subset(_stamp_face(), request)
    if subset is None:  # pragma: no cover - HarfBuzz refused; fall back to the whole font
        return (resources_dir() / "fonts" / STAMP_FONT).read_bytes()
    return bytes(subset.blob.data)


@dataclass(frozen=True)
class _InMemoryFontFactory(FontEngineFactory):
    """pyHanko's GlyphAccumulatorFactory, but for font bytes already in memory."""

    font_bytes: bytes = dataclass_field(repr=False)
    font_size: int = 10
    create_objstream_if_needed: bool = True

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: ObjectStream | None = None
    ) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(self.font_bytes),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


@lru_cache(maxsize=64)
def _stamp_style(characters: str) -> stamp.TextStampStyle:
    """The visible stamp: signer's name, role and time, in the bundled CJK font (subset)."""
    font = _InMemoryFontFactory(_stamp_font_bytes(characters))
    return stamp.TextStampStyle(
        stamp_text="%(signer_name)s\n%(role)s\n%(ts)s",
        text_box_style=pdf_text.TextBoxStyle(font=font, font_size=12, leading=16),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(6, 6, 4, 4),
        ),
        border_width=1,
        timestamp_format="%Y-%m-%d %H:%M",
        background=None,
    )


def prepare_signature_fields(pdf: bytes, slots: list[SignatureSlot]) -> bytes:
    """Add every (empty) signature field the document will need, before anyone signs."""
    writer = _FrozenMetadataWriter(io.BytesIO(pdf), strict=False)
    for slot in slots:
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(
                sig_field_name=slot.field_name,
                on_page=slot.page,
                # pyHanko annotates the box as ints but writes any number (%g): the layout's
                # points are floats, and rounding them would move the stamps
                box=slot.box,  # type: ignore[arg-type]
            ),
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(
    pdf: bytes,
    identity: SignerIdentity,
    slot: SignatureSlot,
    *,
    certify: bool,
    location: str = "聊城市",
) -> bytes:
    """Sign the existing empty field ``slot.field_name``; ``certify`` for the first signature
    only."""
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
    stamp_characters = "".join(sorted(set(identity.name + identity.role)))
    pdf_signer = signers.PdfSigner(
        metadata, _signer(identity), stamp_style=_stamp_style(stamp_characters)
    )
    out: io.BytesIO = pdf_signer.sign_pdf(  # a new BytesIO: no output stream is given
        writer,
        existing_fields_only=True,
        appearance_text_params={"signer_name": identity.name, "role": identity.role},
    )
    return out.getvalue()
