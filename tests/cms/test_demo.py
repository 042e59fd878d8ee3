"""cms.demo: the home page becomes the default site's root, once."""

import io

import pytest
from wagtail.models import Page, Site

from cms.demo import demo_load
from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_demo_makes_the_home_page_the_site_root():
    demo_load(stdout=io.StringIO())
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert home.live
    assert home.get_parent() == Page.get_first_root_node()
    # Wagtail's "Welcome" placeholder is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_demo_is_idempotent():
    demo_load(stdout=io.StringIO())
    before = (
        list(Page.objects.order_by("path").values_list("pk", "path")),
        list(Site.objects.order_by("pk").values_list("pk", "root_page_id")),
    )
    demo_load(stdout=io.StringIO())
    after = (
        list(Page.objects.order_by("path").values_list("pk", "path")),
        list(Site.objects.order_by("pk").values_list("pk", "root_page_id")),
    )
    assert after == before
    assert HomePage.objects.count() == 1


def test_home_page_renders_at_the_root(client):
    demo_load(stdout=io.StringIO())
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "cms/home_page.html"
