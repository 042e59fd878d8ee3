"""Writes about classes: checking trainers, adding members (and enrolling them in the class's
courses through progress). Keyword-only functions named ``<entity>_<action>``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.live import memberships_changed
from cohorts.models import Cohort, CohortEnrolment, CohortMember
from cohorts.selectors import cohort_can_manage
from people.models import User
from people.permissions import user_can
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
    PermissionDenied when ``by`` may not manage the class. All or nothing. A fixed number of
    queries whatever the number of learners (a hamlet's list is thousands): rows are written in
    bulk, so the live dashboard's cache of each learner's classes is told explicitly.
    """
    if not cohort_can_manage(user=by, cohort=cohort):
        raise PermissionDenied(_("Bạn không có quyền quản lý lớp học này."))
    courses = list(cohort.courses.all())
    learners = list({learner.pk: learner for learner in learners}.values())
    ids = [learner.pk for learner in learners]
    with transaction.atomic():
        present = set(
            CohortMember.objects.filter(cohort=cohort, learner_id__in=ids).values_list(
                "learner_id", flat=True
            )
        )
        added = [learner for learner in learners if learner.pk not in present]
        CohortMember.objects.bulk_create(
            [CohortMember(cohort=cohort, learner=learner, added_by=by) for learner in added],
            ignore_conflicts=True,  # a concurrent addition of the same person
        )
        Enrolment.objects.bulk_create(
            [
                Enrolment(learner_id=pk, course=course, source=Enrolment.Source.COHORT)
                for pk in ids
                for course in courses
            ],
            ignore_conflicts=True,  # enrolled already (themselves, or through another class)
        )
        enrolments = Enrolment.objects.filter(learner_id__in=ids, course__in=courses)
        CohortEnrolment.objects.bulk_create(
            [CohortEnrolment(cohort=cohort, enrolment_id=pk) for pk in enrolments.values_list(
                "pk", flat=True)],
            ignore_conflicts=True,
        )  # fmt: skip
        if added:
            changed = [learner.pk for learner in added]
            transaction.on_commit(lambda: memberships_changed(learner_ids=changed))
    return added
