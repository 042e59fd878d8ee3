from people.models.accounts import (
    ActivationCode,
    CodePurpose,
    Gender,
    OccupationGroup,
    Profile,
    User,
)
from people.models.notices import Consent, ConsentMethod, Notification
from people.models.organisations import AccessLog, Organisation, Role, RoleAssignment
from people.models.units import AdministrativeUnit, UnitLevel, UnitSuccession

__all__ = [
    "AccessLog",
    "ActivationCode",
    "AdministrativeUnit",
    "CodePurpose",
    "Consent",
    "ConsentMethod",
    "Gender",
    "Notification",
    "OccupationGroup",
    "Organisation",
    "Profile",
    "Role",
    "RoleAssignment",
    "UnitLevel",
    "UnitSuccession",
    "User",
]
