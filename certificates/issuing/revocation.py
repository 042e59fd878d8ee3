"""Revoking a certificate: by an approver of its commune (with a reason, logged), or by the
system when a correcting decision withdraws the recognition. The public page shows it at once;
the status list is signed again on its next request (bit ``status_index`` set)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.issuing import permissions as perms
from certificates.issuing import signing
from certificates.models import Certificate
from certificates.services.base import Refused
from people.permissions import user_can
from people.services import access_log_record


def _revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise Refused(
                _("Giấy chứng nhận %(number)s đã bị thu hồi ngày %(date)s.")
                % {
                    "number": locked.register_number,
                    "date": timezone.localtime(locked.revoked_at).strftime("%d/%m/%Y"),
                },
                code="state",
            )
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        transaction.on_commit(signing.status_list_forget)
    return locked


def certificate_revoke(*, certificate: Certificate, by, reason: str, request=None) -> Certificate:
    """Revoke a certificate: its public page says so, with the date and reason, and its bit in
    the status list is set (the list is signed again on the next request).

    Raises Refused: "permission" unless ``by`` may revoke in the certificate's commune,
    "input" without a reason, "state" when it is already revoked. Logged in the access log.
    """
    reason = (reason or "").strip()
    if not user_can(user=by, action=perms.REVOKE, obj=certificate):
        raise Refused(
            _("Bạn không có quyền thu hồi giấy chứng nhận của xã này."), code="permission"
        )
    if not reason:
        raise Refused(_("Hãy ghi lý do thu hồi."), code="input")
    revoked = _revoke(certificate=certificate, by=by, reason=reason)
    access_log_record(
        actor=by,
        action=perms.REVOKE,
        subject=revoked.learner,
        request=request,
        detail=f"{revoked.register_number}: {reason}",
    )
    return revoked


def certificate_revoke_withdrawn(*, application, decision) -> Certificate | None:
    """A correcting decision left the application out: revoke its certificate, if any."""
    certificate = Certificate.objects.filter(application=application).first()
    if certificate is None or certificate.revoked_at is not None:
        return None
    reason = f"Rút công nhận theo {decision}"
    return _revoke(certificate=certificate, by=None, reason=reason)
