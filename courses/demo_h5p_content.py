"""The demo's H5P activities: content we wrote, in Vietnamese, as ``content.json`` parameters.

Six content types, each placed in a lesson of the demo courses (``courses.demo``): true/false,
fill in the blanks, multiple choice, drag the words, single choice set and a question set. The
texts follow the lessons they sit in (the criteria of “Công dân học tập”, VNeID, scams, public
online services). The player's buttons and messages come from each content's own texts, so they
are written here in Vietnamese too.

``ACTIVITIES``: one dict per activity — ``key`` (stable, also its block id), ``lesson`` (the
lesson key in ``courses.demo``), ``title``, ``library`` (main machine name), ``pass_mark`` and
``params(version)``: the parameters, given a function that names the installed version of a
library (``"H5P.TrueFalse 1.6"``), for the sub-contents of a question set.
"""

import uuid

NAMESPACE = uuid.UUID("0d6f7c1e-5a43-4c52-9a1e-6b7f2f0c8d31")

CHECK, RETRY, SOLUTION = "Kiểm tra", "Làm lại", "Xem đáp án"
SCORE_BAR = "Bạn được :num trên :total điểm"
CONFIRM_CHECK = {
    "header": "Nộp bài?",
    "body": "Bạn có chắc muốn nộp bài không?",
    "cancelLabel": "Hủy",
    "confirmLabel": "Nộp bài",
}
CONFIRM_RETRY = {
    "header": "Làm lại?",
    "body": "Bạn có chắc muốn làm lại từ đầu không?",
    "cancelLabel": "Hủy",
    "confirmLabel": "Làm lại",
}
FEEDBACK = [
    {"from": 0, "to": 79, "feedback": "Bạn đúng @score/@total. Đọc lại bài rồi thử lần nữa nhé."},
    {"from": 80, "to": 100, "feedback": "Rất tốt! Bạn đúng @score/@total."},
]
# Single Choice Set shows its score bar beside the feedback and fills in no @score/@total.
FEEDBACK_PLAIN = [
    {"from": 0, "to": 79, "feedback": "Đọc lại bài rồi thử lần nữa nhé."},
    {"from": 80, "to": 100, "feedback": "Rất tốt!"},
]


def sub_id(key: str) -> str:
    """A stable subContentId: the same key always gives the same id."""
    return str(uuid.uuid5(NAMESPACE, key))


def true_false(question: str, answer: bool, *, right: str, wrong: str) -> dict:
    return {
        "question": f"<p>{question}</p>",
        "correct": "true" if answer else "false",
        "media": {"disableImageZooming": False},
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "confirmCheckDialog": False,
            "confirmRetryDialog": False,
            "autoCheck": False,
            "feedbackOnCorrect": right,
            "feedbackOnWrong": wrong,
        },
        "l10n": {
            "trueText": "Đúng",
            "falseText": "Sai",
            "score": "Bạn được @score trên @total điểm",
            "checkAnswer": CHECK,
            "submitAnswer": "Nộp bài",
            "showSolutionButton": SOLUTION,
            "tryAgain": RETRY,
            "wrongAnswerMessage": "Chưa đúng",
            "correctAnswerMessage": "Đúng rồi",
            "scoreBarLabel": SCORE_BAR,
            "a11yCheck": "Kiểm tra câu trả lời.",
            "a11yShowSolution": "Xem đáp án đúng.",
            "a11yRetry": "Làm lại câu hỏi này.",
        },
        "confirmCheck": CONFIRM_CHECK,
        "confirmRetry": CONFIRM_RETRY,
    }


def multi_choice(question: str, answers: list[tuple[str, bool, str]]) -> dict:
    """``answers``: (text, correct, feedback shown when the learner chose it)."""
    return {
        "question": f"<p>{question}</p>",
        "answers": [
            {
                "text": f"<div>{text}</div>",
                "correct": correct,
                "tipsAndFeedback": {
                    "tip": "",
                    "chosenFeedback": f"<div>{why}</div>",
                    "notChosenFeedback": "",
                },
            }
            for text, correct, why in answers
        ],
        "overallFeedback": FEEDBACK,
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "type": "auto",
            "singlePoint": False,
            "randomAnswers": True,
            "showSolutionsRequiresInput": True,
            "confirmCheckDialog": False,
            "confirmRetryDialog": False,
            "autoCheck": False,
            "passPercentage": 100,
            "showScorePoints": True,
        },
        "media": {"disableImageZooming": False},
        "UI": {
            "checkAnswerButton": CHECK,
            "submitAnswerButton": "Nộp bài",
            "showSolutionButton": SOLUTION,
            "tryAgainButton": RETRY,
            "tipsLabel": "Xem gợi ý",
            "scoreBarLabel": SCORE_BAR,
            "tipAvailable": "Có gợi ý",
            "feedbackAvailable": "Có nhận xét",
            "readFeedback": "Đọc nhận xét",
            "wrongAnswer": "Chưa đúng",
            "correctAnswer": "Đúng",
            "shouldCheck": "Lẽ ra nên chọn",
            "shouldNotCheck": "Lẽ ra không nên chọn",
            "noInput": "Hãy trả lời trước khi xem đáp án",
            "a11yCheck": "Kiểm tra câu trả lời.",
            "a11yShowSolution": "Xem đáp án đúng.",
            "a11yRetry": "Làm lại câu hỏi này.",
        },
        "confirmCheck": CONFIRM_CHECK,
        "confirmRetry": CONFIRM_RETRY,
    }


def blanks(intro: str, sentences: list[str]) -> dict:
    """``sentences``: text with each answer between asterisks (``*3*``, ``*80/tám mươi*``)."""
    return {
        "text": f"<p>{intro}</p>",
        "questions": [f"<p>{sentence}</p>" for sentence in sentences],
        "media": {"disableImageZooming": False},
        "overallFeedback": FEEDBACK,
        "showSolutions": SOLUTION,
        "tryAgain": RETRY,
        "checkAnswer": CHECK,
        "submitAnswer": "Nộp bài",
        "notFilledOut": "Hãy điền hết các chỗ trống để xem đáp án",
        "answerIsCorrect": "“:ans” là đúng",
        "answerIsWrong": "“:ans” chưa đúng",
        "answeredCorrectly": "Trả lời đúng",
        "answeredIncorrectly": "Trả lời chưa đúng",
        "solutionLabel": "Đáp án đúng:",
        "inputLabel": "Ô trống @num trên @total",
        "inputHasTipLabel": "Có gợi ý",
        "tipLabel": "Gợi ý",
        "scoreBarLabel": SCORE_BAR,
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "autoCheck": False,
            "caseSensitive": False,
            "showSolutionsRequiresInput": True,
            "separateLines": False,
            "confirmCheckDialog": False,
            "confirmRetryDialog": False,
            "acceptSpellingErrors": False,
        },
        "a11yCheck": "Kiểm tra câu trả lời.",
        "a11yShowSolution": "Xem đáp án đúng.",
        "a11yRetry": "Làm lại bài này.",
        "a11yCheckingModeHeader": "Đang xem kết quả",
        "confirmCheck": CONFIRM_CHECK,
        "confirmRetry": CONFIRM_RETRY,
    }


def drag_text(task: str, text: str) -> dict:
    """``text``: each word to drag between asterisks (``*chi hội*``)."""
    return {
        "taskDescription": f"<p>{task}</p>",
        "textField": text,
        "overallFeedback": FEEDBACK,
        "checkAnswer": CHECK,
        "submitAnswer": "Nộp bài",
        "tryAgain": RETRY,
        "showSolution": SOLUTION,
        "dropZoneIndex": "Ô thả @index.",
        "empty": "Ô thả @index còn trống.",
        "contains": "Ô thả @index đang chứa “@draggable”.",
        "ariaDraggableIndex": "Mục @index trên @count.",
        "tipLabel": "Xem gợi ý",
        "correctText": "Đúng!",
        "incorrectText": "Chưa đúng!",
        "resetDropTitle": "Bỏ ra",
        "resetDropDescription": "Bạn có muốn bỏ mục này ra khỏi ô thả không?",
        "grabbed": "Đã cầm mục này.",
        "cancelledDragging": "Đã thôi kéo.",
        "correctAnswer": "Đáp án đúng:",
        "feedbackHeader": "Nhận xét",
        "scoreBarLabel": SCORE_BAR,
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "instantFeedback": False,
        },
        "a11yCheck": "Kiểm tra câu trả lời.",
        "a11yShowSolution": "Xem đáp án đúng.",
        "a11yRetry": "Làm lại bài này.",
    }


def single_choice_set(key: str, choices: list[tuple[str, list[str]]]) -> dict:
    """``choices``: (question, answers): the first answer is the right one (H5P shuffles)."""
    return {
        "choices": [
            {
                "subContentId": sub_id(f"{key}/{index}"),
                "question": f"<p>{question}</p>",
                "answers": [f"<p>{answer}</p>" for answer in answers],
            }
            for index, (question, answers) in enumerate(choices)
        ],
        "overallFeedback": FEEDBACK_PLAIN,
        "behaviour": {
            "autoContinue": True,
            "timeoutCorrect": 2000,
            "timeoutWrong": 3000,
            "soundEffectsEnabled": False,
            "enableRetry": True,
            "enableSolutionsButton": True,
            "passPercentage": 100,
        },
        "l10n": {
            "nextButtonLabel": "Câu tiếp theo",
            "showSolutionButtonLabel": SOLUTION,
            "retryButtonLabel": RETRY,
            "solutionViewTitle": "Đáp án",
            "correctText": "Đúng!",
            "incorrectText": "Chưa đúng!",
            "muteButtonLabel": "Tắt âm thanh",
            "closeButtonLabel": "Đóng",
            "slideOfTotal": "Câu :num trên :total",
            "scoreBarLabel": SCORE_BAR,
            "solutionListQuestionNumber": "Câu :num",
        },
    }


def question_set(key: str, questions: list[tuple[str, dict]], version) -> dict:
    """``questions``: (machine name, parameters); ``version(name)`` names the installed one."""
    return {
        "introPage": {"showIntroPage": False, "startButtonText": "Bắt đầu", "introduction": ""},
        "progressType": "dots",
        "passPercentage": 80,
        "disableBackwardsNavigation": False,
        "randomQuestions": False,
        "questions": [
            {
                "library": version(library),
                "params": params,
                "subContentId": sub_id(f"{key}/{index}"),
                "metadata": {"contentType": library, "license": "U", "title": f"Câu {index + 1}"},
            }
            for index, (library, params) in enumerate(questions)
        ],
        "texts": {
            "prevButton": "Câu trước",
            "nextButton": "Câu tiếp",
            "finishButton": "Hoàn thành",
            "submitButton": "Nộp bài",
            "textualProgress": "Câu @current trên @total",
            "jumpToQuestion": "Câu %d trên %total",
            "questionLabel": "Câu hỏi",
            "readSpeakerProgress": "Câu @current trên @total",
            "unansweredText": "Chưa trả lời",
            "answeredText": "Đã trả lời",
            "currentQuestionText": "Câu đang làm",
            "navigationLabel": "Các câu hỏi",
        },
        "endGame": {
            "showResultPage": True,
            "showSolutionButton": True,
            "showRetryButton": True,
            "noResultMessage": "Hoàn thành",
            "message": "Kết quả của bạn:",
            "scoreBarLabel": SCORE_BAR,
            "overallFeedback": FEEDBACK,
            "solutionButtonText": SOLUTION,
            "retryButtonText": RETRY,
            "finishButtonText": "Hoàn thành",
            "submitButtonText": "Nộp bài",
            "showAnimations": False,
            "skippable": False,
            "skipButtonText": "Bỏ qua video",
        },
        "override": {"checkButton": True},
    }
