"""Keep the programme's counters up to date when the underlying facts change.

Every handler only notes whose facts may have changed; after the transaction commits, those
people's facts are recomputed from raw records and the counters moved by the difference
(programme.services.person_refresh, itself one transaction). Several changes to one person in
one transaction cost one refresh. Nothing here scans more than the people concerned.

Sources: certificates (application saved, bulk moves, recognition and its withdrawal,
revocation), progress (competence evidence: T4's "has digital skills" / "proficient"), cohorts
(attendance at a session on the criteria: T1), people (home hamlet), programme (contexts).
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from certificates.models import Application, Certificate
from certificates.signals import applications_moved, title_recognised, title_recognition_withdrawn
from cohorts.models import Attendance, Session
from people.models import Profile
from programme.models import MembershipContext
from progress.models import CompetenceEvidence
from progress.signals import competence_changed, course_completed

_pending = threading.local()


def _flush() -> None:
    from programme.services import person_refresh

    ids = getattr(_pending, "ids", set())
    _pending.ids = set()
    if ids:
        person_refresh(person_ids=ids)


def people_touched(person_ids) -> None:
    """Refresh these people's facts once the current transaction commits (now if none)."""
    ids = {pid for pid in person_ids if pid}
    if not ids:
        return
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending |= ids
    transaction.on_commit(_flush)  # later callbacks find the set empty: one refresh


@receiver(post_save, sender=Application, dispatch_uid="programme.application_saved")
def _application_saved(sender, instance, **kwargs):
    people_touched([instance.applicant_id])


@receiver(applications_moved, dispatch_uid="programme.applications_moved")
def _applications_moved(sender, application_ids, **kwargs):
    people_touched(
        Application.objects.filter(pk__in=application_ids).values_list("applicant_id", flat=True)
    )


@receiver(title_recognised, dispatch_uid="programme.title_recognised")
@receiver(title_recognition_withdrawn, dispatch_uid="programme.title_withdrawn")
def _title_changed(sender, application, **kwargs):
    people_touched([application.applicant_id])


@receiver(post_save, sender=Certificate, dispatch_uid="programme.certificate_saved")
def _certificate_saved(sender, instance, **kwargs):
    if instance.application_id:
        people_touched(
            Application.objects.filter(pk=instance.application_id).values_list(
                "applicant_id", flat=True
            )
        )


@receiver(competence_changed, dispatch_uid="programme.competence_changed")
def _competence_changed(sender, learner, **kwargs):
    people_touched([learner.pk])


@receiver(course_completed, dispatch_uid="programme.course_completed")
def _course_completed(sender, learner, **kwargs):
    people_touched([learner.pk])  # a course on the criteria followed in a class trains (T1)


@receiver(post_save, sender=CompetenceEvidence, dispatch_uid="programme.evidence_saved")
@receiver(post_delete, sender=CompetenceEvidence, dispatch_uid="programme.evidence_deleted")
def _evidence_changed(sender, instance, **kwargs):
    people_touched([instance.learner_id])


@receiver(post_save, sender=Attendance, dispatch_uid="programme.attendance_saved")
@receiver(post_delete, sender=Attendance, dispatch_uid="programme.attendance_deleted")
def _attendance_changed(sender, instance, **kwargs):
    people_touched([instance.learner_id])


@receiver(post_save, sender=Session, dispatch_uid="programme.session_saved")
def _session_saved(sender, instance, created, **kwargs):
    if not created:  # on_criteria or the date may have changed for everyone marked present
        people_touched(instance.attendances.values_list("learner_id", flat=True))


@receiver(post_save, sender=Profile, dispatch_uid="programme.profile_saved")
def _profile_saved(sender, instance, **kwargs):
    people_touched([instance.user_id])


@receiver(post_save, sender=MembershipContext, dispatch_uid="programme.context_saved")
@receiver(post_delete, sender=MembershipContext, dispatch_uid="programme.context_deleted")
def _context_changed(sender, instance, **kwargs):
    people_touched([instance.person_id])


@receiver(post_delete, sender=Profile, dispatch_uid="programme.profile_deleted")
def _profile_deleted(sender, instance, **kwargs):
    people_touched([instance.user_id])


def _person_deleted(sender, instance, **kwargs):
    """A deleted person's facts go with them (cascade): take them out of the counters first."""
    from programme.models import PersonFact
    from programme.services import _fact_of, counters_apply, fact_deltas

    facts = [_fact_of(row) for row in PersonFact.objects.filter(person_id=instance.pk)]
    if facts:
        counters_apply(fact_deltas(facts, []))


pre_delete.connect(
    _person_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="programme.person_deleted"
)
