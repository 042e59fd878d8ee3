"""Reads for the outreach pages: article lists, featured courses, the site search."""

from dataclasses import dataclass, field

from django.db.models import Count
from wagtail.models import Page

from cms.models import (
    SEARCHED_PAGE_TYPES,
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    ArticleTagName,
    HomePage,
)
from cms.text import fold_query, fold_words

FEATURED_COURSES = 3
# The course catalogue is small (tens of courses): it is matched in Python (see site_search),
# every live course (no cap: a cap would hide courses from search without a word).


def articles_live():
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("category", "hero_image")
        .order_by("-publication_date", "-first_published_at", "-pk")
    )


def articles_latest(*, limit: int = 4) -> list[ArticlePage]:
    return list(articles_live()[:limit])


def articles_filter(*, index: ArticleIndexPage | None, category: ArticleCategory | None, tag: str):
    articles = articles_live()
    if index is not None:
        articles = articles.descendant_of(index)
    if category is not None:
        articles = articles.filter(category=category)
    if tag:
        articles = articles.filter(tags__slug=tag)
    return articles


def articles_for_feed(*, category: ArticleCategory | None = None, limit: int = 30):
    return list(articles_filter(index=None, category=category, tag="")[:limit])


def articles_related(*, article: ArticlePage, limit: int = 3) -> list[ArticlePage]:
    """Newest articles of the same category, then the newest others, without ``article``."""
    others = articles_live().exclude(pk=article.pk)
    related = list(others.filter(category_id=article.category_id)[:limit])
    if len(related) < limit:
        seen = [page.pk for page in related]
        related += list(others.exclude(pk__in=seen)[: limit - len(related)])
    return related


def article_index_first() -> ArticleIndexPage | None:
    return ArticleIndexPage.objects.live().public().order_by("path").first()


def article_tags_in_use(*, index: ArticleIndexPage, limit: int = 20):
    """The tags of the live articles under ``index``, most used first."""
    article_ids = ArticlePage.objects.live().public().descendant_of(index).values("pk")
    return (
        ArticleTagName.objects.filter(tagged_articles__content_object_id__in=article_ids)
        .annotate(uses=Count("tagged_articles"))
        .order_by("-uses", "name")[:limit]
    )


def courses_featured(*, chosen: list, fill: bool, limit: int = FEATURED_COURSES) -> list:
    """The courses the editor chose (still live, in their order), then — when ``fill`` and
    fewer than ``limit`` were chosen — the newest other live courses. Looked up at render time,
    so the home page shows courses as soon as they are published."""
    from courses.models import CoursePage

    live = CoursePage.objects.live().public()
    chosen_ids = [page.pk for page in chosen if page is not None]
    by_id = {page.pk: page for page in live.filter(pk__in=chosen_ids)}
    courses = [by_id[pk] for pk in chosen_ids if pk in by_id]
    if fill and len(courses) < limit:
        others = live.exclude(pk__in=chosen_ids).order_by("-first_published_at", "-pk")
        courses += list(others[: limit - len(courses)])
    return courses


def home_page_for_site(request=None) -> HomePage | None:
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        home = HomePage.objects.filter(pk=site.root_page_id).first()
        if home is not None:
            return home
    return HomePage.objects.live().first()


def menu_pages(*, request) -> list[Page]:
    """The pages shown in the main menu: live children of the site root marked “show in
    menus” (Wagtail's Promote tab)."""
    home = home_page_for_site(request)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().order_by("path"))


# --- site search --------------------------------------------------------------------------------


@dataclass
class SearchOutcome:
    query: str
    folded: str
    pages: list = field(default_factory=list)  # a Wagtail SearchResults, or a list
    courses: list = field(default_factory=list)
    approximate: bool = False  # True when no page had every word and any word was used


def site_search(*, query: str) -> SearchOutcome:
    """Search articles, programme pages and courses for ``query``, with or without diacritics.

    Articles and programme pages index an accent-folded copy of their text (``CmsPage.folded_*``)
    and the query is folded the same way, so the result is the same on SQLite (FTS5) and on
    PostgreSQL (full text, "simple" configuration). Every word must match; when no page has them
    all, pages with any of the words are returned (``approximate``). Courses belong to the
    courses app, whose pages have no folded field: their title, summary and audience are folded
    and matched here (every word must appear).
    """
    folded = fold_query(query)
    outcome = SearchOutcome(query=(query or "").strip(), folded=folded)
    if not folded:
        return outcome
    pages = Page.objects.live().public().type(*SEARCHED_PAGE_TYPES)
    results = pages.search(folded, operator="and")
    if not results.count():
        any_word = pages.search(folded, operator="or")
        if any_word.count():
            results, outcome.approximate = any_word, True
    outcome.pages = results
    outcome.courses = courses_matching(folded=folded)
    return outcome


def courses_matching(*, folded: str) -> list:
    from courses.models import CoursePage

    words = folded.split()
    found = []
    courses = CoursePage.objects.live().public().order_by("title")
    for course in courses.iterator(chunk_size=200):
        text = " ".join([course.title, course.summary or "", course.audience or ""])
        if set(words) <= set(fold_words(text)):
            found.append(course)
    return found


def search_results_specific(pages) -> list:
    """The specific pages for a page of search results, in the same order."""
    pages = list(pages)
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [specific[p.pk] for p in pages if p.pk in specific]


def registration_window_for(*, user=None):
    """The registration window to announce: the user's own commune's, else the city's."""
    from certificates.calendar import registration_window
    from people.models import Profile
    from people.selectors import unit_commune_on

    commune = None
    if user is not None and user.is_authenticated:
        profile = Profile.objects.filter(user=user).select_related("home_unit").first()
        if profile is not None and profile.home_unit is not None:
            commune = unit_commune_on(unit=profile.home_unit)
    return registration_window(commune=commune)
