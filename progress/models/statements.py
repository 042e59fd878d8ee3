"""Learner records: xAPI statements as received and checked."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verification(models.TextChoices):
    CHECKED = "checked", _("Đã kiểm tra trên máy chủ")
    UNVERIFIED = "unverified", _("Chưa kiểm tra được")
    REJECTED = "rejected", _("Kết quả không khớp với câu trả lời")


class Statement(models.Model):
    """One xAPI statement, stored once per statement id (idempotent)."""

    statement_id = models.UUIDField(_("mã bản ghi"), unique=True, default=uuid.uuid4)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("học viên"),
        related_name="statements",
        on_delete=models.CASCADE,
    )
    verb = models.CharField(_("hành động"), max_length=255, db_index=True)
    activity_iri = models.CharField(_("hoạt động"), max_length=500, db_index=True)
    lesson_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    block_id = models.CharField(max_length=64, blank=True)
    parent_iri = models.CharField(max_length=500, blank=True)
    payload = models.JSONField(_("nội dung"))
    reported_scaled = models.FloatField(_("điểm người chơi báo"), null=True, blank=True)
    checked_scaled = models.FloatField(_("điểm máy chủ tính"), null=True, blank=True)
    checked_raw = models.FloatField(null=True, blank=True)
    checked_max = models.FloatField(null=True, blank=True)
    success = models.BooleanField(_("đạt"), null=True, blank=True)
    completion = models.BooleanField(_("hoàn thành"), null=True, blank=True)
    verification = models.CharField(
        _("kiểm tra"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    timestamp = models.DateTimeField(_("thời điểm"), default=timezone.now)
    stored_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)
    # Set when a later statement voids this one (verb …/voided, object a StatementRef to it).
    voided = models.BooleanField(_("đã huỷ"), default=False)

    class Meta:
        verbose_name = _("bản ghi học tập (xAPI)")
        verbose_name_plural = _("bản ghi học tập (xAPI)")
        indexes = [
            models.Index(fields=["learner", "activity_iri", "stored_at"]),
            # GET /xapi/statements pages by (stored_at, id) for one learner: keyset, no OFFSET
            models.Index(fields=["learner", "stored_at", "id"], name="statement_learner_page"),
            # ... and every learner's, for a client granted statements/read (and the 1M bench)
            models.Index(fields=["stored_at", "id"], name="statement_page"),
        ]
        # PostgreSQL also indexes the actor's account name and mbox and the context's
        # registration (expressions, migration 0012) for the agent and registration filters.

    def __str__(self) -> str:
        return f"{self.learner} {self.verb.rsplit('/', 1)[-1]} {self.activity_iri}"
