"""Public pages: verify a certificate by its code or its credential file; the DID document and
the revocation status list that let anyone check a credential without us.

A verification page shows what the paper shows publicly and nothing more: name, title or
course, year, issuer, register number and status — never a citizen ID, phone, birth date or an
address below the commune.

Only *failed* lookups are limited (a code that matches nothing, a credential file that does not
check out): ``CERTIFICATE_VERIFY_MISS_RATE`` per IP address per 10 minutes (cache counters).
Valid lookups are never counted, so a hall of phones behind one carrier NAT can all scan their
QR codes at a ceremony. Guessing stays infeasible because of the codes' entropy, not the limit
alone: a code is 60 random bits (``codes``), so with even 10 million certificates issued one
guess hits with probability 10⁷ / 2⁶⁰ ≈ 8.7 × 10⁻¹²; at 30 misses per address per 10 minutes
(4,320 a day), a thousand addresses guessing for a year would expect about 0.014 hits — and
a hit shows only what the paper certificate shows publicly.
"""

import json
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from certificates.credentials import SigningKeyError
from certificates.issuing import signing
from certificates.issuing.codes import code_normalise
from certificates.issuing.verification import MAX_BYTES, credential_check, credential_parse
from certificates.models import Certificate

WINDOW = 600  # seconds


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác minh"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("In dưới mã QR trên giấy chứng nhận, ví dụ 7KQ2-M9XD-4P0A."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    credential = forms.FileField(
        label=gettext_lazy("Hoặc tệp chứng chỉ số (.json)"),
        required=False,
        help_text=gettext_lazy("Tệp tải về từ trang “Giấy chứng nhận của tôi”, tối đa 64 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_code(self):
        text = self.cleaned_data["code"].strip()
        if not text:
            return ""
        code = code_normalise(text)
        if code is None:
            raise forms.ValidationError(
                _("Mã gồm 12 chữ và số, ví dụ 7KQ2-M9XD-4P0A. Hãy kiểm tra lại.")
            )
        return code

    def clean_credential(self):
        upload = self.cleaned_data.get("credential")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa 64 KB). Hãy chọn đúng tệp chứng chỉ số .json.")
            )
        credential = credential_parse(upload.read(MAX_BYTES + 1))
        if credential is None:
            raise forms.ValidationError(
                _(
                    "Tệp không phải chứng chỉ số (JSON). Hãy chọn tệp .json tải từ trang giấy "
                    "chứng nhận."
                )
            )
        return credential

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("code") and not data.get("credential"):
            raise forms.ValidationError(_("Hãy nhập mã xác minh hoặc chọn tệp chứng chỉ số."))
        return data


def _client(request) -> str:
    """The client's address as allauth's rate limits see it (behind a proxy, set
    ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER once for both)."""
    try:
        from allauth.core.internal.httpkit import get_client_ip

        return get_client_ip(request) or "unknown"
    except (ImportError, ImproperlyConfigured):
        return request.META.get("REMOTE_ADDR", "") or "unknown"


def _count(kind: str, request, *, add: bool) -> int:
    key = f"certificates:verify:{kind}:{_client(request)}:{int(time.time() // WINDOW)}"
    if not add:
        return cache.get(key, 0)
    cache.add(key, 0, WINDOW + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, WINDOW + 5)
        return 1


def _limited(request) -> bool:
    """True when the address made too many failed lookups in this window (valid ones never
    count, however many)."""
    return _count("miss", request, add=False) >= settings.CERTIFICATE_VERIFY_MISS_RATE


def _missed(request) -> None:
    _count("miss", request, add=True)


def _too_many(request):
    response = render(request, "certificates/issued/rate_limited.html", status=429)
    response["Retry-After"] = str(WINDOW)
    return response


def verify_form(request):
    """``/xac-minh/``: type a code (→ its page) or upload a credential file (checked here)."""
    check = None
    if request.method == "POST":
        if _limited(request):
            return _too_many(request)
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            if form.cleaned_data.get("credential") is not None:
                try:
                    check = credential_check(form.cleaned_data["credential"])
                    if not check.valid:
                        _missed(request)
                except SigningKeyError:
                    check = None
                    form.add_error(None, _("Hệ thống chưa sẵn sàng xác minh. Hãy thử lại sau."))
            else:
                return redirect("issued:verify_code", code=form.cleaned_data["code"])
    else:
        form = VerifyForm()
    return render(request, "certificates/issued/verify.html", {"form": form, "check": check})


@require_GET
def verify_code(request, code: str):
    """``/xac-minh/<code>/``: the public page of one certificate (where its QR code leads)."""
    if _limited(request):
        return _too_many(request)
    canonical = code_normalise(code)
    if canonical and canonical != code:
        return redirect("issued:verify_code", code=canonical)
    certificate = (
        Certificate.objects.select_related("issuer_unit").filter(code=canonical).first()
        if canonical
        else None
    )
    if certificate is None:
        if canonical:  # a well-formed code that matches nothing: possibly a guess
            _missed(request)
        return render(request, "certificates/issued/verify_code.html", {"code": code}, status=404)
    return render(
        request,
        "certificates/issued/verify_code.html",
        {"certificate": certificate, "code": certificate.code_display},
    )


def _public_json(data: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in a browser may fetch it
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def did_json(request):
    """``/.well-known/did.json``: the did:web document with the public signing key."""
    try:
        return _public_json(signing.did_document_current())
    except SigningKeyError:
        return JsonResponse({"error": "the issuer key is not configured"}, status=503)


@require_GET
@cache_control(public=True, max_age=300)
def status_list(request, list_id: int):
    """``/chung-nhan/trang-thai/1/``: the signed BitstringStatusListCredential (revocations)."""
    if list_id != signing.STATUS_LIST_ID:
        raise Http404
    try:
        return _public_json(signing.status_list_current())
    except SigningKeyError:
        return JsonResponse({"error": "the issuer key is not configured"}, status=503)
