"""The actions of the certificates app and the roles that grant them (people.permissions asks).

Each review step belongs to one role, scoped to the application's unit (the applicant's home
hamlet, and so its branch and commune); administrators may do every step.
"""

from people.models import Role
from people.permissions import permission_register, user_can

VIEW = "certificates.view_application"
ASSIST = "certificates.assist"
BRANCH_REVIEW = "certificates.branch_review"
COMMUNE_EVALUATE = "certificates.commune_evaluate"
APPRAISE = "certificates.appraise"
DECIDE = "certificates.decide"
MANAGE_CRITERIA = "certificates.manage_criteria"
MANAGE_CYCLES = "certificates.manage_cycles"

ROLES = {
    VIEW: {Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER},
    ASSIST: {Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER},
    BRANCH_REVIEW: {Role.BRANCH_OFFICER},
    COMMUNE_EVALUATE: {Role.COMMUNE_OFFICER},
    APPRAISE: {Role.COMMUNE_APPROVER},
    DECIDE: {Role.COMMUNE_APPROVER},
    MANAGE_CRITERIA: set(),
    MANAGE_CYCLES: set(),
}


def permissions_register() -> None:
    for action, roles in ROLES.items():
        permission_register(action, roles | {Role.ADMINISTRATOR})


def user_may(user, action: str) -> bool:
    """``user_can`` anywhere (no unit), remembered on the user object for the request: menus,
    buttons and forms ask the same questions many times per page."""
    answers = user.__dict__.setdefault("_certificates_may", {})
    if action not in answers:
        answers[action] = user_can(user=user, action=action)
    return answers[action]
