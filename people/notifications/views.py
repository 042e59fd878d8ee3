"""The person's inbox ("Thông báo"): list, mark one or all as read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from people.notifications.selectors import notifications_for
from people.notifications.services import notification_mark_read


@login_required
def inbox(request):
    page = Paginator(notifications_for(user=request.user), 20).get_page(request.GET.get("trang"))
    return render(request, "people/notifications.html", {"page": page})


@require_POST
@login_required
def mark_read(request, pk=None):
    notification_mark_read(user=request.user, notice_id=pk)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("people:notifications")
