"""Demo courses: the catalogue "Khóa học" under the home page and two short courses.

Idempotent: pages are found by slug under their parent and only get a new revision when their
content differs from what is written here, so running the loader twice changes nothing. Every
StreamField block (and every list item inside a quiz) has a stable id derived from a fixed key,
so activity ids — and the xAPI activity IRIs made from them — survive re-runs.

Blocks in a lesson that this loader did not write (an H5P activity attached later by another
loader or by an editor) are kept, in the lesson's ``ACTIVITY_SLOT``. To add such a block from
code, return it from ``lesson_extra_blocks`` (raw form, with a stable id from ``block_id``):
that is how the demo's H5P activities (``courses.demo_h5p``) get into their lessons.

The package, by topic: ``blocks`` (stable ids and raw StreamField values), ``criteria`` (course
1, the title and its criteria), ``digital`` and ``digital_scams`` (course 2, digital skills),
``loading`` (pages found or created and published: ``demo_load``).
"""

from courses.demo.blocks import (
    ACTIVITY_SLOT,
    BLOCK_NAMESPACE,
    FRAMEWORK,
    SCAM_LESSON,
    block_id,
    lesson_extra_blocks,
    multiple,
    single,
    true_false,
)
from courses.demo.criteria import _criteria_course
from courses.demo.digital import _digital_course
from courses.demo.loading import CATALOGUE, demo_courses, demo_load

__all__ = [
    "ACTIVITY_SLOT",
    "BLOCK_NAMESPACE",
    "CATALOGUE",
    "FRAMEWORK",
    "SCAM_LESSON",
    "_criteria_course",
    "_digital_course",
    "block_id",
    "demo_courses",
    "demo_load",
    "lesson_extra_blocks",
    "multiple",
    "single",
    "true_false",
]
