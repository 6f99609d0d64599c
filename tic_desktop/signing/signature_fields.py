"""Who signs which field of a review document, and in what role.

The documents name their signature fields ``<kind>-<expert id>`` (``expert-E01``, ``member-E02``,
``chair-E01``, ``leader-E02``; ``tic_desktop/reports/forms.py``) and the bureau's summary field
``bureau-summary``. The fields are all created before the first signature, which certifies the
document, so the field names are covered by the first signer's signature and cannot be renamed
afterwards without invalidating it.

What the bureau certifies about a signer is in its certificate: the subject UID (the expert's id,
or ``BUREAU`` for the certificate the bureau issues itself to sign a summary) and the subject
title (``评审专家`` for every expert credential, ``评审结果签发`` for the summary). A panel role
(专家组组长, 考察组组长) cannot be certified: one credential serves every panel of a round, and
inspection teams are not in the round at all. So the field states the role, the certificate must
belong to the field's expert, and the free-text /Reason a signer writes must agree with the field
(docs/decisions.md).
"""

from __future__ import annotations

from dataclasses import dataclass

EXPERT_CERTIFIED_TITLE = "评审专家"
"""The subject title of every expert certificate the bureau issues (packages/credentials.py)."""
BUREAU_SIGNER_ID = "BUREAU"
BUREAU_ROLE = "评审结果签发"
"""The UID and title of the certificate the bureau issues to sign a result summary."""
BUREAU_FIELD = "bureau-summary"

FIELD_ROLES: dict[str, tuple[str, ...]] = {
    "expert": ("评审专家",),  # the expert's own opinion form
    "member": ("评审专家", "考察组成员"),  # a member of a panel (group opinion) or inspection team
    "chair": ("专家组组长",),
    "leader": ("考察组组长",),
}
"""Field kind -> the roles a document gives that field (the first one when none matches)."""


@dataclass(frozen=True)
class FieldSigner:
    """Who must have signed a field: the certificate's UID and title, and the roles it allows."""

    signer_id: str
    certified_title: str
    roles: tuple[str, ...]


def field_signer(field_name: str) -> FieldSigner | None:
    """What a field of a review document requires of its signer; None for a field we never make."""
    if field_name == BUREAU_FIELD:
        return FieldSigner(BUREAU_SIGNER_ID, BUREAU_ROLE, (BUREAU_ROLE,))
    kind, dash, person = field_name.partition("-")
    if dash and person and kind in FIELD_ROLES:
        return FieldSigner(person, EXPERT_CERTIFIED_TITLE, FIELD_ROLES[kind])
    return None


def binding_problem(
    field_name: str, stated_role: str, certificate_uid: str | None, certificate_title: str | None
) -> tuple[str, str | None]:
    """The role to report for a signature in ``field_name`` and, if it does not bind, why not.

    The role is the one the field states (the signer's /Reason only chooses between the roles the
    field allows); the problem is "中文 / English", or None when the certificate belongs to the
    field's signer, carries the title the bureau certifies for that field and the stated role is
    one the field allows.
    """
    required = field_signer(field_name)
    if required is None:
        return stated_role, (
            f"签名栏 {field_name} 不是评审文书的签名栏，无法确定签名人 / "
            f"the signature field {field_name} is not a field of a review document; its signer "
            "cannot be identified"
        )
    role = stated_role if stated_role in required.roles else required.roles[0]
    if certificate_uid != required.signer_id:
        return role, (
            f"签名证书属于 {certificate_uid or '（未标明）'}，不是签名栏 {field_name} 的签名人 "
            f"{required.signer_id} / the certificate belongs to {certificate_uid or '(none)'}, "
            f"not to {required.signer_id} whose field {field_name} this is"
        )
    if certificate_title != required.certified_title:
        return role, (
            f"签名证书的身份为“{certificate_title or '（未标明）'}”，评审局为此栏签发的应为"
            f"“{required.certified_title}” / the certificate's title is "
            f"{certificate_title or '(none)'!r}; the bureau certifies {required.certified_title!r} "
            "for this field"
        )
    if stated_role not in required.roles:
        return role, (
            f"签名人自述的身份“{stated_role}”与签名栏的身份“{role}”不符 / the role the signer "
            f"stated ({stated_role!r}) is not the field's role ({role!r})"
        )
    return role, None
