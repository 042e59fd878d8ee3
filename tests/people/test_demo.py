"""The demo loader (manage.py demo_load): idempotent, and every printed login works."""

import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django.urls import reverse

from people.demo import DEMO_CITIZENS, DEMO_USERS
from people.models import (
    AdministrativeUnit,
    Organisation,
    Profile,
    RoleAssignment,
    UnitSuccession,
    User,
)
from people.permissions import profiles_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    """Keep the real var/demo-logins.txt out of reach."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def _logins(var_dir) -> list[tuple[str, str, str, str]]:
    lines = (var_dir / "demo-logins.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    return [tuple(line.split("\t")) for line in lines[1:] if line]


def _state():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (
            AdministrativeUnit, UnitSuccession, Organisation, User, Profile, RoleAssignment,
        )
    } | {"passwords": sorted(User.objects.values_list("pk", "password"))}  # fmt: skip


def test_demo_load_is_idempotent_and_keeps_passwords(var_dir):
    out = io.StringIO()
    call_command("demo_load", "--force", stdout=out)
    first_logins = _logins(var_dir)
    first_state = _state()
    assert f"{len(DEMO_USERS)} demo logins" in out.getvalue()

    call_command("demo_load", "--force", stdout=io.StringIO())
    assert _logins(var_dir) == first_logins
    assert _state() == first_state
    assert (var_dir / "demo-logins.txt").stat().st_mode & 0o777 == 0o600


def test_demo_load_creates_one_user_per_role_and_the_citizens(var_dir):
    call_command("demo_load", "--force", stdout=io.StringIO())
    logins = _logins(var_dir)
    assert len(logins) == len(DEMO_USERS)
    assert {row[2] for row in logins} == {spec[2] for spec in DEMO_USERS}
    assert len({row[3] for row in logins}) == len(logins)  # no shared password
    for spec in DEMO_CITIZENS:
        citizen = User.objects.get(phone="+84" + spec[1][1:])
        assert not citizen.has_usable_password()
    commune_officer = User.objects.get(email="hoixa@demo.invalid")
    visible = {p.user.full_name for p in profiles_visible_to(user=commune_officer)}
    # Củ Chi's officer sees Ấp Trung (old Tân Thông Hội) but not Khu phố 7 (old thị trấn).
    assert "Trương Văn Mười" in visible
    assert "Đỗ Minh Khôi" not in visible
    assert "Mai Thị Hạnh" not in visible


def test_every_demo_login_works_through_the_login_view(client, var_dir):
    call_command("demo_load", "--force", stdout=io.StringIO())
    logins = _logins(var_dir)
    for _role, name, login, password in logins:
        response = client.post(reverse("account_login"), {"login": login, "password": password})
        assert response.status_code == 302, (login, response.context["form"].errors)
        user = User.objects.get(pk=client.session[SESSION_KEY])
        assert user.full_name == name
        client.post(reverse("account_logout"))
        assert SESSION_KEY not in client.session


def test_demo_officers_with_phones_can_log_in_by_phone(client, var_dir):
    call_command("demo_load", "--force", stdout=io.StringIO())
    passwords = {row[2]: row[3] for row in _logins(var_dir)}
    with_phone = [(email, phone) for _key, _name, email, phone, *_rest in DEMO_USERS if phone]
    assert with_phone
    for email, phone in with_phone:
        response = client.post(
            reverse("account_login"), {"login": phone, "password": passwords[email]}
        )
        assert response.status_code == 302, phone
        client.post(reverse("account_logout"))


def test_demo_load_refuses_without_debug_or_force(var_dir, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_load", stdout=io.StringIO())
    assert not (var_dir / "demo-logins.txt").exists()
