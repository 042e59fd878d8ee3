"""Bulk actions of officers' lists: one transition applied to many applications.

Every id is checked on its own — in the officer's scope for the action (the posted list is
never trusted), in the right state and window — with the same checks as a
single transition (``certificates.services.review``). Refused items are reported with their
reason; the others are applied ``chunk_size`` rows per transaction, rows locked while applied,
one UPDATE per distinct outcome and one INSERT for the history lines.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Action, Application, ApplicationEvent, CommuneResult
from certificates.notices import application_events_notify
from certificates.selectors import applications_scoped
from certificates.services.base import Refused
from certificates.services.review import (
    RESULT_AUTO,
    TRANSITIONS,
    TransitionChecker,
    transition_apply,
)
from certificates.signals import applications_moved


@dataclass
class BulkReport:
    action: str
    done: list = field(default_factory=list)  # [(id, name)]
    refused: list = field(default_factory=list)  # [(id, name or "", reason)]


def applications_bulk_transition(
    *,
    ids,
    action: str,
    by,
    comment: str = "",
    result: str = RESULT_AUTO,
    on=None,
    chunk_size: int = 500,
) -> BulkReport:
    """Apply one officer transition to many applications. Every id is checked on its own:
    in the officer's scope for the action (never trusting the submitted list), in the right
    state and window. Refused items are reported with their reason; the
    others are applied, ``chunk_size`` rows per transaction (rows locked while applied).
    Officer scores are not changed in bulk (the stored totals decide an "auto" evaluation)."""
    transition = TRANSITIONS.get(action)
    report = BulkReport(action=action)
    if transition is None or transition.permission is None:
        raise Refused(_("Thao tác không hợp lệ."), code="input")
    wanted = sorted({int(i) for i in ids})
    checker = TransitionChecker(on=on)
    for start in range(0, len(wanted), chunk_size):
        chunk = wanted[start : start + chunk_size]
        with transaction.atomic():
            scoped = set(
                applications_scoped(user=by, action=transition.permission)
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )
            rows = {
                a.pk: a
                for a in Application.objects.select_for_update(of=("self",))
                .select_related("cycle", "applicant")
                .filter(pk__in=scoped)
                .order_by("pk")
            }
            moved, events, now = [], [], timezone.now()
            for pk in chunk:
                application = rows.get(pk)
                if application is None:
                    report.refused.append(
                        (pk, "", _("Không tìm thấy hồ sơ này trong địa bàn của bạn."))
                    )
                    continue
                name = application.applicant.get_full_name()
                problem = checker.refusal(application, transition, comment=comment, result=result)
                if problem is None and (
                    transition.action == Action.COMMUNE_EVALUATE
                    and result == CommuneResult.MEETS
                    and not application.meets_rule
                ):
                    problem = (
                        "rule",
                        _(
                            "Chưa đủ điều kiện để đánh giá “Đạt” (tổng %(total)s điểm, hoặc có chỉ "
                            "số dưới mức tối thiểu)."
                        )
                        % {"total": application.final_total},
                    )
                if problem:
                    report.refused.append((pk, name, problem[1]))
                    continue
                events.append(
                    transition_apply(
                        application,
                        transition,
                        by=by,
                        comment=comment,
                        result=result,
                        assisted=False,
                        now=now,
                    )
                )
                moved.append(application)
                report.done.append((pk, name))
            _save_moved(moved)
            ApplicationEvent.objects.bulk_create(events)
            application_events_notify(events=events)
    return report


def _save_moved(moved) -> None:
    """One UPDATE per distinct outcome (a bulk action gives at most a few), not one per row."""
    groups: dict[tuple, list[int]] = {}
    for application in moved:
        key = (
            application.status,
            application.commune_result,
            application.decided_at,
            application.updated_at,
        )
        groups.setdefault(key, []).append(application.pk)
    for (status, result, decided_at, updated_at), pks in groups.items():
        Application.objects.filter(pk__in=pks).update(
            status=status, commune_result=result, decided_at=decided_at, updated_at=updated_at
        )
    ids = [application.pk for application in moved]
    if ids:
        transaction.on_commit(
            lambda: applications_moved.send(sender=Application, application_ids=ids)
        )
