"""H5P libraries (stored once per version), packages (one per distinct upload) and activities.

Files live in Django's default storage under ``storage_prefix``; the rows describe them. Intake
and storage rules are in ``courses.h5p`` — these models hold no business rules.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel


class H5PLibrary(models.Model):
    """One version (machineName + major.minor.patch) of an H5P library, shared by packages."""

    machine_name = models.CharField(_("tên định danh"), max_length=255)
    major = models.PositiveIntegerField(_("phiên bản chính"))
    minor = models.PositiveIntegerField(_("phiên bản phụ"))
    patch = models.PositiveIntegerField(_("bản vá"))
    title = models.CharField(_("tên thư viện"), max_length=255)
    runnable = models.BooleanField(_("chạy được như một bài"), default=False)
    preloaded_js = models.JSONField(_("tệp JavaScript nạp sẵn"), default=list, blank=True)
    preloaded_css = models.JSONField(_("tệp CSS nạp sẵn"), default=list, blank=True)
    library_json = models.JSONField(_("nội dung library.json"), default=dict)
    storage_prefix = models.CharField(_("thư mục lưu trữ"), max_length=500)
    created_at = models.DateTimeField(_("ngày thêm"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư viện H5P")
        verbose_name_plural = _("thư viện H5P")
        ordering = ["machine_name", "major", "minor", "patch"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major", "minor", "patch"],
                name="h5p_library_version_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.machine_name} {self.version}"

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


class H5PPackage(models.Model):
    """One uploaded .h5p, identified by its SHA-256: the same upload is the same package."""

    title = models.CharField(_("tên bài"), max_length=255)
    main_library = models.ForeignKey(
        H5PLibrary,
        verbose_name=_("thư viện chính"),
        related_name="main_for_packages",
        on_delete=models.PROTECT,
    )
    h5p_json = models.JSONField(_("nội dung h5p.json"))
    content_json = models.JSONField(_("nội dung content.json"))
    storage_prefix = models.CharField(_("thư mục lưu trữ"), max_length=500)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    file_count = models.PositiveIntegerField(_("số tệp"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        related_name="h5p_packages",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    libraries = models.ManyToManyField(
        H5PLibrary,
        verbose_name=_("thư viện cần nạp"),
        through="H5PPackageLibrary",
        related_name="packages",
    )

    class Meta:
        verbose_name = _("gói H5P")
        verbose_name_plural = _("gói H5P")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.main_library.machine_name}, {self.created_at:%d/%m/%Y})"

    def libraries_in_load_order(self):
        """The libraries the player must load, dependencies first."""
        return self.libraries.order_by("package_links__position")


class H5PPackageLibrary(models.Model):
    """A library a package needs, with its place in the load order (dependencies first)."""

    package = models.ForeignKey(H5PPackage, related_name="library_links", on_delete=models.CASCADE)
    library = models.ForeignKey(H5PLibrary, related_name="package_links", on_delete=models.PROTECT)
    position = models.PositiveIntegerField(_("thứ tự nạp"))

    class Meta:
        verbose_name = _("thư viện của gói H5P")
        verbose_name_plural = _("thư viện của gói H5P")
        ordering = ["package", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "library"], name="h5p_package_library_unique"
            ),
            models.UniqueConstraint(
                fields=["package", "position"], name="h5p_package_library_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package_id}: {self.position}. {self.library}"


class H5PActivity(ClusterableModel):
    """Hoạt động H5P: a reusable snippet that puts an uploaded package into lessons."""

    title = models.CharField(_("tên hoạt động"), max_length=255)
    package = models.ForeignKey(
        H5PPackage,
        verbose_name=_("gói H5P"),
        related_name="activities",
        on_delete=models.PROTECT,
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Học viên đạt khi điểm bằng hoặc cao hơn mức này (0–100%)."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    class Meta:
        verbose_name = _("hoạt động H5P")
        verbose_name_plural = _("hoạt động H5P")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="h5p_activity_pass_mark_percent"
            )
        ]

    def __str__(self) -> str:
        return self.title


class H5PActivityCompetence(models.Model):
    """A competence the activity develops, up to a level (completing it records evidence)."""

    activity = ParentalKey(H5PActivity, related_name="competence_targets", on_delete=models.CASCADE)
    competence = models.ForeignKey(
        "courses.Competence", verbose_name=_("năng lực"), on_delete=models.PROTECT
    )
    level = models.PositiveSmallIntegerField(
        _("đến bậc"), default=1, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )

    panels = [FieldPanel("competence"), FieldPanel("level")]

    class Meta:
        verbose_name = _("năng lực của hoạt động")
        verbose_name_plural = _("năng lực của hoạt động")
        constraints = [
            models.UniqueConstraint(fields=["activity", "competence"], name="h5p_competence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.activity} — {self.competence} ({self.level})"
