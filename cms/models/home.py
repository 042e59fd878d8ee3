"""The home page: the site root. A hero with a call to action, then sections the editor
arranges (featured courses, latest articles, programme facts, calls to action, text)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from cms.blocks import HomeSectionsBlock
from cms.models.mixins import CmsPage, HeroImageFields


class HomePage(HeroImageFields, CmsPage):
    hero_title = models.CharField(
        _("tiêu đề lớn"),
        max_length=120,
        blank=True,
        help_text=_("Câu chào ngắn ở đầu trang. Để trống thì dùng câu mặc định."),
    )
    intro = models.CharField(
        _("lời giới thiệu"),
        max_length=300,
        blank=True,
        help_text=_("Một hai câu nói chương trình giúp gì cho người dân."),
    )
    cta_label = models.CharField(
        _("chữ trên nút chính"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: “Bắt đầu học”. Để trống thì nút mời đăng ký tài khoản."),
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("nút chính dẫn đến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secondary_label = models.CharField(_("chữ trên nút phụ"), max_length=40, blank=True)
    secondary_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("nút phụ dẫn đến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sections = StreamField(
        HomeSectionsBlock(),
        verbose_name=_("các phần của trang chủ"),
        blank=True,
        help_text=_("Sắp xếp các phần: khóa học nổi bật, tin mới, con số, lời kêu gọi…"),
    )

    content_panels = [
        *CmsPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("intro"),
                FieldPanel("cta_label"),
                FieldPanel("cta_page"),
                FieldPanel("secondary_label"),
                FieldPanel("secondary_page"),
            ],
            heading=_("Phần đầu trang"),
        ),
        HeroImageFields.hero_panel,
        FieldPanel("sections"),
    ]
    folded_fields = ("search_description", "hero_title", "intro")
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def searchable_parts(self) -> list[str]:
        return [
            *super().searchable_parts(),
            *self._meta.get_field("sections").get_searchable_content(self.sections),
        ]
