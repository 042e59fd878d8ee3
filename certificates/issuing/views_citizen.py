"""The citizen's certificates: the list (/toi/chung-nhan/), the PDF and the credential file.

A PDF or credential opens for the person it was issued to, or for an officer of the issuing
commune (logged in the access log, as every officer's look at personal data is). URLs carry the
certificate's random ``public_id``; anyone else gets the same 404 as for an id that does not
exist, so a URL tells nothing about how many certificates there are.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from certificates.credentials import SigningKeyError
from certificates.issuing import permissions as perms
from certificates.issuing.render import verification_url
from certificates.issuing.services import certificate_produce
from certificates.models import Certificate
from people.permissions import user_can
from people.services import access_log_record


@login_required
@require_GET
def my_certificates(request):
    certificates = list(
        Certificate.objects.filter(learner=request.user).select_related("issuer_unit")
    )
    rows = [{"certificate": c, "share_url": verification_url(c)} for c in certificates]
    return render(
        request,
        "certificates/issued/mine.html",
        {"rows": rows, "is_issuing_officer": user_can(user=request.user, action=perms.VIEW_ISSUED)},
    )


def _certificate_for(request, ref, what: str) -> Certificate:
    """The certificate if ``request.user`` may open it (else 404, as for a missing one);
    officers' looks are logged."""
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment"), public_id=ref)
    if certificate.learner_id == request.user.pk:
        return certificate
    if user_can(user=request.user, action=perms.VIEW_ISSUED, obj=certificate):
        access_log_record(
            actor=request.user,
            action=f"certificates.download_{what}",
            subject=certificate.learner,
            request=request,
            detail=certificate.register_number,
        )
        return certificate
    raise Http404


def _ready(request, certificate: Certificate) -> Certificate | None:
    """Make the PDF and credential now if a worker has not yet (a few hundred milliseconds)."""
    if certificate.is_ready:
        return certificate
    try:
        return certificate_produce(certificate=certificate)
    except SigningKeyError:
        messages.error(
            request,
            _("Giấy chứng nhận đang được chuẩn bị. Hãy quay lại sau ít phút."),
        )
        return None


def _filename(certificate: Certificate, suffix: str) -> str:
    return f"giay-chung-nhan-{certificate.register_number}{suffix}"


@login_required
@require_GET
def certificate_pdf(request, ref):
    certificate = _ready(request, _certificate_for(request, ref, "pdf"))
    if certificate is None:
        return redirect("issued:mine")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=_filename(certificate, ".pdf"),
        content_type="application/pdf",
    )


@login_required
@require_GET
def certificate_credential(request, ref):
    """The signed Open Badges 3.0 credential, as a JSON file the holder keeps or shares."""
    certificate = _ready(request, _certificate_for(request, ref, "credential"))
    if certificate is None:
        return redirect("issued:mine")
    response = HttpResponse(
        json.dumps(certificate.credential, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(certificate, ".json")}"'
    return response
