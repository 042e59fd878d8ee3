"""The actions of issued certificates and the roles that grant them (people.permissions asks).

Registered from ``certificates.issuing.receivers``, which CertificatesConfig.ready() imports.
"""

from people.models import Role
from people.permissions import permission_register

REVOKE = "certificates.revoke"
VIEW_ISSUED = "certificates.view_issued"  # progress page, PDFs and the ZIP of a decision
MANAGE_TEMPLATES = "certificates.manage_templates"

ROLES = {
    REVOKE: {Role.COMMUNE_APPROVER},
    VIEW_ISSUED: {Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER},
    MANAGE_TEMPLATES: set(),
}


def permissions_register() -> None:
    for action, roles in ROLES.items():
        permission_register(action, roles | {Role.ADMINISTRATOR})
