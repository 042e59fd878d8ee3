"""Where a learner left an activity (the H5P player's saved state), to resume it later.

Moved from courses (migration progress 0006 keeps the rows; the table is renamed)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityState(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="activity_states", on_delete=models.CASCADE
    )
    activity_iri = models.CharField(max_length=500)
    state = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trạng thái hoạt động")
        verbose_name_plural = _("trạng thái hoạt động")
        constraints = [
            models.UniqueConstraint(fields=["learner", "activity_iri"], name="state_unique")
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.activity_iri}"
