"""Recognition decisions: the People's Committee recognises appraised applications.

A commune decides in batches. A decision covers exactly the applications it names and locks
those only: everything still in review goes on and later into a supplementary decision of the
same cycle (numbered, linked to the commune's first decision). A decision is all or nothing: if
any application listed cannot be recognised, nothing is written and every reason is returned.
A correcting decision (``corrects``) lists again everyone it recognises; those of the corrected
decision it leaves out are withdrawn (their certificates revoked).

``decision_preview`` answers, without writing, exactly what ``decision_record`` would lock, so
the officer confirms it first.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import permissions as perms
from certificates.models import (
    Action,
    Application,
    ApplicationEvent,
    Cycle,
    RecognitionDecision,
    Stage,
    Status,
)
from certificates.selectors import decision_first
from certificates.services.base import Refused, window_require
from certificates.signals import title_recognised, title_recognition_withdrawn
from people.permissions import user_can


class DecisionRefused(Refused):
    """Refused, with one reason per application in ``problems`` ([(id, name, reason)])."""

    def __init__(self, message, *, problems=(), code="input"):
        super().__init__(message, code=code)
        self.problems = list(problems)


@dataclass
class DecisionPlan:
    """What a decision would do: whom it newly recognises, keeps (named again by a
    correction) and withdraws (left out by a correction); whether it supplements the first."""

    corrects: RecognitionDecision | None = None
    supplements: RecognitionDecision | None = None
    supplement_number: int | None = None
    recognise: list = field(default_factory=list)
    keep: list = field(default_factory=list)
    withdraw: list = field(default_factory=list)

    @property
    def named(self) -> list:
        """Every application the decision names (and so locks)."""
        return sorted([*self.recognise, *self.keep], key=lambda a: a.pk)


def _check_corrects(corrects, cycle, commune, *, lock: bool) -> RecognitionDecision:
    rows = RecognitionDecision.objects.select_for_update() if lock else RecognitionDecision.objects
    corrects = rows.get(pk=corrects.pk)
    if corrects.cycle_id != cycle.pk or corrects.commune_id != commune.pk:
        raise DecisionRefused(_("Quyết định cần đính chính không thuộc xã và đợt này."))
    if not corrects.is_current:
        raise DecisionRefused(
            _("%(decision)s đã được đính chính bởi %(newer)s; hãy đính chính quyết định mới nhất.")
            % {"decision": corrects, "newer": corrects.corrected_by}
        )
    return corrects


def _check_request(*, cycle, commune, by, fields, signed_on, ids, on) -> None:
    if not user_can(user=by, action=perms.DECIDE, unit=commune):
        raise Refused(_("Bạn không có quyền ghi quyết định công nhận ở xã này."), code="permission")
    window_require(cycle=cycle, stage=Stage.APPRAISAL, on=on)
    if not all(fields.values()) or signed_on is None:
        raise Refused(
            _("Hãy ghi đủ số quyết định, ngày ký, người ký, chức vụ và cơ quan ban hành."),
            code="input",
        )
    if not ids:
        raise Refused(_("Hãy chọn ít nhất một hồ sơ được công nhận."), code="input")


def _plan(*, cycle, commune, ids: set[int], corrects, lock: bool) -> DecisionPlan:
    """Read (``lock``: lock) the rows and work out the decision, or raise DecisionRefused."""
    plan = DecisionPlan()
    if corrects is not None:
        plan.corrects = _check_corrects(corrects, cycle, commune, lock=lock)
    else:
        plan.supplements = decision_first(cycle=cycle, commune=commune)
        if plan.supplements is not None:
            last = RecognitionDecision.objects.filter(cycle=cycle, commune=commune).aggregate(
                last=Max("supplement_number")
            )["last"]
            plan.supplement_number = (last or 0) + 1
    rows = Application.objects.select_for_update(of=("self",)) if lock else Application.objects
    applications = list(
        rows.select_related("applicant", "hamlet").filter(pk__in=ids).order_by("pk")
    )
    problems = [
        (pk, "", _("Không tìm thấy hồ sơ này.")) for pk in ids - {a.pk for a in applications}
    ]
    for application in applications:
        name = application.applicant.get_full_name()
        if application.cycle_id != cycle.pk or application.commune_id != commune.pk:
            problems.append((application.pk, name, _("Hồ sơ không thuộc xã và đợt này.")))
        elif application.status == Status.APPRAISED:
            plan.recognise.append(application)
        elif (
            plan.corrects is not None
            and application.status == Status.RECOGNISED
            and application.decision_id == plan.corrects.pk
        ):
            plan.keep.append(application)
        elif application.status == Status.RECOGNISED and application.decision_id:
            problems.append(
                (
                    application.pk,
                    name,
                    _("Hồ sơ đã được công nhận theo %(decision)s.")
                    % {"decision": application.decision},
                )
            )
        else:
            problems.append(
                (
                    application.pk,
                    name,
                    _("Hồ sơ đang ở bước “%(status)s”: chỉ công nhận hồ sơ UBND xã đã thẩm định.")
                    % {"status": application.get_status_display()},
                )
            )
    if problems:
        raise DecisionRefused(
            _("Chưa ghi quyết định: %(count)s hồ sơ không công nhận được.")
            % {"count": len(problems)},
            problems=problems,
        )
    if plan.corrects is not None:
        plan.withdraw = list(
            rows.select_related("applicant", "hamlet")
            .filter(decision=plan.corrects, status=Status.RECOGNISED)
            .exclude(pk__in=ids)
            .order_by("pk")
        )
    return plan


def _clean(number, signer_name, signer_title, issuing_body) -> dict:
    fields = {
        "number": number,
        "signer_name": signer_name,
        "signer_title": signer_title,
        "issuing_body": issuing_body,
    }
    return {name: (value or "").strip() for name, value in fields.items()}


def decision_preview(
    *,
    cycle: Cycle,
    commune,
    number: str,
    signed_on,
    signer_name: str,
    signer_title: str,
    issuing_body: str,
    application_ids,
    by,
    corrects: RecognitionDecision | None = None,
    on=None,
) -> DecisionPlan:
    """What ``decision_record`` with the same arguments would do, written nowhere: the
    applications it would recognise, keep and withdraw, and whether it is supplementary.
    Raises exactly what ``decision_record`` raises (except a number already used)."""
    fields = _clean(number, signer_name, signer_title, issuing_body)
    ids = {int(i) for i in application_ids}
    _check_request(
        cycle=cycle, commune=commune, by=by, fields=fields, signed_on=signed_on, ids=ids, on=on
    )
    return _plan(cycle=cycle, commune=commune, ids=ids, corrects=corrects, lock=False)


def decision_record(
    *,
    cycle: Cycle,
    commune,
    number: str,
    signed_on,
    signer_name: str,
    signer_title: str,
    issuing_body: str,
    application_ids,
    by,
    corrects: RecognitionDecision | None = None,
    note: str = "",
    on=None,
) -> RecognitionDecision:
    """Record a decision recognising ``application_ids`` (appraised applications of
    ``commune`` in ``cycle``; for a correction, also those the corrected decision recognised).

    The decision locks the applications it names and nothing else. Without ``corrects`` it is
    the commune's first decision of the cycle, or a supplementary one (numbered, linked to the
    first). Raises Refused when ``by`` may not decide for the commune, the appraisal stage is
    closed, the number is used or a field is missing; DecisionRefused listing each application
    that cannot be recognised. On success the applications become "recognised" (those a
    correction leaves out: "not recognised"), each gets a history line, and
    ``title_recognised`` / ``title_recognition_withdrawn`` are sent after commit.
    """
    fields = _clean(number, signer_name, signer_title, issuing_body)
    ids = {int(i) for i in application_ids}
    _check_request(
        cycle=cycle, commune=commune, by=by, fields=fields, signed_on=signed_on, ids=ids, on=on
    )
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)  # one decision at a time per cycle
        plan = _plan(cycle=cycle, commune=commune, ids=ids, corrects=corrects, lock=True)
        try:
            with transaction.atomic():
                decision = RecognitionDecision.objects.create(
                    cycle=cycle,
                    commune=commune,
                    signed_on=signed_on,
                    corrects=plan.corrects,
                    supplements=plan.supplements,
                    supplement_number=plan.supplement_number,
                    note=(note or "").strip(),
                    recorded_by=by,
                    **fields,
                )
        except IntegrityError as error:
            raise Refused(
                _("Số quyết định “%(number)s” đã được ghi cho xã trong đợt này.")
                % {"number": fields["number"]},
                code="input",
            ) from error
        decision.applications.set(plan.named)
        _apply(decision, plan, by)
    for application in plan.recognise:
        transaction.on_commit(
            lambda application=application: title_recognised.send(
                sender=Application, application=application, decision=decision
            )
        )
    for application in plan.withdraw:
        transaction.on_commit(
            lambda application=application: title_recognition_withdrawn.send(
                sender=Application, application=application, decision=decision
            )
        )
    return decision


def _event(application, action, source, target, by, now, comment):
    return ApplicationEvent(
        application=application,
        action=action,
        from_status=source,
        to_status=target,
        by=by,
        at=now,
        comment=comment,
    )


def _apply(decision, plan: DecisionPlan, by) -> None:
    now = timezone.now()
    comment = str(decision)
    if plan.corrects is not None:
        comment = _("%(decision)s (đính chính %(old)s)") % {
            "decision": decision,
            "old": plan.corrects,
        }
    events = []
    for application in plan.recognise:
        application.status = Status.RECOGNISED
        application.decision = application.recognised_by = decision
        application.decided_at = application.updated_at = now
        events.append(
            _event(application, Action.RECOGNISE, Status.APPRAISED, Status.RECOGNISED, by, now,
                   comment)
        )  # fmt: skip
    for application in plan.keep:
        application.recognised_by_id = application.recognised_by_id or application.decision_id
        application.decision = decision
        application.updated_at = now
        events.append(
            _event(application, Action.DECISION_CORRECTED, Status.RECOGNISED, Status.RECOGNISED,
                   by, now, comment)
        )  # fmt: skip
    for application in plan.withdraw:
        application.recognised_by_id = application.recognised_by_id or application.decision_id
        application.status = Status.NOT_RECOGNISED
        application.decision = decision
        application.decided_at = application.updated_at = now
        events.append(
            _event(application, Action.WITHDRAW, Status.RECOGNISED, Status.NOT_RECOGNISED, by,
                   now, comment)
        )  # fmt: skip
    Application.objects.bulk_update(
        [*plan.recognise, *plan.keep, *plan.withdraw],
        ["status", "decision", "recognised_by", "decided_at", "updated_at"],
    )
    ApplicationEvent.objects.bulk_create(events)
