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

from tic_desktop.catalogue import Text, t, tc

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


_NOT_GIVEN = tc("certificate attribute", "(none)")


def binding_problem(
    field_name: str, stated_role: str, certificate_uid: str | None, certificate_title: str | None
) -> tuple[str, Text | None]:
    """The role to report for a signature in ``field_name`` and, if it does not bind, why not.

    The role is the one the field states (the signer's /Reason only chooses between the roles the
    field allows); the problem is None when the certificate belongs to the field's signer, carries
    the title the bureau certifies for that field and the stated role is one the field allows.
    """
    required = field_signer(field_name)
    if required is None:
        return stated_role, t(
            "the signature field {field} is not a field of a review document; its signer cannot "
            "be identified",
            field=field_name,
        )
    role = stated_role if stated_role in required.roles else required.roles[0]
    if certificate_uid != required.signer_id:
        return role, t(
            "the certificate belongs to {owner}, not to {signer} whose field {field} this is",
            owner=certificate_uid or _NOT_GIVEN,
            signer=required.signer_id,
            field=field_name,
        )
    if certificate_title != required.certified_title:
        return role, t(
            "the certificate's title is {title}; the bureau certifies {certified} for this field",
            title=repr(certificate_title or "(none)"),
            title_zh=certificate_title or _NOT_GIVEN,
            certified=repr(required.certified_title),
            certified_zh=required.certified_title,
        )
    if stated_role not in required.roles:
        return role, t(
            "the role the signer stated ({stated}) is not the field's role ({role})",
            stated=repr(stated_role),
            stated_zh=stated_role,
            role=repr(role),
            role_zh=role,
        )
    return role, None
