"""Course structure as Wagtail pages: catalogue → course → module (chương) → lesson (bài học)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock


class Track(models.TextChoices):
    CRITERIA = "criteria", _("Tiêu chí Công dân học tập")
    DIGITAL = "digital", _("Kỹ năng số")


class CourseLevel(models.TextChoices):
    BASIC = "basic", _("Cơ bản")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Nâng cao")


LENGTHS = {
    "short": (_("Dưới 30 phút"), 0, 29),
    "medium": (_("30 – 90 phút"), 30, 90),
    "long": (_("Trên 90 phút"), 91, 100000),
}


class CourseIndexPage(Page):
    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục khóa học")
        verbose_name_plural = _("danh mục khóa học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.live().public().descendant_of(self).order_by("title")
        track = request.GET.get("chu_de", "")
        level = request.GET.get("trinh_do", "")
        length = request.GET.get("thoi_luong", "")
        if track in Track.values:
            courses = courses.filter(track=track)
        if level in CourseLevel.values:
            courses = courses.filter(level=level)
        if length in LENGTHS:
            _label, low, high = LENGTHS[length]
            courses = courses.filter(estimated_minutes__gte=low, estimated_minutes__lte=high)
        context.update(
            {
                "courses": Paginator(courses, 12).get_page(request.GET.get("trang")),
                "tracks": Track.choices,
                "levels": CourseLevel.choices,
                "lengths": [(key, value[0]) for key, value in LENGTHS.items()],
                "selected": {"track": track, "level": level, "length": length},
            }
        )
        return context


class CoursePage(Page):
    track = models.CharField(_("chủ đề"), max_length=20, choices=Track.choices)
    level = models.CharField(
        _("trình độ"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.BASIC
    )
    summary = models.TextField(_("tóm tắt"), max_length=600)
    outcomes = RichTextField(_("học xong bạn sẽ"), features=["ul", "ol", "bold", "italic"])
    audience = models.TextField(_("dành cho ai"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("thời lượng dự kiến (phút)"), default=30)
    awards_certificate = models.BooleanField(
        _("cấp giấy chứng nhận hoàn thành"),
        default=False,
        help_text=_("Học viên hoàn thành mọi hoạt động bắt buộc sẽ được cấp giấy chứng nhận."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("track"), FieldPanel("level"), FieldPanel("estimated_minutes")],
            heading=_("Phân loại"),
        ),
        FieldPanel("summary"),
        FieldPanel("outcomes"),
        FieldPanel("audience"),
        InlinePanel("competence_targets", label=_("Năng lực phát triển"), heading=_("Năng lực")),
        FieldPanel("awards_certificate"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    def lessons(self):
        return LessonPage.objects.live().descendant_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        from courses.extensions import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(kind="course", page=self, request=request))
        return context

    def modules(self):
        return ModulePage.objects.live().child_of(self).order_by("path")


class CourseCompetence(Orderable):
    page = ParentalKey(CoursePage, related_name="competence_targets", on_delete=models.CASCADE)
    competence = models.ForeignKey(
        "courses.Competence", verbose_name=_("năng lực"), on_delete=models.PROTECT
    )
    level = models.PositiveSmallIntegerField(_("đến bậc"), default=1)

    panels = [FieldPanel("competence"), FieldPanel("level")]

    class Meta(Orderable.Meta):
        verbose_name = _("năng lực của khóa học")
        verbose_name_plural = _("năng lực của khóa học")


class ModulePage(Page):
    summary = models.TextField(_("tóm tắt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("chương")
        verbose_name_plural = _("chương")

    @property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: send learners to its first lesson.
        from django.shortcuts import redirect

        first = LessonPage.objects.live().child_of(self).order_by("path").first()
        return redirect(first.url if first else self.get_parent().url)


class LessonPage(RoutablePageMixin, Page):
    minutes = models.PositiveIntegerField(_("thời lượng (phút)"), default=10)
    body = StreamField(LessonStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    @property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from courses.extensions import page_context
        from courses.selectors import lesson_navigation

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_navigation(lesson=self))
        context.update(page_context(kind="lesson", page=self, request=request))
        return context

    @path("kiem-tra/<str:block_id>/", name="quiz_submit")
    def quiz_submit(self, request, block_id):
        from courses.views import quiz_submit

        return quiz_submit(request, lesson=self, block_id=block_id)
