"""A container's own result recorded through the statements service: a Single Choice Set's
"completed" is graded from the learner's checked answers to its questions."""

import pytest

from courses.selectors import activity_iri
from progress.models import ActivityResult
from progress.services import statement_record
from tests.courses.builders import course_build, h5p_block
from tests.factories import UserFactory
from tests.progress.h5p_node import HUB, NO_FIXTURES

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
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


def single_choice_set_lesson():
    """An activity whose package plays H5P.SingleChoiceSet 1.11 (bundled in the Course
    Presentation fixture) with content written here."""
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    if not HUB.exists():
        pytest.skip(NO_FIXTURES)
    package = h5p_package_ingest(
        file=(HUB / "H5P.CoursePresentation.h5p").read_bytes(), uploaded_by=None
    )
    package.main_library = package.libraries.get(machine_name="H5P.SingleChoiceSet")
    package.content_json = CONTENT
    package.save()
    activity = H5PActivity.objects.create(title="Chọn một", package=package, pass_mark=100)
    block = h5p_block(activity)
    _course, (lesson,) = course_build(lessons=[[block]])
    return activity_iri(lesson_id=lesson.pk, block_id=block["id"])


def answered(iri, sub, response):
    return {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
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
    iri = single_choice_set_lesson()
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
