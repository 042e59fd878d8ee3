"""Handlers for signals of earlier apps (connected in ProgressConfig.ready)."""

from django.dispatch import receiver

from courses.signals import quiz_submitted
from progress.services import statement_record


@receiver(quiz_submitted, dispatch_uid="progress.quiz_submitted")
def record_quiz_statement(sender, *, learner, statement, **kwargs):
    statement_record(learner=learner, statement=statement)
