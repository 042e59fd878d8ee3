"""Alt text is enforced: at upload (the image's description), when choosing a hero image, and
for images in a body (Wagtail's ImageBlock)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from cms.blocks import FigureBlock

pytestmark = pytest.mark.django_db


def _png(name="anh.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (179, 38, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_upload_form_requires_a_description(media_root, superuser):
    ImageForm = get_image_form(get_image_model())
    form = ImageForm({"title": "Ảnh lớp học", "collection": 1}, {"file": _png()}, user=superuser)
    assert not form.is_valid()
    assert "description" in form.errors
    assert form.fields["description"].label == "Mô tả ảnh (văn bản thay thế)"


def test_upload_in_the_admin_without_description_is_refused(client, media_root, superuser):
    from wagtail.models import Collection

    client.force_login(superuser)
    data = {"title": "Ảnh lớp học", "collection": Collection.get_first_root_node().pk}
    response = client.post(reverse("wagtailimages:add"), {**data, "file": _png()})
    assert response.status_code == 200  # the form again, with the error
    assert not get_image_model().objects.filter(title="Ảnh lớp học").exists()
    response = client.post(
        reverse("wagtailimages:add"),
        {**data, "file": _png(), "description": "Bà con học dùng điện thoại ở nhà văn hóa"},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get(title="Ảnh lớp học").description


def test_hero_image_needs_alt_text(article):
    image = article.hero_image
    image.description = ""
    image.save()
    article.hero_alt = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_alt" in error.value.message_dict
    article.hero_alt = "Nhà văn hóa ấp, bà con đứng trước cửa"
    article.full_clean()
    assert article.hero_alt_text == "Nhà văn hóa ấp, bà con đứng trước cửa"


def test_body_image_needs_alt_text_or_decorative(article):
    from wagtail.blocks import StructBlockValidationError

    block = FigureBlock()
    image_id = article.hero_image_id
    missing = block.to_python({"image": {"image": image_id, "alt_text": "", "decorative": False}})
    with pytest.raises(StructBlockValidationError):
        block.clean(missing)
    decorative = block.to_python({"image": {"image": image_id, "alt_text": "", "decorative": True}})
    block.clean(decorative)
    html = block.render(decorative)
    assert 'alt=""' in html
