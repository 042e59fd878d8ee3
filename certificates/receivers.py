"""Handlers for signals of earlier apps and for model deletions (connected in
CertificatesConfig.ready)."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from certificates.models import CriteriaSet, CriteriaSetLocked, Criterion, Indicator
from certificates.signals import title_recognised
from progress.signals import competence_changed


@receiver(competence_changed, dispatch_uid="certificates.competence_changed")
def refresh_indicator5_suggestion(sender, *, learner, **kwargs):
    """New learning evidence: refresh the digital-skills suggestion on editable applications."""
    from certificates.services.applications import applications_suggestion_refresh

    applications_suggestion_refresh(learner=learner)


@receiver(title_recognised, dispatch_uid="certificates.title_recognised.notify")
def notify_recognised(sender, *, application, decision, **kwargs):
    """Tell the person (inbox, email, SMS): once per application and decision."""
    from certificates.notices import application_recognised_notify

    application_recognised_notify(application=application, decision=decision)


@receiver(pre_delete, sender=Criterion, dispatch_uid="certificates.criterion_delete")
@receiver(pre_delete, sender=Indicator, dispatch_uid="certificates.indicator_delete")
def refuse_deleting_frozen_parts(sender, instance, **kwargs):
    """Bulk deletes (a form dropping a row) skip Model.delete(); this catches them too. A whole
    set being deleted is checked by CriteriaSet.delete() first."""
    criteria_set = CriteriaSet.objects.filter(pk=instance.criteria_set_id).first()
    if criteria_set is not None and criteria_set.is_in_use():
        raise CriteriaSetLocked()
