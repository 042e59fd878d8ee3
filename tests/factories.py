"""factory_boy factories for the people app (users, profiles, units, roles)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory, Password

from people.models import AdministrativeUnit, Profile, Role, RoleAssignment, UnitLevel, User

# A password every validator in settings.AUTH_PASSWORD_VALIDATORS accepts.
PASSWORD = "Hoc-tap-suot-doi-2025"
REFORM = date(2025, 7, 1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    # 091 is a Vinaphone mobile prefix: +84 91 xxx xxxx is a valid Vietnamese number.
    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    password = Password(PASSWORD)


class CommuneFactory(DjangoModelFactory):
    """A 2025-style commune directly under a city (pass ``parent``)."""

    class Meta:
        model = AdministrativeUnit

    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    kind = "xã"
    level = UnitLevel.COMMUNE
    code = factory.Sequence(lambda n: f"9{n:04d}")
    valid_from = REFORM


class HamletFactory(DjangoModelFactory):
    """A hamlet (ấp) under a commune (pass ``parent``)."""

    class Meta:
        model = AdministrativeUnit

    name = factory.Sequence(lambda n: f"Ấp Thử {n}")
    kind = "ấp"
    level = UnitLevel.HAMLET
    valid_from = REFORM


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    year_of_birth = 1980


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.COMMUNE_OFFICER
