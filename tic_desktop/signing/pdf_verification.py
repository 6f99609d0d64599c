"""``tic pdf verify``: every signature checked against an explicit trust root.

pyHanko's default difference policy accepts an /Info edit after signing, so ours allows only
what sequential signing needs (filling the pre-made signature fields) and nothing else.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DSSCompareRule,
    FormUpdatingRule,
    ModificationLevel,
    ObjectStreamRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    XrefStreamRule,
)
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from tic_desktop.errors import InputError
from tic_desktop.security import certificates

SIGNATURES_ONLY_POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(),
        XrefStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        ObjectStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        DSSCompareRule().as_qualified(ModificationLevel.LTA_UPDATES),
    ],
    form_rule=FormUpdatingRule(field_rules=[SigFieldModificationRule()]),
)


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    role: str
    time: str
    intact: bool
    trusted: bool
    covers_whole_file: bool
    changes_allowed: bool
    problem: str

    @property
    def valid(self) -> bool:
        return (
            self.intact
            and self.trusted
            and (self.covers_whole_file or self.changes_allowed)
            and not self.problem
        )

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "signer": self.signer,
            "role": self.role,
            "time": self.time,
            "intact": self.intact,
            "trusted": self.trusted,
            "covers_whole_file": self.covers_whole_file,
            "later_changes_allowed": self.changes_allowed,
            "valid": self.valid,
            "problem": self.problem,
        }


def _root(ca_pem: str) -> asn1_x509.Certificate:
    der = certificates.certificate_from_pem(ca_pem).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(der)


def verify_pdf(pdf: bytes, root_pem: str, shown: str = "PDF") -> list[SignatureReport]:
    """One report per signature, in signing order; an unsigned or unreadable file is bad input."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, IndexError) as error:
        raise InputError(
            shown, None, f"无法读取 PDF（{error}）", f"cannot read the PDF ({error})"
        ) from None
    if not embedded:
        raise InputError(shown, None, "PDF 中没有签名", "the PDF has no signatures")
    context = ValidationContext(
        trust_roots=[_root(root_pem)], allow_fetching=False, revocation_mode="soft-fail"
    )
    usage = KeyUsageConstraints(key_usage={"non_repudiation"}, match_all_key_usages=False)
    reports = []
    # pyHanko logs a traceback for every disallowed change it finds; the report says it once, plainly.
    diff_log = logging.getLogger("pyhanko.sign.diff_analysis")
    previous_level = diff_log.level
    diff_log.setLevel(logging.CRITICAL)
    try:
        for signature in embedded:
            reports.append(_report(signature, context, usage))
    finally:
        diff_log.setLevel(previous_level)
    return reports


def _report(signature, context: ValidationContext, usage: KeyUsageConstraints) -> SignatureReport:
    problem = ""
    try:
        status = validate_pdf_signature(
            signature, context, diff_policy=SIGNATURES_ONLY_POLICY, key_usage_settings=usage
        )
        intact = bool(status.intact and status.valid)
        trusted = bool(status.trusted)
        whole = status.coverage.name == "ENTIRE_FILE"
        allowed = (
            status.modification_level is not None
            and status.modification_level.name in ("NONE", "LTA_UPDATES", "FORM_FILLING")
            and bool(status.docmdp_ok)
        )
        if not intact:
            problem = "签名后内容被改动 / content changed after signing"
        elif not trusted:
            problem = (
                "签名证书不受信任（不是本局签发） / certificate not issued by the trusted bureau"
            )
        elif not (whole or allowed):
            problem = (
                "签名后有不允许的修改（如增加页面、修改文档信息） / disallowed changes after signing "
                "(e.g. pages added or document info edited)"
            )
        when = (
            status.signer_reported_dt.isoformat(timespec="seconds")
            if status.signer_reported_dt
            else ""
        )
        name = status.signing_cert.subject.native.get("common_name", "")
    except (SignatureValidationError, ValueError, KeyError) as error:
        intact = trusted = whole = allowed = False
        problem = f"签名无法校验 / cannot validate: {error}"
        when, name = "", ""
    sig_object = signature.sig_object
    return SignatureReport(
        field=signature.field_name,
        signer=name or str(sig_object.get("/Name", "")),
        role=str(sig_object.get("/Reason", "")),
        time=when,
        intact=intact,
        trusted=trusted,
        covers_whole_file=whole,
        changes_allowed=allowed,
        problem=problem,
    )
