"""Who was trained on the criteria, per unit and year: what classes give the programme's T1
figure ("association officers and members trained on the criteria").

The programme app reads these selectors (programme may import any app; cohorts never imports
programme). Nothing is stored twice: the figure is counted from what classes already keep —
attendance at sessions flagged ``on_criteria`` and completions of the class's courses on the
criteria (track "criteria") — so a corrected attendance corrects the figure.

**Trained on the criteria in year Y** (the local calendar year, Asia/Ho_Chi_Minh) means at least
one of:

1. marked present at one or more sessions of a class whose ``on_criteria`` flag is set and
   which started in Y; or
2. completed in Y a course on the criteria (``CoursePage.track == "criteria"``) that one of
   their classes follows (the enrolment is linked to the class, ``CohortEnrolment``; the source
   may be the class or the learner's own earlier enrolment).

Absent or excused marks count for nothing; a course completed outside any class does not count
here (it is self-study, not training by the association). A person counts once whatever the
number of sessions and courses.

**Unit.** A person counts for ``unit`` when their home unit (``Profile.home_unit``) lies in the
unit's subtree, including the units it succeeded in the 2025 reform; a person without a home
unit on record counts where the class that trained them is.
"""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from cohorts.models import Attendance, Cohort, CohortEnrolment
from people.models import AdministrativeUnit, User
from people.selectors import unit_scope_q

CRITERIA_TRACK = "criteria"


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def cohort_trained_on_criteria(
    *, unit: AdministrativeUnit | None, year: int, person_ids: list[int] | None = None
) -> QuerySet:
    """The people (``User``) trained on the criteria in ``year`` who count for ``unit`` (the
    whole city when ``unit`` is None), as defined in this module's docstring. Each once.
    ``person_ids``: only these people, looked up by their own rows (a refresh of a few people
    then never reads the whole year's attendance)."""
    start, end = _year_bounds(year)
    attended = Attendance.objects.filter(
        present=True,
        session__on_criteria=True,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).values("learner_id")
    completed = CohortEnrolment.objects.filter(
        enrolment__course__track=CRITERIA_TRACK,
        enrolment__completed_at__gte=start,
        enrolment__completed_at__lt=end,
    ).values("enrolment__learner_id")
    people = User.objects.all()
    if person_ids is not None:
        attended = attended.filter(learner_id__in=person_ids)
        completed = completed.filter(enrolment__learner_id__in=person_ids)
        people = people.filter(pk__in=person_ids)
    people = people.filter(Q(pk__in=attended) | Q(pk__in=completed))
    if unit is None:
        return people
    trained_at = Cohort.objects.filter(unit_scope_q(unit_ids=[unit.pk], field="unit"))
    home = unit_scope_q(unit_ids=[unit.pk], field="profile__home_unit")
    homeless_here = Q(profile__home_unit__isnull=True) & (
        Q(pk__in=attended.filter(session__cohort__in=trained_at))
        | Q(pk__in=completed.filter(cohort__in=trained_at))
    )
    return people.filter(home | homeless_here)
