"""Criteria sets and cycles: new versions of a frozen set, reopening a stage of a cycle."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import permissions as perms
from certificates.models import (
    CriteriaSet,
    Criterion,
    Cycle,
    CycleWindowExtension,
    Indicator,
    Stage,
)
from certificates.services.base import Refused
from people.permissions import user_can


def criteria_set_new_version(*, criteria_set: CriteriaSet, by) -> CriteriaSet:
    """Copy a set (its criteria and indicators) as the next version of its family.

    The copy is not in force (``is_active`` off) until an administrator switches it on, so
    applications keep using the current version meanwhile. Raises Refused for anyone without
    ``certificates.manage_criteria``.
    """
    if by is not None and not user_can(user=by, action=perms.MANAGE_CRITERIA):
        raise Refused(_("Bạn không có quyền sửa bộ tiêu chí."), code="permission")
    with transaction.atomic():
        # Two clicks at once: the unique (family, version) refuses the second copy.
        latest = CriteriaSet.objects.filter(family=criteria_set.family).aggregate(v=Max("version"))[
            "v"
        ]
        source = CriteriaSet.objects.get(pk=criteria_set.pk)
        copy = CriteriaSet.objects.create(
            family=source.family,
            version=(latest or 0) + 1,
            name=source.name,
            issuer=source.issuer,
            decision_reference=source.decision_reference,
            valid_from=source.valid_from,
            occupation_group=source.occupation_group,
            pass_total=source.pass_total,
            pass_min_indicator=source.pass_min_indicator,
            remote_pass_total=source.remote_pass_total,
            is_active=False,
            previous=source,
            notes=source.notes,
            created_by=by,
            created_at=timezone.now(),
        )
        Criterion.objects.bulk_create(
            Criterion(criteria_set=copy, number=c.number, title=c.title)
            for c in source.criteria.all()
        )
        Indicator.objects.bulk_create(
            Indicator(
                criteria_set=copy,
                number=i.number,
                criterion_number=i.criterion_number,
                text=i.text,
                max_points=i.max_points,
                evidence_guidance=i.evidence_guidance,
                is_digital_skills=i.is_digital_skills,
            )
            for i in source.indicators.all()
        )
    return copy


def cycle_stage_reopen(
    *, cycle: Cycle, stage: str, until, reason: str, by, opens_on=None
) -> CycleWindowExtension:
    """Open ``stage`` of ``cycle`` again from ``opens_on`` (today) to ``until``, recording who
    and why. Only for holders of ``certificates.manage_cycles`` over the cycle's unit."""
    if not user_can(user=by, action=perms.MANAGE_CYCLES, unit=cycle.unit):
        raise Refused(_("Chỉ quản trị hệ thống được mở lại một giai đoạn."), code="permission")
    if stage not in Stage.values:
        raise Refused(_("Giai đoạn không hợp lệ."), code="input")
    opens_on = opens_on or timezone.localdate()
    if until < opens_on or not (reason or "").strip():
        raise Refused(_("Hãy ghi ngày mở đến (không trước hôm nay) và lý do."), code="input")
    return CycleWindowExtension.objects.create(
        cycle=cycle,
        stage=stage,
        opens_on=opens_on,
        until=until,
        reason=reason.strip(),
        granted_by=by,
    )
