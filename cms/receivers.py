"""Signal handlers: published content changes invalidate the anonymous page cache."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.cache import pages_changed
from cms.models import ArticleCategory

DISPATCH_PREFIX = "cms.cache"
# Facts shown on cached pages that other apps keep: the home page announces the registration
# window of the current cycle. Named lazily, so cms does not import those apps' models.
SHOWN_ELSEWHERE = ("certificates.Cycle", "certificates.CycleWindowExtension")


def _page_saved_or_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        pages_changed()


def connect() -> None:
    """Called from ``CmsConfig.ready``. Pages of every app count (the home page lists courses)."""
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(pages_changed, dispatch_uid=f"{DISPATCH_PREFIX}:{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(_page_saved_or_deleted, dispatch_uid=f"{DISPATCH_PREFIX}:page:{id(signal)}")
        models = (ArticleCategory, Site, get_image_model(), get_document_model())
        for model in (*models, *SHOWN_ELSEWHERE):
            signal.connect(
                pages_changed,
                sender=model,
                dispatch_uid=f"{DISPATCH_PREFIX}:{getattr(model, '_meta', model)}:{id(signal)}",
            )
