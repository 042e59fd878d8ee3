"""Template tags of the outreach site: sharing card, main menu, responsive pictures."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from cms.selectors import home_page_for_site, menu_pages

register = template.Library()

SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# Rendition sets: (filter specs, sizes). Phones first: 360 CSS px, then 2× and 3× screens.
PICTURES = {
    "hero": ("fill-{360x203,720x405,1080x608}", "(min-width: 46rem) 44rem, 100vw"),
    "card": ("fill-{360x203,720x405}", "(min-width: 68rem) 21rem, (min-width: 40rem) 45vw, 100vw"),
    "figure": ("width-{360,720,1080}", "(min-width: 46rem) 44rem, 100vw"),
    "thumb": ("fill-{120x90,240x180}", "7.5rem"),
}
FORMATS = "format-{avif,webp,jpeg}"


@register.simple_tag
def responsive_picture(image, *, alt="", kind="figure", eager=False, css_class=""):
    """A <picture> with AVIF, WebP and JPEG sources at three widths. Crops (“fill”) follow the
    image's focal point. Below the fold (``eager`` false) it loads lazily."""
    if not image:
        return ""
    sizes_spec, sizes = PICTURES[kind]
    specs = [Filter(spec=spec) for spec in Filter.expand_spec([FORMATS, sizes_spec])]
    renditions = get_renditions_or_not_found(image, specs)
    attrs = {"sizes": sizes, "alt": alt, "decoding": "async"}
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    if css_class:
        attrs["class"] = css_class
    return Picture(renditions, attrs).__html__()


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def _card_for_page(page, request) -> dict:
    specific = page.specific if hasattr(page, "specific") else page
    if hasattr(specific, "share_title"):
        title, description = specific.share_title(), specific.share_description()
        image, alt = specific.share_image()
    else:  # pages of other apps (courses): their own summary or intro
        title = specific.seo_title or specific.title
        description = (
            specific.search_description
            or getattr(specific, "summary", "")
            or getattr(specific, "intro", "")
        )
        image, alt = None, ""
    url = specific.get_url(request) or "/"
    card = {
        "title": title,
        "description": str(description),
        "url": _absolute(request, url),
        "type": "website",
        "image": image,
        "image_alt": alt,
    }
    if specific.__class__.__name__ == "ArticlePage":
        card["type"] = "article"
        card["published"] = specific.first_published_at
        card["modified"] = specific.last_published_at
        card["section"] = specific.category.name if specific.category_id else ""
        card["tags"] = [tag.name for tag in specific.tags.all()]
    return card


@register.inclusion_tag("components/share_meta.html", takes_context=True)
def share_meta(context):
    """Open Graph and Twitter card for the page being rendered (Zalo and Facebook read Open
    Graph). Wagtail pages give their own title, summary and hero image; other views and pages
    without an image fall back to the site name and the home page's image."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    if page is not None and hasattr(page, "get_url"):
        card = _card_for_page(page, request)
    else:
        card = {
            "title": str(context.get("title") or settings.PROGRAMME_NAME),
            "description": "",
            "url": _absolute(request, request.path if request is not None else "/"),
            "type": "website",
            "image": None,
            "image_alt": "",
        }
    if not card["description"]:
        card["description"] = _(
            "Học tập suốt đời cùng cộng đồng: khóa học, tự đánh giá và công nhận danh hiệu "
            "“Công dân học tập”."
        )
    if card["image"] is None:
        home = home_page_for_site(request)
        if home is not None and home.hero_image_id:
            card["image"], card["image_alt"] = home.hero_image, home.hero_alt_text
    image = card.pop("image")
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        card.update(
            image_url=_absolute(request, rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_type="image/jpeg",
        )
    card["site_name"] = str(settings.PROGRAMME_NAME)
    return {"card": card}


@register.inclusion_tag("components/main_menu_items.html", takes_context=True)
def main_menu_items(context):
    request = context.get("request")
    current_path = getattr(context.get("page"), "path", None) or ""
    items = [
        (page, bool(current_path) and current_path.startswith(page.path))
        for page in menu_pages(request=request)
    ]
    return {"items": items, "request": request}
