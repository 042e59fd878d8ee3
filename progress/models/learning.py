"""Enrolments, attempts and activity results: the learner's progress, updated per statement."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    class Source(models.TextChoices):
        SELF = "self", _("Tự tham gia")
        COHORT = "cohort", _("Theo lớp học")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("học viên"),
        related_name="enrolments",
        on_delete=models.CASCADE,
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("khóa học"),
        related_name="enrolments",
        on_delete=models.CASCADE,
    )
    source = models.CharField(
        _("hình thức"), max_length=10, choices=Source.choices, default=Source.SELF
    )
    enrolled_at = models.DateTimeField(_("tham gia lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu học lúc"), null=True, blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    required_count = models.PositiveIntegerField(_("số hoạt động bắt buộc"), default=0)
    passed_count = models.PositiveIntegerField(_("số hoạt động đã đạt"), default=0)

    class Meta:
        verbose_name = _("đăng ký khóa học")
        verbose_name_plural = _("đăng ký khóa học")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="enrolment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.course}"

    @property
    def percent(self) -> int:
        if self.completed_at:
            return 100
        if not self.required_count:
            return 0
        return min(99, round(100 * self.passed_count / self.required_count))


class Attempt(models.Model):
    """One graded try at an activity (never overwritten): the history behind the result."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="attempts", on_delete=models.CASCADE
    )
    activity_iri = models.CharField(max_length=500)
    course = models.ForeignKey(
        "courses.CoursePage", null=True, related_name="+", on_delete=models.SET_NULL
    )
    lesson_id = models.BigIntegerField(null=True)
    statement = models.OneToOneField(
        "progress.Statement", related_name="attempt", on_delete=models.CASCADE
    )
    scaled = models.FloatField(_("điểm (0–1)"))
    passed = models.BooleanField(_("đạt"))
    verified = models.BooleanField(_("máy chủ đã kiểm tra"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lượt làm bài")
        verbose_name_plural = _("lượt làm bài")
        indexes = [models.Index(fields=["learner", "activity_iri", "created_at"])]

    def __str__(self) -> str:
        return f"{self.learner} — {self.activity_iri} ({self.scaled:.0%})"


class ActivityResult(models.Model):
    """The result that counts for an activity, by the activity's grading method."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="activity_results", on_delete=models.CASCADE
    )
    activity_iri = models.CharField(max_length=500)
    course = models.ForeignKey(
        "courses.CoursePage", null=True, related_name="+", on_delete=models.SET_NULL
    )
    lesson_id = models.BigIntegerField(null=True)
    title = models.CharField(max_length=255, blank=True)
    scaled = models.FloatField(_("điểm (0–1)"), null=True)
    passed = models.BooleanField(_("đạt"), default=False)
    attempts = models.PositiveIntegerField(_("số lần làm"), default=0)
    first_try_passed = models.BooleanField(_("đạt ngay lần đầu"), null=True)
    first_passed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả hoạt động")
        verbose_name_plural = _("kết quả hoạt động")
        constraints = [
            models.UniqueConstraint(fields=["learner", "activity_iri"], name="result_unique")
        ]
        indexes = [models.Index(fields=["learner", "course", "passed"])]

    def __str__(self) -> str:
        return f"{self.learner} — {self.title or self.activity_iri}"


class LessonCompletion(models.Model):
    """A lesson whose required activities the learner has all passed: written once, the first
    time they are (later results never take it back, like a course's completion)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="lesson_completions", on_delete=models.CASCADE
    )
    lesson_id = models.BigIntegerField(_("bài học"))
    course = models.ForeignKey(
        "courses.CoursePage", null=True, related_name="+", on_delete=models.SET_NULL
    )
    completed_at = models.DateTimeField(_("hoàn thành lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("hoàn thành bài học")
        verbose_name_plural = _("hoàn thành bài học")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_id"], name="lesson_completion_unique"
            )
        ]
        indexes = [models.Index(fields=["course", "learner"])]

    def __str__(self) -> str:
        return f"{self.learner} — bài {self.lesson_id}"
