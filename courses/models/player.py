"""What the sandboxed H5P player frame may load from other hosts: videos by URL.

An administrator edits it in the Wagtail admin (*Cài đặt* → *Trình phát H5P*). The frame's
content security policy (``courses.player.frame_csp``) allows exactly what is chosen here;
everything else stays blocked.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def video_file_origins(text: str) -> list[str]:
    """The origins in ``text`` (one a line), as ``https://host[:port]``; raises ValidationError
    naming the first line that is not one."""
    origins = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip().rstrip("/")
        if not line:
            continue
        try:
            parts = urlsplit(line)
            port = parts.port
        except ValueError:
            parts, port = None, None
        host = parts.hostname if parts else None
        if (
            parts is None
            or parts.scheme != "https"
            or not host
            or parts.path
            or parts.query
            or parts.fragment
            or parts.username
            or parts.password
            or "*" in line
            or any(c in line for c in " ;,'\"")
        ):
            raise ValidationError(
                _(
                    "Dòng %(number)s không phải địa chỉ máy chủ hợp lệ. Hãy ghi mỗi dòng một "
                    "địa chỉ dạng https://ten-may-chu.vn (không kèm đường dẫn)."
                ),
                params={"number": number},
            )
        origin = f"https://{host}" + (f":{port}" if port else "")
        if origin not in origins:
            origins.append(origin)
    return origins


@register_setting(icon="media")
class PlayerSettings(BaseSiteSetting):
    allow_youtube = models.BooleanField(
        _("cho phép video YouTube"),
        default=True,
        help_text=_(
            "Video YouTube phát qua trình phát nhúng của YouTube (youtube.com, "
            "youtube-nocookie.com), như H5P vẫn làm."
        ),
    )
    allow_vimeo = models.BooleanField(
        _("cho phép video Vimeo"),
        default=True,
        help_text=_("Video Vimeo phát qua trình phát nhúng player.vimeo.com."),
    )
    video_file_hosts = models.TextField(
        _("máy chủ tệp video khác"),
        blank=True,
        help_text=_(
            "Mỗi dòng một địa chỉ, ví dụ https://video.tinhthanh.gov.vn. Hoạt động H5P chỉ phát "
            "được tệp video, âm thanh đặt trên các máy chủ này (ngoài YouTube, Vimeo nếu cho "
            "phép); mọi máy chủ khác vẫn bị chặn."
        ),
    )

    class Meta:
        verbose_name = _("trình phát H5P")
        verbose_name_plural = _("trình phát H5P")

    def clean(self):
        super().clean()
        try:
            video_file_origins(self.video_file_hosts)
        except ValidationError as error:
            raise ValidationError({"video_file_hosts": error}) from error
