"""Find the Hotspot, Find Multiple Hotspots and Arithmetic Quiz: graded from the answer our player
frame adds (their statements carry none), compared with the libraries' own JavaScript.

The hotspot libraries decide by which element the click lands on, so they are played in Chromium
with their own CSS (circles are round by border-radius): real clicks at many points, the answer
read by our frame's own ``cdhtAnswers`` and the score the library reports, for each click."""

import pytest

from progress.checking import h5p_result_check
from progress.checking.explain import h5p_check_explanation, h5p_check_note
from progress.checking.pointing import ANSWER_EXTENSION, arithmetic_question_count
from tests.progress.h5p_node import browser_run, hub_content, node_run

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
IRI = "http://127.0.0.1:8777/content/x"


def graded(library, content, answer, *, raw=None, max=None):
    result = {"score": {"raw": raw, "max": max}}
    if answer is not None:
        result["extensions"] = {ANSWER_EXTENSION: answer}
    statement = {"verb": {"id": ANSWERED}, "object": {"id": IRI}, "result": result}
    return h5p_result_check(content_json=content, main_library=library, statement=statement)


# In the page: a fresh instance per case (Find the Hotspot) or one per sequence of clicks
# (Find Multiple Hotspots), drawn 600 px wide; each click is a real MouseEvent at a point given
# in fractions of the image, on the element found there; the statement the library triggers is
# passed to our frame's cdhtAnswers.add() as the frame does.
PLAY_HOTSPOTS = r"""
const results = [];
H5P.getPath = path => path;  // no image is loaded: the test gives the image's size
for (const c of cases) {
  document.body.innerHTML = '';
  const question = new H5P[c.library](c.params, 1);
  question.libraryInfo = {machineName: 'H5P.' + c.library};
  for (const name of ['setFeedback', 'showButton', 'hideButton', 'removeFeedback'])
    question[name] = () => {};
  let sent = [];
  question.triggerXAPIScored = (raw, max, verb) => {
    const statement = {verb: {id: 'http://adlnet.gov/expapi/verbs/' + verb},
                       result: {score: {raw, max}}};
    window.cdhtAnswers.add(question, statement);
    sent.push({raw, max, answer: (statement.result.extensions || {})[cdhtAnswers.extension]});
  };
  const $content = question.createContent();
  H5P.jQuery('<div class="h5p-image-hotspot-question">').css('width', '600px')
    .append($content).appendTo(document.body);
  question.$imageWrapper.css({width: '600px', height: c.height + 'px'});
  $content.css('height', c.height + 'px');
  const box = question.$imageWrapper[0].getBoundingClientRect();
  for (const [fx, fy] of c.clicks) {
    const x = box.left + fx * box.width, y = box.top + fy * box.height;
    document.elementFromPoint(x, y).dispatchEvent(
      new MouseEvent('click', {clientX: x, clientY: y, bubbles: true, cancelable: true}));
  }
  results.push(sent);
}
return results;
"""


def _near_an_edge(hotspots, x, y, pixels=1.5, width=600, height=165) -> bool:
    """Whether (x, y) in percent lies within ``pixels`` of a hotspot's outline, where the
    browser's pixel snapping of the box and of its rounded corners decides, not geometry."""
    for hotspot in hotspots:
        box = hotspot["computedSettings"]
        half_w, half_h = box["width"] / 2, box["height"] / 2
        dx, dy = x - box["x"] - half_w, y - box["y"] - half_h
        px, py = pixels * 100 / width, pixels * 100 / height
        if box["figure"] == "circle":
            inner = (dx / max(half_w - px, 1e-9)) ** 2 + (dy / max(half_h - py, 1e-9)) ** 2
            outer = (dx / (half_w + px)) ** 2 + (dy / (half_h + py)) ** 2
            if outer <= 1 < inner:
                return True
        elif half_w - px < abs(dx) <= half_w + px or half_h - py < abs(dy) <= half_h + py:
            return True
    return False


def _hotspot_centres(hotspots):
    for hotspot in hotspots:
        box = hotspot["computedSettings"]
        yield ((box["x"] + box["width"] / 2) / 100, (box["y"] + box["height"] / 2) / 100)


def test_find_the_hotspot_grades_each_click_as_the_library(tmp_path):
    content = hub_content("H5P.ImageHotspotQuestion")  # four berries, the cherries are right
    hotspots = content["imageHotspotQuestion"]["hotspotSettings"]["hotspot"]
    assert [h["userSettings"]["correct"] for h in hotspots] == [False, False, False, True]
    # a grid over the image (corners of the circles' boxes included) and each hotspot's centre
    clicks = [((i + 0.5) / 48, (j + 0.5) / 14) for i in range(48) for j in range(14)]
    clicks += list(_hotspot_centres(hotspots))
    cases = [
        {"library": "ImageHotspotQuestion", "params": content, "height": 165, "clicks": [c]}
        for c in clicks
    ]
    played = browser_run(
        tmp_path, package="H5P.ImageHotspotQuestion",
        files=["H5P.ImageHotspotQuestion-1.8/image-hotspot-question.js"],
        styles=["H5P.ImageHotspotQuestion-1.8/image-hotspot-question.css"],
        script=PLAY_HOTSPOTS, cases=cases, frame=True,
    )  # fmt: skip
    seen, edges = set(), 0
    for click, sent in zip(clicks, played, strict=True):
        assert len(sent) == 1, click
        (js,) = sent
        ours = graded("H5P.ImageHotspotQuestion", content, js["answer"])
        x, y = (float(v) for v in js["answer"].split(","))
        if _near_an_edge(hotspots, x, y):
            edges += 1  # within a pixel and a half of an outline: rendering decides
            continue
        assert (ours.raw, ours.max, ours.success) == (js["raw"], js["max"], None), (click, js)
        seen.add(ours.raw)
    assert seen == {0, 1} and edges < len(clicks) / 10
    # the answer is what counts, not the score the player claims
    assert graded("H5P.ImageHotspotQuestion", content, "10,50", raw=1, max=1).raw == 0
    assert graded("H5P.ImageHotspotQuestion", content, None, raw=1, max=1) is None
    for forged in ("", "x,y", "88,55[,]10,50", "1e999,55", "88;55"):
        assert graded("H5P.ImageHotspotQuestion", content, forged).raw == 0, forged
    assert graded("H5P.ImageHotspotQuestion", content, "88.2,55.5").raw == 1


def test_find_multiple_hotspots_grades_each_click_as_the_library(tmp_path):
    content = hub_content("H5P.ImageMultipleHotspotQuestion")
    hotspots = content["imageMultipleHotspotQuestion"]["hotspotSettings"]["hotspot"]
    correct = sum(h["userSettings"]["correct"] for h in hotspots)
    centres = list(_hotspot_centres(hotspots))
    fewer = {
        **content,
        "imageMultipleHotspotQuestion": {
            **content["imageMultipleHotspotQuestion"],
            "hotspotSettings": {
                **content["imageMultipleHotspotQuestion"]["hotspotSettings"],
                "numberHotspots": 2,
            },
        },
    }
    # every hotspot twice (the second is "already selected"), misses between them, in orders
    sequences = [
        [c for centre in centres for c in (centre, centre, (0.02, 0.02))],
        [*reversed(centres), *(((i + 0.5) / 20, (j + 0.5) / 8) for i in range(20) for j in range(8))],  # noqa: E501
        [((i + 0.5) / 30, (j + 0.5) / 10) for i in range(30) for j in range(10)],
    ]  # fmt: skip
    cases = [
        {"library": "ImageMultipleHotspotQuestion", "params": params, "height": 338, "clicks": s}
        for params in (content, fewer)
        for s in sequences
    ]
    played = browser_run(
        tmp_path, package="H5P.ImageMultipleHotspotQuestion",
        files=["H5P.ImageMultipleHotspotQuestion-1.0/image-multiple-hotspot-question.js"],
        styles=["H5P.ImageMultipleHotspotQuestion-1.0/image-multiple-hotspot-question.css"],
        script=PLAY_HOTSPOTS, cases=cases, frame=True,
    )  # fmt: skip
    seen = set()
    for case, sent in zip(cases, played, strict=True):
        assert sent, case["clicks"][:3]
        for js in sent:
            ours = graded("H5P.ImageMultipleHotspotQuestion", case["params"], js["answer"])
            assert (ours.raw, ours.max, ours.success) == (js["raw"], js["max"], None), js
            seen.add((ours.raw, ours.max))
    assert {(correct, correct), (2, 2), (0, correct)} <= seen
    # clicking the same hotspot twice counts once; points nowhere count nothing
    one = "[,]".join(f"{x * 100},{y * 100}" for x, y in [centres[3], centres[3], (1, 1)])
    assert graded("H5P.ImageMultipleHotspotQuestion", content, one).raw == 1


@pytest.mark.parametrize("kind", ["addition", "subtraction", "multiplication", "division"])
def test_arithmetic_quiz_recomputes_every_question_the_library_can_ask(tmp_path, kind):
    # The library's own ArithmeticGenerator, asked for all its questions (no maxQuestions).
    script = r"""
    answer(cases.map(kind => new H5P.ArithmeticQuiz.ArithmeticGenerator(kind, undefined).get()
      .map(q => ({x: q.x, y: q.y, correct: q.correct, alternatives: q.alternatives}))));
    """
    (questions,) = node_run(
        tmp_path, package="H5P.ArithmeticQuiz", script=script, cases=[kind],
        files=["H5P.ArithmeticQuiz-1.1/js/arithmetic-quiz.js",
               "H5P.ArithmeticQuiz-1.1/js/qa-generator.js"],
    )  # fmt: skip
    params = {"arithmeticType": kind}
    assert len(questions) == arithmetic_question_count(params)
    right = "[,]".join(f"{q['x']},{q['y']},{q['correct']}" for q in questions)
    assert graded("H5P.ArithmeticQuiz", params, right).raw == len(questions)
    # each wrong alternative the library offers costs exactly that question's point
    wrong = [
        f"{q['x']},{q['y']},{next(a for a in q['alternatives'] if a != q['correct'])}"
        for q in questions
    ]
    for index in (0, len(questions) // 2, len(questions) - 1):
        parts = right.split("[,]")
        parts[index] = wrong[index]
        result = graded("H5P.ArithmeticQuiz", params, "[,]".join(parts))
        assert (result.raw, result.max) == (len(questions) - 1, len(questions))


def test_arithmetic_quiz_needs_as_many_different_questions_as_configured():
    params = {"arithmeticType": "multiplication", "maxQuestions": 5}
    right = ["2,3,6", "4,4,16", "9,9,81", "1,7,7", "3,8,24"]
    assert graded("H5P.ArithmeticQuiz", params, "[,]".join(right)).raw == 5
    result = graded("H5P.ArithmeticQuiz", params, "[,]".join(right[:4]))  # one question short
    assert (result.raw, result.max) == (0, 5)
    repeated = [*right[:4], right[0]]  # the generator never asks a question twice
    assert graded("H5P.ArithmeticQuiz", params, "[,]".join(repeated)).raw == 0
    foreign = [*right[:4], "12,12,144"]  # not a question a multiplication quiz can ask
    assert graded("H5P.ArithmeticQuiz", params, "[,]".join(foreign)).raw == 0
    one_wrong = [*right[:4], "3,8,25"]
    assert graded("H5P.ArithmeticQuiz", params, "[,]".join(one_wrong)).raw == 4
    # the fixture: multiplication, five questions
    fixture = hub_content("H5P.ArithmeticQuiz")
    assert arithmetic_question_count(fixture) == 5
    assert graded("H5P.ArithmeticQuiz", fixture, "[,]".join(right)).scaled == 1
    division = {"arithmeticType": "division", "maxQuestions": 2}
    assert graded("H5P.ArithmeticQuiz", division, "56,8,7[,]9,9,1").raw == 2
    assert (
        graded("H5P.ArithmeticQuiz", division, "56,8,7[,]90,9,10").raw == 0
    )  # 10 is past the 9x9 table


def test_editors_are_told_what_can_and_cannot_be_checked():
    for library in ("H5P.ImageHotspotQuestion", "H5P.ImageMultipleHotspotQuestion"):
        content = hub_content(library)
        assert h5p_check_explanation(main_library=f"{library} 1.0", content_json=content) is None
        assert h5p_check_note(main_library=library, content_json=content) is None
    quiz = hub_content("H5P.ArithmeticQuiz")
    assert h5p_check_explanation(main_library="H5P.ArithmeticQuiz", content_json=quiz) is None
    note = h5p_check_note(main_library="H5P.ArithmeticQuiz", content_json=quiz)
    assert "tự ra đề" in note
    equations = {**quiz, "quizType": "linearEquation"}
    reason = h5p_check_explanation(main_library="H5P.ArithmeticQuiz", content_json=equations)
    assert "phương trình" in reason
    assert graded("H5P.ArithmeticQuiz", quiz, None, raw=5, max=5) is None  # no answer added
