from people.models.accounts import ActivationCode, Gender, OccupationGroup, Profile, User
from people.models.organisations import AccessLog, Organisation, Role, RoleAssignment
from people.models.units import AdministrativeUnit, UnitLevel, UnitSuccession

__all__ = [
    "AccessLog",
    "ActivationCode",
    "AdministrativeUnit",
    "Gender",
    "OccupationGroup",
    "Organisation",
    "Profile",
    "Role",
    "RoleAssignment",
    "UnitLevel",
    "UnitSuccession",
    "User",
]
