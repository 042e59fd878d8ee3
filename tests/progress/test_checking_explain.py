"""Why an activity's results can't be checked, said to the editor who saves it."""

import json

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from progress.checking.explain import h5p_check_explanation
from progress.h5p_admin import activity_check_warning
from tests.courses.h5p_helpers import library_entries, make_zip
from tests.factories import UserFactory

TRUE_FALSE = {"library": "H5P.TrueFalse 1.6", "subContentId": "tf", "params": {"correct": "true"}}


def explain(library, content):
    return h5p_check_explanation(main_library=library, content_json=content)


@pytest.mark.parametrize(
    ("library", "content"),
    [
        ("H5P.TrueFalse 1.6", {"correct": "true"}),
        ("H5P.Essay", {"keywords": [{"keyword": "học",
                                     "options": {"points": 1, "occurrences": 1}}]}),
        ("H5P.QuestionSet", {"questions": [TRUE_FALSE]}),
        ("H5P.Column", {"content": [{"content": {"library": "H5P.AdvancedText 1.1"}},
                                    {"content": TRUE_FALSE}]}),
    ],
)  # fmt: skip
def test_checked_activities_need_no_explanation(library, content):
    assert explain(library, content) is None


@pytest.mark.parametrize(
    ("library", "content", "words"),
    [
        ("H5P.ArithmeticQuiz", {"quizType": "linearEquation"}, "dạng phương trình"),
        ("H5P.Dictation", {"behaviour": {"textual": {"wordSeparator": "-"}}},
         "ngăn cách từ khác dấu cách"),
        ("H5P.Accordion", {}, "không có điểm"),
        ("H5P.Essay", {"taskDescription": "Viết tự do."}, "không có từ khóa"),
        ("H5P.Essay", {"behaviour": {"ignoreScoring": True}}, "không tính điểm"),
        ("H5P.Essay", {"keywords": [{"keyword": "/h.c/", "options": {"points": 1,
                                                                  "occurrences": 1}}]},
         "biểu thức chính quy"),
        ("H5P.QuestionSet", {"questions": [TRUE_FALSE], "poolSize": 1}, "ngẫu nhiên"),
        ("H5P.SomethingNew", {}, "«H5P.SomethingNew»"),
        ("H5P.QuestionSet", {"questions": [{"library": "H5P.Dictation 1.3", "params": {
            "behaviour": {"textual": {"wordSeparator": "-"}}}}]},
         "một phần bên trong không chấm lại được: Bài «Nghe viết»"),
    ],
)  # fmt: skip
def test_what_the_editor_is_told(library, content, words):
    assert words in explain(library, content)


def _activity(library, version, content):
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    h5p_json = {
        "title": "Tìm điểm", "language": "vi", "mainLibrary": library, "embedTypes": ["div"],
        "preloadedDependencies": [
            {"machineName": library, "majorVersion": version[0], "minorVersion": version[1]}
        ],
    }  # fmt: skip
    entries = {"h5p.json": json.dumps(h5p_json), "content/content.json": json.dumps(content)}
    package = h5p_package_ingest(
        file=make_zip(entries | library_entries(library, *version, 0)), uploaded_by=None
    )
    return H5PActivity.objects.create(title="Tìm quả anh đào", package=package, pass_mark=100)


def _request():
    request = RequestFactory().post("/admin/snippets/courses/h5pactivity/add/")
    request.user = UserFactory()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_saving_an_activity_the_server_cannot_check_warns_the_editor(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    request = _request()
    unchecked = {"behaviour": {"textual": {"wordSeparator": "-"}}}  # we can't reproduce
    activity_check_warning(request, _activity("H5P.Dictation", (1, 3), unchecked))
    (message,) = list(get_messages(request))
    assert message.level_tag == "warning"
    assert "«Tìm quả anh đào»" in message.message and "Chưa kiểm tra được" in message.message
    request = _request()
    activity_check_warning(request, _activity("H5P.TrueFalse", (1, 6), {"correct": "true"}))
    assert not list(get_messages(request))
    # checked, with a limit the editor should know: the browser makes the questions up
    request = _request()
    quiz = {"arithmeticType": "addition", "maxQuestions": 5}
    activity_check_warning(request, _activity("H5P.ArithmeticQuiz", (1, 1), quiz))
    (message,) = list(get_messages(request))
    assert message.level_tag == "info" and "tự ra đề" in message.message
