"""StreamField blocks of lessons: text, media, and learning activities (H5P and CMS quizzes).

An activity is identified by its lesson page and the block's stable id (Wagtail keeps block ids
across revisions), which also forms its xAPI activity IRI.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class CompetenceTargetBlock(blocks.StructBlock):
    competence = SnippetChooserBlock("courses.Competence", label=_("Năng lực thành phần"))
    level = blocks.IntegerBlock(label=_("Đến bậc"), min_value=1, max_value=8, default=1)

    class Meta:
        label = _("Năng lực phát triển")
        icon = "pick"


class Grading:
    BEST = "best"
    LAST = "last"
    FIRST = "first"
    CHOICES = [
        (BEST, _("Lấy lần làm tốt nhất")),
        (LAST, _("Lấy lần làm gần nhất")),
        (FIRST, _("Lấy lần làm đầu tiên")),
    ]


class ActivitySettingsBlock(blocks.StructBlock):
    """Shared by every activity: whether it counts for completion, how attempts are graded,
    and the competences it develops."""

    required = blocks.BooleanBlock(
        label=_("Bắt buộc để hoàn thành khóa học"), required=False, default=True
    )
    grading = blocks.ChoiceBlock(
        label=_("Cách tính kết quả khi làm nhiều lần"),
        choices=Grading.CHOICES,
        default=Grading.BEST,
        required=False,
    )
    allow_unverified = blocks.BooleanBlock(
        label=_("Chấp nhận kết quả máy chủ không kiểm tra được"),
        required=False,
        default=False,
        help_text=_(
            "Chỉ bật cho loại bài mà hệ thống chưa chấm lại được; kết quả khi đó do trình "
            "duyệt báo lên."
        ),
    )
    competences = blocks.ListBlock(
        CompetenceTargetBlock(), label=_("Năng lực phát triển"), required=False, default=[]
    )


class H5PActivityBlock(ActivitySettingsBlock):
    activity = SnippetChooserBlock("courses.H5PActivity", label=_("Hoạt động H5P"))
    pass_mark = blocks.IntegerBlock(
        label=_("Điểm đạt (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Để trống để dùng điểm đạt của hoạt động."),
    )

    class Meta:
        label = _("Hoạt động H5P")
        icon = "media"
        template = "courses/blocks/h5p_activity.html"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Phương án"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Là đáp án đúng"), required=False)
    feedback = blocks.CharBlock(
        label=_("Nhận xét khi chọn phương án này"), required=False, max_length=500
    )

    class Meta:
        label = _("Phương án")


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Chọn một đáp án")),
        (MULTIPLE, _("Chọn nhiều đáp án")),
        (TRUE_FALSE, _("Đúng / Sai")),
    ]


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Loại câu hỏi"), choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE
    )
    prompt = blocks.TextBlock(label=_("Câu hỏi"), max_length=1000)
    options = blocks.ListBlock(
        OptionBlock(),
        label=_("Các phương án (chọn một hoặc chọn nhiều)"),
        required=False,
        default=[],
    )
    true_false_answer = blocks.ChoiceBlock(
        label=_("Đáp án (câu Đúng / Sai)"),
        choices=[("true", _("Đúng")), ("false", _("Sai"))],
        required=False,
    )
    feedback_correct = blocks.CharBlock(label=_("Nhận xét khi trả lời đúng"), required=False)
    feedback_incorrect = blocks.CharBlock(label=_("Nhận xét khi trả lời sai"), required=False)

    class Meta:
        label = _("Câu hỏi")
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        kind, options = value["kind"], value["options"]
        correct = [option for option in options if option["is_correct"]]
        errors = {}
        if kind == QuestionKind.TRUE_FALSE:
            if not value["true_false_answer"]:
                errors["true_false_answer"] = ValidationError(_("Hãy chọn đáp án Đúng hoặc Sai."))
        elif len(options) < 2:
            errors["options"] = ValidationError(_("Câu hỏi cần ít nhất hai phương án."))
        elif kind == QuestionKind.SINGLE and len(correct) != 1:
            errors["options"] = ValidationError(
                _("Câu chọn một đáp án phải có đúng một đáp án đúng.")
            )
        elif kind == QuestionKind.MULTIPLE and not correct:
            errors["options"] = ValidationError(_("Hãy đánh dấu ít nhất một đáp án đúng."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class QuizBlock(ActivitySettingsBlock):
    title = blocks.CharBlock(label=_("Tên bài kiểm tra"), max_length=200)
    intro = blocks.TextBlock(label=_("Lời dẫn"), required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Câu hỏi"), min_num=1)
    pass_mark = blocks.IntegerBlock(label=_("Điểm đạt (%)"), min_value=0, max_value=100, default=80)

    class Meta:
        label = _("Bài kiểm tra ngắn")
        icon = "tasks"
        template = "courses/blocks/quiz.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)

    class Meta:
        label = _("Ảnh")
        icon = "image"
        template = "courses/blocks/image.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Văn bản"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    image = CaptionedImageBlock()
    video = EmbedBlock(label=_("Video (đường dẫn YouTube…)"), icon="media")
    document = DocumentChooserBlock(label=_("Tài liệu"), icon="doc-full")
    h5p = H5PActivityBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {}


ACTIVITY_BLOCK_TYPES = ("h5p", "quiz")
