"""Bulk enrolment of a class from a hamlet's list: upload → preview (a verdict per row) →
confirm → enrol.

Nothing is written before the confirmation but the preview itself (the rows as read, kept
server-side under a random token and tied to the uploader). The confirmation computes every
verdict again; if one changed meanwhile the preview is shown again instead. New people get
assisted accounts exactly as an officer's assisted registration makes them
(``people.assisted_bulk.users_register_assisted``, the bulk form of
``people.services.user_register_assisted``: consent confirmed by the officer, a one-time
activation code, never a password). Uploading the same list twice changes nothing: its people
are then found, already in the class.
"""

import contextlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortMember, ImportPreview
from cohorts.selectors import cohort_can_manage
from cohorts.services import cohort_members_add
from people.assisted_bulk import AssistedRow, users_register_assisted
from people.models import AdministrativeUnit, Profile, UnitLevel, User
from people.permissions import permissions_memo, unit_ids_for, user_can
from people.selectors import unit_hamlet_choices, unit_scope_q
from people.services import IssuedActivation, access_log_record
from people.validators import (
    citizen_id_normalise,
    name_normalise,
    phone_normalise,
    validate_year_of_birth,
)

PREVIEW_TTL = timedelta(hours=24)

MEMBER = "member"  # an existing person already in the class: nothing to do
MATCH = "match"  # an existing person, found by phone or CCCD: enrolled
NEW = "new"  # no account yet: registered on their behalf, then enrolled
DUPLICATE = "duplicate"  # the same person earlier in the file: skipped
INVALID = "invalid"  # a value is wrong (phone, name, year, CCCD, formula, hamlet)
OUTSIDE = "outside"  # the person or the hamlet is outside the user's area
REFUSED = "refused"  # a new person the user may not register (not an officer)
WRITES = (MATCH, NEW)


class ImportError_(Exception):
    """The confirmation cannot go on; ``str(error)`` is a Vietnamese message."""


class ImportAlreadyConfirmed(ImportError_):
    """The preview was confirmed already (a second click): nothing more was written."""

    def __init__(self, message: str, confirmed_at):
        super().__init__(message)
        self.confirmed_at = confirmed_at


class ImportChanged(Exception):
    """Verdicts changed since the preview; the new preview is attached."""

    def __init__(self, preview: "Preview"):
        super().__init__("changed")
        self.preview = preview


@dataclass
class Verdict:
    line: int
    kind: str
    message: str
    row: dict
    phone: str = ""
    citizen_id: str | None = None
    year_of_birth: int | None = None
    hamlet: AdministrativeUnit | None = None
    person: User | None = None


@dataclass
class Preview:
    token: str
    cohort: Cohort
    filename: str
    verdicts: list[Verdict] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for verdict in self.verdicts if verdict.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in (MEMBER, MATCH, NEW, DUPLICATE, INVALID,
                                                    OUTSIDE, REFUSED)}  # fmt: skip

    @property
    def writes(self) -> int:
        return sum(1 for verdict in self.verdicts if verdict.kind in WRITES)


class _Context:
    """What every row is checked against, loaded once for the whole file."""

    def __init__(self, *, cohort: Cohort, user: User, rows: list[dict]):
        self.cohort, self.user = cohort, user
        scope = unit_ids_for(user=user, action="cohorts.manage")
        units = AdministrativeUnit.objects.all()
        if scope is not None:
            units = units.filter(unit_scope_q(unit_ids=scope))
        area = cohort.unit if cohort.unit.level == UnitLevel.COMMUNE else cohort.unit.parent
        area_q = unit_scope_q(unit_ids=[area.pk]) if area is not None else None
        self.in_scope = set(units.filter(area_q).values_list("pk", flat=True)) if area_q else set()
        self.hamlets: dict[str, list[AdministrativeUnit]] = {}
        for hamlet in unit_hamlet_choices().filter(pk__in=self.in_scope):
            self.hamlets.setdefault(name_normalise(hamlet.name), []).append(hamlet)
        phones, ids = set(), set()
        for row in rows:
            with contextlib.suppress(ValidationError):
                phones.add(phone_normalise(row.get("phone", "")))
            if re.fullmatch(r"\d{9}|\d{12}", re.sub(r"\s", "", row.get("citizen_id", ""))):
                ids.add(re.sub(r"\s", "", row["citizen_id"]))
        users = User.objects.filter(phone__in=phones).select_related("profile")
        self.by_phone = {u.phone: u for u in users}
        profiles = Profile.objects.filter(citizen_id__in=ids).select_related("user")
        self.by_id = {p.citizen_id: p.user for p in profiles}
        self.members = set(
            CohortMember.objects.filter(cohort=cohort).values_list("learner_id", flat=True)
        )
        self.may_register: dict[int, bool] = {}

    def can_register(self, hamlet: AdministrativeUnit) -> bool:
        if hamlet.pk not in self.may_register:
            self.may_register[hamlet.pk] = user_can(
                user=self.user, action="people.register_assisted", unit=hamlet
            )
        return self.may_register[hamlet.pk]


def _hamlet(context: _Context, name: str) -> tuple[AdministrativeUnit | None, str]:
    cohort_unit = context.cohort.unit
    if not name:
        if cohort_unit.level == UnitLevel.HAMLET:
            return cohort_unit, ""
        return None, ""
    found = context.hamlets.get(name_normalise(name), [])
    if cohort_unit.level == UnitLevel.HAMLET:
        found = [hamlet for hamlet in found if hamlet.pk == cohort_unit.pk]
    if len(found) == 1:
        return found[0], ""
    if len(found) > 1:
        return None, _("Có nhiều ấp, khu phố tên “%(name)s” trong xã.") % {"name": name}
    return None, OUTSIDE


def _year(text: str) -> int | None:
    match = re.search(r"(\d{4})\s*$", text or "")
    if not match:
        raise ValidationError(_("Năm sinh “%(value)s” không đúng.") % {"value": text})
    year = int(match.group(1))
    validate_year_of_birth(year)
    return year


def _check(context: _Context, row: dict, seen: dict) -> Verdict:
    verdict = Verdict(line=row["line"], kind=INVALID, message="", row=row)
    if row.get("formula"):
        verdict.message = _(
            "Dòng có ô chứa công thức (bắt đầu bằng “=”). Hãy dán giá trị (Paste Values) "
            "thay cho công thức."
        )
        return verdict
    if not row.get("full_name", "").strip():
        verdict.message = _("Thiếu họ và tên.")
        return verdict
    try:
        verdict.phone = phone_normalise(row.get("phone", ""))
        verdict.citizen_id = citizen_id_normalise(row.get("citizen_id", ""))
        verdict.year_of_birth = _year(row.get("year_of_birth", ""))
    except ValidationError as error:
        verdict.message = " ".join(error.messages)
        return verdict
    for key in (verdict.phone, verdict.citizen_id):
        if key and key in seen:
            verdict.kind = DUPLICATE
            verdict.message = _("Trùng với dòng %(line)s (cùng số điện thoại hoặc CCCD).") % {
                "line": seen[key]
            }
            return verdict
    seen[verdict.phone] = row["line"]
    if verdict.citizen_id:
        seen[verdict.citizen_id] = row["line"]
    by_phone = context.by_phone.get(verdict.phone)
    by_id = context.by_id.get(verdict.citizen_id) if verdict.citizen_id else None
    if by_phone and by_id and by_phone.pk != by_id.pk:
        verdict.message = _("Số điện thoại và CCCD thuộc hai tài khoản khác nhau. Hãy kiểm tra.")
        return verdict
    person = by_phone or by_id
    if person is not None:
        return _check_person(context, verdict, person)
    hamlet, problem = _hamlet(context, row.get("hamlet", "").strip())
    if problem == OUTSIDE:
        verdict.kind = OUTSIDE
        verdict.message = _("Ấp, khu phố “%(name)s” không thuộc địa bàn của lớp và của bạn.") % {
            "name": row.get("hamlet", "")
        }
        return verdict
    if hamlet is None:
        verdict.message = problem or _("Người mới: hãy ghi ấp, khu phố nơi người này sinh sống.")
        return verdict
    verdict.hamlet = hamlet
    if not context.can_register(hamlet):
        verdict.kind = REFUSED
        verdict.message = _(
            "Người này chưa có tài khoản. Chỉ cán bộ chi hội hoặc Hội Khuyến học xã đăng ký hộ "
            "được: hãy nhờ cán bộ đăng ký trước rồi tải danh sách lên lại."
        )
        return verdict
    verdict.kind = NEW
    verdict.message = _("Người mới: sẽ đăng ký hộ tài khoản tại %(hamlet)s.") % {"hamlet": hamlet}
    return verdict


def _check_person(context: _Context, verdict: Verdict, person: User) -> Verdict:
    profile = getattr(person, "profile", None)
    home = profile.home_unit_id if profile is not None else None
    if home is None or home not in context.in_scope:
        verdict.kind = OUTSIDE
        verdict.message = _(
            "Người này đã có tài khoản nhưng không sinh sống trong địa bàn của lớp và của bạn."
        )
        return verdict
    verdict.person = person
    if person.pk in context.members:
        verdict.kind = MEMBER
        verdict.message = _("Đã có trong lớp.")
    else:
        verdict.kind = MATCH
        verdict.message = _("Đã có tài khoản: sẽ ghi danh vào lớp.")
    return verdict


def _verdicts(*, cohort: Cohort, user: User, rows: list[dict], progress=None) -> list[Verdict]:
    """A verdict per row; ``progress(phase, done, total)`` is told how far the check got."""
    progress = progress or _silent
    progress("check", 0, len(rows))
    context = _Context(cohort=cohort, user=user, rows=rows)
    seen: dict[str, int] = {}
    verdicts = []
    for number, row in enumerate(rows, start=1):
        verdicts.append(_check(context, row, seen))
        if number % 100 == 0:
            progress("check", number, len(rows))
    progress("check", len(rows), len(rows))
    return verdicts


def _silent(phase: str, done: int, total: int) -> None:
    return None


def import_preview_create(*, cohort: Cohort, user: User, rows: list[dict], filename: str,
                          request=None, progress=None) -> Preview:  # fmt: skip
    """Check ``rows`` (from ``cohorts.spreadsheets.sheet_read``) for ``cohort`` and keep them
    under a new token. Writes only the preview and an access-log line. Raises PermissionDenied
    when ``user`` may not manage the class. ``progress(phase, done, total)``, if given, hears
    how far the check got (cohorts.import_progress)."""
    if not cohort_can_manage(user=user, cohort=cohort):
        raise PermissionDenied(_("Bạn không có quyền quản lý lớp học này."))
    verdicts = _verdicts(cohort=cohort, user=user, rows=rows, progress=progress)
    stored = [{**row, "seen": verdict.kind} for row, verdict in zip(rows, verdicts, strict=True)]
    preview = ImportPreview.objects.create(
        token=secrets.token_urlsafe(24), user=user, cohort=cohort, filename=filename[:255],
        rows=stored,
    )  # fmt: skip
    access_log_record(
        actor=user, action="cohort_import_preview", request=request,
        detail=f"cohort={cohort.pk} rows={len(rows)}",
    )  # fmt: skip
    return Preview(token=preview.token, cohort=cohort, filename=filename, verdicts=verdicts)


def _preview_get(*, token: str, user: User, lock: bool = False) -> ImportPreview:
    previews = ImportPreview.objects.select_related("cohort", "cohort__unit")
    if lock:
        previews = previews.select_for_update()
    preview = previews.filter(token=token, user=user).first()
    if preview is None or preview.created_at < timezone.now() - PREVIEW_TTL:
        raise ImportError_(_("Bản xem trước không còn hiệu lực. Hãy tải danh sách lên lại."))
    return preview


def import_preview_get(*, token: str, user: User) -> Preview:
    """The stored preview of ``user`` under ``token``, checked again now."""
    stored = _preview_get(token=token, user=user)
    rows = [{k: v for k, v in row.items() if k != "seen"} for row in stored.rows]
    verdicts = _verdicts(cohort=stored.cohort, user=user, rows=rows)
    return Preview(token=token, cohort=stored.cohort, filename=stored.filename, verdicts=verdicts)


class _Taken(Exception):
    """A new person's phone or CCCD was taken during the confirmation."""


def _register(new: list[Verdict], *, user, consent, request, progress) -> list[IssuedActivation]:
    """Register each NEW row's person on their behalf (people.assisted_bulk: the rows the
    single assisted registration writes, a batch at a time); sets its ``person``. Raises _Taken
    when a phone or CCCD was taken meanwhile (someone registered that person elsewhere): the
    caller rolls back what was registered and shows the preview again."""
    if not new:
        return []
    outcomes = users_register_assisted(
        by=user, consent=consent, request=request,
        rows=[
            AssistedRow(full_name=v.row["full_name"], phone=v.phone, home_unit=v.hamlet,
                        year_of_birth=v.year_of_birth, citizen_id=v.citizen_id)
            for v in new
        ],
        progress=lambda done, total: progress("register", done, total),
    )  # fmt: skip
    if any(outcome.issued is None for outcome in outcomes):
        raise _Taken
    for verdict, outcome in zip(new, outcomes, strict=True):
        verdict.person = outcome.issued.user
    return [outcome.issued for outcome in outcomes]


@dataclass
class ImportResult:
    added: int
    registered: list[IssuedActivation]
    already: int


def import_confirm(*, token: str, user: User, consent: bool, request=None,
                   progress=None) -> ImportResult:  # fmt: skip
    """Enrol the rows of a preview: existing people are added to the class, new people are
    registered on their behalf (``consent``: the officer confirms each heard the privacy notice
    and agreed) and added; every member is enrolled in the class's courses.

    Idempotent: a second confirmation of the same preview (a double click, a resent request)
    waits for the first (the preview row is locked) and writes nothing.

    Raises ImportAlreadyConfirmed (confirmed before), ImportError_ (expired, someone else's),
    ImportChanged (a verdict differs from the preview: nothing written, the new preview
    attached), PermissionDenied, ValidationError (no consent while new people are listed). All
    or nothing. ``progress(phase, done, total)``, if given, hears how far it got: "check",
    "register" (new people), "enrol".
    """
    progress = progress or _silent
    with transaction.atomic():
        stored = _preview_get(token=token, user=user, lock=True)
        if stored.confirmed_at is not None:
            raise ImportAlreadyConfirmed(
                _("Danh sách này đã được ghi danh rồi; lần bấm sau không ghi thêm gì."),
                stored.confirmed_at,
            )
        cohort = stored.cohort
        if not cohort_can_manage(user=user, cohort=cohort):
            raise PermissionDenied(_("Bạn không có quyền quản lý lớp học này."))
        rows = [{k: v for k, v in row.items() if k != "seen"} for row in stored.rows]
        verdicts = _verdicts(cohort=cohort, user=user, rows=rows, progress=progress)
        if any(v.kind != row["seen"] for v, row in zip(verdicts, stored.rows, strict=True)):
            stored.rows = [{**row, "seen": v.kind} for row, v in zip(rows, verdicts, strict=True)]
            stored.save(update_fields=["rows"])
            raise ImportChanged(Preview(token, cohort, stored.filename, verdicts))
        new = [v for v in verdicts if v.kind == NEW]
        if new and not consent:
            raise ValidationError(
                _(
                    "Danh sách có người mới: hãy xác nhận từng người đã nghe thông báo về xử lý "
                    "dữ liệu cá nhân và đồng ý được đăng ký hộ."
                )
            )
        progress("register", 0, len(new))
        try:  # one scope check per hamlet, not one per person
            with transaction.atomic(), permissions_memo():
                registered = _register(new, user=user, consent=consent, request=request,
                                       progress=progress)  # fmt: skip
        except _Taken:  # registered elsewhere meanwhile: nothing written, look again
            verdicts = _verdicts(cohort=cohort, user=user, rows=rows)
            raise ImportChanged(Preview(token, cohort, stored.filename, verdicts)) from None
        people = [v.person for v in verdicts if v.kind in WRITES]
        progress("enrol", 0, len(people))
        added = cohort_members_add(cohort=cohort, learners=people, by=user)
        progress("enrol", len(people), len(people))
        stored.confirmed_at = timezone.now()
        stored.save(update_fields=["confirmed_at"])
        access_log_record(
            actor=user, action="cohort_import_confirm", request=request,
            detail=f"cohort={cohort.pk} added={len(added)} registered={len(registered)}",
        )  # fmt: skip
    return ImportResult(added=len(added), registered=registered, already=sum(
        1 for v in verdicts if v.kind == MEMBER))  # fmt: skip
