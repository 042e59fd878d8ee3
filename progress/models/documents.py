"""Documents of the xAPI document resources: activity state, activity profiles, agent profiles.

A document is opaque bytes with its content type. It is found by a ``lookup`` digest of every
part of its address (kind, activity, agent identifier, registration, document id) — one unique
index whatever the lengths of IRIs and ids — and listed through ``scope`` (the same address
without the document id). The ETag is the SHA-1 of the content (xAPI 1.0.3 §6.3).
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


def address_digest(*parts) -> str:
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class XapiDocument(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("trạng thái hoạt động")
        ACTIVITY_PROFILE = "activity_profile", _("hồ sơ hoạt động")
        AGENT_PROFILE = "agent_profile", _("hồ sơ người học")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    lookup = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=64, db_index=True)
    activity_iri = models.TextField(blank=True)
    agent_ifi = models.TextField(blank=True)
    agent = models.JSONField(null=True, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    document_id = models.TextField()
    content = models.BinaryField()
    content_type = models.CharField(max_length=255)
    etag = models.CharField(max_length=40)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tài liệu xAPI")
        verbose_name_plural = _("tài liệu xAPI")
        indexes = [models.Index(fields=["scope", "updated_at"], name="xapidoc_scope_updated")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.document_id}"

    @staticmethod
    def content_etag(content: bytes) -> str:
        return hashlib.sha1(content).hexdigest()  # noqa: S324 - the spec's ETag, not security
