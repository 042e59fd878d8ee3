"""The privacy notice (Nghị định 13/2023/NĐ-CP on personal data) and people's consent to it.

``NOTICE_VERSION`` names the text in ``people/templates/people/privacy.html``: change both
together whenever the notice changes what it says, so each recorded consent points at the words
the person agreed to.
"""

from django.shortcuts import render
from django.utils import timezone

from people.models import Consent, ConsentMethod, User

NOTICE_VERSION = "2025-1"
NOTICE_DATE = "01/09/2025"


def consent_record(*, user: User, method: str, recorded_by: User | None = None) -> Consent:
    """Record that ``user`` consented to the current notice (by ``method``: the person at
    sign-up, or an officer confirming it at assisted registration). Call it in the transaction
    that creates the account."""
    if method == ConsentMethod.ASSISTED and recorded_by is None:
        raise ValueError("An assisted consent names the officer who confirmed it.")
    return Consent.objects.create(
        user=user,
        notice_version=NOTICE_VERSION,
        given_at=timezone.now(),
        method=method,
        recorded_by=recorded_by,
    )


def privacy_notice(request):
    return render(
        request,
        "people/privacy.html",
        {"notice_version": NOTICE_VERSION, "notice_date": NOTICE_DATE},
    )
