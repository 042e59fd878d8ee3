"""The live campaign view: applications by review state per commune, updated without reload."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from certificates.models import Status
from people.permissions import user_can
from programme.selectors import STATES, VIEW, communes_visible, state_counts
from programme.views.reports import _city, _year


@login_required
def live(request):
    if not user_can(user=request.user, action=VIEW):
        raise PermissionDenied
    year = _year(request)
    communes = communes_visible(user=request.user, city=_city())
    if not communes:
        raise PermissionDenied
    counts = state_counts(unit_ids=[c.pk for c in communes], year=year)
    rows = [(c, [(s, counts[c.pk][s]) for s in STATES]) for c in communes]
    totals = [(s, sum(counts[c.pk][s] for c in communes)) for s in STATES]
    return render(request, "programme/live.html", {
        "year": year, "rows": rows, "totals": totals,
        "states": [(s, Status(s).label) for s in STATES],
        "title": _("Theo dõi trực tiếp đợt đánh giá năm %(y)s") % {"y": year},
    })  # fmt: skip
