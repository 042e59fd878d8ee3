"""Fixtures for the outreach site: the full CMS demo, its articles, editors and publishers."""

import io

import pytest

from cms.models import ArticleIndexPage, ArticlePage, HomePage
from tests.factories import UserFactory


@pytest.fixture
def media_root(settings, tmp_path):
    """Images and documents of a test stay in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def cms_demo(db, media_root) -> HomePage:
    """The CMS demo content (home, article list, seven articles, programme pages)."""
    from cms.demo import demo_load

    demo_load(stdout=io.StringIO())
    return HomePage.objects.get()


@pytest.fixture
def article_index(cms_demo) -> ArticleIndexPage:
    return ArticleIndexPage.objects.get()


@pytest.fixture
def article(cms_demo) -> ArticlePage:
    return ArticlePage.objects.get(slug="cong-dan-hoc-tap-la-gi")


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)
