"""The review chain as an explicit state machine.

    draft ─submit→ submitted ─branch_review→ branch reviewed ─commune_evaluate→ commune evaluated
      ↑               │                          │                                │ (đạt)
      └── returned ←──┴─ branch_return ──────────┴─ commune_return    appraise →  appraised
              ↑                                                                   │
              └───────────── appraisal_return ───────────────────────────────────┤
                                                 not_recognise → not recognised ←┘
    appraised ─(recognition decision, certificates.services.decisions)→ recognised

A decision locks only the applications it names (they leave the chain as "recognised"); the
rest of the commune goes on and into a supplementary decision. No transition is refused because
a decision exists.

Every transition runs with the application row locked (``select_for_update``), checks role and
scope (people.permissions), state and the stage's window, then writes
the new state and one history line (who, when, from → to, comment, scores changed). A second
click finds the application already moved and is refused with a clear message, never applied
twice. Bulk actions (certificates.services.bulk) check every item the same way.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates import permissions as perms
from certificates.models import (
    Action,
    Application,
    ApplicationEvent,
    CommuneResult,
    IndicatorScore,
    Stage,
    Status,
)
from certificates.notices import application_events_notify
from certificates.services.applications import (
    acting_for,
    application_rule,
    application_totals_refresh,
    edit_window_refusal,
)
from certificates.services.base import Refused, score_check, window_refusal
from people.permissions import user_can


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    permission: str | None  # None: the applicant, or an officer assisting them
    stage: str
    label: str = ""
    comment_required: bool = False
    score_field: str | None = None  # the stage's score column the actor may set


TRANSITIONS = {
    t.action: t
    for t in [
        Transition(
            Action.SUBMIT,
            (Status.DRAFT, Status.RETURNED),
            Status.SUBMITTED,
            None,
            Stage.REGISTRATION,
            gettext_lazy("Gửi hồ sơ"),
        ),
        Transition(
            Action.BRANCH_REVIEW,
            (Status.SUBMITTED,),
            Status.BRANCH_REVIEWED,
            perms.BRANCH_REVIEW,
            Stage.BRANCH_REVIEW,
            gettext_lazy("Chi hội: đã kiểm tra"),
            score_field="branch_score",
        ),
        Transition(
            Action.BRANCH_RETURN,
            (Status.SUBMITTED,),
            Status.RETURNED,
            perms.BRANCH_REVIEW,
            Stage.BRANCH_REVIEW,
            gettext_lazy("Chi hội: trả lại để bổ sung"),
            comment_required=True,
        ),
        Transition(
            Action.COMMUNE_EVALUATE,
            (Status.BRANCH_REVIEWED,),
            Status.COMMUNE_EVALUATED,
            perms.COMMUNE_EVALUATE,
            Stage.COMMUNE_EVALUATION,
            gettext_lazy("Hội Khuyến học xã: đánh giá"),
            score_field="commune_score",
        ),
        Transition(
            Action.COMMUNE_RETURN,
            (Status.BRANCH_REVIEWED,),
            Status.RETURNED,
            perms.COMMUNE_EVALUATE,
            Stage.COMMUNE_EVALUATION,
            gettext_lazy("Hội Khuyến học xã: trả lại để bổ sung"),
            comment_required=True,
        ),
        Transition(
            Action.APPRAISE,
            (Status.COMMUNE_EVALUATED,),
            Status.APPRAISED,
            perms.APPRAISE,
            Stage.APPRAISAL,
            gettext_lazy("UBND xã: thẩm định đạt"),
        ),
        Transition(
            Action.APPRAISAL_RETURN,
            (Status.COMMUNE_EVALUATED, Status.APPRAISED),
            Status.RETURNED,
            perms.APPRAISE,
            Stage.APPRAISAL,
            gettext_lazy("UBND xã: trả lại để bổ sung"),
            comment_required=True,
        ),
        Transition(
            Action.NOT_RECOGNISE,
            (Status.COMMUNE_EVALUATED, Status.APPRAISED),
            Status.NOT_RECOGNISED,
            perms.DECIDE,
            Stage.APPRAISAL,
            gettext_lazy("UBND xã: không công nhận"),
            comment_required=True,
        ),
    ]
}
BULK_ACTIONS = [a for a, t in TRANSITIONS.items() if t.permission is not None]
# How the commune evaluates: by the score rule, or an explicit "đạt" / "không đạt".
RESULT_AUTO = "auto"


class TransitionChecker:
    """Caches window answers across the items of one request."""

    def __init__(self, on=None):
        self.on = on
        self.windows: dict = {}

    def window(self, application, stage):
        key = (application.cycle_id, stage)
        if key not in self.windows:
            self.windows[key] = window_refusal(cycle=application.cycle, stage=stage, on=self.on)
        return self.windows[key]

    def refusal(self, application, transition, *, comment, result) -> tuple[str, str] | None:
        """(code, reason) why ``transition`` cannot apply to ``application`` — permission
        aside, which the caller checks — or None."""
        if application.status not in transition.sources:
            if application.status == transition.target:
                return "state", _("Hồ sơ đã ở bước “%(status)s” từ trước, không cần làm lại.") % {
                    "status": application.get_status_display()
                }
            return "state", _("Hồ sơ đang ở bước “%(status)s”, không thể “%(action)s”.") % {
                "status": application.get_status_display(),
                "action": transition.label,
            }
        if transition.action == Action.SUBMIT:
            reason = edit_window_refusal(application=application, on=self.on)
        else:
            reason = self.window(application, transition.stage)
        if reason:
            return "window", reason
        if transition.comment_required and not (comment or "").strip():
            return "input", _("Hãy ghi ý kiến (lý do) để người dân biết cần bổ sung gì.")
        if transition.action == Action.APPRAISE and (
            application.commune_result != CommuneResult.MEETS
        ):
            return "rule", _("Hội Khuyến học xã đánh giá “Không đạt”: không thể thẩm định đạt.")
        if transition.action == Action.COMMUNE_EVALUATE and result not in (
            RESULT_AUTO,
            CommuneResult.MEETS,
            CommuneResult.NOT_MEETS,
        ):
            return "input", _("Hãy chọn kết quả đánh giá: Đạt hoặc Không đạt.")
        return None


def transition_apply(
    application, transition, *, by, comment, result, assisted, score_changes=None, now=None
):
    """Move ``application`` (already checked) and return its history line (unsaved)."""
    now = now or timezone.now()
    source = application.status
    application.status = transition.target
    application.updated_at = now
    if transition.action == Action.SUBMIT:
        application.submitted_at = now
        application.commune_result = ""
    elif transition.action == Action.COMMUNE_EVALUATE:
        if result == RESULT_AUTO:
            result = CommuneResult.MEETS if application.meets_rule else CommuneResult.NOT_MEETS
        application.commune_result = result
    elif transition.target == Status.RETURNED:
        application.commune_result = ""
    elif transition.target == Status.NOT_RECOGNISED:
        application.decided_at = now
    text = (comment or "").strip()
    if transition.action == Action.COMMUNE_EVALUATE:
        label = CommuneResult(application.commune_result).label
        text = f"{label}. {text}".strip() if text else str(label)
    return ApplicationEvent(
        application=application,
        action=transition.action,
        from_status=source,
        to_status=transition.target,
        by=by,
        at=now,
        comment=text,
        score_changes=score_changes or {},
        assisted=assisted,
    )


def _scores_apply(application, transition, scores, by) -> dict:
    """Write a reviewer's scores (indicator number → points, None = keep the earlier stage's)."""
    if not scores or transition.score_field is None:
        return {}
    changes, rows = {}, list(application.scores.select_related("indicator"))
    for row in rows:
        number = row.indicator.number
        if number not in scores:
            continue
        value = scores[number]
        score_check(row=row, value=value)
        before = row.final_score
        setattr(row, transition.score_field, value)
        if row.final_score != before:
            stage = transition.score_field.removesuffix("_score")
            changes[str(number)] = {"stage": stage, "from": before, "to": row.final_score}
    IndicatorScore.objects.bulk_update(rows, [transition.score_field])
    return changes


def _clear_review_scores(application) -> dict:
    """A resubmitted application is reviewed afresh: earlier reviewers' scores are cleared."""
    changes = {}
    rows = list(
        application.scores.select_related("indicator").filter(
            Q(branch_score__isnull=False) | Q(commune_score__isnull=False)
        )
    )
    for row in rows:
        before = row.final_score
        row.branch_score = row.commune_score = None
        if row.final_score != before:
            changes[str(row.indicator.number)] = {
                "stage": "self",
                "from": before,
                "to": row.final_score,
            }
    IndicatorScore.objects.bulk_update(rows, ["branch_score", "commune_score"])
    return changes


def application_transition(
    *,
    application: Application,
    action: str,
    by,
    comment: str = "",
    scores=None,
    result: str = RESULT_AUTO,
    request=None,
    on=None,
) -> Application:
    """Apply one transition to one application, or raise Refused (code: "permission",
    "state", "window", "input" or "rule") with the reason.

    ``scores`` (indicator number → points) are the reviewer's own scores for the stage
    (branch or commune); ``result`` is the commune's verdict ("auto", "meets", "not_meets").
    Returns the application as stored after the transition.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Refused(_("Thao tác không hợp lệ."), code="input")
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cycle", "criteria_set", "applicant")
            .get(pk=application.pk)
        )
        if transition.permission is None:
            assisted = acting_for(application=locked, by=by)
        elif user_can(user=by, action=transition.permission, obj=locked):
            assisted = False
        else:
            raise Refused(
                _("Bạn không có quyền “%(action)s” hồ sơ ở địa bàn này.")
                % {"action": transition.label},
                code="permission",
            )
        checker = TransitionChecker(on=on)
        problem = checker.refusal(locked, transition, comment=comment, result=result)
        if problem:
            raise Refused(problem[1], code=problem[0])
        if transition.action == Action.SUBMIT:
            rule = application_rule(application=locked, stage="self")
            if rule.missing:
                raise Refused(rule.unmet()[0], code="rule")
            changes = _clear_review_scores(locked) if locked.status == Status.RETURNED else {}
        else:
            changes = _scores_apply(locked, transition, scores, by)
        if changes or transition.action == Action.SUBMIT:
            final = application_totals_refresh(application=locked)
        else:
            final = None
        if (
            transition.action == Action.COMMUNE_EVALUATE
            and result == CommuneResult.MEETS
            and not (final.passes if final else locked.meets_rule)
        ):
            rule = final or application_rule(application=locked)
            raise Refused(
                _("Chưa đủ điều kiện để đánh giá “Đạt”: %(why)s") % {"why": " ".join(rule.unmet())},
                code="rule",
            )
        event = transition_apply(
            locked,
            transition,
            by=by,
            comment=comment,
            result=result,
            assisted=assisted,
            score_changes=changes,
        )
        locked.save(
            update_fields=["status", "commune_result", "submitted_at", "decided_at", "updated_at"]
        )
        event.save()
        application_events_notify(events=[event])
    return locked


def transitions_available(*, application: Application, user) -> list[Transition]:
    """The officer transitions ``user`` may try on ``application`` in its current state
    (windows are checked when they try, with the reason shown)."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.permission is not None
        and application.status in t.sources
        and user_can(user=user, action=t.permission, obj=application)
    ]
