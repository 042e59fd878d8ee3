"""Reads about places and people. Keyword-only, named ``<entity>_<action>``."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from people.models import AdministrativeUnit, Profile, UnitLevel, UnitSuccession, User
from people.validators import name_normalise


def _today() -> date:
    return timezone.localdate()


def unit_commune(*, unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The commune-level unit a unit sits in (itself if it is one); None above commune level."""
    if unit.level == UnitLevel.COMMUNE:
        return unit
    if unit.level < UnitLevel.COMMUNE:
        return None
    return (
        AdministrativeUnit.objects.filter(pk__in=unit.ancestor_ids, level=UnitLevel.COMMUNE)
        .order_by("-level")
        .first()
    )


def unit_successor_on(*, unit: AdministrativeUnit, on: date | None = None) -> AdministrativeUnit:
    """Follow the succession map from ``unit`` until reaching a unit that is valid on ``on``.

    A unit that is still valid is returned as it is. Cycles in bad data stop the walk.
    """
    on = on or _today()
    current, seen = unit, set()
    while not current.is_valid_on(on) and current.pk not in seen:
        seen.add(current.pk)
        step = (
            UnitSuccession.objects.filter(predecessor=current, effective_date__lte=on)
            .select_related("successor")
            .order_by("-effective_date")
            .first()
        )
        if step is None:
            break
        current = step.successor
    return current


def unit_commune_on(
    *, unit: AdministrativeUnit, on: date | None = None
) -> AdministrativeUnit | None:
    """The commune that answers for ``unit`` on a day: a record attached to a pre-2025 hamlet or
    commune rolls up to the commune that exists today (or on ``on``)."""
    commune = unit_commune(unit=unit)
    if commune is None:
        return None
    return unit_successor_on(unit=commune, on=on)


def unit_predecessor_ids(*, unit_ids: Iterable[int]) -> set[int]:
    """Every unit that (transitively) became one of ``unit_ids``."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        rows = set(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = rows - found - set(unit_ids)
        found |= rows
    return found


def unit_scope_q(*, unit_ids: Iterable[int], field: str = "") -> Q:
    """A Q matching units in the subtrees of ``unit_ids`` and of the units they succeeded.

    ``field`` is the lookup path from the queried model to an AdministrativeUnit
    (``"home_unit"`` for profiles; empty for units themselves).
    """
    roots = set(unit_ids)
    roots |= unit_predecessor_ids(unit_ids=roots)
    paths = AdministrativeUnit.objects.filter(pk__in=roots).values_list("path", flat=True)
    prefix = f"{field}__path__startswith" if field else "path__startswith"
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{prefix: path})
    return query


def unit_in_scope(*, unit: AdministrativeUnit | None, scope_unit_ids: Iterable[int]) -> bool:
    if unit is None:
        return False
    return AdministrativeUnit.objects.filter(
        unit_scope_q(unit_ids=scope_unit_ids), pk=unit.pk
    ).exists()


def unit_list_current(*, level: int | None = None, on: date | None = None) -> QuerySet:
    on = on or _today()
    units = AdministrativeUnit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )
    if level is not None:
        units = units.filter(level=level)
    return units


def unit_hamlet_choices(*, on: date | None = None) -> QuerySet:
    """Hamlets a person can live in today: current hamlets, in current or succeeded communes."""
    return (
        unit_list_current(level=UnitLevel.HAMLET, on=on)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


def unit_find_by_name(
    *, name: str, level: int, on: date | None = None, parent: AdministrativeUnit | None = None
) -> list[AdministrativeUnit]:
    """Units whose names match after normalisation ("Hoà" = "Hòa"), valid on ``on``."""
    key = name_normalise(name)
    candidates = unit_list_current(level=level, on=on)
    if parent is not None:
        candidates = candidates.filter(parent=parent)
    return [unit for unit in candidates if name_normalise(unit.name) == key]


def user_find_by_phone(*, phone: str) -> User | None:
    return User.objects.filter(phone=phone).first()


def profile_get(*, user: User) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile
