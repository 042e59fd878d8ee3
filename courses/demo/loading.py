"""Loading the demo courses: the catalogue and each course → module → lesson page found by
slug under its parent, brought up to date and published only when its content differs."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from cms.models import HomePage
from courses.demo.blocks import (
    ACTIVITY_SLOT,
    FRAMEWORK,
    _quiz,
    _text,
    block_id,
    lesson_extra_blocks,
)
from courses.demo.criteria import _criteria_course
from courses.demo.digital import _digital_course
from courses.demo_h5p import demo_h5p_blocks, retired_activities_delete, retired_activity_ids
from courses.models import (
    Competence,
    CourseCompetence,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)

CATALOGUE = {
    "slug": "khoa-hoc",
    "title": "Khóa học",
    "intro": (
        "Các khóa học ngắn, học trên điện thoại. Học xong, kết quả được ghi nhận làm minh chứng "
        "khi bạn tự đánh giá danh hiệu “Công dân học tập”."
    ),
}


def _prep(stream_block, raw: list[dict]) -> list[dict]:
    """Raw stream data in the exact JSON shape Wagtail stores, for comparing."""
    value = stream_block.get_prep_value(stream_block.to_python(raw))
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _lesson_body(
    lesson: dict, current: list[dict], competence_ids: dict, extra_blocks: dict, retired: set
) -> list[dict]:
    """The lesson's raw body: our blocks, with blocks we did not write (and any
    ``lesson_extra_blocks``) at the ACTIVITY_SLOT, or at the end without one. H5P blocks of
    ``retired`` activities (earlier demos') are dropped."""
    current = [
        block
        for block in current
        if not (
            block.get("type") == "h5p" and (block.get("value") or {}).get("activity") in retired
        )
    ]
    ours = []
    for index, item in enumerate(lesson["content"]):
        if item is ACTIVITY_SLOT:
            ours.append(ACTIVITY_SLOT)
        elif item[0] == "text":
            ours.append(_text(f"{lesson['key']}/text{index}", item[1]))
        else:
            ours.append(_quiz(f"{lesson['key']}/quiz", competence_ids=competence_ids, **item[1]))
    if ACTIVITY_SLOT not in ours:
        ours.append(ACTIVITY_SLOT)
    extra = lesson_extra_blocks(lesson["key"], extra_blocks)
    ours_ids = {block["id"] for block in ours if block is not ACTIVITY_SLOT}
    extra_by_id = {block["id"]: block for block in extra}
    # The slot keeps the editor's blocks and ours in the order the lesson has them now;
    # extra blocks not placed yet go last.
    slot = [
        extra_by_id.get(block.get("id"), block)
        for block in current
        if block.get("id") not in ours_ids
    ]
    placed = {block.get("id") for block in slot}
    slot += [block for block in extra if block["id"] not in placed]
    body = []
    for block in ours:
        body.extend(slot if block is ACTIVITY_SLOT else [block])
    return body


def _upsert(parent, model, *, slug: str, fields: dict, body=None, targets=None):
    """Create ``model`` under ``parent`` or bring it up to date; publish only on change.
    Returns (page, "created" | "updated" | "unchanged")."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None and parent.get_children().filter(slug=slug).exists():
        raise RuntimeError(f"A page with slug {slug!r} under {parent} is not a {model.__name__}.")
    status = "unchanged"
    if page is None:
        page = model(slug=slug, **fields)
        status = "created"
    else:
        for name, value in fields.items():
            if getattr(page, name) != value:
                setattr(page, name, value)
                status = "updated"
    if body is not None:
        stream_block = model.body.field.stream_block
        current = _prep(stream_block, list(page.body.raw_data)) if page.pk else []
        wanted = _prep(stream_block, body(current))
        if wanted != current:
            value = stream_block.to_python(wanted)
            stream_block.clean(value)  # fail loudly on content the admin form would reject
            page.body = value
            status = "updated" if page.pk else status
    if targets is not None:
        have = (
            [(t.competence_id, t.level) for t in page.competence_targets.all()] if page.pk else []
        )
        if have != targets:
            page.competence_targets = [
                CourseCompetence(competence_id=pk, level=level, sort_order=i)
                for i, (pk, level) in enumerate(targets)
            ]
            status = "updated" if page.pk else status
    if status == "created":
        parent.add_child(instance=page)
    if status != "unchanged" or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        status = "updated" if status == "unchanged" else status
    return page, status


def _competence_ids() -> dict[str, int]:
    return dict(
        Competence.objects.filter(domain__framework__code=FRAMEWORK).values_list("code", "pk")
    )


def _load_course(catalogue, course: dict, competence_ids: dict, counts: dict, extra) -> None:
    fields = {
        key: course[key]
        for key in ("title", "track", "level", "estimated_minutes", "summary", "outcomes")
    }
    fields["audience"] = course["audience"]
    targets = [(competence_ids[code], level) for code, level in course["competences"]]
    page, status = _upsert(
        catalogue, CoursePage, slug=course["slug"], fields=fields, targets=targets
    )
    counts[status] += 1
    for module in course["modules"]:
        module_page, status = _upsert(
            page,
            ModulePage,
            slug=module["slug"],
            fields={"title": module["title"], "summary": module["summary"]},
        )
        counts[status] += 1
        for lesson in module["lessons"]:
            _lesson, status = _upsert(
                module_page,
                LessonPage,
                slug=lesson["slug"],
                fields={"title": lesson["title"], "minutes": lesson["minutes"]},
                body=lambda current, lesson=lesson: _lesson_body(
                    lesson, current, competence_ids, *extra
                ),
            )
            counts[status] += 1


def demo_courses() -> list[dict]:
    """The demo courses as data (also used by tests)."""
    return [_criteria_course(), _digital_course()]


@transaction.atomic
def demo_load(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("Courses: no home page (run the cms demo first); skipped.")
        return
    competence_ids = _competence_ids()
    missing = {
        code
        for course in demo_courses()
        for code, _level in course["competences"]
        if code not in competence_ids
    }
    if missing:
        raise RuntimeError(f"Competences {sorted(missing)} of {FRAMEWORK} are not loaded.")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue, status = _upsert(
            home,
            CourseIndexPage,
            slug=CATALOGUE["slug"],
            fields={
                "title": CATALOGUE["title"],
                "intro": CATALOGUE["intro"],
                "show_in_menus": True,
            },
        )
        counts[status] += 1
    extra = (demo_h5p_blocks(stdout=stdout, block_id=block_id), retired_activity_ids())
    for course in demo_courses():
        _load_course(catalogue, course, competence_ids, counts, extra)
    retired_activities_delete()
    stdout.write(
        "Courses: {created} pages created, {updated} updated, {unchanged} unchanged.".format(
            **counts
        )
    )
