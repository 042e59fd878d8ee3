"""The thresholds screen shows what the published courses can award, and warns when that is
below the pass mark."""

import pytest

from progress.models import ProfileThresholds
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_screen_shows_what_the_catalogue_can_award(admin_client, framework, digital_track):
    thresholds = ProfileThresholds.objects.create(framework=framework)
    page = admin_client.get(f"/admin/nguong-nang-luc-so/edit/{thresholds.pk}/").content.decode()
    assert "Học hết các khóa học đang xuất bản được gợi ý 5/10 cho chỉ số 5" in page
    assert "Kỹ năng số cơ bản" in page and "Cảnh báo" not in page
    listing = admin_client.get("/admin/nguong-nang-luc-so/").content.decode()
    assert "5/10" in listing


def test_the_screen_warns_when_the_catalogue_cannot_reach_the_pass_mark(
    admin_client,
    framework,
    digital_track,
):
    thresholds = ProfileThresholds.objects.create(framework=framework, skills_min_domains=4)
    page = admin_client.get(f"/admin/nguong-nang-luc-so/edit/{thresholds.pk}/").content.decode()
    assert "chỉ được gợi ý 3/10 cho chỉ số 5, thấp hơn mức đạt 5 điểm" in page
    assert "thấp hơn mức đạt 5" in admin_client.get("/admin/nguong-nang-luc-so/").content.decode()


def test_only_superusers_open_the_screen(client, framework):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/nguong-nang-luc-so/").status_code in (302, 403)
