"""Site search, sitemap.xml, and the bare view used by bench/pages.py."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms.models import ArticlePage
from cms.selectors import search_results_specific, site_search

RESULTS_PER_PAGE = 10


def _result(page) -> dict:
    is_article = isinstance(page, ArticlePage)
    return {
        "page": page,
        "kind": _("Tin bài") if is_article else _("Trang giới thiệu"),
        "text": page.summary
        if is_article
        else (getattr(page, "intro", "") or page.search_description),
        "date": page.publication_date if is_article else None,
    }


@require_GET
def search(request):
    query = request.GET.get("q", "")[:200]
    outcome = site_search(query=query)
    results = Paginator(outcome.pages, RESULTS_PER_PAGE).get_page(request.GET.get("trang"))
    pages = search_results_specific(results.object_list) if outcome.folded else []
    context = {
        "outcome": outcome,
        "query": outcome.query,
        "results": results,
        "result_pages": [_result(page) for page in pages],
        "total": (results.paginator.count + len(outcome.courses)) if outcome.folded else 0,
        "search_query": urlencode({"q": outcome.query}),
        "title": _("Tìm kiếm"),
    }
    return render(request, "cms/search.html", context)


@require_GET
def sitemap(request):
    """Every live, public page of the site, with absolute addresses on the host that asked."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    pages = []
    if site is not None:
        pages = (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
        )
    entries = []
    for page in pages:
        url = page.get_url(request)
        if url:
            entries.append(
                {
                    "loc": request.build_absolute_uri(url),
                    "lastmod": page.last_published_at or page.latest_revision_created_at,
                }
            )
    return render(request, "cms/sitemap.xml", {"entries": entries}, content_type="application/xml")


def bench_bare(request):
    """The floor for bench/pages.py: Django's middleware and nothing else. Only routed when
    settings.BENCH_BARE_VIEW is on."""
    return HttpResponse(b"ok", content_type="text/plain")
