"""StreamField blocks of the outreach pages: article and programme-page bodies, home sections.

Headings in a body are h2/h3 only (the page title is the h1). Every image carries alt text or is
marked decorative (Wagtail's ImageBlock refuses neither). Videos play from youtube-nocookie in a
lazy frame, with a plain link beside it for phones that would rather open the YouTube app.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
YOUTUBE_ID = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)"
    r"|youtu\.be/)([A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)


def youtube_id(url: str) -> str | None:
    match = YOUTUBE_ID.match((url or "").strip())
    return match.group(1) if match else None


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề mục"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Cấp"),
        choices=[("h2", _("Mục lớn (H2)")), ("h3", _("Mục nhỏ (H3)"))],
        default="h2",
        help_text=_("Dùng mục lớn trước, mục nhỏ nằm trong mục lớn."),
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "cms/blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích ảnh"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "cms/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Đường dẫn video YouTube"),
        help_text=_("Ví dụ: https://www.youtube.com/watch?v=… hoặc https://youtu.be/…"),
    )
    title = blocks.CharBlock(
        label=_("Tên video"),
        max_length=150,
        help_text=_("Người dùng trình đọc màn hình nghe tên này trước khi mở video."),
    )
    caption = blocks.TextBlock(label=_("Mô tả ngắn hoặc lời thoại"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not youtube_id(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Đây không phải đường dẫn video YouTube. Hãy dán đường dẫn từ nút "
                          "“Chia sẻ” của video.")
                    )
                }
            )  # fmt: skip
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["video_id"] = youtube_id(value.get("url"))
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Lời trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "cms/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    label = blocks.CharBlock(
        label=_("Tên hiển thị"), required=False, max_length=150,
        help_text=_("Để trống thì dùng tên của tài liệu."),
    )  # fmt: skip
    description = blocks.CharBlock(label=_("Mô tả ngắn"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải xuống")
        template = "cms/blocks/document.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    text = blocks.TextBlock(label=_("Lời mời"), required=False)
    page = blocks.PageChooserBlock(
        label=_("Trang đích"), help_text=_("Một khóa học hoặc một trang bất kỳ của trang web.")
    )
    button_label = blocks.CharBlock(label=_("Chữ trên nút"), max_length=40, default="Xem ngay")

    class Meta:
        icon = "pick"
        label = _("Lời kêu gọi hành động")
        template = "cms/blocks/call_to_action.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Câu hỏi"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Trả lời"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Câu hỏi")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Tiêu đề"), required=False, max_length=120, default="Câu hỏi thường gặp"
    )
    items = blocks.ListBlock(FAQItemBlock(), label=_("Các câu hỏi"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Hỏi đáp (mở từng câu)")
        template = "cms/blocks/faq.html"


class BodyBlock(blocks.StreamBlock):
    """The body of an article or a programme page."""

    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=PARAGRAPH_FEATURES, template="cms/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = FigureBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()


# --- Home page sections -------------------------------------------------------------------------


class FeaturedCoursesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default="Khóa học nổi bật")
    intro = blocks.TextBlock(label=_("Lời giới thiệu"), required=False)
    courses = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="courses.CoursePage", label=_("Khóa học")),
        label=_("Khóa học được chọn"),
        default=[],
    )
    fill_automatically = blocks.BooleanBlock(
        label=_("Tự thêm khóa học mới nhất khi chọn chưa đủ 3 khóa"),
        required=False,
        default=True,
    )

    def get_context(self, value, parent_context=None):
        from cms.selectors import courses_featured

        context = super().get_context(value, parent_context=parent_context)
        context["courses"] = courses_featured(
            chosen=value.get("courses") or [], fill=value.get("fill_automatically")
        )
        return context

    class Meta:
        icon = "pick"
        label = _("Khóa học nổi bật")
        template = "cms/blocks/featured_courses.html"


class LatestArticlesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default="Tin mới")
    count = blocks.IntegerBlock(label=_("Số bài"), min_value=2, max_value=12, default=4)

    def get_context(self, value, parent_context=None):
        from cms.selectors import article_index_first, articles_latest

        context = super().get_context(value, parent_context=parent_context)
        context["articles"] = articles_latest(limit=value.get("count") or 4)
        context["index"] = article_index_first()
        return context

    class Meta:
        icon = "list-ul"
        label = _("Tin mới nhất")
        template = "cms/blocks/latest_articles.html"


class FactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Con số"), max_length=20, help_text=_("Ví dụ: 10"))
    label = blocks.CharBlock(label=_("Ý nghĩa"), max_length=120, help_text=_("Ví dụ: chỉ số"))

    class Meta:
        icon = "decimal"
        label = _("Con số")


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default="Chương trình có gì")
    facts = blocks.ListBlock(FactBlock(), label=_("Các con số"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("Con số về chương trình")
        template = "cms/blocks/facts.html"


class RegistrationCallBlock(blocks.StructBlock):
    """A call to register whose dates come from the cycle officers keep, never typed in."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    text = blocks.TextBlock(
        label=_("Lời mời"),
        required=False,
        help_text=_("Ngày đăng ký được lấy từ đợt đánh giá đang mở, không cần ghi ở đây."),
    )
    page = blocks.PageChooserBlock(label=_("Trang đích"))
    button_label = blocks.CharBlock(label=_("Chữ trên nút"), max_length=40, default="Xem ngay")

    def get_context(self, value, parent_context=None):
        from cms.selectors import registration_window_for

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["window"] = registration_window_for(user=getattr(request, "user", None))
        return context

    class Meta:
        icon = "date"
        label = _("Lời mời đăng ký (ngày lấy từ đợt đánh giá)")
        template = "cms/blocks/registration_call.html"


class HomeSectionsBlock(blocks.StreamBlock):
    featured_courses = FeaturedCoursesBlock()
    latest_articles = LatestArticlesBlock()
    facts = FactsBlock()
    call_to_action = CallToActionBlock()
    registration_call = RegistrationCallBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=["h2", "h3", *PARAGRAPH_FEATURES],
        template="cms/blocks/paragraph.html",
    )  # fmt: skip
