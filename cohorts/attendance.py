"""Attendance at a class's sessions (điểm danh), marked tap by tap on a phone.

``attendance_mark`` is idempotent and ordered: every tap carries the marking device's sequence
(``client_seq``, milliseconds, strictly increasing per page), the same tap sent twice changes
nothing, and an older request retried after a newer tap never overwrites it. The live dashboard
hears of each change after it commits (cohorts.live).
"""

import time
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Attendance, CohortMember, Session
from cohorts.selectors import cohort_can_manage

STATUSES = {
    "present": {"present": True, "excused": False},
    "absent": {"present": False, "excused": False},
    "excused": {"present": False, "excused": True},
}
SEQ_MAX = 2**62  # well inside PositiveBigIntegerField on every database


@dataclass(frozen=True)
class Marked:
    """What is stored after a tap: its status and sequence, and whether this tap changed it."""

    status: str
    seq: int
    applied: bool


def server_seq() -> int:
    """A sequence for taps made without JavaScript (the plain form): the server's clock in ms."""
    return int(time.time() * 1000)


def attendance_mark(*, session: Session, learner_id: int, status: str, seq: int, by) -> Marked:
    """Store ``status`` ("present", "absent", "excused") for one member at ``session``.

    Applied only when ``seq`` is newer than the stored tap's; otherwise nothing is written and
    the stored value is returned (a double tap or a retried request is harmless). Raises
    PermissionDenied (Vietnamese) unless ``by`` manages the session's class, ValidationError
    for an unknown status, a bad sequence or someone who is not a member. Returns ``Marked``.
    """
    if not cohort_can_manage(user=by, cohort=session.cohort):
        raise PermissionDenied(
            _("Chỉ giảng viên của lớp hoặc cán bộ phụ trách mới được điểm danh.")
        )
    if status not in STATUSES:
        raise ValidationError(_("Trạng thái điểm danh không hợp lệ."))
    if not isinstance(seq, int) or not 0 < seq < SEQ_MAX:
        raise ValidationError(_("Thứ tự lần chạm không hợp lệ. Hãy tải lại trang."))
    if not CohortMember.objects.filter(cohort_id=session.cohort_id, learner_id=learner_id).exists():
        raise ValidationError(_("Người này không phải học viên của lớp."))
    fields = {**STATUSES[status], "client_seq": seq, "marked_by": by, "marked_at": timezone.now()}
    older = Attendance.objects.filter(session=session, learner_id=learner_id, client_seq__lt=seq)
    with transaction.atomic():
        applied = bool(older.update(**fields))
        if not applied:
            try:
                with transaction.atomic():
                    Attendance.objects.create(session=session, learner_id=learner_id, **fields)
                applied = True
            except IntegrityError:
                # Another tap stored the row meanwhile (a double tap: both found none to
                # update). It is committed now, so this tap wins if it is the newer one.
                applied = bool(older.update(**fields))
        stored = Attendance.objects.get(session=session, learner_id=learner_id)
        if applied:
            _announce(session, learner_id)
    return Marked(status=stored.status, seq=stored.client_seq, applied=applied)


def _announce(session: Session, learner_id: int) -> None:
    from cohorts.live import live_learner_changed

    cohort_id = session.cohort_id
    transaction.on_commit(
        lambda: live_learner_changed(
            learner_id=learner_id, cohort_ids=[cohort_id], reason="attendance"
        )
    )


def session_roster(*, session: Session) -> list[dict]:
    """The members of the session's class, by name, with their stored status (None: not yet
    marked) and sequence. Two queries."""
    marks = {
        row.learner_id: row
        for row in Attendance.objects.filter(session=session).only(
            "learner_id", "present", "excused", "client_seq"
        )
    }
    members = (
        CohortMember.objects.filter(cohort_id=session.cohort_id)
        .select_related("learner", "learner__profile", "learner__profile__home_unit")
        .order_by("learner__full_name", "learner_id")
    )
    roster = []
    for member in members:
        mark = marks.get(member.learner_id)
        profile = getattr(member.learner, "profile", None)
        roster.append(
            {
                "id": member.learner_id,
                "name": member.learner.get_full_name() or str(member.learner),
                "year": getattr(profile, "year_of_birth", None),
                "hamlet": getattr(profile, "home_unit", None),
                "status": mark.status if mark else None,
                "seq": mark.client_seq if mark else 0,
            }
        )
    return roster


def session_counts(roster: list[dict]) -> dict:
    counts = {"present": 0, "absent": 0, "excused": 0, "unmarked": 0}
    for row in roster:
        counts[row["status"] or "unmarked"] += 1
    return counts


def cohort_session_can_mark(*, user, session: Session) -> bool:
    return cohort_can_manage(user=user, cohort=session.cohort)
