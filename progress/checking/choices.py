"""Graders for choosing: Single Choice Set's questions, Mark the Words and Summary."""

from progress.checking.base import CheckedResult, checked_result

# --- H5P.SingleChoiceSet 1.11 (scripts/single-choice.js, scripts/single-choice-set.js) --------


def check_single_choice(params, response: str | None) -> CheckedResult:
    # SingleChoice(): answers[i] becomes {text, correct: i === 0, answerIndex: i} before the
    # shuffle, so the first answer in content.json is the right one. createXApiAnsweredEvent():
    # response userAnswer.toString() (the chosen answerIndex; '' when unanswered), score
    # (userAnswer === 0) ? 1 : 0 out of 1, success userAnswer === 0.
    right = response == "0"
    return checked_result(1 if right else 0, 1, right)
