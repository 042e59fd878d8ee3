"""Admin forms: images cannot be uploaded without a description (their alt text)."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AltTextImageForm(BaseImageForm):
    """Base of Wagtail's image forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the description is
    required, and explained. Wagtail uses it as the image's alt text wherever the editor does
    not write a more specific one. With several files uploaded at once, Wagtail keeps each file
    aside until its description is filled in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Mô tả ảnh (văn bản thay thế)")
            description.help_text = _(
                "Bắt buộc. Tả ngắn gọn ảnh có gì, cho người dùng trình đọc màn hình và khi ảnh "
                "không tải được. Ví dụ: “Cán bộ Hội Khuyến học hướng dẫn bà con dùng điện thoại"
                " tại nhà văn hóa ấp”."
            )
