"""What classes do when progress reports something (progress never imports cohorts), and when
a class's membership changes.

Progress sends its signals after the statement's transaction commits; each handler here only
puts the learner's id (and the activities its new statements were about) on the live
dashboard's queue (cohorts.live): no query, no cache, no waiting on the channel layer.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cohorts.dashboard_rows import live_columns_forget
from cohorts.live import live_learner_changed, memberships_changed
from cohorts.models import Cohort, CohortMember
from progress import signals as progress_signals


def _on_statements(sender, learner, statements=(), **kwargs):
    # A child's statement ("<activity>?subContentId=…") changes its container's cell.
    iris = {statement.activity_iri.partition("?")[0] for statement in statements}
    live_learner_changed(learner_id=learner.pk, reason="statement", activity_iris=iris)


def _on_lesson(sender, learner, **kwargs):
    live_learner_changed(learner_id=learner.pk, reason="lesson")


def _on_course(sender, learner, **kwargs):
    live_learner_changed(learner_id=learner.pk, reason="course")


def _on_member_saved(sender, instance, **kwargs):
    memberships_changed(learner_ids=[instance.learner_id])


def _on_members_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # user.cohorts.add(...): the instance is the learner
        memberships_changed(learner_ids=[instance.pk])
    elif pk_set:
        memberships_changed(learner_ids=pk_set)
    else:  # a clear: everyone who might have been in the class
        memberships_changed(learner_ids=None)


def _on_courses_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        live_columns_forget(cohort_ids=[instance.pk])
    elif pk_set:  # course.cohorts.add(...): the classes are in pk_set
        live_columns_forget(cohort_ids=pk_set)
    else:
        live_columns_forget(cohort_ids=Cohort.objects.values_list("pk", flat=True))


def connect() -> None:
    for name, handler in (
        ("statements_recorded", _on_statements),
        ("lesson_completed", _on_lesson),
        ("course_completed", _on_course),
    ):
        signal = getattr(progress_signals, name, None)
        if signal is not None:
            signal.connect(handler, dispatch_uid=f"cohorts.live.{name}")
    post_save.connect(_on_member_saved, sender=CohortMember, dispatch_uid="cohorts.member.saved")
    post_delete.connect(
        _on_member_saved, sender=CohortMember, dispatch_uid="cohorts.member.deleted"
    )
    m2m_changed.connect(
        _on_members_changed, sender=Cohort.members.through, dispatch_uid="cohorts.members"
    )
    m2m_changed.connect(
        _on_courses_changed, sender=Cohort.courses.through, dispatch_uid="cohorts.courses"
    )
