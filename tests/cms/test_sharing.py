"""Sharing cards (Open Graph, Twitter), canonical URLs, RSS/Atom feeds, sitemap.xml, robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from cms.models import ArticleCategory, ArticlePage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _meta(response) -> dict:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    values = {}
    for tag in soup.select("head meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            values.setdefault(key, tag.get("content"))
    values["canonical"] = soup.select_one('head link[rel="canonical"]')["href"]
    return values


def test_article_card_for_zalo_and_facebook(client, article):
    meta = _meta(client.get(article.url))
    assert meta["og:type"] == "article"
    assert meta["og:title"] == article.title
    assert meta["og:description"] == article.summary
    assert meta["og:url"] == meta["canonical"] == f"http://testserver{article.url}"
    assert meta["og:locale"] == "vi_VN" and meta["og:site_name"] == "Công dân học tập"
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["og:image"].endswith(".jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == article.hero_alt_text
    assert meta["article:section"] == article.category.name
    assert meta["article:published_time"].startswith(str(article.first_published_at.year))
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    # The image really is there, at the size the card says.
    from wagtail.images.models import Rendition

    rendition = Rendition.objects.get(file__endswith=meta["og:image"].rsplit("/", 1)[1])
    assert (rendition.width, rendition.height) == (1200, 630)


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/hoi-dap/", "/tai-khoan/login/", "/tim-kiem/"])
def test_every_page_has_a_card_and_a_canonical_address(client, cms_demo, path):
    meta = _meta(client.get(path))
    for key in ["og:title", "og:description", "og:url", "og:image", "twitter:card"]:
        assert meta.get(key), (path, key)
    assert meta["canonical"] == f"http://testserver{path}"
    assert meta["og:type"] == "website"


def test_canonical_address_drops_tracking_parameters(client, article):
    meta = _meta(client.get(article.url, {"fbclid": "abc", "utm_source": "zalo"}))
    assert meta["canonical"] == f"http://testserver{article.url}"


def test_feed_of_articles(client, cms_demo):
    response = client.get("/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    items = channel.findall("item")
    assert len(items) == ArticlePage.objects.live().count() == 7
    newest = ArticlePage.objects.live().order_by("-publication_date").first()
    assert items[0].findtext("title") == newest.title
    assert items[0].findtext("link") == f"http://testserver{newest.url}"
    assert channel.findtext("language") == "vi"


def test_feed_per_category_and_atom(client, cms_demo):
    category = ArticleCategory.objects.get(slug="ky-nang-so")
    rss = ET.fromstring(client.get(f"/rss/{category.slug}/").content)  # noqa: S314
    titles = {item.findtext("title") for item in rss.iter("item")}
    assert titles == set(category.articles.live().values_list("title", flat=True))
    response = client.get(f"/atom/{category.slug}/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314
    assert len(entries) == 2
    assert client.get("/rss/khong-co/").status_code == 404


def test_pages_advertise_the_feeds(client, cms_demo):
    soup = BeautifulSoup(client.get("/tin-tuc/").content.decode(), "html.parser")
    links = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    assert links == {"application/rss+xml": "/rss/", "application/atom+xml": "/atom/"}


def test_sitemap(client, cms_demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert "http://testserver/" in locations
    assert "http://testserver/tin-tuc/cong-dan-hoc-tap-la-gi/" in locations
    assert "http://testserver/bo-tieu-chi/" in locations
    ArticlePage.objects.get(slug="cong-dan-hoc-tap-la-gi").unpublish()
    assert b"cong-dan-hoc-tap-la-gi" not in client.get("/sitemap.xml").content


def test_robots_txt_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
