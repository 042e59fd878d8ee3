"""Reads about notices."""

from django.db.models import QuerySet

from people.models import Notification


def notifications_for(*, user) -> QuerySet:
    return Notification.objects.filter(user=user)


def notification_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
