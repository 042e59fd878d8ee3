"""Assisted registration in bulk: the same rows as the single service, a fixed number of
queries per batch, and a clear outcome per row for repeats, taken phones and races."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from people.assisted_bulk import (
    ID_TAKEN,
    INVALID,
    PHONE_TAKEN,
    REPEATED,
    AssistedRow,
    users_register_assisted,
)
from people.models import (
    AccessLog,
    ActivationCode,
    Consent,
    Notification,
    Profile,
    Role,
    User,
)
from people.services import account_activate, activation_by_token, user_register_assisted
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(cu_chi, make_officer):
    return make_officer(cu_chi, role=Role.COMMUNE_OFFICER, full_name="Trần Văn Cán")


def rows_of(hamlet, count, start=0, **extra):
    return [
        AssistedRow(full_name=f" Người Mới {n} ", phone=f"0913{n:06d}", home_unit=hamlet, **extra)
        for n in range(start, start + count)
    ]


# Fields that differ between any two registrations by nature (keys, random values, clocks,
# the person's own data): compared separately below.
VOLATILE = {"id", "user", "subject", "username", "password", "date_joined", "phone", "key",
            "code_hash", "token_hash", "created_at", "updated_at", "given_at", "expires_at",
            "at", "full_name"}  # fmt: skip


def snapshot(user):
    """Every row the registration wrote about ``user``, field by field (volatile ones out)."""

    def fields(obj):
        return {
            f.attname: getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if f.name not in VOLATILE
        }

    return {
        "user": fields(User.objects.get(pk=user.pk)),
        "profile": fields(Profile.objects.get(user=user)),
        "consents": [fields(c) for c in Consent.objects.filter(user=user)],
        "codes": [fields(c) for c in ActivationCode.objects.filter(user=user)],
        "log": [fields(a) for a in AccessLog.objects.filter(subject=user)],
        "notices": [fields(n) for n in Notification.objects.filter(user=user)],
    }


def test_the_same_rows_as_the_single_service(officer, cu_chi_hamlet):
    extra = {"email": " a@example.vn ", "year_of_birth": 1980, "gender": "female"}
    single = user_register_assisted(
        by=officer, full_name=" Người Mới 1 ", phone="0913000001", home_unit=cu_chi_hamlet,
        citizen_id="079180000001", consent=True, **extra,
    )  # fmt: skip
    extra["email"] = " b@example.vn "
    [outcome] = users_register_assisted(
        by=officer, consent=True,
        rows=[AssistedRow(full_name=" Người Mới 1 ", phone="0913000002",
                          home_unit=cu_chi_hamlet, citizen_id="079180000002", **extra)],
    )  # fmt: skip
    bulk = outcome.issued
    assert outcome.problem == "" and bulk is not None
    one, other = snapshot(single.user), snapshot(bulk.user)
    assert one["user"].pop("email") == "a@example.vn" and other["user"].pop("email") == (
        "b@example.vn"
    )
    assert one["profile"].pop("citizen_id") == "079180000001"
    assert other["profile"].pop("citizen_id") == "079180000002"
    assert one == other
    assert len(one["codes"]) == len(one["log"]) == len(one["notices"]) == len(one["consents"]) == 1
    for made, issued in ((single.user, single), (bulk.user, bulk)):
        made.refresh_from_db()
        assert made.full_name == "Người Mới 1" and not made.has_usable_password()
        assert re.fullmatch(r"u[0-9a-f]{12}", made.username)
        assert made.phone == issued.user.phone
        code = ActivationCode.objects.get(user=made)
        assert code.expires_at == issued.expires_at
        lifetime = timedelta(hours=settings.ACTIVATION_CODE_TTL_HOURS)
        assert abs(code.expires_at - code.created_at - lifetime) < timedelta(seconds=1)
        notice = Notification.objects.get(user=made)
        assert notice.key == f"activation-code-issued:{made.pk}:{issued.token[:16]}"
        assert "Trần Văn Cán" in notice.body
    # The code and the link work as the single service's do.
    assert activation_by_token(token=bulk.token).user == bulk.user
    activated = account_activate(phone="0913000002", code=bulk.code, password="Mật-khẩu-2026!")
    assert activated.pk == bulk.user.pk and activated.has_usable_password()


def test_the_number_of_queries_does_not_grow_with_the_rows(officer, cu_chi_hamlet):
    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            outcomes = users_register_assisted(by=officer, rows=rows, consent=True)
        assert all(o.issued for o in outcomes)
        return len(captured)

    # SQLite splits an insert past 999 parameters (76 users): compare below that there.
    many = 100 if connection.vendor == "postgresql" else 70
    ten = queries(rows_of(cu_chi_hamlet, 10))
    assert queries(rows_of(cu_chi_hamlet, many, start=100)) == ten
    assert User.objects.filter(phone__startswith="+84913").count() == 10 + many

    def batched(count, start):
        with CaptureQueriesContext(connection) as captured:
            users_register_assisted(
                by=officer, rows=rows_of(cu_chi_hamlet, count, start=start), consent=True,
                batch_size=10,
            )  # fmt: skip
        return len(captured)

    # Batches of 10: the same number of queries more for each batch.
    one, two, three = batched(10, 300), batched(20, 400), batched(30, 500)
    assert two - one == three - two > 0


def test_repeats_taken_phones_and_ids_get_an_outcome_and_nothing_written(officer, cu_chi_hamlet):
    ProfileFactory(user__phone="+84913000001", home_unit=cu_chi_hamlet)
    ProfileFactory(citizen_id="079180000009", home_unit=cu_chi_hamlet)
    rows = [
        AssistedRow(full_name="A", phone="0913 000 001", home_unit=cu_chi_hamlet),
        AssistedRow(full_name="B", phone="0913000002", home_unit=cu_chi_hamlet),
        AssistedRow(full_name="C", phone="+84913000002", home_unit=cu_chi_hamlet),
        AssistedRow(
            full_name="D", phone="0913000003", home_unit=cu_chi_hamlet, citizen_id="079180000009"
        ),
        AssistedRow(full_name="E", phone="12345", home_unit=cu_chi_hamlet),
        AssistedRow(full_name="F", phone="0913000004", home_unit=cu_chi_hamlet),
    ]
    users = User.objects.count()
    outcomes = users_register_assisted(by=officer, rows=rows, consent=True)
    assert [o.problem for o in outcomes] == [PHONE_TAKEN, "", REPEATED, ID_TAKEN, INVALID, ""]
    assert all(o.message for o in outcomes if o.problem)
    assert [o.issued.user.full_name for o in outcomes if o.issued] == ["B", "F"]
    assert User.objects.count() == users + 2
    assert not User.objects.filter(full_name__in=["A", "C", "D", "E"]).exists()


def test_a_phone_taken_during_the_call_leaves_no_half_written_batch(officer, cu_chi_hamlet):
    """Another request registers the third person between the check and the insert: the batch
    is rolled back, that row is marked, the others are written once."""
    done = []

    def meanwhile(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not done and sql.startswith('SELECT "people_user"."phone"'):  # the check
            done.append(True)
            ProfileFactory(user__phone="+84913000002", home_unit=cu_chi_hamlet)
        return result

    with connection.execute_wrapper(meanwhile):
        outcomes = users_register_assisted(by=officer, rows=rows_of(cu_chi_hamlet, 4), consent=True)
    assert done
    assert [o.problem for o in outcomes] == ["", "", PHONE_TAKEN, ""]
    assert "vừa được đăng ký" in outcomes[2].message
    registered = [o.issued.user.pk for o in outcomes if o.issued]
    assert User.objects.filter(pk__in=registered).count() == 3
    for model in (Profile, Consent, ActivationCode, Notification):
        assert model.objects.filter(user__phone__startswith="+84913").count() == 4 - (
            model is not Profile
        ), model
    assert AccessLog.objects.filter(action="register_assisted", subject__in=registered).count() == 3


def test_refused_or_without_consent_nothing_is_written(
    officer, cu_chi_hamlet, make_officer, cu_chi
):
    trainer = make_officer(cu_chi, role=Role.TRAINER)
    users = User.objects.count()
    with pytest.raises(PermissionDenied):
        users_register_assisted(by=trainer, rows=rows_of(cu_chi_hamlet, 3), consent=True)
    assert AccessLog.objects.filter(actor=trainer, allowed=False).count() == 1
    with pytest.raises(ValidationError):
        users_register_assisted(by=officer, rows=rows_of(cu_chi_hamlet, 3), consent=False)
    assert User.objects.count() == users


def test_receivers_hear_each_new_profile(officer, cu_chi_hamlet):
    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.user_id, created))

    post_save.connect(receiver, sender=Profile, dispatch_uid="test.bulk.profile")
    try:
        outcomes = users_register_assisted(by=officer, rows=rows_of(cu_chi_hamlet, 3), consent=True)
    finally:
        post_save.disconnect(dispatch_uid="test.bulk.profile", sender=Profile)
    assert heard == [(o.issued.user.pk, True) for o in outcomes]


# What listens to the models written here. bulk_create sends no signal: people.assisted_bulk
# sends post_save for profiles and forgets cached users itself. A new receiver must be handled
# there too before it is added here.
HANDLED = {
    "people.receivers.user_changed",  # the batch's users forgotten at once
    "programme.receivers._profile_saved",  # post_save sent per profile
    "cms.receivers._page_saved_or_deleted",  # pages only
    "progress.receivers.plans_content_saved",  # pages and courses' models only
    "wagtail.models.i18n.set_locale_on_new_instance",  # translatable models only
}


def test_every_receiver_of_these_models_is_handled():
    from django.db.models.signals import pre_save

    found = set()
    for model in (User, Profile, Consent, ActivationCode, AccessLog, Notification):
        for signal in (pre_save, post_save):
            live = signal._live_receivers(model)
            live = live[0] if isinstance(live, tuple) else live  # sync receivers (Django 5)
            found |= {f"{r.__module__}.{r.__qualname__}" for r in live}
    assert found <= HANDLED, found - HANDLED
