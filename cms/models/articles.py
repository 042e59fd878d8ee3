"""Outreach articles: categories (a snippet), tags, the article list and the article page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.mixins import CmsPage, HeroImageFields
from cms.text import reading_minutes, vietnamese_slugify

ARTICLES_PER_PAGE = 10


class ArticleCategory(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=80, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Để trống thì tạo tự động từ tên, ví dụ “Kỹ năng số” → ky-nang-so."),
    )
    description = models.CharField(_("mô tả ngắn"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug or not self.slug.isascii():
            self.slug = vietnamese_slugify(self.slug or self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.slug = vietnamese_slugify(self.slug or self.name)


class ArticleTagName(TagBase):
    """A tag of articles. Its own model (not taggit's shared one) so that its slug, used in
    ?the=… links, is ASCII like every other address: "kỹ năng số" → ky-nang-so."""

    free_tagging = True

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")

    def slugify(self, tag, i=None):
        slug = vietnamese_slugify(tag) or "the"
        return f"{slug}-{i}" if i is not None else slug


class ArticleTag(ItemBase):
    tag = models.ForeignKey(
        ArticleTagName, related_name="tagged_articles", on_delete=models.CASCADE
    )
    content_object = ParentalKey(
        "cms.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("thẻ của bài viết")
        verbose_name_plural = _("thẻ của bài viết")


class ArticleIndexPage(CmsPage):
    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [*CmsPage.content_panels, FieldPanel("intro")]
    folded_fields = ("search_description", "intro")
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    template = "cms/article_index_page.html"

    class Meta:
        verbose_name = _("danh sách tin bài")
        verbose_name_plural = _("danh sách tin bài")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import article_tags_in_use, articles_filter

        context = super().get_context(request, *args, **kwargs)
        category = ArticleCategory.objects.filter(slug=request.GET.get("chuyen_muc", "")).first()
        tag = request.GET.get("the", "")[:100]
        articles = articles_filter(index=self, category=category, tag=tag)
        context.update(
            {
                "articles": Paginator(articles, ARTICLES_PER_PAGE).get_page(
                    request.GET.get("trang")
                ),
                "categories": ArticleCategory.objects.all(),
                "tags": article_tags_in_use(index=self),
                "selected": {
                    "category": category,
                    "tag": tag,
                    "tag_name": ArticleTagName.objects.filter(slug=tag)
                    .values_list("name", flat=True)
                    .first()
                    if tag
                    else "",
                },
                "filter_query": urlencode(
                    [("chuyen_muc", category.slug if category else ""), ("the", tag)]
                ),
            }
        )
        return context


class ArticlePage(HeroImageFields, CmsPage):
    summary = models.TextField(
        _("tóm tắt"),
        max_length=300,
        help_text=_("Hai, ba câu nói bài viết về điều gì. Hiện ở danh sách tin và khi chia sẻ."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))
    category = models.ForeignKey(
        ArticleCategory,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = ClusterTaggableManager(
        through=ArticleTag,
        blank=True,
        verbose_name=_("thẻ"),
        help_text=_("Từ khóa để người đọc tìm các bài cùng chủ đề, ví dụ: đăng ký, Củ Chi."),
    )
    author = models.CharField(_("tác giả"), max_length=100, blank=True)
    unit = models.CharField(
        _("đơn vị"),
        max_length=150,
        blank=True,
        default="Trung tâm Văn hóa – Thể thao và Truyền thông",
    )
    publication_date = models.DateField(
        _("ngày đăng"),
        default=timezone.localdate,
        db_index=True,
        help_text=_(
            "Ngày hiện trên bài. Muốn hẹn giờ đăng, mở cột “Trạng thái” bên phải rồi chọn "
            "“Đặt lịch đăng”."
        ),
    )

    content_panels = [
        *CmsPage.content_panels,
        FieldPanel("summary"),
        HeroImageFields.hero_panel,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("author"), FieldPanel("unit")]),
                FieldPanel("publication_date"),
            ],
            heading=_("Phân loại và tác giả"),
        ),
    ]
    search_fields = [
        *CmsPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("publication_date"),
    ]
    folded_fields = ("search_description", "summary", "author", "unit")
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []
    template = "cms/article_page.html"

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def searchable_parts(self) -> list[str]:
        parts = super().searchable_parts()
        if self.category_id:
            parts.append(self.category.name)
        parts += [tag.name for tag in self.tags.all()]
        return parts

    @property
    def reading_time(self) -> int:
        """Minutes to read the summary and the body."""
        text = " ".join(
            [self.summary, *self._meta.get_field("body").get_searchable_content(self.body)]
        )
        return reading_minutes(text)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import articles_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = articles_related(article=self, limit=3)
        context["index"] = self.get_parent().specific
        return context
