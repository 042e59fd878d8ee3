"""Why the server can't check an H5P activity's results, in words for editors (or None).

``h5p_check_explanation`` answers for a package's main library and content.json; the editor sees
it when saving the activity, so they know that a learner's result will be "Chưa kiểm tra được"
(never counted as passed unless the lesson accepts unverified results).
"""

from django.utils.translation import gettext as _

from progress.checking.base import as_dict, js_number, merged_params
from progress.checking.containers import (
    ADDS_UP_TASKS_ONLY,
    CHILDREN,
    COLUMN_TASKS,
    NO_SCORE,
    RESULTS,
    machine_name,
)
from progress.checking.libraries import CHECKERS

MAX_DEPTH = 8


def _reasons() -> dict[str, str]:
    return {
        "H5P.FreeTextQuestion": _("Dạng câu hỏi trả lời tự do không có đáp án để chấm."),
    }


def _essay_reason(params) -> str:
    behaviour = as_dict(as_dict(params).get("behaviour"))
    if behaviour.get("ignoreScoring"):
        return _("Bài viết được đặt chế độ không tính điểm: ai nộp bài cũng được điểm tối đa.")
    keywords = as_dict(params).get("keywords")
    for group in keywords if isinstance(keywords, list) else []:
        words = [as_dict(group).get("keyword"), *(as_dict(group).get("alternatives") or [])]
        if any(isinstance(w, str) and len(w) > 2 and w[0] == w[-1] == "/" for w in words):
            return _(
                "Bài viết có từ khóa dạng biểu thức chính quy (/…/), máy chủ không chấm lại "
                "được loại từ khóa này."
            )
    return _("Bài viết tự do không có từ khóa nào được tính điểm.")


def _reason(library: str, params: dict, depth: int) -> str | None:
    """Why ``library`` with ``params`` can't be checked, or None when it can."""
    if library in CHECKERS:
        if CHECKERS[library](params, None) is not None:
            return None
        if library == "H5P.Essay":
            return _essay_reason(params)
        if library == "H5P.Dictation":
            return _(
                "Bài «Nghe viết» dùng ký tự ngăn cách từ khác dấu cách, có câu đáp án chứa thẻ "
                "HTML hoặc không phải văn bản, hoặc có mức trừ điểm lỗi gõ không hợp lệ; máy chủ "
                "chưa chấm lại được cách thiết lập này. Xin dùng dấu cách để ngăn cách các từ và "
                "nhập đáp án dạng văn bản thường."
            )
        if library == "H5P.ArithmeticQuiz":
            return _(
                "Câu đố dạng phương trình do trình duyệt tự ra đề và tự giải, máy chủ chưa chấm "
                "lại được dạng này (chỉ chấm được câu đố phép tính)."
            )
        return _("Nội dung này không chấm được.")
    if library in NO_SCORE:
        return _("Hoạt động này không có điểm (chỉ có nội dung để xem hoặc nghe).")
    if library not in RESULTS or depth > MAX_DEPTH:
        reason = _reasons().get(library)
        if reason is None:
            return _("Máy chủ chưa có cách chấm lại loại hoạt động «%(type)s».") % {"type": library}
        return reason
    if (
        library == "H5P.QuestionSet"
        and js_number(merged_params({"poolSize": 0}, params)["poolSize"]) > 0
    ):
        return _(
            "Bộ câu hỏi chỉ chọn ngẫu nhiên một số câu cho mỗi lần làm, máy chủ không biết học "
            "viên đã được hỏi những câu nào."
        )
    for _sub, child, child_params in CHILDREN[library](params):
        if library in ADDS_UP_TASKS_ONLY and child in NO_SCORE:
            continue
        if library == "H5P.Column" and child not in COLUMN_TASKS:
            reason = _reasons().get(child) or _(
                "Máy chủ chưa có cách chấm lại loại hoạt động «%(type)s»."
            ) % {"type": child}
        else:
            reason = _reason(child, child_params, depth + 1)
        if reason is not None:
            return _("Hoạt động có một phần bên trong không chấm lại được: %(reason)s") % {
                "reason": reason
            }
    return None


def h5p_check_explanation(*, main_library: str, content_json: dict) -> str | None:
    """Why the server can't check the results of this activity, or None when it can."""
    return _reason(machine_name(main_library), as_dict(content_json), 0)


def _has_arithmetic_quiz(library: str, params: dict, depth: int = 0) -> bool:
    if library == "H5P.ArithmeticQuiz":
        return True
    if library not in CHILDREN or depth > MAX_DEPTH:
        return False
    return any(
        _has_arithmetic_quiz(child, child_params, depth + 1)
        for _sub, child, child_params in CHILDREN[library](params)
    )


def h5p_check_note(*, main_library: str, content_json: dict) -> str | None:
    """What the server's check can't vouch for in an activity it does check, or None."""
    if _has_arithmetic_quiz(machine_name(main_library), as_dict(content_json)):
        return _(
            "Câu đố số học do trình duyệt của học viên tự ra đề ngẫu nhiên. Máy chủ tính lại "
            "từng phép tính và kiểm tra đủ số câu, đúng loại phép tính và không câu nào trùng, "
            "nhưng không biết đề đó có đúng là đề trình duyệt đã ra hay không."
        )
    return None
