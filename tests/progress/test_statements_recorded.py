"""progress.signals.statements_recorded: sent after commit for new statements only."""

import uuid

import pytest

from progress.services import statement_record, statements_record
from progress.signals import statements_recorded
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def statement(**extra):
    return {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": "https://example.org/activity/1"},
        **extra,
    }


def test_sent_once_after_commit_and_not_for_a_retry(django_capture_on_commit_callbacks):
    learner, heard = UserFactory(), []

    def listen(sender, learner, statements, **kwargs):
        heard.append((learner.pk, [row.statement_id for row in statements]))

    statements_recorded.connect(listen)
    try:
        first, second = statement(), statement()
        with django_capture_on_commit_callbacks(execute=True):
            statements_record(learner=learner, statements=[first, second])
        assert heard == [(learner.pk, [uuid.UUID(first["id"]), uuid.UUID(second["id"])])]
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            statement_record(learner=learner, statement=first)  # a retry: stored already
        assert len(heard) == 1 and not callbacks
    finally:
        statements_recorded.disconnect(listen)
