"""Officers' pages: decisions with their issuing progress, one decision (progress that refreshes
itself while certificates are being made, resume, the list), every PDF of a decision as one
ZIP, and revoking a certificate.

Commune officers and approvers see their own communes (people.permissions); only approvers
(and administrators) revoke.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from certificates.credentials import SigningKeyError
from certificates.issuing import permissions as perms
from certificates.issuing import selectors, signing, tasks
from certificates.issuing.render import verification_url
from certificates.issuing.revocation import certificate_revoke
from certificates.issuing.zipstream import zip_stream
from certificates.models import Certificate, RecognitionDecision
from certificates.services.base import Refused
from people.permissions import user_can
from people.services import access_log_record

REFRESH_SECONDS = 5
PER_PAGE = 50


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do thu hồi"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Lý do hiện trên trang xác minh công khai. Ví dụ: Cấp nhầm người; Quyết định công "
            "nhận đã bị hủy."
        ),
    )


def _require(request, action: str, obj=None) -> None:
    if not user_can(user=request.user, action=action, obj=obj):
        raise PermissionDenied


def _decision(request, pk: int) -> RecognitionDecision:
    decision = get_object_or_404(
        RecognitionDecision.objects.select_related("commune", "cycle", "corrects", "supplements"),
        pk=pk,
    )
    _require(request, perms.VIEW_ISSUED, decision)
    return decision


def _key_problem() -> str | None:
    try:
        signing.signing_key()
    except SigningKeyError as error:
        return str(error)
    return None


@login_required
@require_GET
def decisions(request):
    _require(request, perms.VIEW_ISSUED)
    page = Paginator(selectors.decisions_for(user=request.user), PER_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "certificates/issued/officer_decisions.html",
        {"page_obj": page, "key_problem": _key_problem()},
    )


@login_required
def decision_progress(request, pk: int):
    """GET: progress (refreshing itself until done) and the certificates; POST: resume."""
    decision = _decision(request, pk)
    if request.method == "POST":
        tasks.decision_issue_enqueue(decision_id=decision.pk, stale_seconds=60)
        messages.success(request, _("Đã yêu cầu cấp tiếp các giấy chứng nhận còn thiếu."))
        return redirect("issued:officer_decision", pk=decision.pk)
    progress = selectors.decision_progress(decision=decision)
    page = Paginator(selectors.decision_people(decision=decision), PER_PAGE).get_page(
        request.GET.get("trang")
    )
    rows = [
        {
            "person": row,
            "certificate": row.certificate,
            "share_url": verification_url(row.certificate) if row.certificate else "",
        }
        for row in selectors.decision_people_rows(decision=decision, applications=page)
    ]
    return render(
        request,
        "certificates/issued/officer_decision.html",
        {
            "decision": decision,
            "progress": progress,
            "refresh": REFRESH_SECONDS if not progress.done else None,
            "page_obj": page,
            "rows": rows,
            "can_revoke": user_can(user=request.user, action=perms.REVOKE, obj=decision),
            "corrected_by": None if decision.is_current else decision.corrected_by,
            "key_problem": None if progress.done else _key_problem(),
        },
    )


@login_required
@require_GET
def decision_zip(request, pk: int):
    """The decision's valid certificates in one ZIP — exactly those its page counts, never a
    revoked or withdrawn one — streamed (nothing held in memory but one PDF)."""
    decision = _decision(request, pk)
    certificates = (
        selectors.decision_certificates_valid(decision=decision)
        .select_related(None)
        .only("pk", "pdf", "register_number", "full_name", "issued_at")
    )
    access_log_record(
        actor=request.user,
        action="certificates.download_zip",
        request=request,
        detail=f"{decision} — {decision.commune}",
    )

    def entries():
        for certificate in certificates.iterator(chunk_size=200):
            yield (
                f"{certificate.register_number} {certificate.full_name}.pdf",
                timezone.localtime(certificate.issued_at),
                lambda c=certificate: _read(c),
            )

    response = StreamingHttpResponse(zip_stream(entries()), content_type="application/zip")
    filename = f"giay-chung-nhan-quyet-dinh-{decision.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _read(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


@login_required
def revoke(request, ref):
    """Revoke one certificate (named by its public id; 404 outside the officer's scope, as for
    a missing one)."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("issuer_unit", "application"), public_id=ref
    )
    if not user_can(user=request.user, action=perms.REVOKE, obj=certificate):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and not certificate.is_revoked and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Đã thu hồi giấy chứng nhận %(number)s.")
                % {"number": certificate.register_number},
            )
            if certificate.application_id and certificate.application.decision_id:
                return redirect("issued:officer_decision", pk=certificate.application.decision_id)
            return redirect("issued:verify_code", code=certificate.code)
    return render(
        request,
        "certificates/issued/officer_revoke.html",
        {"certificate": certificate, "form": form},
    )
