"""The one place that answers "may this user do this action on this unit / object?".

Every app asks ``user_can`` (object level) or ``unit_ids_for`` / ``profiles_visible_to`` (list
level). Actions map to the roles that grant them; a role only reaches its unit's subtree, plus the
subtrees of the units that unit succeeded (a 2025 commune officer sees the old communes' people).
Later apps add their actions with ``permission_register`` in their ``AppConfig.ready()``.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from people.models import AdministrativeUnit, Profile, Role, RoleAssignment, User
from people.selectors import unit_in_scope, unit_scope_q

OFFICERS = frozenset({Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER})

ACTIONS: dict[str, frozenset[str]] = {
    "people.view_person": OFFICERS | {Role.ADMINISTRATOR},
    "people.register_assisted": frozenset(
        {Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR}
    ),
    # Issue a one-time password reset code to a person of the area, handed over in person.
    "people.reset_password": frozenset(
        {Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR}
    ),
    "people.edit_person": frozenset(
        {Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR}
    ),
    "people.manage_roles": frozenset({Role.ADMINISTRATOR}),
    "people.manage_units": frozenset({Role.ADMINISTRATOR}),
    "people.view_statistics": frozenset(
        {Role.CITY_ANALYST, Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER, Role.ADMINISTRATOR}
    ),
    "cms.edit": frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    "courses.teach": frozenset({Role.TRAINER, Role.ADMINISTRATOR}),
}


def permission_register(action: str, roles: set[str] | frozenset[str]) -> None:
    """Declare an action and the roles that grant it (idempotent; later calls widen the set)."""
    ACTIONS[action] = ACTIONS.get(action, frozenset()) | frozenset(roles)


def _roles_for(action: str) -> frozenset[str]:
    try:
        return ACTIONS[action]
    except KeyError as error:
        raise ValueError(
            f"Unknown action {action!r}: register it with permission_register()."
        ) from error


def role_assignments_active(*, user: User, roles=None, on: date | None = None) -> QuerySet:
    on = on or timezone.localdate()
    assignments = RoleAssignment.objects.filter(user=user).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    return assignments


def scope_unit_of(obj) -> AdministrativeUnit | None:
    """The place an object belongs to, for scoping."""
    if obj is None:
        return None
    if isinstance(obj, AdministrativeUnit):
        return obj
    if hasattr(obj, "scope_unit"):
        return obj.scope_unit
    if isinstance(obj, Profile):
        return obj.home_unit
    if isinstance(obj, User):
        profile = Profile.objects.filter(user=obj).select_related("home_unit").first()
        return profile.home_unit if profile else None
    raise TypeError(f"No scope unit known for {type(obj).__name__}")


def _usable(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


_memo: ContextVar[dict | None] = ContextVar("people_permissions_memo", default=None)


@contextmanager
def permissions_memo():
    """Inside the block, ``user_can(user=, action=, unit=)`` works each (user, action, unit)
    out once: for one request's loop that asks the same question thousands of times (a
    hamlet's list registered on people's behalf). Roles granted or withdrawn inside the block
    are not seen, so keep it to one request's work."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def user_can(*, user, action: str, unit: AdministrativeUnit | None = None, obj=None) -> bool:
    """May ``user`` do ``action`` — anywhere (no unit, no obj), on ``unit``, or on ``obj``?

    Superusers may do everything. An object with no place can only be acted on by an
    administrator. Unknown actions raise ValueError (a typo must not silently deny or allow).
    """
    memo = _memo.get()
    if memo is None or obj is not None or not _usable(user):
        return _user_can(user=user, action=action, unit=unit, obj=obj)
    key = (user.pk, action, unit.pk if unit is not None else None)
    if key not in memo:
        memo[key] = _user_can(user=user, action=action, unit=unit)
    return memo[key]


def _user_can(*, user, action: str, unit: AdministrativeUnit | None = None, obj=None) -> bool:
    roles = _roles_for(action)
    if not _usable(user):
        return False
    if user.is_superuser:
        return True
    assignments = list(role_assignments_active(user=user, roles=roles))
    if not assignments:
        return False
    if unit is None and obj is None:
        return True
    target = unit if unit is not None else scope_unit_of(obj)
    if target is None:
        return any(a.role == Role.ADMINISTRATOR for a in assignments)
    return unit_in_scope(unit=target, scope_unit_ids=[a.unit_id for a in assignments])


def unit_ids_for(*, user, action: str) -> list[int] | None:
    """Units whose subtrees ``user`` may do ``action`` in; None means everywhere (superuser)."""
    roles = _roles_for(action)
    if not _usable(user):
        return []
    if user.is_superuser:
        return None
    return list(role_assignments_active(user=user, roles=roles).values_list("unit_id", flat=True))


def profiles_visible_to(*, user, action: str = "people.view_person") -> QuerySet:
    """The profiles ``user`` may see for ``action`` (list-level scoping)."""
    profiles = Profile.objects.select_related("user", "home_unit", "home_unit__parent")
    unit_ids = unit_ids_for(user=user, action=action)
    if unit_ids is None:
        return profiles
    if not unit_ids:
        return profiles.none()
    return profiles.filter(unit_scope_q(unit_ids=unit_ids, field="home_unit"))


def units_visible_to(*, user, action: str) -> QuerySet:
    unit_ids = unit_ids_for(user=user, action=action)
    if unit_ids is None:
        return AdministrativeUnit.objects.all()
    if not unit_ids:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(unit_scope_q(unit_ids=unit_ids))


def user_roles(*, user) -> list[RoleAssignment]:
    if not _usable(user):
        return []
    return list(role_assignments_active(user=user).select_related("unit", "organisation"))
