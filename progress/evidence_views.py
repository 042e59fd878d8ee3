"""Officers record outside evidence of digital competence (e.g. a "Bình dân học vụ số"
completion certificate) for a person of their area; the record keeps who verified it."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Competence
from people.models import Profile
from people.permissions import user_can
from people.services import access_log_record
from progress.models import CompetenceEvidence
from progress.signals import competence_changed


class EvidenceForm(forms.Form):
    competences = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Năng lực được chứng nhận"),
        queryset=Competence.objects.select_related("domain").filter(
            domain__framework__code="tt02-2025"
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.IntegerField(label=gettext_lazy("Bậc"), min_value=1, max_value=8, initial=1)
    certificate = forms.CharField(
        label=gettext_lazy("Giấy tờ đã xem"),
        max_length=200,
        help_text=gettext_lazy("Ví dụ: Giấy chứng nhận “Bình dân học vụ số” số 123/2025."),
    )


def evidence_add(request, profile_id: int):
    if not request.user.is_authenticated:
        return redirect("account_login")
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=profile_id)
    if not user_can(user=request.user, action="progress.verify_evidence", obj=profile):
        raise Http404
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        learner = profile.user
        changed = []
        with transaction.atomic():
            for competence in form.cleaned_data["competences"]:
                _evidence, created = CompetenceEvidence.objects.get_or_create(
                    learner=learner,
                    competence=competence,
                    source=CompetenceEvidence.Source.OFFICER,
                    source_key=form.cleaned_data["certificate"],
                    defaults={
                        "level": form.cleaned_data["level"],
                        "verified_by": request.user,
                        "description": form.cleaned_data["certificate"],
                    },
                )
                if created:
                    changed.append(competence.pk)
            access_log_record(
                actor=request.user, action="verify_evidence", subject=learner, request=request,
                detail=form.cleaned_data["certificate"],
            )  # fmt: skip
            if changed:
                transaction.on_commit(
                    lambda: competence_changed.send(
                        sender=CompetenceEvidence, learner=learner, competence_ids=changed
                    )
                )
        messages.success(request, _("Đã ghi nhận minh chứng năng lực số."))
        return redirect("people:person_detail", pk=profile.pk)
    return render(request, "progress/evidence_form.html", {"form": form, "profile": profile})
