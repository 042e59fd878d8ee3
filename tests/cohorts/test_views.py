import pytest
from django.urls import reverse

from people.models import AccessLog, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(cohort, make_citizen):
    learner = make_citizen(cohort.unit, year_of_birth=1971).user
    learner.phone = "+84912000009"
    learner.save()
    cohort.members.add(learner)
    return learner


def test_the_trainer_lists_their_classes_with_member_counts(client, cohort, trainer, member):
    client.force_login(trainer)
    response = client.get(reverse("classes:list"))
    assert response.status_code == 200
    assert [(c.name, c.member_count) for c in response.context["cohorts"]] == [(cohort.name, 1)]


def test_the_member_list_is_logged_and_phones_only_for_who_manages(
    client, cohort, trainer, member, cu_chi, make_officer
):
    client.force_login(trainer)
    html = client.get(reverse("classes:detail", args=[cohort.pk])).content.decode()
    assert member.full_name in html and "0912 000 009" in html
    assert AccessLog.objects.filter(actor=trainer, action="view_cohort_members").exists()

    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)  # oversees, does not manage
    client.force_login(approver)
    html = client.get(reverse("classes:detail", args=[cohort.pk])).content.decode()
    assert member.full_name in html and "0912 000 009" not in html


def test_other_trainers_and_learners_are_kept_out(client, cohort, cu_chi, make_officer, member):
    client.force_login(make_officer(cu_chi, role=Role.TRAINER))
    assert client.get(reverse("classes:detail", args=[cohort.pk])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("classes:list")).status_code == 403
