"""Writes about notices: send one (inbox, then email and SMS when available), mark read.

Every notice has an idempotency ``key`` (unique): sending twice with the same key creates and
delivers nothing the second time, so a retried task never notifies twice.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from people.models import Notification, User
from people.notifications.sms import SmsError, sms_gateway_enabled, sms_send

logger = logging.getLogger("people.notifications")


def _site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _claim(notice: Notification, field: str) -> bool:
    """Mark a channel as used before using it: only one caller ever gets True."""
    return bool(
        Notification.objects.filter(pk=notice.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )


def _release(notice: Notification, field: str) -> None:
    Notification.objects.filter(pk=notice.pk).update(**{field: None})


def _deliver_email(notice: Notification, user: User) -> None:
    if not user.email or not _claim(notice, "email_sent_at"):
        return
    lines = [notice.body] if notice.body else []
    if notice.url:
        lines.append(_site_url() + notice.url)
    try:
        send_mail(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notice.title}",
            message="\n\n".join(lines) or notice.title,
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception:  # a mail server failure must not undo what the notice is about
        logger.exception("Email notice %s to user %s failed", notice.key, user.pk)
        _release(notice, "email_sent_at")


def _deliver_sms(notice: Notification, user: User, text: str) -> None:
    if not (sms_gateway_enabled() and user.phone) or not _claim(notice, "sms_sent_at"):
        return
    try:
        sms_send(phone=user.phone, text=text)
    except SmsError:
        logger.exception("SMS notice %s to user %s failed", notice.key, user.pk)
        _release(notice, "sms_sent_at")


def notification_send(
    *,
    user: User,
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    sms_text: str | None = None,
) -> tuple[Notification, bool]:
    """Notify ``user`` once per ``key``: a line in their inbox, a copy by email when they have an
    address (and ``email``), and ``sms_text`` by SMS when a gateway is configured and they have a
    phone. Delivery happens after the surrounding transaction commits (nothing is sent for a
    rolled-back change). Returns (notice, created); a repeated key returns the first notice
    and sends nothing. Email or SMS failures are logged, never raised.
    """
    try:
        with transaction.atomic():
            notice = Notification.objects.create(
                user=user, kind=kind, key=key[:200], title=title[:200], body=body, url=url[:300]
            )
    except IntegrityError:
        return Notification.objects.get(key=key[:200]), False

    def deliver():
        if email:
            _deliver_email(notice, user)
        if sms_text:
            _deliver_sms(notice, user, sms_text)

    transaction.on_commit(deliver)
    return notice, True


def notifications_send_new(
    *, notices: list[Notification], email: bool = True, sms_text: str | None = None
) -> list[Notification]:
    """``notification_send`` for many notices about things just created (one insert): each
    unsaved ``notices`` row is saved, then delivered after commit as ``notification_send``
    delivers. Their keys must be new: a key already used raises IntegrityError and nothing is
    written (run it in a transaction or savepoint)."""
    created = Notification.objects.bulk_create(notices)

    def deliver():
        for notice in created:
            if email:
                _deliver_email(notice, notice.user)
            if sms_text:
                _deliver_sms(notice, notice.user, sms_text)

    transaction.on_commit(deliver)
    return created


def notification_mark_read(*, user: User, notice_id: int | None = None) -> int:
    """Mark one of ``user``'s notices (or all of them, when ``notice_id`` is None) as read.
    Returns how many changed; another person's notice is never touched."""
    notices = Notification.objects.filter(user=user, read_at__isnull=True)
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    return notices.update(read_at=timezone.now())
