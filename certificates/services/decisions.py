"""Recognition decisions: the People's Committee recognises appraised applications.

A decision is all or nothing: if any application listed cannot be recognised, nothing is
written and every reason is returned. The first decision of a commune in a cycle locks that
commune's list; after that only a correcting decision (``corrects``) may change who is
recognised, and it lists again everyone it recognises.
"""

from django.db import IntegrityError, transaction
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
from certificates.services.base import Refused, list_lock, locked_message, window_require
from certificates.signals import title_recognised, title_recognition_withdrawn
from people.permissions import user_can


class DecisionRefused(Refused):
    """Refused, with one reason per application in ``problems`` ([(id, name, reason)])."""

    def __init__(self, message, *, problems=(), code="input"):
        super().__init__(message, code=code)
        self.problems = list(problems)


def _check_corrects(corrects, cycle, commune) -> RecognitionDecision:
    corrects = RecognitionDecision.objects.select_for_update().get(pk=corrects.pk)
    if corrects.cycle_id != cycle.pk or corrects.commune_id != commune.pk:
        raise DecisionRefused(_("Quyết định cần đính chính không thuộc xã và đợt này."))
    if not corrects.is_current:
        raise DecisionRefused(
            _("%(decision)s đã được đính chính bởi %(newer)s; hãy đính chính quyết định mới nhất.")
            % {"decision": corrects, "newer": corrects.corrected_by}
        )
    return corrects


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

    Raises Refused when ``by`` may not decide for the commune, the appraisal stage is closed,
    the list is already locked (and this is not a correction) or a field is missing;
    DecisionRefused listing each application that cannot be recognised. On success the
    applications become "recognised" (those a correction leaves out: "not recognised"), each
    gets a history line, and ``title_recognised`` is sent after commit for each newly
    recognised application.
    """
    if not user_can(user=by, action=perms.DECIDE, unit=commune):
        raise Refused(_("Bạn không có quyền ghi quyết định công nhận ở xã này."), code="permission")
    window_require(cycle=cycle, stage=Stage.APPRAISAL, on=on)
    fields = {
        "number": number,
        "signer_name": signer_name,
        "signer_title": signer_title,
        "issuing_body": issuing_body,
    }
    fields = {name: (value or "").strip() for name, value in fields.items()}
    if not all(fields.values()) or signed_on is None:
        raise Refused(
            _("Hãy ghi đủ số quyết định, ngày ký, người ký, chức vụ và cơ quan ban hành."),
            code="input",
        )
    ids = {int(i) for i in application_ids}
    if not ids:
        raise Refused(_("Hãy chọn ít nhất một hồ sơ được công nhận."), code="input")
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)  # one decision at a time per cycle
        if corrects is None:
            lock = list_lock(cycle_id=cycle.pk, commune_id=commune.pk)
            if lock is not None:
                raise Refused(locked_message(lock), code="locked")
        else:
            corrects = _check_corrects(corrects, cycle, commune)
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .select_related("applicant")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        problems = [
            (pk, "", _("Không tìm thấy hồ sơ này.")) for pk in ids - {a.pk for a in applications}
        ]
        for application in applications:
            name = application.applicant.get_full_name()
            if application.cycle_id != cycle.pk or application.commune_id != commune.pk:
                problems.append((application.pk, name, _("Hồ sơ không thuộc xã và đợt này.")))
            elif application.status == Status.APPRAISED or (
                corrects is not None
                and application.status == Status.RECOGNISED
                and application.decision_id == corrects.pk
            ):
                continue
            else:
                problems.append(
                    (
                        application.pk,
                        name,
                        _(
                            "Hồ sơ đang ở bước “%(status)s”: chỉ công nhận hồ sơ UBND xã "
                            "đã thẩm định."
                        )
                        % {"status": application.get_status_display()},
                    )
                )
        if problems:
            raise DecisionRefused(
                _("Chưa ghi quyết định: %(count)s hồ sơ không công nhận được.")
                % {"count": len(problems)},
                problems=problems,
            )
        try:
            with transaction.atomic():
                decision = RecognitionDecision.objects.create(
                    cycle=cycle,
                    commune=commune,
                    signed_on=signed_on,
                    corrects=corrects,
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
        decision.applications.set(applications)
        newly, withdrawn = _apply(decision, applications, corrects, by)
    for application in newly:
        transaction.on_commit(
            lambda application=application: title_recognised.send(
                sender=Application, application=application, decision=decision
            )
        )
    for application in withdrawn:
        transaction.on_commit(
            lambda application=application: title_recognition_withdrawn.send(
                sender=Application, application=application, decision=decision
            )
        )
    return decision


def _apply(decision, applications, corrects, by):
    now = timezone.now()
    comment = str(decision)
    if corrects is not None:
        comment = _("%(decision)s (đính chính %(old)s)") % {"decision": decision, "old": corrects}
    events, newly = [], []
    for application in applications:
        source = application.status
        if source == Status.APPRAISED:
            newly.append(application)
        application.status = Status.RECOGNISED
        application.decision = decision
        application.decided_at = now if source == Status.APPRAISED else application.decided_at
        application.updated_at = now
        action = Action.RECOGNISE if source == Status.APPRAISED else Action.DECISION_CORRECTED
        events.append(
            ApplicationEvent(
                application=application,
                action=action,
                from_status=source,
                to_status=Status.RECOGNISED,
                by=by,
                at=now,
                comment=comment,
            )
        )
    withdrawn = []
    if corrects is not None:
        kept = {a.pk for a in applications}
        for application in (
            Application.objects.select_for_update(of=("self",))
            .filter(decision=corrects)
            .exclude(pk__in=kept)
        ):
            application.status = Status.NOT_RECOGNISED
            application.decision = decision
            application.decided_at = application.updated_at = now
            withdrawn.append(application)
            events.append(
                ApplicationEvent(
                    application=application,
                    action=Action.WITHDRAW,
                    from_status=Status.RECOGNISED,
                    to_status=Status.NOT_RECOGNISED,
                    by=by,
                    at=now,
                    comment=comment,
                )
            )
    Application.objects.bulk_update(
        [*applications, *withdrawn], ["status", "decision", "decided_at", "updated_at"]
    )
    ApplicationEvent.objects.bulk_create(events)
    return newly, withdrawn
