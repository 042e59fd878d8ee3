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
        "H5P.ImageHotspotQuestion": _(
            "Dạng «Tìm điểm trên ảnh» chỉ báo điểm về máy chủ, không gửi vị trí học viên đã chọn."
        ),
        "H5P.ImageMultipleHotspotQuestion": _(
            "Dạng «Tìm nhiều điểm trên ảnh» chỉ báo điểm về máy chủ, không gửi các vị trí học viên "
            "đã chọn."
        ),
        "H5P.ArithmeticQuiz": _(
            "Dạng «Câu đố số học» do trình duyệt tự ra đề ngẫu nhiên và chỉ báo điểm về máy chủ."
        ),
        "H5P.Dictation": _(
            "Dạng «Nghe viết» chỉ gửi các từ đã được trình duyệt so khớp với đáp án, không gửi "
            "nguyên văn bài viết của học viên."
        ),
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
        return (
            _essay_reason(params) if library == "H5P.Essay" else _("Nội dung này không chấm được.")
        )
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
