"""Site search: articles, programme pages and courses, with or without diacritics, the same on
SQLite (FTS5) and PostgreSQL (full text)."""

import io

import pytest

from cms.models import ArticlePage, StandardPage
from cms.selectors import site_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_courses(cms_demo):
    from courses import demo as courses_demo
    from courses.competences import competence_framework_load

    competence_framework_load()  # a reused test database may have lost the seeded framework
    courses_demo.demo_load(stdout=io.StringIO())
    return cms_demo


def _titles(outcome):
    return [page.title for page in outcome.pages]


@pytest.mark.parametrize("query", ["cong dan hoc tap", "Công dân học tập", "CÔNG DÂN học tap"])
def test_with_or_without_diacritics(cms_demo, query):
    outcome = site_search(query=query)
    assert "“Công dân học tập” là gì? Vì sao nên tham gia?" in _titles(outcome)
    assert not outcome.approximate


@pytest.mark.parametrize("query", ["dang ky", "Đăng ký", "đăng ky"])
def test_d_is_folded_to_d(cms_demo, query):
    titles = _titles(site_search(query=query))
    assert any(title.startswith("Đăng ký “Công dân học tập” năm") for title in titles)


def test_finds_words_in_the_body_of_articles_and_programme_pages(cms_demo):
    assert "5 điều cần nhớ để dùng điện thoại an toàn, tránh bị lừa đảo" in _titles(
        site_search(query="ma otp")
    )
    assert "Câu hỏi thường gặp" in _titles(site_search(query="quen mat khau"))


def test_only_live_articles_and_programme_pages(cms_demo):
    article = ArticlePage.objects.get(slug="cong-dan-hoc-tap-la-gi")
    article.unpublish()
    outcome = site_search(query="cong dan hoc tap la gi")
    assert article.title not in _titles(outcome)
    for page in outcome.pages:
        assert page.specific_class in (ArticlePage, StandardPage)


def test_every_word_must_match_else_any_word_is_approximate(cms_demo):
    assert site_search(query="lua dao").pages
    outcome = site_search(query="lua dao khongcochunay")
    assert outcome.approximate
    assert "5 điều cần nhớ để dùng điện thoại an toàn, tránh bị lừa đảo" in _titles(outcome)


def test_nothing_to_search(cms_demo):
    outcome = site_search(query=" ?! ")
    assert outcome.folded == "" and list(outcome.pages) == [] and outcome.courses == []


def test_courses_match_without_diacritics(with_courses):
    outcome = site_search(query="ky nang so co ban")
    assert [course.title for course in outcome.courses] == ["Kỹ năng số cơ bản"]
    assert [course.title for course in site_search(query="Kỹ năng số cơ bản").courses] == [
        "Kỹ năng số cơ bản"
    ]


def test_search_page(client, with_courses):
    response = client.get("/tim-kiem/", {"q": "cong dan hoc tap"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“Công dân học tập” là gì? Vì sao nên tham gia?" in html
    assert 'name="robots" content="noindex"' in html
    assert 'value="cong dan hoc tap"' in html
    empty = client.get("/tim-kiem/").content.decode()
    assert "có dấu hay không dấu đều được" in empty


def test_search_page_paginates(client, cms_demo):
    response = client.get("/tim-kiem/", {"q": "hoc", "trang": "2"})
    assert response.status_code == 200
    first = client.get("/tim-kiem/", {"q": "hoc"})
    assert "trang=2" in first.content.decode()
