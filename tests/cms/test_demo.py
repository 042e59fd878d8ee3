"""cms.demo: the home page becomes the default site's root, with articles, programme pages and
illustrations; loading twice changes nothing."""

import io

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site, WorkflowPage

from cms.demo import demo_load
from cms.models import ArticleCategory, ArticlePage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def test_demo_makes_the_home_page_the_site_root():
    demo_load(stdout=io.StringIO())
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert home.live
    assert home.get_parent() == Page.get_first_root_node()
    # Wagtail's "Welcome" placeholder is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def _state():
    return (
        list(Page.objects.order_by("path").values_list("pk", "path", "live")),
        list(Site.objects.order_by("pk").values_list("pk", "root_page_id")),
        Revision.objects.count(),
        get_image_model().objects.count(),
        ArticleCategory.objects.count(),
    )


def test_demo_is_idempotent():
    demo_load(stdout=io.StringIO())
    before = _state()
    out = io.StringIO()
    demo_load(stdout=out)
    assert _state() == before
    assert "0 created, 0 updated" in out.getvalue()
    assert HomePage.objects.count() == 1


def test_demo_content_is_a_realistic_set():
    demo_load(stdout=io.StringIO())
    articles = ArticlePage.objects.live()
    assert articles.count() >= 6
    assert len({article.category_id for article in articles}) >= 3
    assert ArticleCategory.objects.count() >= 3
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"gioi-thieu", "bo-tieu-chi", "hoi-dap", "lien-he"} <= slugs
    story = ArticlePage.objects.get(slug="ap-mau-1-xa-cu-chi-bac-tam-hoc-dung-dien-thoai")
    assert "Củ Chi" in story.title and "hư cấu" in story.summary
    for article in articles:
        assert article.hero_image and article.hero_alt_text
        assert article.summary and len(list(article.body)) >= 3
        assert article.slug.isascii()
    home = HomePage.objects.get()
    assert {block.block_type for block in home.sections} >= {
        "featured_courses", "latest_articles", "facts",
    }  # fmt: skip


def test_demo_images_are_drawn_here_with_alt_text_and_focal_points():
    demo_load(stdout=io.StringIO())
    images = get_image_model().objects.filter(title__startswith="Minh họa")
    assert images.count() >= 6
    for image in images:
        assert image.description.startswith("Tranh minh họa")
        assert image.has_focal_point()
        assert (image.width, image.height) == (1600, 900)


def test_demo_sets_up_moderation():
    demo_load(stdout=io.StringIO())
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_home_page_renders_at_the_root(client):
    demo_load(stdout=io.StringIO())
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "cms/home_page.html"
