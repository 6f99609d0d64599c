"""``tic pdf verify``: every signature checked against an explicit trust root.

pyHanko's default difference policy accepts an /Info edit after signing, so ours allows only
what sequential signing needs (filling the pre-made signature fields) and nothing else. A valid
signature must also be the right person's: the certificate's expert is the field's expert, and the
role is the field's, not whatever the signer wrote (signature_fields.py).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
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
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tic_desktop.catalogue import Text, t
from tic_desktop.errors import InputError
from tic_desktop.security import certificates
from tic_desktop.signing.signature_fields import binding_problem

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

    def as_json(self) -> dict[str, str | bool]:
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


# pyHanko and its certificate validator log a traceback for every signature they cannot trust and
# every disallowed change; the report says it once, plainly.
_QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


def verify_pdf(pdf: bytes, root_pem: str, shown: str = "PDF") -> list[SignatureReport]:
    """One report per signature, in signing order; an unsigned or unreadable file is bad input.

    A signature is valid only if it is intact, chains to the root, allows no change beyond the
    later signatures, and is bound to its field: the certificate belongs to the field's expert
    (subject UID) with the title the bureau certifies for it, and the role the signer stated is
    the field's (signing/signature_fields.py).
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, IndexError) as error:
        raise InputError(
            shown, None, t("cannot read the PDF ({error})", error=str(error))
        ) from None
    if not embedded:
        raise InputError(shown, None, t("the PDF has no signatures"))
    root = certificates.certificate_from_pem(root_pem)
    context = ValidationContext(
        trust_roots=[_root(root_pem)], allow_fetching=False, revocation_mode="soft-fail"
    )
    usage = KeyUsageConstraints(key_usage={"non_repudiation"}, match_all_key_usages=False)
    reports = []
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    previous_levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        for signature in embedded:
            reports.append(_report(signature, context, usage, root))
    finally:
        for logger, level in zip(loggers, previous_levels, strict=True):
            logger.setLevel(level)
    return reports


def _untrusted(status: PdfSignatureStatus, root: x509.Certificate) -> Text:
    """Why a signature's certificate is not trusted: expired or not yet valid (when the bureau did
    issue it), otherwise not issued by the bureau."""
    try:
        certificate = x509.load_der_x509_certificate(status.signing_cert.dump())
    except ValueError:
        certificate = None
    if certificate is not None and certificates.signed_by(certificate, root):
        at = status.validation_time or dt.datetime.now(dt.UTC)
        problem = certificates.validity_problem(certificate, at, t("the signing certificate"))
        if problem:
            return problem
    return t("certificate not issued by the trusted bureau")


def _report(
    signature: EmbeddedPdfSignature,
    context: ValidationContext,
    usage: KeyUsageConstraints,
    root: x509.Certificate,
) -> SignatureReport:
    problem: Text | None = None
    uid = title = None
    try:
        status = validate_pdf_signature(
            signature, context, diff_policy=SIGNATURES_ONLY_POLICY, key_usage_settings=usage
        )
        intact = bool(status.intact and status.valid)
        trusted = bool(status.trusted)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE  # None: coverage unclear
        allowed = (
            status.modification_level is not None
            and status.modification_level.name in ("NONE", "LTA_UPDATES", "FORM_FILLING")
            and bool(status.docmdp_ok)
        )
        if not intact:
            problem = t("content changed after signing")
        elif not trusted:
            problem = _untrusted(status, root)
        elif not (whole or allowed):
            problem = t(
                "disallowed changes after signing (e.g. pages added or document info edited)"
            )
        when = (
            status.signer_reported_dt.isoformat(timespec="seconds")
            if status.signer_reported_dt
            else ""
        )
        subject = status.signing_cert.subject.native
        name = subject.get("common_name", "")
        uid, title = subject.get("user_id"), subject.get("title")
    except (SignatureValidationError, ValueError, KeyError) as error:
        intact = trusted = whole = allowed = False
        problem = t("cannot validate: {error}", error=str(error))
        when, name = "", ""
    sig_object = signature.sig_object
    role, unbound = binding_problem(
        str(signature.field_name), str(sig_object.get("/Reason", "")), uid, title
    )
    return SignatureReport(
        field=signature.field_name,
        signer=name or str(sig_object.get("/Name", "")),
        role=role,
        time=when,
        intact=intact,
        trusted=trusted,
        covers_whole_file=whole,
        changes_allowed=allowed,
        problem=_both_languages(problem or unbound),
    )


def _both_languages(problem: Text | None) -> str:
    """A report's problem as the JSON of ``tic pdf verify`` gives it: "中文 / English"."""
    return f"{problem.zh} / {problem.en}" if problem else ""
