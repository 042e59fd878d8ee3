"""Attachment content received with statements (xAPI 1.0.3 Part Two §2.4.11, Part Three §1.5.2).

Content is kept once per SHA-2 (lower-case hex; SHA-224/256/384/512 have different lengths, so
one column holds them all): statements name their attachments by ``sha2``, and the same file sent
with many statements is one row. Sizes are bounded when received (``progress.lrs.multipart``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class XapiAttachment(models.Model):
    sha2 = models.CharField(max_length=128, unique=True)
    content_type = models.CharField(max_length=255)
    length = models.PositiveBigIntegerField()
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm xAPI")
        verbose_name_plural = _("tệp đính kèm xAPI")

    def __str__(self) -> str:
        return f"{self.sha2[:16]}… ({self.length} B)"
