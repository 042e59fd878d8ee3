"""Assisted registration of many people at once (a hamlet's list): the same rows as
``people.services.user_register_assisted`` writes for each person, in a fixed number of queries
per batch.

Per person the single service writes: the user (no usable password), the profile, the assisted
consent, a one-time activation code, an access-log line and an inbox notice (delivered by
email or SMS after commit). ``bulk_create`` sends no model signals, so what receivers do on a
single save is done here explicitly: ``post_save`` is sent for each new profile (programme's
counters, which recount each person once after commit), and the signed-in-user cache is told
once for the whole batch (people.receivers does it per user on a single save). No other
receiver acts on these models today; tests/people/test_assisted_bulk.py fails when one is
added, so it gets handled here too.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from people.auth_backends import CACHE_NAME
from people.caching import cache_invalidate
from people.models import (
    AccessLog,
    ActivationCode,
    AdministrativeUnit,
    CodePurpose,
    Consent,
    ConsentMethod,
    Notification,
    Profile,
    User,
)
from people.notifications.services import notifications_send_new
from people.permissions import permissions_memo, user_can
from people.privacy import NOTICE_VERSION
from people.services import IssuedActivation, _hash, access_log_record
from people.validators import citizen_id_normalise, phone_normalise

BATCH_SIZE = 500
# Outcomes of a row that was not registered.
INVALID = "invalid"  # the phone or the ID is malformed
REPEATED = "repeated"  # the same phone or ID earlier in the rows
PHONE_TAKEN = "phone_taken"  # someone has this phone already (or got it meanwhile)
ID_TAKEN = "citizen_id_taken"  # someone has this ID already (or got it meanwhile)


@dataclass(frozen=True)
class AssistedRow:
    """One person to register; the same fields as ``user_register_assisted`` takes."""

    full_name: str
    phone: str
    home_unit: AdministrativeUnit
    email: str = ""
    year_of_birth: int | None = None
    gender: str = ""
    citizen_id: str | None = None
    occupation_group: object = None


@dataclass
class AssistedOutcome:
    """``issued`` when the row was registered; else ``problem`` (one of the constants above)
    and ``message`` (Vietnamese, for the officer)."""

    row: AssistedRow
    issued: IssuedActivation | None = None
    problem: str = ""
    message: str = ""
    phone: str = ""
    citizen_id: str | None = None


def _refuse(*, by: User, units: Iterable[AdministrativeUnit], request) -> None:
    with permissions_memo():
        for unit in {unit.pk: unit for unit in units}.values():
            if not user_can(user=by, action="people.register_assisted", unit=unit):
                access_log_record(
                    actor=by,
                    action="register_assisted",
                    allowed=False,
                    request=request,
                    detail=f"unit={unit.pk}",
                )
                raise PermissionDenied(
                    _("Bạn không có quyền đăng ký hộ cho người dân ở địa bàn này.")
                )


def _normalise(outcomes: list[AssistedOutcome]) -> None:
    """Normalise phones and IDs; mark malformed ones and repeats within the rows."""
    seen: set[str] = set()
    for outcome in outcomes:
        try:
            outcome.phone = phone_normalise(outcome.row.phone)
            outcome.citizen_id = citizen_id_normalise(outcome.row.citizen_id)
        except ValidationError as error:
            outcome.problem, outcome.message = INVALID, " ".join(error.messages)
            continue
        keys = [outcome.phone] + ([outcome.citizen_id] if outcome.citizen_id else [])
        if any(key in seen for key in keys):
            outcome.problem = REPEATED
            outcome.message = _("Trùng số điện thoại hoặc CCCD với một người ở trên.")
            continue
        seen.update(keys)


def _mark_taken(outcomes: list[AssistedOutcome], *, race: bool = False) -> int:
    """Mark the rows whose phone or ID someone already has (two queries). Returns how many."""
    phones = {o.phone for o in outcomes}
    ids = {o.citizen_id for o in outcomes if o.citizen_id}
    taken_phones = set(User.objects.filter(phone__in=phones).values_list("phone", flat=True))
    taken_ids = set(Profile.objects.filter(citizen_id__in=ids).values_list("citizen_id", flat=True))
    marked = 0
    for outcome in outcomes:
        if outcome.phone in taken_phones:
            outcome.problem = PHONE_TAKEN
            outcome.message = (
                _("Số điện thoại này vừa được đăng ký. Hãy tải lại danh sách.")
                if race
                else _("Số điện thoại này đã có tài khoản. Hãy tìm người đó trong danh sách.")
            )
        elif outcome.citizen_id and outcome.citizen_id in taken_ids:
            outcome.problem, outcome.message = ID_TAKEN, _("Số định danh này đã có trong hệ thống.")
        else:
            continue
        marked += 1
    return marked


def _notice_texts(by: User) -> dict:
    return {
        "title": _("Cán bộ đã đăng ký tài khoản Công dân học tập cho bạn"),
        "body": _(
            "Cán bộ %(officer)s đã đăng ký tài khoản cho bạn và cấp một mã kích hoạt. Hãy dùng "
            "mã cán bộ đưa tận tay để tự đặt mật khẩu."
        )
        % {"officer": by.get_full_name()},
        "sms_text": _(
            "Công dân học tập: cán bộ đã đăng ký tài khoản cho bạn. Hãy dùng mã kích hoạt cán "
            "bộ đưa tận tay để tự đặt mật khẩu. Nếu bạn không yêu cầu, hãy báo Hội Khuyến học "
            "xã."
        ),
    }


def _write(batch: list[AssistedOutcome], *, by: User, request, texts: dict) -> None:
    """Write a batch's rows (six inserts) and set each outcome's ``issued``."""
    users = []
    for outcome in batch:
        user = User(
            full_name=outcome.row.full_name.strip(),
            phone=outcome.phone,
            email=(outcome.row.email or "").strip(),
        )
        user.username = f"u{secrets.token_hex(6)}"
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    profiles = [
        Profile(
            user=user,
            home_unit=o.row.home_unit,
            year_of_birth=o.row.year_of_birth,
            gender=o.row.gender or "",
            citizen_id=o.citizen_id,
            occupation_group=o.row.occupation_group,
            registered_by=by,
        )
        for user, o in zip(users, batch, strict=True)
    ]
    Profile.objects.bulk_create(profiles)
    now = timezone.now()
    Consent.objects.bulk_create(
        Consent(
            user=user,
            notice_version=NOTICE_VERSION,
            given_at=now,
            method=ConsentMethod.ASSISTED,
            recorded_by=by,
        )
        for user in users
    )
    expires = now + timedelta(hours=settings.ACTIVATION_CODE_TTL_HOURS)
    codes = []
    for user, outcome in zip(users, batch, strict=True):
        code, token = f"{secrets.randbelow(10**8):08d}", secrets.token_urlsafe(32)
        codes.append(
            ActivationCode(
                user=user,
                purpose=CodePurpose.ACTIVATION,
                code_hash=_hash(f"{user.pk}:{code}"),
                token_hash=_hash(f"token:{token}"),
                created_by=by,
                created_at=now,
                expires_at=expires,
            )
        )
        outcome.issued = IssuedActivation(user=user, code=code, token=token, expires_at=expires)
    ActivationCode.objects.bulk_create(codes)
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    AccessLog.objects.bulk_create(
        AccessLog(
            actor=by if by.pk else None,
            action="register_assisted",
            subject=user,
            allowed=True,
            ip_address=ip,
            detail="",
        )
        for user in users
    )
    notifications_send_new(
        notices=[
            Notification(
                user=o.issued.user,
                kind="activation_code_issued",
                key=f"activation-code-issued:{o.issued.user.pk}:{o.issued.token[:16]}"[:200],
                title=texts["title"][:200],
                body=texts["body"],
                url="",
            )
            for o in batch
        ],
        sms_text=texts["sms_text"],
    )
    _signal(users=users, profiles=profiles)


def _signal(*, users: list[User], profiles: list[Profile]) -> None:
    """What receivers do on a single save (bulk_create sends no signal)."""
    using = router.db_for_write(Profile)
    for profile in profiles:
        post_save.send(
            sender=Profile,
            instance=profile,
            created=True,
            update_fields=None,
            raw=False,
            using=using,
        )
    cache_invalidate(name=CACHE_NAME, tags=[user.pk for user in users])


def _batch_register(batch: list[AssistedOutcome], *, by, request, texts) -> None:
    """Register a batch in a savepoint; a phone or ID taken meanwhile (a race) rolls the batch
    back, marks those rows and tries again without them."""
    while True:
        todo = [o for o in batch if not o.problem]
        if not todo:
            return
        try:
            with transaction.atomic():
                _write(todo, by=by, request=request, texts=texts)
            return
        except IntegrityError:
            for outcome in todo:
                outcome.issued = None
            if not _mark_taken(todo, race=True):
                raise  # not a uniqueness race we know: let the caller's transaction fail


def users_register_assisted(
    *,
    by: User,
    rows: list[AssistedRow],
    consent: bool = False,
    request=None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> list[AssistedOutcome]:
    """Register ``rows`` as ``user_register_assisted`` registers one person each (same rows
    written, same notices), in batches of ``batch_size`` with a fixed number of queries each.

    Returns one outcome per row, in order: ``issued`` for the registered, else ``problem`` and a
    Vietnamese ``message``: a malformed phone or ID (INVALID), the same phone or ID earlier in
    ``rows`` (REPEATED), or someone has it already, or got it during the call (PHONE_TAKEN,
    ID_TAKEN). Raises, writing nothing but the refusal's access-log line, PermissionDenied if
    ``by`` may not register people in one of the rows' units, and ValidationError without
    ``consent``. Each batch is written whole or not at all (a savepoint); run it inside the
    caller's transaction for all-or-nothing over the rows. ``progress(done, total)`` hears
    each batch written.
    """
    _refuse(by=by, units=[row.home_unit for row in rows], request=request)
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Chỉ đăng ký hộ khi người dân đã nghe thông báo về xử lý dữ liệu cá nhân và "
                    "đồng ý. Hãy xác nhận điều đó."
                )
            }
        )
    outcomes = [AssistedOutcome(row=row) for row in rows]
    _normalise(outcomes)
    texts = _notice_texts(by)
    valid = [o for o in outcomes if not o.problem]
    for start in range(0, len(valid), batch_size):
        batch = valid[start : start + batch_size]
        _mark_taken(batch)
        _batch_register(batch, by=by, request=request, texts=texts)
        if progress is not None:
            progress(min(start + batch_size, len(valid)), len(valid))
    return outcomes
