"""Values every page of the shell needs (navigation, the user's roles)."""

from django.conf import settings

from people.notifications.selectors import notification_unread_count
from people.permissions import ACTIONS, OFFICERS, user_can, user_roles


def shell(request):
    roles = user_roles(user=getattr(request, "user", None))
    role_names = {assignment.role for assignment in roles}
    return {
        "programme_name": settings.PROGRAMME_NAME,
        "unread_notices": notification_unread_count(user=getattr(request, "user", None)),
        "my_roles": roles,
        "is_officer": bool(role_names & OFFICERS) or getattr(request.user, "is_superuser", False),
        "can_view_reports": "progress.view_reports" in ACTIONS
        and bool(roles or getattr(request.user, "is_superuser", False))
        and user_can(user=request.user, action="progress.view_reports"),
    }
