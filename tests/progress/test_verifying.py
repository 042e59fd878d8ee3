"""A container's own result recorded through the statements service: a Single Choice Set's
"completed" and a Summary's own "answered" are graded from the learner's checked answers to their
questions. The packages are built here, small (grading reads the main library's machine name and
content.json only)."""

import json

import pytest

from courses.selectors import activity_iri
from progress.models import ActivityResult
from progress.services import statement_record
from tests.courses.builders import course_build, h5p_block
from tests.courses.h5p_helpers import library_entries, make_zip
from tests.factories import UserFactory

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
CONTENT = {
    "choices": [
        {
            "subContentId": "q1",
            "question": "Ai cấp giấy chứng nhận?",
            "answers": ["UBND xã", "Chi hội"],
        },
        {"subContentId": "q2", "question": "Học tập suốt đời là gì?", "answers": ["Đúng", "Sai"]},
    ],
    "behaviour": {"passPercentage": 100},
}


def container_lesson(library: str, version: tuple[int, int], content: dict) -> str:
    """The IRI of an activity whose package's main library is ``library`` with ``content``."""
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    h5p_json = {
        "title": "Hoạt động",
        "language": "vi",
        "mainLibrary": library,
        "embedTypes": ["div"],
        "preloadedDependencies": [
            {"machineName": library, "majorVersion": version[0], "minorVersion": version[1]}
        ],
    }
    entries = {"h5p.json": json.dumps(h5p_json), "content/content.json": json.dumps(content)}
    package = h5p_package_ingest(
        file=make_zip(entries | library_entries(library, *version, 0)), uploaded_by=None
    )
    activity = H5PActivity.objects.create(title="Hoạt động", package=package, pass_mark=100)
    block = h5p_block(activity)
    _course, (lesson,) = course_build(lessons=[[block]])
    return activity_iri(lesson_id=lesson.pk, block_id=block["id"])


def answered(iri, sub, response):
    return {
        "verb": {"id": ANSWERED},
        "object": {"id": f"{iri}?subContentId={sub}"},
        "context": {"contextActivities": {"parent": [{"id": iri}]}},
        "result": {"response": response, "score": {"raw": 1, "max": 1, "scaled": 1}},
    }


@pytest.mark.parametrize(
    ("second", "verdict", "scaled"), [("0", "checked", 1.0), ("1", "rejected", 0.5)]
)
def test_single_choice_set_completed_is_built_from_its_checked_questions(
    db, settings, tmp_path, second, verdict, scaled
):
    settings.MEDIA_ROOT = str(tmp_path)
    learner = UserFactory()
    iri = container_lesson("H5P.SingleChoiceSet", (1, 11), CONTENT)
    first, _ = statement_record(learner=learner, statement=answered(iri, "q1", "0"))
    assert (first.verification, first.checked_scaled) == ("checked", 1.0)
    statement_record(learner=learner, statement=answered(iri, "q2", second))
    completed = {
        "verb": {"id": COMPLETED},
        "object": {"id": iri},
        "result": {"score": {"raw": 2, "max": 2, "scaled": 1}, "success": True, "completion": True},
    }
    stored, _ = statement_record(learner=learner, statement=completed)
    # the player claims 2 of 2; the answer key agrees only when the second answer is right
    assert (stored.verification, stored.checked_scaled, stored.success) == (
        verdict, scaled, verdict == "checked"
    )  # fmt: skip
    result = ActivityResult.objects.filter(learner=learner, activity_iri=iri).first()
    assert (result.scaled, result.passed) == (scaled, verdict == "checked")


SUMMARY = {
    "intro": "Chọn nhận định đúng.",
    "summaries": [
        {
            "subContentId": "s1",
            "summary": ["Học tập suốt đời là quyền của mọi người.", "Chỉ trẻ em."],
        },
        {"subContentId": "s2", "summary": ["UBND xã công nhận.", "Không ai công nhận."]},
    ],
}


@pytest.mark.parametrize(
    ("second", "verdict", "scaled"), [("0", "checked", 1.0), ("1", "rejected", 0.5)]
)
def test_summary_answered_is_built_from_its_lists(db, settings, tmp_path, second, verdict, scaled):
    settings.MEDIA_ROOT = str(tmp_path)
    learner = UserFactory()
    iri = container_lesson("H5P.Summary", (1, 10), SUMMARY)
    first, _ = statement_record(learner=learner, statement=answered(iri, "s1", "0"))
    assert (first.verification, first.checked_scaled) == ("checked", 1.0)
    statement_record(learner=learner, statement=answered(iri, "s2", second))
    own = {  # the Summary's own "answered" carries its total, no response, no success
        "verb": {"id": ANSWERED},
        "object": {"id": iri},
        "result": {"score": {"raw": 2, "max": 2, "scaled": 1}, "completion": True},
    }
    stored, _ = statement_record(learner=learner, statement=own)
    assert (stored.verification, stored.checked_raw, stored.checked_scaled) == (
        verdict, 2 * scaled, scaled
    )  # fmt: skip
    result = ActivityResult.objects.get(learner=learner, activity_iri=iri)
    assert result.scaled == scaled
    # a list answered again after the Summary was done starts a new attempt
    statement_record(learner=learner, statement=answered(iri, "s1", "1"))
    again, _ = statement_record(learner=learner, statement=own)
    assert (again.verification, again.checked_raw) == ("rejected", 0)


@pytest.mark.parametrize(
    ("keywords", "verdict", "scaled"),
    [
        (
            [{"keyword": "học tập suốt đời", "options": {"points": 1, "occurrences": 1}}],
            "checked",
            1.0,
        ),
        ([], "unverified", None),  # free text: nothing the server can check, nothing rejected
    ],
)
def test_an_essay_is_checked_by_its_keywords_or_stays_unverified(
    db, settings, tmp_path, keywords, verdict, scaled
):
    settings.MEDIA_ROOT = str(tmp_path)
    learner = UserFactory()
    iri = container_lesson(
        "H5P.Essay", (1, 6), {"taskDescription": "Vì sao?", "keywords": keywords}
    )
    statement = {
        "verb": {"id": ANSWERED},
        "object": {"id": iri},
        "result": {
            "response": "Vì học tập suốt đời giúp ta tiến bộ.",
            "score": {"raw": 1, "max": 1, "scaled": 1},
            "success": True,
        },
    }
    stored, _ = statement_record(learner=learner, statement=statement)
    assert (stored.verification, stored.checked_scaled) == (verdict, scaled)


COLUMN = {
    "content": [
        {"content": {"library": "H5P.AdvancedText 1.1", "subContentId": "t",
                     "params": {"text": "<p>Đọc kỹ trước khi trả lời.</p>"}}},
        {"content": {"library": "H5P.TrueFalse 1.6", "subContentId": "tf",
                     "params": {"question": "Học tập suốt đời là quyền của mọi người?",
                                "correct": "true"}}},
        {"content": {"library": "H5P.TrueFalse 1.6", "subContentId": "tf2",
                     "params": {"question": "Chỉ trẻ em mới cần học?", "correct": "false"}}},
    ]
}  # fmt: skip


def test_a_column_completed_is_built_from_its_tasks(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    learner = UserFactory()
    iri = container_lesson("H5P.Column", (1, 18), COLUMN)
    statement_record(learner=learner, statement=answered(iri, "tf", "true"))
    statement_record(learner=learner, statement=answered(iri, "tf2", "true"))  # wrong
    completed = {
        "verb": {"id": COMPLETED},
        "object": {"id": iri},
        "result": {"score": {"raw": 2, "max": 2, "scaled": 1}, "completion": True},
    }
    stored, _ = statement_record(learner=learner, statement=completed)
    assert (stored.verification, stored.checked_raw, stored.checked_max) == ("rejected", 1, 2)
