"""RSS 2.0 and Atom feeds of the articles, for all articles and per category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from cms.models import ArticleCategory
from cms.selectors import article_index_first, articles_for_feed


class ArticlesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, category=None):
        self.request = request
        if category is None:
            return None
        return get_object_or_404(ArticleCategory, slug=category)

    def title(self, obj):
        if obj is None:
            return _("Công dân học tập — Tin bài")
        return _("Công dân học tập — %(category)s") % {"category": obj.name}

    def description(self, obj):
        if obj is not None and obj.description:
            return obj.description
        return _("Tin tuyên truyền về chương trình “Công dân học tập”: tiêu chí, cách đăng ký, "
                 "kỹ năng số và những tấm gương học tập ở địa phương.")  # fmt: skip

    def link(self, obj):
        index = article_index_first()
        base = index.get_url(self.request) if index else "/"
        return f"{base}?chuyen_muc={obj.slug}" if obj is not None else base

    def feed_url(self, obj):
        suffix = "atom" if self.feed_type is Atom1Feed else "rss"
        if obj is None:
            return reverse(f"cms:articles_{suffix}")
        return reverse(f"cms:category_{suffix}", kwargs={"category": obj.slug})

    def items(self, obj):
        return articles_for_feed(category=obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or item.unit or None

    def item_categories(self, item):
        names = [item.category.name] if item.category_id else []
        return names + [tag.name for tag in item.tags.all()]


class ArticlesAtomFeed(ArticlesRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesRssFeed.description
