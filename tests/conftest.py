"""Shared fixtures: the seeded Củ Chi places, the Wagtail home page, officers and citizens."""

import importlib
import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from people.caching import local_caches_reset
from people.models import AdministrativeUnit, OccupationGroup, Role, UnitLevel
from tests.factories import REFORM, HamletFactory, ProfileFactory, RoleAssignmentFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Put back what data migrations create, when a reused test database lost it.

    Transactional tests (websockets) end with a flush, so a database kept by --reuse-db starts
    the next run without Wagtail's root page or the occupation groups. Fresh databases already
    have them; then this changes nothing.
    """
    from wagtail.models import Locale, Page

    groups = importlib.import_module("people.migrations.0002_occupation_groups").GROUPS
    with django_db_blocker.unblock():
        for code, name, ordering in groups:
            OccupationGroup.objects.get_or_create(
                code=code, defaults={"name": name, "ordering": ordering}
            )
        if Page.get_first_root_node() is None:
            locale, _created = Locale.objects.get_or_create(language_code="vi")
            Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture(scope="session", autouse=True)
def _restore_into_an_empty_database():
    """Make the restore of transactional tests (serialized rollback) safe.

    Django restores the saved rows at setup, assuming the previous test's flush left the database
    empty and that nothing creates content types meanwhile. Neither holds here: a browser test's
    live server can still be answering a request the page sent just before it closed, and
    restored rows' save signals (page caches, lesson plans) look content types up, creating any
    that are not restored yet under new ids, which then clash with the saved ones for every
    later test. So: empty the tables again, forget cached content types, and restore the content
    types before anything else.
    """
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize(self, data):
        call_command(
            "flush", database=self.connection.alias, interactive=False,
            inhibit_post_migrate=True, reset_sequences=False, verbosity=0,
        )  # fmt: skip
        ContentType.objects.clear_cache()
        rows = json.loads(data)
        rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")  # stable
        original(self, json.dumps(rows))

    BaseDatabaseCreation.deserialize_db_from_string = deserialize
    yield
    BaseDatabaseCreation.deserialize_db_from_string = original


@pytest.fixture(autouse=True)
def _clear_cache():
    """Keep the cache (allauth's rate limits, Wagtail's site lookups) apart between tests.

    With REDIS_URL set this empties that Redis database: give the suite one of its own
    (``.ci/run`` and the README use ``redis://127.0.0.1:6379/1``), never a server's.
    """
    cache.clear()
    local_caches_reset()  # as a new process: the emptied cache is a new epoch
    yield
    cache.clear()
    local_caches_reset()


@dataclass
class Places:
    city: AdministrativeUnit
    district: AdministrativeUnit

    @staticmethod
    def new(name: str) -> AdministrativeUnit:
        """A commune of the 2025 two-tier government."""
        return AdministrativeUnit.objects.get(name=name, level=UnitLevel.COMMUNE, valid_from=REFORM)

    @staticmethod
    def old(code: str) -> AdministrativeUnit:
        """A commune-level unit of the former Củ Chi district (ended 2025-06-30)."""
        return AdministrativeUnit.objects.get(
            code=code, level=UnitLevel.COMMUNE, valid_from__isnull=True
        )

    @staticmethod
    def hamlet(parent: AdministrativeUnit, name: str) -> AdministrativeUnit:
        return AdministrativeUnit.objects.get(parent=parent, name=name, level=UnitLevel.HAMLET)


@pytest.fixture
def places(db) -> Places:
    from people.places import places_load_seed

    places_load_seed()
    return Places(
        city=AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY),
        district=AdministrativeUnit.objects.get(code="783", level=UnitLevel.DISTRICT),
    )


@pytest.fixture
def cu_chi(places):
    """The new xã Củ Chi (formed from Tân Phú Trung, Tân Thông Hội, Phước Vĩnh An)."""
    return places.new("Củ Chi")


@pytest.fixture
def tan_an_hoi(places):
    """The new xã Tân An Hội (formed from, among others, the old thị trấn Củ Chi)."""
    return places.new("Tân An Hội")


@pytest.fixture
def ap_trung(places):
    """Ấp Trung of the old xã Tân Thông Hội (code 27556), now in xã Củ Chi."""
    return places.hamlet(places.old("27556"), "Ấp Trung")


@pytest.fixture
def khu_pho_7(places):
    """Khu phố 7 of the old thị trấn Củ Chi (code 27496), now in xã Tân An Hội."""
    return places.hamlet(places.old("27496"), "Khu phố 7")


@pytest.fixture
def cu_chi_hamlet(cu_chi):
    return HamletFactory(parent=cu_chi, name="Ấp Bàu Tre")


@pytest.fixture
def tan_an_hoi_hamlet(tan_an_hoi):
    return HamletFactory(parent=tan_an_hoi, name="Ấp Chợ")


@pytest.fixture
def make_officer():
    """make_officer(unit, role=...) → a user holding ``role`` over ``unit``'s subtree."""

    def make(unit, role=Role.COMMUNE_OFFICER, **user_fields):
        assignment = RoleAssignmentFactory(role=role, unit=unit, user__is_active=True)
        if user_fields:
            for name, value in user_fields.items():
                setattr(assignment.user, name, value)
            assignment.user.save()
        ProfileFactory(user=assignment.user)
        return assignment.user

    return make


@pytest.fixture
def make_citizen():
    """make_citizen(hamlet, **profile_fields) → a Profile living in ``hamlet``."""

    def make(home_unit, **fields):
        return ProfileFactory(home_unit=home_unit, **fields)

    return make


@pytest.fixture
def wagtail_root(db):
    """Transactional tests flush the database, Wagtail's root page with it: put it back."""
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code="vi")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return Page.get_first_root_node()


@pytest.fixture
def make_live_class(wagtail_root, cu_chi, cu_chi_hamlet, make_officer, make_citizen):
    """make_live_class(name, learner_names) → a class of Ấp Bàu Tre (xã Củ Chi) on a one-quiz
    course, as the live dashboard tests use it: {"cohort", "trainer" (a trainer of the commune),
    "learners" (users; a name of None: the factory's), "iri" (the quiz's activity IRI)}."""
    from cohorts.models import Cohort
    from courses.selectors import activity_iri
    from tests.courses.builders import course_build, quiz_block

    def make(name: str, learner_names: list) -> dict:
        course, (lesson,) = course_build(lessons=[[quiz_block()]], title="Kỹ năng số cơ bản")
        trainer = make_officer(cu_chi, role=Role.TRAINER)
        cohort = Cohort.objects.create(name=name, unit=cu_chi_hamlet)
        cohort.courses.add(course)
        cohort.trainers.add(trainer)
        learners = [
            make_citizen(cu_chi_hamlet, **({"user__full_name": n} if n else {})).user
            for n in learner_names
        ]
        for learner in learners:
            cohort.members.add(learner)
        block_id = next(block.id for block in lesson.body if block.block_type == "quiz")
        return {
            "cohort": cohort, "trainer": trainer, "learners": learners,
            "iri": activity_iri(lesson_id=lesson.pk, block_id=block_id),
        }  # fmt: skip

    return make


@pytest.fixture
def home_page(db):
    """The Wagtail home page as the default site's root, created the way the demo does it."""
    from cms.demo import demo_load
    from cms.models import HomePage

    demo_load(stdout=io.StringIO())
    return HomePage.objects.get()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (browser, websockets, races) end by emptying the database, data
    migrations' rows included (Wagtail's root page, the competence framework, occupation
    groups). Ask pytest-django to restore that data afterwards, for every such test.

    A test that opts out (``serialized_rollback=False``, the websocket tests) ends with a flush
    that re-creates content types under new ids on PostgreSQL; restoring the saved rows after
    that clashes with them. Those tests run last, after everything that restores data.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = marker.kwargs if marker else {}
        if kwargs.get("transaction") and "serialized_rollback" not in kwargs:
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}),
                append=False,
            )

    def opts_out(item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(
            marker
            and marker.kwargs.get("transaction")
            and marker.kwargs.get("serialized_rollback") is False
        )

    items.sort(key=opts_out)
