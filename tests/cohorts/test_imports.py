import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cohorts.imports import (
    DUPLICATE,
    INVALID,
    MATCH,
    MEMBER,
    NEW,
    OUTSIDE,
    REFUSED,
    ImportChanged,
    ImportError_,
    import_confirm,
    import_preview_create,
)
from cohorts.models import CohortEnrolment, CohortMember, ImportPreview
from people.models import AccessLog, ActivationCode, Consent, Role, User
from progress.models import Enrolment
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def row(line, name, phone, year="1975", citizen_id="", hamlet="", formula=False):
    return {"line": line, "full_name": name, "year_of_birth": year, "phone": phone,
            "citizen_id": citizen_id, "hamlet": hamlet, "formula": formula}  # fmt: skip


@pytest.fixture
def neighbour(cu_chi_hamlet):
    return ProfileFactory(home_unit=cu_chi_hamlet, user__phone="+84912000001").user


@pytest.fixture
def stranger(tan_an_hoi_hamlet):
    return ProfileFactory(home_unit=tan_an_hoi_hamlet, user__phone="+84912000002").user


def kinds(preview):
    return [verdict.kind for verdict in preview.verdicts]


def test_every_verdict_and_nothing_written_before_confirmation(
    cohort, officer, neighbour, stranger
):
    rows = [
        row(2, "Người Quen", "0912.000.001"),  # phone in another format: matches neighbour
        row(3, "Người Mới", "+84 912 000 003"),
        row(4, "Người Mới", "84912000003"),  # the same person, a third phone format
        row(5, "Sai Số", "12345"),
        row(6, "Người Xã Khác", "0912000002"),
        row(7, "=1+1", "0912000004", formula=True),
        row(8, "Ấp Lạ", "0912000005", hamlet="Ấp Không Có"),
    ]
    users = User.objects.count()
    preview = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    assert kinds(preview) == [MATCH, NEW, DUPLICATE, INVALID, OUTSIDE, INVALID, OUTSIDE]
    assert "dòng 3" in preview.verdicts[2].message
    assert "0912 345 678" in preview.verdicts[3].message  # the phone helper's own example
    assert User.objects.count() == users
    assert not CohortMember.objects.exists() and not Enrolment.objects.exists()
    assert AccessLog.objects.filter(actor=officer, action="cohort_import_preview").exists()


def test_confirm_registers_new_people_with_consent_and_enrols_everyone(
    cohort, course, officer, neighbour
):
    rows = [row(2, "Người Quen", "0912000001"), row(3, "Lê Thị Mới", "0912000003", "1980")]
    preview = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    with pytest.raises(ValidationError):
        import_confirm(token=preview.token, user=officer, consent=False)
    assert not CohortMember.objects.exists()

    result = import_confirm(token=preview.token, user=officer, consent=True)
    new = User.objects.get(phone="+84912000003")
    assert result.added == 2 and [issued.user for issued in result.registered] == [new]
    assert not new.has_usable_password() and len(result.registered[0].code) == 8
    assert ActivationCode.objects.filter(user=new).exists()
    assert Consent.objects.get(user=new).recorded_by == officer
    assert new.profile.home_unit == cohort.unit and new.profile.year_of_birth == 1980
    enrolments = Enrolment.objects.filter(course=course)
    assert {e.learner for e in enrolments} == {neighbour, new}
    assert {e.source for e in enrolments} == {Enrolment.Source.COHORT}
    assert CohortEnrolment.objects.filter(cohort=cohort).count() == 2

    with pytest.raises(ImportError_):  # a second click on the same preview
        import_confirm(token=preview.token, user=officer, consent=True)


def test_the_same_file_twice_changes_nothing(cohort, officer, neighbour):
    rows = [row(2, "Người Quen", "0912000001"), row(3, "Lê Thị Mới", "0912000003")]
    first = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    import_confirm(token=first.token, user=officer, consent=True)
    counts = (User.objects.count(), CohortMember.objects.count(), Enrolment.objects.count())

    again = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    assert kinds(again) == [MEMBER, MEMBER]
    result = import_confirm(token=again.token, user=officer, consent=False)
    assert result.added == 0 and result.already == 2
    assert (User.objects.count(), CohortMember.objects.count(), Enrolment.objects.count()) == counts


def test_a_change_since_the_preview_writes_nothing_and_shows_it_again(cohort, officer):
    rows = [row(2, "Lê Thị Mới", "0912000003")]
    preview = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    UserFactory(phone="+84912000003")  # registered elsewhere meanwhile, outside the area
    with pytest.raises(ImportChanged) as changed:
        import_confirm(token=preview.token, user=officer, consent=True)
    assert kinds(changed.value.preview) == [OUTSIDE]
    assert not CohortMember.objects.exists()


def test_a_person_registered_during_the_confirmation_writes_nothing(cohort, officer, cu_chi_hamlet):
    """Another officer registers the second new person once the confirmation has checked the
    rows, before it registers them: nothing is written (not even the first new person) and the
    preview shows that person found."""
    rows = [row(2, "Lê Thị Mới", "0912000003"), row(3, "Trần Văn Mới", "0912000004")]
    preview = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    users, done = User.objects.count(), []

    def meanwhile(phase, count, total):
        if phase == "register" and not done:  # checked, about to register
            done.append(ProfileFactory(home_unit=cu_chi_hamlet, user__phone="+84912000004"))

    with pytest.raises(ImportChanged) as changed:
        import_confirm(token=preview.token, user=officer, consent=True, progress=meanwhile)
    assert done and kinds(changed.value.preview) == [NEW, MATCH]
    # Nothing of the confirmation stays (the other officer's person, written on this same
    # connection here, goes with the rollback too).
    assert User.objects.count() == users
    assert not CohortMember.objects.exists() and not Consent.objects.exists()
    assert ImportPreview.objects.get().confirmed_at is None


def test_a_preview_belongs_to_its_uploader(cohort, officer, trainer):
    preview = import_preview_create(
        cohort=cohort, user=officer, rows=[row(2, "A", "0912000003")], filename="ds.csv"
    )
    with pytest.raises(ImportError_):
        import_confirm(token=preview.token, user=trainer, consent=True)


def test_a_trainer_enrols_known_people_but_cannot_register_new_ones(cohort, trainer, neighbour):
    rows = [row(2, "Người Quen", "0912000001"), row(3, "Người Mới", "0912000003")]
    preview = import_preview_create(cohort=cohort, user=trainer, rows=rows, filename="ds.csv")
    assert kinds(preview) == [MATCH, REFUSED]
    import_confirm(token=preview.token, user=trainer, consent=False)
    assert list(cohort.members.all()) == [neighbour]


def test_someone_outside_the_class_cannot_upload(cohort, tan_an_hoi, make_officer):
    other = make_officer(tan_an_hoi, role=Role.TRAINER)
    with pytest.raises(PermissionDenied):
        import_preview_create(cohort=cohort, user=other, rows=[], filename="ds.csv")
    assert not ImportPreview.objects.exists()


def test_a_phone_in_three_formats_is_one_person(cohort, officer):
    rows = [
        row(2, "Trần Văn Ba", "0912 345 678"),
        row(3, "Trần Văn Ba", "+84912345678"),
        row(4, "Trần Văn Ba", "84-912-345-678"),
    ]
    preview = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.csv")
    assert kinds(preview) == [NEW, DUPLICATE, DUPLICATE]
    assert {verdict.phone for verdict in preview.verdicts} == {"+84912345678"}
    assert all("dòng 2" in verdict.message for verdict in preview.verdicts[1:])
    import_confirm(token=preview.token, user=officer, consent=True)
    assert User.objects.filter(phone="+84912345678").count() == 1
    assert cohort.members.count() == 1


def test_a_formula_is_stored_as_text_never_evaluated_and_not_enrolled(cohort, officer):
    rows = [row(2, "=1+1", "0912000004", formula=True)]
    preview = import_preview_create(cohort=cohort, user=officer, rows=rows, filename="ds.xlsx")
    assert kinds(preview) == [INVALID] and "công thức" in preview.verdicts[0].message
    assert ImportPreview.objects.get().rows[0]["full_name"] == "=1+1"
    import_confirm(token=preview.token, user=officer, consent=True)
    assert not User.objects.filter(phone="+84912000004").exists()


def test_a_second_confirmation_writes_nothing_and_says_when_it_was_done(cohort, officer):
    from cohorts.imports import ImportAlreadyConfirmed

    preview = import_preview_create(
        cohort=cohort, user=officer, rows=[row(2, "Lê Thị Mới", "0912000003")], filename="ds.csv"
    )
    import_confirm(token=preview.token, user=officer, consent=True)
    counts = (User.objects.count(), CohortMember.objects.count(), Enrolment.objects.count())
    with pytest.raises(ImportAlreadyConfirmed) as again:
        import_confirm(token=preview.token, user=officer, consent=True)
    assert again.value.confirmed_at == ImportPreview.objects.get().confirmed_at
    assert (User.objects.count(), CohortMember.objects.count(), Enrolment.objects.count()) == counts


def test_progress_is_reported_for_each_phase(cohort, officer, neighbour):
    rows = [row(2, "Người Quen", "0912000001")] + [
        row(n, f"Người Mới {n}", f"0912{n:06d}") for n in range(3, 123)
    ]
    heard = []

    def progress(phase, done, total):
        heard.append((phase, done, total))

    preview = import_preview_create(
        cohort=cohort, user=officer, rows=rows, filename="ds.csv", progress=progress
    )
    assert heard[0] == ("check", 0, 121) and heard[-1] == ("check", 121, 121)
    assert ("check", 100, 121) in heard
    heard.clear()
    import_confirm(token=preview.token, user=officer, consent=True, progress=progress)
    phases = [phase for phase, _done, _total in heard]
    assert phases.index("check") < phases.index("register") < phases.index("enrol")
    assert ("register", 120, 120) in heard and heard[-1] == ("enrol", 121, 121)
