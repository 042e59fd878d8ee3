"""A citizen's application before review: registering for the cycle (or an officer doing it for
them), self-scores, totals and the indicator-5 suggestion from the digital-competence profile.

The applicant acts on their own application; an officer with ``certificates.assist`` over the
applicant's hamlet may act for them, and the record keeps who entered what.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import permissions as perms
from certificates.models import (
    Action,
    Application,
    ApplicationEvent,
    Evidence,
    IndicatorScore,
    Stage,
    Status,
)
from certificates.rules import RuleCheck, rule_check, unit_is_remote
from certificates.selectors import criteria_set_current, cycle_for
from certificates.services.base import (
    Refused,
    score_check,
    today,
    window_refusal,
    window_require,
)
from people.models import Profile
from people.permissions import user_can
from people.selectors import unit_commune_on
from people.services import access_log_record
from progress.selectors import competence_profile

# Where a returned application may be sent again: any stage of the cycle still open.
RESUBMIT_STAGES = (
    Stage.REGISTRATION,
    Stage.BRANCH_REVIEW,
    Stage.COMMUNE_EVALUATION,
    Stage.APPRAISAL,
)


def acting_for(*, application: Application, by) -> bool:
    """May ``by`` act as the applicant? Returns True when ``by`` is an officer acting for them
    (assisted), False when it is the applicant; raises Refused otherwise."""
    if by.pk == application.applicant_id:
        return False
    if user_can(user=by, action=perms.ASSIST, obj=application):
        return True
    raise Refused(_("Bạn không có quyền sửa hồ sơ này."), code="permission")


def edit_window_refusal(*, application: Application, on=None) -> str | None:
    """Why the applicant cannot change or send the application now (None when they can)."""
    if application.status == Status.RETURNED:
        reasons = [window_refusal(cycle=application.cycle, stage=s, on=on) for s in RESUBMIT_STAGES]
        return None if not all(reasons) else reasons[0]
    return window_refusal(cycle=application.cycle, stage=Stage.REGISTRATION, on=on)


def _editable(application: Application, on=None) -> None:
    if not application.is_editable:
        raise Refused(
            _("Hồ sơ đang ở bước “%(status)s”, không sửa được nữa.")
            % {"status": application.get_status_display()},
            code="state",
        )
    reason = edit_window_refusal(application=application, on=on)
    if reason:
        raise Refused(reason, code="window")


def application_rule(*, application: Application, stage: str = "final") -> RuleCheck:
    """The pass rule on the application's self scores (``stage="self"``) or final scores."""
    indicators = list(application.criteria_set.indicators.all())
    scores = {s.indicator_id: s for s in application.scores.all()}
    values = {}
    for indicator in indicators:
        score = scores.get(indicator.pk)
        if score is not None:
            values[indicator.number] = score.self_score if stage == "self" else score.final_score
    return rule_check(
        criteria_set=application.criteria_set,
        indicators=indicators,
        scores=values,
        remote=application.remote_area,
    )


def application_totals_refresh(*, application: Application) -> RuleCheck:
    """Recompute the stored totals and the "meets the rule" flag from the scores (saved)."""
    own = application_rule(application=application, stage="self")
    final = application_rule(application=application)
    application.self_total = own.total
    application.final_total = final.total
    application.meets_rule = final.passes
    Application.objects.filter(pk=application.pk).update(
        self_total=own.total,
        final_total=final.total,
        meets_rule=final.passes,
        remote_area=application.remote_area,
        updated_at=timezone.now(),
    )
    return final


def application_register(
    *, applicant, by, occupation_group=None, request=None, on=None
) -> Application:
    """Register ``applicant`` for this year's cycle of their commune (idempotent: an existing
    application for the cycle is returned as it is, or moved to ``occupation_group``'s criteria
    while it is still a draft).

    ``by`` is the applicant, or an officer allowed to assist in the applicant's hamlet (the
    application then records them as ``entered_by``). Raises Refused when the person has no
    hamlet or occupation group, the commune has no cycle, registration is closed, or ``by`` may
    not act for them.
    """
    day = today(on)
    profile = (
        Profile.objects.select_related("home_unit", "occupation_group")
        .filter(user=applicant)
        .first()
    )
    if profile is None or profile.home_unit_id is None:
        raise Refused(
            _(
                "Hãy cập nhật nơi sinh sống (ấp, khu phố) trong thông tin cá nhân "
                "trước khi đăng ký."
            ),
            code="input",
        )
    assisted = by.pk != applicant.pk
    if assisted and not user_can(user=by, action=perms.ASSIST, obj=profile):
        raise Refused(_("Bạn không có quyền lập hồ sơ hộ cho người này."), code="permission")
    group = occupation_group or profile.occupation_group
    if group is None:
        raise Refused(_("Hãy chọn nhóm đối tượng của bạn."), code="input")
    commune = unit_commune_on(unit=profile.home_unit, on=day)
    cycle = cycle_for(commune=commune, year=day.year) if commune else None
    if cycle is None:
        raise Refused(
            _("Xã của bạn chưa mở đợt đánh giá năm %(year)s. Hãy hỏi chi hội khuyến học ấp.")
            % {"year": day.year},
            code="window",
        )
    criteria_set = criteria_set_current(occupation_group=group, on=day)
    if criteria_set is None:
        raise Refused(_("Chưa có bộ tiêu chí cho nhóm đối tượng này."), code="input")
    existing = Application.objects.filter(applicant=applicant, cycle=cycle).first()
    if existing is not None:
        if existing.status == Status.DRAFT and existing.criteria_set_id != criteria_set.pk:
            return _change_criteria(existing, criteria_set, group, by, on=day)
        return existing
    window_require(cycle=cycle, stage=Stage.REGISTRATION, on=day)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                applicant=applicant,
                cycle=cycle,
                criteria_set=criteria_set,
                occupation_group=group,
                hamlet=profile.home_unit,
                commune=commune,
                remote_area=unit_is_remote(unit=profile.home_unit),
                entered_by=by if assisted else None,
            )
            _scores_create(application)
            ApplicationEvent.objects.create(
                application=application,
                action=Action.REGISTER,
                to_status=Status.DRAFT,
                by=by,
                assisted=assisted,
            )
            application_suggestion_refresh(application=application)
            if assisted:
                access_log_record(
                    actor=by,
                    action="certificates_register_assisted",
                    subject=applicant,
                    request=request,
                )
    except IntegrityError:  # a double click: the other request created it
        return Application.objects.get(applicant=applicant, cycle=cycle)
    return application


def _scores_create(application: Application) -> None:
    IndicatorScore.objects.bulk_create(
        IndicatorScore(application=application, indicator=indicator)
        for indicator in application.criteria_set.indicators.all()
    )


def _change_criteria(application, criteria_set, group, by, *, on) -> Application:
    """A draft moves to another occupation group's criteria: scores and evidence follow their
    indicator number (the ten indicators are the same in every variant)."""
    _editable(application, on=on)
    with transaction.atomic():
        new_indicators = {i.number: i for i in criteria_set.indicators.all()}
        old_scores = {s.indicator.number: s for s in application.scores.select_related("indicator")}
        for item in application.evidence.select_related("indicator"):
            target = new_indicators.get(item.indicator.number)
            if target is None:
                item.delete()
            else:
                Evidence.objects.filter(pk=item.pk).update(indicator=target)
        application.scores.all().delete()
        IndicatorScore.objects.bulk_create(
            IndicatorScore(
                application=application,
                indicator=indicator,
                self_score=getattr(old_scores.get(number), "self_score", None),
                self_entered_by=getattr(old_scores.get(number), "self_entered_by", None),
            )
            for number, indicator in new_indicators.items()
        )
        application.criteria_set = criteria_set
        application.occupation_group = group
        application.save(update_fields=["criteria_set", "occupation_group", "updated_at"])
        application_suggestion_refresh(application=application)
        application_totals_refresh(application=application)
    return application


def application_scores_save(
    *, application: Application, by, scores: dict[int, int | None], on=None
) -> RuleCheck:
    """Save self scores (indicator number → points, None to clear) on an editable application.

    Refuses a score outside 0…the indicator's maximum. Records who entered each score; an
    officer's entry is also written to the history. Returns the rule check on self scores.
    """
    assisted = acting_for(application=application, by=by)
    _editable(application, on=on)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_editable:
            raise Refused(_("Hồ sơ vừa được gửi đi, không sửa được nữa."), code="state")
        rows = list(locked.scores.select_related("indicator"))
        changed = {}
        for row in rows:
            number = row.indicator.number
            if number not in scores:
                continue
            value = scores[number]
            score_check(row=row, value=value)
            if value != row.self_score:
                changed[str(number)] = {"stage": "self", "from": row.self_score, "to": value}
                row.self_score = value
                row.self_entered_by = by
        IndicatorScore.objects.bulk_update(rows, ["self_score", "self_entered_by"])
        locked.remote_area = unit_is_remote(unit=locked.hamlet)
        application_totals_refresh(application=locked)
        if assisted and changed:
            ApplicationEvent.objects.create(
                application=locked,
                action=Action.SAVE,
                from_status=locked.status,
                to_status=locked.status,
                by=by,
                score_changes=changed,
                assisted=True,
            )
    application.self_total, application.final_total = locked.self_total, locked.final_total
    application.meets_rule, application.remote_area = locked.meets_rule, locked.remote_area
    return application_rule(application=locked, stage="self")


def application_suggestion_refresh(*, application: Application) -> int:
    """Set the digital-skills indicator's suggested score from the applicant's competence
    profile, and keep the profile attached as platform-verified evidence. Returns the score."""
    profile = competence_profile(learner=application.applicant)
    score = profile.indicator5_score
    Application.objects.filter(pk=application.pk).update(indicator5_suggestion=score)
    application.indicator5_suggestion = score
    indicator = application.criteria_set.indicators.filter(is_digital_skills=True).first()
    if indicator is None:
        return score
    title = _("Hồ sơ năng lực số: điểm gợi ý %(score)s/10") % {"score": score}
    if profile.proficient:
        title += " — " + _("thành thạo kỹ năng số")
    elif profile.has_skills:
        title += " — " + _("có kỹ năng số")
    reached = "; ".join(f"{d.name}: {_('bậc')} {d.level}" for d in profile.domains if d.level)
    if reached:
        title += f" ({reached})"
    Evidence.objects.update_or_create(
        application=application,
        indicator=indicator,
        kind=Evidence.Kind.COMPETENCE,
        defaults={"title": title[:255], "platform_verified": True, "added_at": timezone.now()},
    )
    return score


def applications_suggestion_refresh(*, learner) -> int:
    """Refresh the suggestion on the learner's applications still being written. Returns how
    many were refreshed."""
    applications = Application.objects.filter(
        applicant=learner, status__in=(Status.DRAFT, Status.RETURNED)
    ).select_related("applicant", "criteria_set")
    count = 0
    for application in applications:
        application_suggestion_refresh(application=application)
        count += 1
    return count
