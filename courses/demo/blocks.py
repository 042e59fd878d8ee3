"""Stable block ids and raw StreamField values (text, quiz, questions) for the demo courses:
the same key always gives the same id, so activity ids survive re-runs of the loader."""

import re
import uuid

FRAMEWORK = "tt02-2025"
BLOCK_NAMESPACE = uuid.UUID("5b0f3c52-8f0e-4d8a-9d57-2f6c1e0a7c11")

# The lesson on scams (its H5P activity: courses.demo_h5p_activities).
SCAM_LESSON = "ky-nang-so/nhan-biet-lua-dao"
# Where a lesson's extra blocks go (kept blocks, then ``lesson_extra_blocks``).
ACTIVITY_SLOT = object()


def block_id(key: str) -> str:
    """A stable block id: the same key always gives the same id."""
    return str(uuid.uuid5(BLOCK_NAMESPACE, key))


def lesson_extra_blocks(lesson_key: str, extra: dict[str, list[dict]]) -> list[dict]:
    """Raw blocks added at a lesson's ACTIVITY_SLOT: the demo's H5P activities
    (``courses.demo_h5p``), where their content types are installed."""
    return extra.get(lesson_key, [])


def _html(source: str) -> str:
    """Rich text written over several lines → one line, no whitespace between tags."""
    return re.sub(r">\s+<", "><", " ".join(source.split()))


def _text(key: str, source: str) -> dict:
    return {"type": "text", "value": _html(source), "id": block_id(key)}


def _item(key: str, value) -> dict:
    return {"type": "item", "value": value, "id": block_id(key)}


def _option(text: str, feedback: str, correct: bool = False) -> tuple:
    return (text, correct, feedback)


def _choice(kind, prompt, options, correct="", incorrect="") -> dict:
    return {
        "kind": kind,
        "prompt": prompt,
        "options": options,
        "true_false_answer": "",
        "feedback_correct": correct,
        "feedback_incorrect": incorrect,
    }


def single(prompt: str, *options: tuple, correct: str = "", incorrect: str = "") -> dict:
    return _choice("single", prompt, options, correct, incorrect)


def multiple(prompt: str, *options: tuple, correct: str = "", incorrect: str = "") -> dict:
    return _choice("multiple", prompt, options, correct, incorrect)


def true_false(prompt: str, answer: bool, *, correct: str, incorrect: str) -> dict:
    question = _choice("true_false", prompt, (), correct, incorrect)
    question["true_false_answer"] = "true" if answer else "false"
    return question


def _quiz(key, *, title, intro, questions, competences, competence_ids) -> dict:
    raw_questions = []
    for q_index, question in enumerate(questions):
        q_key = f"{key}/q{q_index}"
        options = [
            _item(f"{q_key}/o{o_index}", {"text": text, "is_correct": ok, "feedback": feedback})
            for o_index, (text, ok, feedback) in enumerate(question["options"])
        ]
        raw_questions.append(_item(q_key, {**question, "options": options}))
    targets = [
        _item(f"{key}/c/{code}", {"competence": competence_ids[code], "level": level})
        for code, level in competences
    ]
    value = {
        "title": title,
        "intro": intro,
        "questions": raw_questions,
        "pass_mark": 80,
        "required": True,
        "grading": "best",
        "allow_unverified": False,
        "competences": targets,
    }
    return {"type": "quiz", "value": value, "id": block_id(key)}
