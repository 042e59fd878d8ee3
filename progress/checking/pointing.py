"""Types whose statements carry no answer of their own: the player frame adds it.

H5P.ImageHotspotQuestion, H5P.ImageMultipleHotspotQuestion and H5P.ArithmeticQuiz report only a
score. The lesson's player frame (courses/static/courses/h5p-frame.js) reads the learner's answer
from the instance that sent the statement and adds it to the result under ``ANSWER_EXTENSION``,
in the format each grader below describes; the server then grades that answer as the library
does. The frame runs in the learner's browser like the rest of the player, so the answer is as
trustworthy as any ``result.response``: it can be forged, but only into a right answer, never
into a score the answer key doesn't give.
"""

import math
import re

from progress.checking.base import (
    SEPARATOR,
    CheckedResult,
    as_dict,
    checked_result,
    js_number,
    merged_params,
    truthy,
)

ANSWER_EXTENSION = "https://congdanhoctap.hcm.vn/xapi/extensions/h5p-answer"
_NUMBER = r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_POINT = re.compile(rf"({_NUMBER}),({_NUMBER})")


def _points(response: str | None) -> list[tuple[float, float]] | None:
    """ "x,y" click positions in percent of the image, joined by "[,]"; None when unreadable."""
    if not response:
        return []
    points = []
    for part in response.split(SEPARATOR):
        found = _POINT.fullmatch(part)
        if found is None:
            return None
        x, y = float(found.group(1)), float(found.group(2))
        if not (math.isfinite(x) and math.isfinite(y)):
            return None
        points.append((x, y))
    return points


def _hotspots(settings) -> list[dict]:
    hotspots = as_dict(settings).get("hotspot")
    return [h for h in hotspots if isinstance(h, dict)] if isinstance(hotspots, list) else []


def _inside(hotspot: dict, x: float, y: float) -> bool:
    """Whether the click hit the hotspot's element: a box at ``computedSettings`` x, y, width,
    height (percent of the image); "circle" has CSS border-radius 50%, so only the ellipse
    inside the box takes clicks."""
    box = as_dict(hotspot.get("computedSettings"))
    left, top = js_number(box.get("x")), js_number(box.get("y"))
    width, height = js_number(box.get("width")), js_number(box.get("height"))
    if not all(math.isfinite(v) for v in (left, top, width, height)) or width <= 0 or height <= 0:
        return False
    if not (left <= x <= left + width and top <= y <= top + height):
        return False
    if box.get("figure") != "circle":
        return True
    dx, dy = (x - left - width / 2) / (width / 2), (y - top - height / 2) / (height / 2)
    return dx * dx + dy * dy <= 1


def _hit(hotspots: list[dict], x: float, y: float) -> int | None:
    """The index of the hotspot a click lands on: the last one drawn (on top) that holds it."""
    for index in range(len(hotspots) - 1, -1, -1):
        if _inside(hotspots[index], x, y):
            return index
    return None


def _correct(hotspot: dict) -> bool:
    return truthy(as_dict(hotspot.get("userSettings")).get("correct"))


# --- H5P.ImageHotspotQuestion 1.8 (image-hotspot-question.js) ---------------------------------


def check_image_hotspot(params, response: str | None) -> CheckedResult:
    # createHotspotFeedback(): the click handler of the hotspot element hit (or the image's,
    # for none) decides; a correct hotspot sets score = 1 (maxScore = 1), anything else leaves
    # it; triggerXAPIScored(score, 1, 'answered') reports no success. The frame sends the click
    # as hotspotFeedback.percentagePosX + "," + percentagePosY.
    p = merged_params({"imageHotspotQuestion": {"hotspotSettings": {"hotspot": []}}}, params)
    hotspots = _hotspots(as_dict(p["imageHotspotQuestion"]).get("hotspotSettings"))
    points = _points(response)
    if not points or len(points) != 1:
        return checked_result(0, 1, None)
    index = _hit(hotspots, *points[0])
    return checked_result(1 if index is not None and _correct(hotspots[index]) else 0, 1, None)


# --- H5P.ImageMultipleHotspotQuestion 1.0 (image-multiple-hotspot-question.js) ----------------


def check_image_multiple_hotspot(params, response: str | None) -> CheckedResult:
    # createContent(): maxScore = numberHotspots when set and <= the number of correct
    # hotspots, else that number; createHotspotFeedback(): +1 per correct hotspot not selected
    # before, nothing once score == maxScore. The frame sends the clicks the library counted
    # (correctHotspotFeedback), each "x,y", joined by "[,]".
    p = merged_params(
        {"imageMultipleHotspotQuestion": {"hotspotSettings": {"hotspot": []}}}, params
    )
    settings = as_dict(as_dict(p["imageMultipleHotspotQuestion"]).get("hotspotSettings"))
    hotspots = _hotspots(settings)
    correct = sum(_correct(h) for h in hotspots)
    wanted = js_number(settings.get("numberHotspots"))
    maximum = wanted if truthy(settings.get("numberHotspots")) and wanted <= correct else correct
    points = _points(response)
    if points is None:
        return checked_result(0, maximum, None)
    found = {_hit(hotspots, x, y) for x, y in points}
    found = {i for i in found if i is not None and _correct(hotspots[i])}
    return checked_result(min(len(found), maximum), maximum, None)


# --- H5P.ArithmeticQuiz 1.1 (js/qa-generator.js, js/game-page.js) ----------------------------

_OPERATIONS = {  # ArithmeticGenerator: the questions it draws from, and each one's answer
    "addition": (lambda x, y: y >= 0 and x + y <= 100, lambda x, y: x + y, 5151),
    "subtraction": (lambda x, y: 0 <= y <= x <= 100, lambda x, y: x - y, 5151),
    "multiplication": (lambda x, y: 1 <= x <= 9 and 1 <= y <= 9, lambda x, y: x * y, 81),
    "division": (
        lambda x, y: 1 <= y <= 9 and x % y == 0 and 1 <= x // y <= 9,
        lambda x, y: x // y,
        81,
    ),
}
_QUESTION = re.compile(r"(0|[1-9]\d{0,2}),(0|[1-9]\d{0,2}),(-?\d{1,4})?")


def arithmetic_question_count(params) -> int | None:
    """How many questions the quiz asks (None: a linear-equation quiz, not checked)."""
    p = merged_params({"quizType": "arithmetic", "arithmeticType": "addition"}, params)
    if p["quizType"] != "arithmetic" or p["arithmeticType"] not in _OPERATIONS:
        return None
    pool = _OPERATIONS[p["arithmeticType"]][2]
    # questions.length > maxQuestions ? questions.slice(0, maxQuestions) : questions
    params = as_dict(params)  # no maxQuestions is undefined: NaN, unlike null (0)
    wanted = js_number(params["maxQuestions"]) if "maxQuestions" in params else math.nan
    if not pool > wanted:  # NaN (no maxQuestions) keeps every question
        return pool
    return max(0, int(wanted)) if wanted >= 0 else max(0, pool + math.ceil(wanted))


def check_arithmetic_quiz(params, response: str | None) -> CheckedResult | None:
    # The browser draws the questions at random (ArithmeticGenerator) and the 'last-slide'
    # event reports triggerXAPIScored(score, numQuestions, 'answered'): one point per question
    # whose chosen alternative is the right one, no success. The frame sends, per question,
    # quiz.x + "," + quiz.y + "," + the text of the chosen alternative (aria-checked), joined
    # by "[,]". Each answer is recomputed here, and the questions must be as many as the
    # quiz asks, each a different one the generator can draw (it never repeats a question).
    count = arithmetic_question_count(params)
    if count is None:
        return None
    allowed, answer, _pool = _OPERATIONS[
        merged_params({"arithmeticType": "addition"}, params)["arithmeticType"]
    ]
    parts = [] if not response else response.split(SEPARATOR)
    questions = [_QUESTION.fullmatch(part) for part in parts]
    if len(parts) != count or any(q is None for q in questions):
        return checked_result(0, count, None)
    asked = [(int(q.group(1)), int(q.group(2))) for q in questions]
    if len(set(asked)) != len(asked) or not all(allowed(x, y) for x, y in asked):
        return checked_result(0, count, None)
    score = sum(
        q.group(3) is not None and int(q.group(3)) == answer(x, y)
        for q, (x, y) in zip(questions, asked, strict=True)
    )
    return checked_result(score, count, None)
