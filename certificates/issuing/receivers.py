"""Signal handlers of issued certificates, the actions they register and the admin snippet;
imported once by CertificatesConfig.ready()."""

from django.dispatch import receiver
from wagtail import hooks

from certificates.issuing import permissions, tasks
from certificates.signals import title_recognised, title_recognition_withdrawn
from progress.signals import course_completed

permissions.permissions_register()


# --- Wagtail admin (imported when the admin asks, not at start-up) -----------------------------


@hooks.register("register_admin_viewset")
def register_template_viewset():
    from certificates.issuing.admin import CertificateTemplateViewSet

    return CertificateTemplateViewSet()


def _menu_hook(index: int):
    @hooks.register("register_certificates_admin_menu_item")
    def item():
        from certificates.issuing.admin import menu_item

        return menu_item(index)

    return item


for _index in range(2):
    _menu_hook(_index)


# --- Signals ---------------------------------------------------------------------------------


@receiver(title_recognised, dispatch_uid="certificates.issuing.title_recognised")
def issue_on_recognition(sender, *, application, decision, **kwargs):
    """A decision recognised the application: issue the decision's certificates (one task per
    decision, however many applications it recognised)."""
    tasks.decision_issue_enqueue(decision_id=decision.pk)


@receiver(course_completed, dispatch_uid="certificates.issuing.course_completed")
def issue_on_course_completion(sender, *, learner, course, enrolment, **kwargs):
    if getattr(course, "awards_certificate", False):
        tasks.enrolment_issue_enqueue(enrolment_id=enrolment.pk)


@receiver(
    title_recognition_withdrawn, dispatch_uid="certificates.issuing.title_recognition_withdrawn"
)
def revoke_on_withdrawal(sender, *, application, decision, **kwargs):
    """A correcting decision left the application out: its certificate no longer stands."""
    from certificates.issuing.revocation import certificate_revoke_withdrawn

    certificate_revoke_withdrawn(application=application, decision=decision)
