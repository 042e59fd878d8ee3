"""Demo content for the outreach site: the home page as the site root, the article list with
seven articles in five categories, the programme pages, illustrations and a document.

Idempotent: pages are found by slug under their parent and get a new revision only when their
content differs from what is written here; every StreamField block has a stable id. Runs before
the courses demo (INSTALLED_APPS order), so blocks that point at courses (calls to action, the
home page's chosen courses and "Bắt đầu học" button) are left out until the courses exist; the
next run adds them, then nothing changes any more. Meanwhile the home page's featured-courses
block fills itself with the newest courses at render time.
"""

import json
import uuid

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.demo_content import CATEGORIES, PROGRAMME_ARTICLES
from cms.demo_content_community import COMMUNITY_ARTICLES
from cms.demo_images import demo_images_ensure
from cms.demo_pages import HOME, INDEX, PAGES
from cms.models import ArticleCategory, ArticleIndexPage, ArticlePage, HomePage, StandardPage
from cms.services import editorial_setup

BLOCK_NAMESPACE = uuid.UUID("0c5d8a4e-6a1f-4f43-9a7e-3d1f2b6c9e21")
# Which demo course a "course:<key>" target means (slugs from courses.demo).
COURSE_KEYS = {"first": "tim-hieu-bo-tieu-chi", "digital": "ky-nang-so-co-ban"}


def block_id(key: str) -> str:
    return str(uuid.uuid5(BLOCK_NAMESPACE, key))


def cycle_year(today=None) -> int:
    """The registration cycle the demo talks about: this year from May, else last year."""
    today = today or timezone.localdate()
    return today.year if today.month >= 5 else today.year - 1


class Targets:
    """Resolves the demo's references: images, documents, pages and courses by key."""

    def __init__(self, *, year: int, images: dict, documents: dict):
        self.year, self.images, self.documents = year, images, documents
        self.pages: dict[str, Page] = {}

    def text(self, value: str) -> str:
        return value.replace("{year}", str(self.year))

    def page(self, ref: str) -> Page | None:
        kind, key = ref.split(":", 1)
        key = self.text(key)
        if kind == "course":
            from courses.models import CoursePage

            wanted = COURSE_KEYS.get(key, key)
            return CoursePage.objects.live().filter(slug=wanted).first() or (
                CoursePage.objects.live().order_by("path").first() if key == "first" else None
            )
        if kind == "catalogue":
            from courses.models import CourseIndexPage

            return CourseIndexPage.objects.live().first()
        return self.pages.get(f"{kind}:{key}")


def _item(key: str, value) -> dict:
    return {"type": "item", "value": value, "id": block_id(key)}


def _raw_block(key: str, item: tuple, targets: Targets) -> dict | None:
    kind, *args = item
    text = targets.text
    if kind == "p":
        return {"type": "paragraph", "value": text(args[0])}
    if kind in ("h2", "h3"):
        return {"type": "heading", "value": {"text": text(args[0]), "level": kind}}
    if kind == "image":
        image = targets.images[args[0]]
        value = {"image": image.pk, "decorative": False, "alt_text": image.description}
        return {"type": "image", "value": {"image": value, "caption": text(args[1])}}
    if kind == "quote":
        return {"type": "quote", "value": {"text": text(args[0]), "attribution": args[1]}}
    if kind == "faq":
        items = [
            _item(f"{key}/{index}", {"question": question, "answer": answer})
            for index, (question, answer) in enumerate(args[1])
        ]
        return {"type": "faq", "value": {"heading": args[0], "items": items}}
    if kind == "cta":
        heading, body, ref, button = args
        page = targets.page(ref)
        if page is None:
            return None  # the course is not there yet (next run)
        value = {"heading": heading, "text": text(body), "page": page.pk, "button_label": button}
        return {"type": "call_to_action", "value": value}
    if kind == "document":
        document = targets.documents[args[0]]
        value = {"document": document.pk, "label": text(args[1]), "description": ""}
        return {"type": "document", "value": value}
    raise ValueError(f"Unknown demo block {kind!r}")


def raw_body(key: str, items: list, targets: Targets) -> list[dict]:
    blocks = []
    for index, item in enumerate(items):
        block = _raw_block(f"{key}/{index}", item, targets)
        if block is not None:
            blocks.append({**block, "id": block_id(f"{key}/{index}")})
    return blocks


def _prep(stream_block, raw: list[dict]) -> list[dict]:
    value = stream_block.get_prep_value(stream_block.to_python(raw))
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _comparable(value):
    """Model instances compare by primary key (a Page is not equal to its specific page)."""
    return ("pk", value.pk) if isinstance(value, models.Model) else value


def upsert(parent, model, *, slug, fields, streams=None, tags=None):
    """Create ``model`` under ``parent`` or bring it up to date; publish only on change.
    Returns (page, "created" | "updated" | "unchanged")."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None and parent.get_children().filter(slug=slug).exists():
        raise RuntimeError(f"A page with slug {slug!r} under {parent} is not a {model.__name__}.")
    status = "unchanged"
    if page is None:
        page, status = model(slug=slug, **fields), "created"
    else:
        for name, value in fields.items():
            if _comparable(getattr(page, name)) != _comparable(value):
                setattr(page, name, value)
                status = "updated"
    for name, raw in (streams or {}).items():
        stream_block = model._meta.get_field(name).stream_block
        current = _prep(stream_block, list(getattr(page, name).raw_data)) if page.pk else []
        wanted = _prep(stream_block, raw)
        if wanted != current:
            value = stream_block.to_python(wanted)
            stream_block.clean(value)  # fail loudly on content the admin would refuse
            setattr(page, name, value)
            status = "updated" if page.pk else status
    if tags is not None and sorted(t.name for t in page.tags.all()) != sorted(tags):
        page.tags.set(tags)
        status = "updated" if page.pk else status
    if status == "created":
        parent.add_child(instance=page)
    if status != "unchanged" or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        status = "updated" if status == "unchanged" else status
    return page, status


def home_ensure() -> HomePage:
    """The home page as the default site's root (replacing Wagtail's "Welcome" page)."""
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Trang chủ", slug="trang-chu", intro=HOME["intro"])
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name="Công dân học tập",
        )  # fmt: skip
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Công dân học tập"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def _documents(year: int) -> dict:
    Document = get_document_model()
    title = f"Lịch đợt đánh giá Công dân học tập năm {year}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        lines = [
            title.upper(), "",
            "Tháng 6 – 7: tập huấn bộ tiêu chí và cách dùng phần mềm.",
            "Tháng 8 – 9: người dân đăng ký, tự đánh giá, nộp minh chứng.",
            "Tháng 10: chi hội kiểm tra; Hội Khuyến học xã đánh giá, lập danh sách đề nghị.",
            "Tháng 11 – 12: UBND xã thẩm định, công nhận, cấp giấy chứng nhận.",
            "Trước 15/12: Hội Khuyến học tổng kết, báo cáo.", "",
            "(Tài liệu mẫu của bản chạy thử.)",
        ]  # fmt: skip
        document = Document(title=title)
        content = ContentFile("\n".join(lines).encode("utf-8"), name=f"lich-danh-gia-{year}.txt")
        document.file.save(content.name, content, save=False)
        document.save()
    return {"calendar": document}


def _categories() -> dict[str, ArticleCategory]:
    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES):
        category, _created = ArticleCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        categories[slug] = category
    return categories


def _home_sections(targets: Targets) -> list[dict]:
    from courses.models import CoursePage

    courses = CoursePage.objects.live().order_by("path")
    chosen = [_item(f"home/featured/{c.slug}", c.pk) for c in courses[:3]]
    sections = [
        ("featured", "featured_courses", {
            "heading": HOME["featured_heading"], "intro": HOME["featured_intro"],
            "courses": chosen, "fill_automatically": True}),
        ("latest", "latest_articles", {"heading": HOME["latest_heading"], "count": 4}),
        ("facts", "facts", {
            "heading": HOME["facts_heading"],
            "facts": [_item(f"home/fact/{i}", {"value": value, "label": label})
                      for i, (value, label) in enumerate(HOME["facts"])]}),
    ]  # fmt: skip
    blocks = [{"type": kind, "value": value, "id": block_id(f"home/{key}")}
              for key, kind, value in sections]  # fmt: skip
    cta = targets.page(HOME["cta_target"])
    if cta is not None:
        value = {"heading": HOME["cta_heading"], "text": targets.text(HOME["cta_text"]),
                 "page": cta.pk, "button_label": HOME["cta_button"]}  # fmt: skip
        blocks.append({"type": "registration_call", "value": value, "id": block_id("home/cta")})
    return blocks


@transaction.atomic
def demo_load(*, stdout) -> None:
    home = home_ensure()
    editorial_setup()
    year = cycle_year()
    targets = Targets(year=year, images=demo_images_ensure(), documents=_documents(year))
    categories = _categories()
    counts = {"created": 0, "updated": 0, "unchanged": 0}

    for spec in PAGES:
        image = targets.images.get(spec["image"]) if spec["image"] else None
        fields = {"title": spec["title"], "intro": spec["intro"], "show_in_menus": True,
                  "hero_image": image, "hero_alt": ""}  # fmt: skip
        targets.pages[f"page:{spec['slug']}"], status = upsert(
            home, StandardPage, slug=spec["slug"], fields=fields
        )
        counts[status] += 1
    index, status = upsert(
        home, ArticleIndexPage, slug=INDEX["slug"],
        fields={"title": INDEX["title"], "intro": INDEX["intro"], "show_in_menus": True},
    )  # fmt: skip
    counts[status] += 1
    today = timezone.localdate()
    for spec in [*PROGRAMME_ARTICLES, *COMMUNITY_ARTICLES]:
        slug = targets.text(spec["slug"])
        month, day = spec["date"]
        fields = {
            "title": targets.text(spec["title"]),
            "summary": targets.text(spec["summary"]),
            "category": categories[spec["category"]],
            "author": spec["author"],
            "unit": spec["unit"],
            "publication_date": min(today, today.replace(year=year, month=month, day=day)),
            "hero_image": targets.images[spec["image"]],
            "hero_caption": spec["caption"],
        }
        raw = raw_body(f"article/{spec['slug']}", spec["body"], targets)
        article, status = upsert(
            index, ArticlePage, slug=slug, fields=fields, streams={"body": raw}, tags=spec["tags"]
        )
        targets.pages[f"article:{slug}"] = article
        counts[status] += 1
    # Programme pages point at each other: their bodies are written once all of them exist.
    for spec in PAGES:
        raw = raw_body(f"page/{spec['slug']}", spec["body"], targets)
        _page, status = upsert(
            home, StandardPage, slug=spec["slug"], fields={}, streams={"body": raw}
        )
        counts[status] += 1 if status != "unchanged" else 0
    counts[_home_update(home, targets)] += 1
    stdout.write(
        "CMS: home page ready; pages {created} created, {updated} updated, "
        "{unchanged} unchanged.".format(**counts)
    )


def _home_update(home: HomePage, targets: Targets) -> str:
    fields = {
        "hero_title": HOME["hero_title"],
        "intro": HOME["intro"],
        "hero_image": targets.images[HOME["image"]],
        "hero_caption": HOME["hero_caption"],
        "cta_label": HOME["cta_label"],
        "cta_page": targets.page("catalogue:all"),
        "secondary_label": HOME["secondary_label"],
        "secondary_page": targets.pages.get(f"page:{HOME['secondary_page']}"),
    }
    return upsert(
        Page.get_first_root_node(), HomePage, slug=home.slug, fields=fields,
        streams={"sections": _home_sections(targets)},
    )[1]  # fmt: skip
