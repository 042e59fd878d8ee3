"""progress.resume: a learner's resume state, saved after every answer and every 30 s, costs one
query once the row exists; the last save wins; a state too long is refused and nothing saved."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress.models import ActivityState
from progress.resume import activity_state_get, activity_state_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IRI = "https://congdanhoctap.hcm.vn/hoat-dong/1"


def test_saving_again_updates_the_row_in_one_query():
    learner = UserFactory()
    activity_state_save(learner=learner, activity_iri=IRI, state='{"trang": 1}')
    with CaptureQueriesContext(connection) as queries:
        activity_state_save(learner=learner, activity_iri=IRI, state='{"trang": 2}')
    assert len(queries) == 1
    assert activity_state_get(learner=learner, activity_iri=IRI) == '{"trang": 2}'
    assert ActivityState.objects.filter(learner=learner).count() == 1


def test_each_learner_and_activity_has_its_own_state():
    one, two = UserFactory(), UserFactory()
    activity_state_save(learner=one, activity_iri=IRI, state="một")
    activity_state_save(learner=two, activity_iri=IRI, state="hai")
    activity_state_save(learner=one, activity_iri=IRI + "/2", state="ba")
    assert activity_state_get(learner=one, activity_iri=IRI) == "một"
    assert activity_state_get(learner=two, activity_iri=IRI) == "hai"
    assert activity_state_get(learner=two, activity_iri=IRI + "/2") == ""


def test_a_state_too_long_is_refused_and_nothing_is_saved():
    learner = UserFactory()
    activity_state_save(learner=learner, activity_iri=IRI, state="cũ")
    with pytest.raises(ValueError):
        activity_state_save(learner=learner, activity_iri=IRI, state="x" * 65537)
    assert activity_state_get(learner=learner, activity_iri=IRI) == "cũ"
