"""Classes (lớp học): a unit, courses, trainers, members, in-person sessions and attendance,
and the server-side previews of spreadsheet imports (nothing is enrolled before confirmation).

progress never knows about classes: an enrolment made through a class carries the generic
source "cohort" (progress.Enrolment.Source.COHORT) and ``CohortEnrolment`` says which class.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import UnitLevel


class Cohort(models.Model):
    name = models.CharField(_("tên lớp"), max_length=200)
    unit = models.ForeignKey(
        "people.AdministrativeUnit",
        verbose_name=_("địa bàn (ấp, khu phố hoặc xã)"),
        related_name="cohorts",
        on_delete=models.PROTECT,
        limit_choices_to={"level__in": [UnitLevel.COMMUNE, UnitLevel.HAMLET]},
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", verbose_name=_("khóa học"), related_name="cohorts"
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giảng viên, báo cáo viên"),
        related_name="cohorts_taught",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("học viên"),
        through="CohortMember",
        through_fields=("cohort", "learner"),
        related_name="cohorts",
    )
    start_date = models.DateField(_("ngày khai giảng"), null=True, blank=True)
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lớp học")
        verbose_name_plural = _("lớp học")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_unit(self):
        return self.unit

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Ngày kết thúc phải sau hoặc trùng ngày khai giảng.")}
            )
        if self.unit_id and self.unit.level not in (UnitLevel.COMMUNE, UnitLevel.HAMLET):
            raise ValidationError({"unit": _("Lớp học chỉ mở theo ấp, khu phố hoặc theo xã.")})


class CohortMember(models.Model):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("lớp học"), related_name="memberships", on_delete=models.CASCADE
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("học viên"),
        related_name="cohort_memberships",
        on_delete=models.CASCADE,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    added_at = models.DateTimeField(_("vào lớp lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="cohort_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.cohort}"


class CohortEnrolment(models.Model):
    """The enrolments a class follows: its members' enrolments in its courses. Those the class
    made say "cohort" as their source; an earlier self-enrolment keeps its own."""

    cohort = models.ForeignKey(Cohort, related_name="enrolments", on_delete=models.CASCADE)
    enrolment = models.ForeignKey("progress.Enrolment", related_name="+", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "enrolment"], name="cohort_enrolment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.enrolment}"


class Session(models.Model):
    """An in-person session (buổi học) of a class."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("lớp học"), related_name="sessions", on_delete=models.CASCADE
    )
    title = models.CharField(_("nội dung buổi học"), max_length=200)
    starts_at = models.DateTimeField(_("bắt đầu lúc"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    on_criteria = models.BooleanField(
        _("học về bộ tiêu chí"),
        default=False,
        help_text=_("Đánh dấu nếu buổi học phổ biến bộ tiêu chí Công dân học tập."),
    )

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("buổi học"), related_name="attendances", on_delete=models.CASCADE
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("học viên"),
        related_name="attendances",
        on_delete=models.CASCADE,
    )
    present = models.BooleanField(_("có mặt"), default=True)
    excused = models.BooleanField(_("vắng có phép"), default=False)
    # The marking device's order of taps (milliseconds, strictly increasing per page): a retried
    # older request never overwrites a newer tap (cohorts.attendance.attendance_mark).
    client_seq = models.PositiveBigIntegerField(default=0)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    marked_at = models.DateTimeField(_("điểm danh lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.session}"

    @property
    def status(self) -> str:
        """ "present", "absent" or "excused" (an absence with leave)."""
        if self.present:
            return "present"
        return "excused" if self.excused else "absent"


class CohortMessage(models.Model):
    """A message a trainer sent to a class (every member, or those chosen). Each recipient gets
    it in their inbox (people.Notification: read state, email, SMS); ``key`` makes a resubmitted
    form send nothing twice."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("lớp học"), related_name="messages", on_delete=models.CASCADE
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    key = models.CharField(max_length=64, unique=True)
    body = models.TextField(_("nội dung"))
    to_all = models.BooleanField(_("gửi cả lớp"), default=True)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("tin nhắn cho lớp")
        verbose_name_plural = _("tin nhắn cho lớp")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sender", "created_at"], name="cohort_message_sender")]

    def __str__(self) -> str:
        return self.body[:60]


class CohortMessageRecipient(models.Model):
    message = models.ForeignKey(CohortMessage, related_name="recipients", on_delete=models.CASCADE)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE
    )
    notification = models.ForeignKey(
        "people.Notification", null=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "learner"], name="cohort_message_recipient_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.message} → {self.learner}"


class ImportPreview(models.Model):
    """A parsed spreadsheet waiting for confirmation: the rows as read (never the verdicts,
    which the confirmation computes again), tied to the user who uploaded it."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    cohort = models.ForeignKey(Cohort, related_name="+", on_delete=models.CASCADE)
    filename = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.filename} — {self.cohort}"
