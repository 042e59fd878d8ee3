"""Fixed programme pages: about the programme, the criteria explained, FAQ, contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.mixins import CmsPage, HeroImageFields


class StandardPage(HeroImageFields, CmsPage):
    intro = models.TextField(
        _("lời giới thiệu"),
        blank=True,
        help_text=_("Một đoạn ngắn ở đầu trang, cũng hiện khi chia sẻ."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *CmsPage.content_panels,
        FieldPanel("intro"),
        HeroImageFields.hero_panel,
        FieldPanel("body"),
    ]
    search_fields = [
        *CmsPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    folded_fields = ("search_description", "intro")
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("trang giới thiệu chương trình")
        verbose_name_plural = _("trang giới thiệu chương trình")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context
