"""Checking H5P results in the progress tests: the fixture packages' content, statements as the
player sends them, the grades expected."""

import functools
import json
import zipfile

import pytest
from hypothesis import settings

from progress.checking import CheckedResult, h5p_result_check
from tests.progress.h5p_node import FIXTURES, NO_FIXTURES

H5P_FIXTURES = FIXTURES / "h5p"

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
IRI = "http://127.0.0.1:8777/content/x"
MAIN = {
    "truefalse-hello.h5p": "H5P.TrueFalse",
    "multichoice.h5p": "H5P.MultiChoice",
    "blanks.h5p": "H5P.Blanks",
    "dragtext.h5p": "H5P.DragText",
    "questionset.h5p": "H5P.QuestionSet",
}
PROPERTY = settings(max_examples=150, deadline=None, database=None)


def content_json(name: str) -> dict:
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    return json.loads(_content_bytes(name))


@functools.cache
def _content_bytes(name: str) -> bytes:
    with zipfile.ZipFile(H5P_FIXTURES / name) as archive:
        return archive.read("content/content.json")


def captured(name: str) -> list[dict]:
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    return json.loads((H5P_FIXTURES / f"xapi-captured-{name}.json").read_text())


def statement(response, *, sub=None, verb=ANSWERED, raw=1, success=True) -> dict:
    """An answered statement as the player sends it, claiming full marks unless told."""
    return {
        "verb": {"id": verb},
        "object": {"id": IRI + (f"?subContentId={sub}" if sub else ""), "objectType": "Activity"},
        "result": {
            "response": response,
            "score": {"min": 0, "max": 1, "raw": raw, "scaled": raw},
            "success": success,
            "completion": True,
        },
    }


def check(name, response, **kwargs):
    return h5p_result_check(
        content_json=content_json(name),
        main_library=MAIN[name],
        statement=statement(response, **kwargs),
    )


def grade(raw, maximum, success):
    return CheckedResult(float(raw), float(maximum), round(raw / maximum, 4), success)


def multichoice(correct, **behaviour):
    return {
        "answers": [{"correct": c, "text": f"<p>{i}</p>"} for i, c in enumerate(correct)],
        "behaviour": {"type": "auto", "passPercentage": 100, **behaviour},
    }
