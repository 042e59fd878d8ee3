from django.conf import settings
from django.urls import path

from cms import feeds, views

app_name = "cms"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("rss/", feeds.ArticlesRssFeed(), name="articles_rss"),
    path("atom/", feeds.ArticlesAtomFeed(), name="articles_atom"),
    path("rss/<slug:category>/", feeds.ArticlesRssFeed(), name="category_rss"),
    path("atom/<slug:category>/", feeds.ArticlesAtomFeed(), name="category_atom"),
]

if settings.BENCH_BARE_VIEW:
    urlpatterns.append(path("bench/bare/", views.bench_bare, name="bench_bare"))
