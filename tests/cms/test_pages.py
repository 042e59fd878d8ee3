"""The outreach pages render: named templates, headings in order, responsive lazy images with
alt text, the article list's filters and pagination, programme pages, the home page."""

from itertools import pairwise

import pytest
from bs4 import BeautifulSoup

from cms.models import ArticleCategory, ArticleIndexPage, ArticlePage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _assert_headings_in_order(soup):
    levels = [int(tag.name[1]) for tag in soup.select("main h1, main h2, main h3, main h4")]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in pairwise(levels):
        assert after <= before + 1, levels


def _assert_images_have_alt(soup):
    for img in soup.select("main img"):
        assert img.has_attr("alt"), img


def test_templates_are_named_explicitly():
    assert HomePage.template == "cms/home_page.html"
    assert ArticleIndexPage.template == "cms/article_index_page.html"
    assert ArticlePage.template == "cms/article_page.html"
    assert StandardPage.template == "cms/standard_page.html"


@pytest.mark.parametrize(
    "path", ["/", "/tin-tuc/", "/tin-tuc/cong-dan-hoc-tap-la-gi/", "/bo-tieu-chi/", "/hoi-dap/"]
)
def test_pages_have_ordered_headings_and_alt_text(client, cms_demo, path):
    soup = _soup(client.get(path))
    _assert_headings_in_order(soup)
    _assert_images_have_alt(soup)


def test_article_page(client, article):
    response = client.get(article.url)
    assert response.templates[0].name == "cms/article_page.html"
    soup = _soup(response)
    assert soup.h1.get_text(strip=True) == article.title
    assert article.summary in soup.get_text()
    assert "Đọc khoảng" in soup.get_text()
    assert article.category.name in soup.select_one(".article-category").get_text()
    hero = soup.select_one(".article-hero picture")
    formats = [source["type"] for source in hero.select("source")]
    assert formats == ["image/avif", "image/webp"]
    img = hero.img
    assert img["alt"] == article.hero_alt_text and img["alt"]
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")  # above the fold
    assert "360w" in img["srcset"] and "1080w" in img["srcset"] and img["sizes"]
    assert soup.select_one(".article-hero figcaption").get_text() == article.hero_caption
    # The body: a call to action to the criteria page, a quote.
    assert soup.select_one(".cta a.button")["href"] == "/bo-tieu-chi/"
    assert soup.select_one(".body-quote blockquote")
    for tag in article.tags.all():
        assert soup.find("a", string=tag.name)["href"] == f"/tin-tuc/?the={tag.slug}"


def test_images_below_the_fold_load_lazily(client, cms_demo):
    soup = _soup(client.get("/tin-tuc/bo-tieu-chi-3-tieu-chi-10-chi-so/"))
    body_images = soup.select(".article-body img")
    assert body_images
    for img in body_images:
        assert img["loading"] == "lazy" and img["alt"]
    faq = soup.select(".faq details.faq-item")
    assert len(faq) == 3 and all(item.summary for item in faq)


def test_crops_follow_the_focal_point(cms_demo):
    from cms.templatetags.cms_tags import PICTURES

    # Hero and card pictures are crops ("fill"), which Wagtail centres on the focal point.
    assert PICTURES["hero"][0].startswith("fill-") and PICTURES["card"][0].startswith("fill-")
    image = ArticlePage.objects.get(
        slug="ap-mau-1-xa-cu-chi-bac-tam-hoc-dung-dien-thoai"
    ).hero_image
    assert image.has_focal_point()
    tall = image.get_rendition("fill-200x600")  # keeps a sixth of the width
    focus = tall.focal_point  # the focal area, in the rendition's coordinates
    assert focus.right > 0 and focus.left < tall.width  # the crop is on the focal area
    assert focus.top >= 0 and focus.bottom <= tall.height


def test_article_index_lists_filters_and_paginates(client, article_index):
    soup = _soup(client.get(article_index.url))
    assert len(soup.select(".article-list .article-card")) == 7
    category = ArticleCategory.objects.get(slug="ky-nang-so")
    soup = _soup(client.get(article_index.url, {"chuyen_muc": category.slug}))
    titles = [h.get_text(strip=True) for h in soup.select(".article-list .card-title")]
    assert len(titles) == 2 and all(
        ArticlePage.objects.get(title=title).category == category for title in titles
    )
    soup = _soup(client.get(article_index.url, {"the": "cu-chi"}))
    assert len(soup.select(".article-list .article-card")) == 2
    soup = _soup(client.get(article_index.url, {"chuyen_muc": "ky-nang-so", "the": "tin-gia"}))
    assert len(soup.select(".article-list .article-card")) == 1
    # No JavaScript needed: the filters are plain links (the site-wide offline scripts sit
    # outside the page's main content).
    assert soup.select_one('.category-nav a[aria-current="page"]').get_text() == "Kỹ năng số"
    assert not soup.select("main script")


def test_article_index_pagination(client, article_index, settings):
    from cms.models import articles

    original = articles.ARTICLES_PER_PAGE
    articles.ARTICLES_PER_PAGE = 3
    try:
        first = _soup(client.get(article_index.url))
        third = _soup(client.get(article_index.url, {"trang": "3"}))
        beyond = _soup(client.get(article_index.url, {"trang": "99"}))
    finally:
        articles.ARTICLES_PER_PAGE = original
    assert len(first.select(".article-card")) == 3
    assert first.select_one('.pagination a[rel="next"]')["href"].endswith("trang=2")
    assert len(third.select(".article-card")) == 1
    assert len(beyond.select(".article-card")) == 1  # past the end: the last page


def test_home_page_features_courses_articles_and_facts(client, cms_demo):
    from courses import demo as courses_demo
    from courses.competences import competence_framework_load

    soup = _soup(client.get("/"))
    assert soup.h1.get_text(strip=True).startswith("Học tập suốt đời")
    assert len(soup.select(".latest-articles .article-card")) == 4
    assert [li.strong.get_text() for li in soup.select(".facts-list li")] == ["3", "10", "80", "7"]
    assert not soup.select(".featured-courses")  # no course yet: the block hides itself
    assert soup.select_one(".hero-search input[name=q]")
    competence_framework_load()
    courses_demo.demo_load(stdout=__import__("io").StringIO())
    soup = _soup(client.get("/"))
    assert len(soup.select(".featured-courses .course-card")) == 2  # filled at render time


def test_home_featured_courses_converge_on_a_second_demo_run(cms_demo):
    import io

    from cms.demo import demo_load
    from courses import demo as courses_demo
    from courses.competences import competence_framework_load
    from courses.models import CoursePage

    competence_framework_load()
    courses_demo.demo_load(stdout=io.StringIO())
    out = io.StringIO()
    demo_load(stdout=out)  # now the courses exist: chosen in the block, linked from articles
    home = HomePage.objects.get()
    featured = next(block for block in home.sections if block.block_type == "featured_courses")
    assert [page.pk for page in featured.value["courses"]] == list(
        CoursePage.objects.live().order_by("path").values_list("pk", flat=True)[:3]
    )
    assert home.cta_page.specific_class.__name__ == "CourseIndexPage"
    out = io.StringIO()
    demo_load(stdout=out)
    assert "0 created, 0 updated" in out.getvalue()


def test_programme_pages(client, cms_demo):
    for slug in ["gioi-thieu", "bo-tieu-chi", "hoi-dap", "lien-he"]:
        page = StandardPage.objects.get(slug=slug)
        assert page.show_in_menus and page.live
        response = client.get(page.url)
        assert response.templates[0].name == "cms/standard_page.html"
    menu = _soup(client.get("/")).select(".nav-list a")
    assert [a.get_text() for a in menu][:6] == [
        "Trang chủ", "Giới thiệu chương trình", "Bộ tiêu chí “Công dân học tập”",
        "Câu hỏi thường gặp", "Liên hệ", "Tin tức",
    ]  # fmt: skip


def test_video_block_only_takes_youtube(db):
    from wagtail.blocks import StructBlockValidationError

    from cms.blocks import VideoBlock, youtube_id

    assert youtube_id("https://youtu.be/dQw4w9WgXcQ") == "dQw4w9WgXcQ"
    assert youtube_id("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10") == "dQw4w9WgXcQ"
    assert youtube_id("https://example.org/video.mp4") is None
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"url": "https://example.org/v.mp4", "title": "x"}))
    html = block.render(
        block.to_python({"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Hướng dẫn"})
    )
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'loading="lazy"' in html and 'title="Hướng dẫn"' in html
