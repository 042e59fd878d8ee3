"""CMS quizzes: answers are checked on the server; the key never reaches the browser.

Responses are encoded as a JSON object ``{"<question index>": ["<option index>" | "true" |
"false", ...]}`` — the xAPI ``result.response`` of the quiz statement, which progress re-checks.
"""

import json
import uuid
from dataclasses import dataclass, field

from django.utils import timezone

from courses.blocks import QuestionKind


@dataclass
class QuestionResult:
    correct: bool
    feedback: list[str] = field(default_factory=list)


@dataclass
class QuizResult:
    raw: int
    max: int
    pass_mark: int
    questions: list[QuestionResult]

    @property
    def scaled(self) -> float:
        return round(self.raw / self.max, 4) if self.max else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.raw / self.max) if self.max else 0

    @property
    def passed(self) -> bool:
        return self.percent >= self.pass_mark


def _expected(question) -> set[str]:
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return {question["true_false_answer"]}
    return {str(i) for i, option in enumerate(question["options"]) if option["is_correct"]}


def _allowed(question) -> set[str]:
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return {"true", "false"}
    return {str(i) for i in range(len(question["options"]))}


def quiz_answers_from_post(*, quiz, data) -> dict[str, list[str]]:
    """Read the submitted form (QueryDict) into the response shape; unknown values dropped."""
    answers = {}
    for index, question in enumerate(quiz["questions"]):
        values = data.getlist(f"q{index}")
        allowed = _allowed(question)
        chosen = sorted({value for value in values if value in allowed})
        if question["kind"] != QuestionKind.MULTIPLE:
            chosen = chosen[:1]
        answers[str(index)] = chosen
    return answers


def quiz_check(*, quiz, answers: dict) -> QuizResult:
    """Score ``answers`` against the quiz block's key. Each question is worth one point; a
    multiple-choice question counts only when exactly the right set is chosen."""
    results = []
    for index, question in enumerate(quiz["questions"]):
        given = answers.get(str(index)) if isinstance(answers, dict) else None
        chosen = set(given) & _allowed(question) if isinstance(given, list) else set()
        correct = bool(chosen) and chosen == _expected(question)
        feedback = []
        if question["kind"] != QuestionKind.TRUE_FALSE:
            for value in sorted(chosen):
                option = question["options"][int(value)]
                if option["feedback"]:
                    feedback.append(option["feedback"])
        general = question["feedback_correct"] if correct else question["feedback_incorrect"]
        if general:
            feedback.append(general)
        results.append(QuestionResult(correct=correct, feedback=feedback))
    return QuizResult(
        raw=sum(r.correct for r in results),
        max=len(results),
        pass_mark=quiz["pass_mark"],
        questions=results,
    )


def quiz_response_encode(answers: dict) -> str:
    return json.dumps(answers, sort_keys=True, separators=(",", ":"))


def quiz_response_decode(response: str) -> dict:
    """Inverse of ``quiz_response_encode``; raises ValueError on anything else."""
    data = json.loads(response)
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in data.values()
    ):
        raise ValueError("quiz response must map question indexes to lists of strings")
    return data


def quiz_submission_id(value) -> str | None:
    """The page's id for one submission (a UUID, lower-cased), or None when absent/invalid."""
    try:
        return str(uuid.UUID(str(value))) if value else None
    except ValueError:
        return None


def quiz_statement(
    *, activity, quiz, answers: dict, result: QuizResult, statement_id=None, at=None
) -> dict:
    """The xAPI statement for one quiz submission (the actor is set by progress).

    ``statement_id`` and ``at`` come from the lesson page's queue (an answer given offline is
    delivered later, maybe twice): the same submission then makes the same statement, which
    the store keeps once."""
    when = min(at, timezone.now()) if at is not None else timezone.now()
    return {
        "id": statement_id or str(uuid.uuid4()),
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/answered",
            "display": {"vi": "đã trả lời", "en-US": "answered"},
        },
        "object": {
            "objectType": "Activity",
            "id": activity.iri,
            "definition": {
                "name": {"vi": quiz["title"]},
                "type": "http://adlnet.gov/expapi/activities/assessment",
                "interactionType": "other",
            },
        },
        "result": {
            "response": quiz_response_encode(answers),
            "score": {"raw": result.raw, "min": 0, "max": result.max, "scaled": result.scaled},
            "success": result.passed,
            "completion": True,
        },
        "timestamp": when.isoformat(),
    }
