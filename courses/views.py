"""Learner-facing endpoints of lessons: quiz submission (server-checked)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.player import client_time
from courses.quiz import (
    quiz_answers_from_post,
    quiz_check,
    quiz_statement,
    quiz_submission_id,
)
from courses.selectors import activity_of_block, lesson_block, lesson_viewable_by
from courses.signals import quiz_submitted


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def quiz_submit(request, *, lesson, block_id):
    """Check a quiz submission on the server, record it (via the quiz_submitted signal) and
    answer with per-question feedback — JSON for the page script, the lesson page otherwise."""
    if request.method != "POST":
        return redirect(lesson.url)
    return _quiz_submit_post(request, lesson=lesson, block_id=block_id)


@require_POST
def _quiz_submit_post(request, *, lesson, block_id):
    if not lesson_viewable_by(lesson=lesson, user=request.user):
        if _wants_json(request):
            return JsonResponse({"error": _("Hãy đăng nhập để làm bài kiểm tra.")}, status=403)
        return redirect_to_login(lesson.url)
    block = lesson_block(lesson=lesson, block_id=block_id)
    if block is None or block.block_type != "quiz":
        raise Http404
    quiz = block.value
    answers = quiz_answers_from_post(quiz=quiz, data=request.POST)
    unanswered = [int(k) + 1 for k, v in answers.items() if not v]
    if unanswered:
        message = _("Bạn chưa trả lời câu: %(list)s.") % {
            "list": ", ".join(str(n) for n in unanswered)
        }
        if _wants_json(request):
            return JsonResponse({"error": message, "unanswered": unanswered}, status=400)
        return _render_lesson(request, lesson, block_id, error=message, answers=answers)
    result = quiz_check(quiz=quiz, answers=answers)
    activity = activity_of_block(lesson, block)
    statement = quiz_statement(
        activity=activity,
        quiz=quiz,
        answers=answers,
        result=result,
        statement_id=quiz_submission_id(request.POST.get("submission_id")),
        at=client_time(request.POST.get("answered_at")),
    )
    quiz_submitted.send(
        sender=lesson.__class__,
        learner=request.user,
        statement=statement,
        activity=activity,
        result=result,
        request=request,
    )
    payload = {
        "score": result.raw,
        "max": result.max,
        "percent": result.percent,
        "passed": result.passed,
        "pass_mark": result.pass_mark,
        "questions": [{"correct": q.correct, "feedback": q.feedback} for q in result.questions],
    }
    if _wants_json(request):
        return JsonResponse(payload)
    return _render_lesson(request, lesson, block_id, result=payload, answers=answers)


def _render_lesson(request, lesson, block_id, **quiz_state):
    context = lesson.get_context(request)
    context["quiz_state"] = {block_id: quiz_state}
    return TemplateResponse(request, lesson.get_template(request), context)
