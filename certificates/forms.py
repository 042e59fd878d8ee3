"""Forms of the citizen pages. The self-assessment form is read by hand in the view (one card
per indicator: a score, files, a link, one-tap course buttons), so only small forms live here."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import CriteriaSet
from people.models import OccupationGroup


class RegisterForm(forms.Form):
    occupation_group = forms.ModelChoiceField(
        label=_("Nhóm đối tượng của bạn"),
        queryset=OccupationGroup.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_(
            "Mỗi nhóm có cách diễn đạt riêng của 10 chỉ số. "
            "Chọn nhóm gần nhất với công việc của bạn."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        with_criteria = CriteriaSet.objects.filter(is_active=True, valid_from__lte=today).values(
            "occupation_group_id"
        )
        self.fields["occupation_group"].queryset = OccupationGroup.objects.filter(
            is_active=True, pk__in=with_criteria
        ).order_by("ordering", "name")


def parse_scores(data, numbers) -> dict[int, int | None]:
    """Scores posted as ``score_<number>``: whole numbers; blank or missing → not given (None
    only when the field was posted blank, so unposted indicators are left alone)."""
    scores: dict[int, int | None] = {}
    for number in numbers:
        key = f"score_{number}"
        if key not in data:
            continue
        raw = (data.get(key) or "").strip()
        if raw == "":
            scores[number] = None
            continue
        try:
            scores[number] = int(raw)
        except ValueError:
            scores[number] = -1  # refused by the service with the allowed range
    return scores
