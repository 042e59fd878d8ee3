"""Writes about classes: checking trainers, adding members (and enrolling them in the class's
courses through progress). Keyword-only functions named ``<entity>_<action>``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortEnrolment, CohortMember
from cohorts.selectors import cohort_can_manage
from people.models import User
from people.permissions import user_can
from progress.completion import enrolment_create
from progress.models import Enrolment


def cohort_trainers_check(*, unit, trainers) -> None:
    """Raise ValidationError (Vietnamese, naming each person) unless every one of ``trainers``
    holds the trainer role (``courses.teach``) over ``unit``."""
    wrong = [
        trainer.get_full_name() or str(trainer)
        for trainer in trainers
        if not user_can(user=trainer, action="courses.teach", unit=unit)
    ]
    if wrong:
        raise ValidationError(
            {
                "trainers": _(
                    "%(names)s chưa được phân quyền giảng viên, báo cáo viên ở địa bàn này. "
                    "Chỉ chọn người có quyền giảng dạy tại %(unit)s."
                )
                % {"names": ", ".join(wrong), "unit": unit}
            }
        )


def cohort_members_add(*, cohort: Cohort, learners: list[User], by: User) -> list[User]:
    """Add ``learners`` to ``cohort`` and enrol each in its courses (source "cohort").

    Idempotent: people already in the class, and enrolments that already exist (made by the
    learner or another class), are left as they are. Returns the learners newly added. Raises
    PermissionDenied when ``by`` may not manage the class. All or nothing.
    """
    if not cohort_can_manage(user=by, cohort=cohort):
        raise PermissionDenied(_("Bạn không có quyền quản lý lớp học này."))
    courses = list(cohort.courses.all())
    added = []
    with transaction.atomic():
        present = set(
            CohortMember.objects.filter(cohort=cohort, learner__in=learners).values_list(
                "learner_id", flat=True
            )
        )
        for learner in learners:
            if learner.pk in present:
                continue
            present.add(learner.pk)
            CohortMember.objects.create(cohort=cohort, learner=learner, added_by=by)
            added.append(learner)
        for learner in learners:
            for course in courses:
                enrolment = enrolment_create(
                    learner=learner, course=course, source=Enrolment.Source.COHORT
                )
                CohortEnrolment.objects.get_or_create(cohort=cohort, enrolment=enrolment)
    return added
