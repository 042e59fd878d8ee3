"""Reads about classes, scoped: trainers see the classes they teach, officers every class of
their units (people.permissions decides who is which)."""

from django.db.models import Count, Q, QuerySet

from cohorts.models import Cohort
from people.permissions import unit_ids_for, user_can
from people.selectors import unit_scope_q


def cohorts_visible_to(*, user) -> QuerySet:
    """The classes ``user`` may see: all of their units' classes for officers and
    administrators (``cohorts.oversee``), for trainers the classes they teach in the units
    where they hold the trainer role now (``courses.teach``), none otherwise."""
    cohorts = Cohort.objects.select_related("unit", "unit__parent")
    if not (user and user.is_authenticated and user.is_active):
        return cohorts.none()
    unit_ids = unit_ids_for(user=user, action="cohorts.oversee")
    if unit_ids is None:
        return cohorts
    query = Q(pk__in=[])
    if unit_ids:
        query |= unit_scope_q(unit_ids=unit_ids, field="unit")
    teach_ids = unit_ids_for(user=user, action="courses.teach")
    if teach_ids:  # the classes they teach, where they still teach (not after moving away)
        taught = Cohort.trainers.through.objects.filter(user=user).values("cohort_id")
        query |= Q(pk__in=taught) & unit_scope_q(unit_ids=teach_ids, field="unit")
    return cohorts.filter(query)


def cohort_list_with_counts(*, user) -> QuerySet:
    """The classes ``user`` sees, with ``member_count``, newest first."""
    return (
        cohorts_visible_to(user=user)
        .annotate(member_count=Count("memberships"))
        .order_by("-start_date", "name")
    )


def cohort_can_manage(*, user, cohort: Cohort) -> bool:
    """May ``user`` change ``cohort`` (its members, sessions, details)? Officers of its unit,
    and its own trainers while they still teach there."""
    if user_can(user=user, action="cohorts.oversee", unit=cohort.unit) and user_can(
        user=user, action="cohorts.manage", unit=cohort.unit
    ):
        return True
    return cohort.trainers.filter(pk=user.pk).exists() and user_can(
        user=user, action="courses.teach", unit=cohort.unit
    )
