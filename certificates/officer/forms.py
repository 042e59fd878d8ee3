"""Forms of the officers' screens: list filters, bulk actions, one application's action, and a
recognition decision. Choices are narrowed to the officer's scope; the services check again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates import permissions as perms
from certificates.models import CommuneResult, Cycle, RecognitionDecision, Status
from certificates.selectors import SCORE_BANDS
from certificates.services.review import BULK_ACTIONS, RESULT_AUTO, TRANSITIONS
from people.models import OccupationGroup, UnitLevel
from people.permissions import units_visible_to

RESULT_CHOICES = [
    (RESULT_AUTO, _("Theo điểm (đủ điều kiện là Đạt)")),
    (CommuneResult.MEETS, _("Đạt")),
    (CommuneResult.NOT_MEETS, _("Không đạt")),
]
PAGE_SIZES = [(50, "50"), (100, "100"), (200, "200"), (500, "500")]


def _year_choices():
    years = Cycle.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class FilterForm(forms.Form):
    nam = forms.IntegerField(
        label=_("Năm"), required=False, min_value=2000, max_value=2100, widget=forms.Select
    )
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False)
    ap = forms.TypedChoiceField(label=_("Ấp, khu phố"), coerce=int, required=False)
    nhom = forms.TypedChoiceField(label=_("Nhóm đối tượng"), coerce=int, required=False)
    diem = forms.ChoiceField(label=_("Tổng điểm"), required=False)
    dieu_kien = forms.ChoiceField(label=_("Điều kiện đạt"), required=False)
    q = forms.CharField(label=_("Họ tên"), required=False, max_length=100)
    so_dong = forms.TypedChoiceField(
        label=_("Số dòng mỗi trang"), coerce=int, required=False, choices=PAGE_SIZES, initial=100
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("Tất cả"))]
        years = _year_choices()
        chosen = self.data.get("nam") if hasattr(self.data, "get") else None
        if chosen and str(chosen).isdigit() and int(chosen) not in dict(years):
            years.append((int(chosen), str(chosen)))
        self.fields["nam"].widget.choices = everyone + years
        self.fields["trang_thai"].choices = everyone + list(Status.choices)
        hamlets = (
            units_visible_to(user=user, action=perms.VIEW)
            .filter(level=UnitLevel.HAMLET)
            .select_related("parent")
            .order_by("parent__name", "name")
        )
        self.fields["ap"].choices = everyone + [(h.pk, f"{h} — {h.parent}") for h in hamlets]
        self.fields["nhom"].choices = everyone + [
            (g.pk, g.name) for g in OccupationGroup.objects.order_by("ordering")
        ]
        self.fields["diem"].choices = [
            *everyone,
            *[(code, label) for code, label, *_r in SCORE_BANDS],
        ]
        self.fields["dieu_kien"].choices = [
            *everyone,
            ("meets", _("Đủ điều kiện")),
            ("not_meets", _("Chưa đủ điều kiện")),
        ]

    def filters(self) -> dict:
        self.is_valid()
        data = self.cleaned_data  # the fields that are valid; a bad one filters nothing
        return {
            "status": data.get("trang_thai") or "",
            "hamlet_id": data.get("ap") or None,
            "occupation_group_id": data.get("nhom") or None,
            "band": data.get("diem") or "",
            "result": data.get("dieu_kien") or "",
            "query": (data.get("q") or "").strip(),
        }


def bulk_action_choices(user) -> list[tuple[str, str]]:
    return [
        (action, TRANSITIONS[action].label)
        for action in BULK_ACTIONS
        if perms.user_may(user, TRANSITIONS[action].permission)
    ]


class BulkForm(forms.Form):
    action = forms.ChoiceField(label=_("Thao tác"))
    result = forms.ChoiceField(
        label=_("Kết quả đánh giá (Hội Khuyến học xã)"), choices=RESULT_CHOICES, required=False
    )
    comment = forms.CharField(
        label=_("Ý kiến gửi người dân"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 1, "placeholder": _("Bắt buộc khi trả lại, không công nhận")}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = bulk_action_choices(user)


class ActionForm(forms.Form):
    """One application: a transition, the commune's verdict, a comment; scores in the view."""

    action = forms.ChoiceField(label=_("Thao tác"), widget=forms.RadioSelect)
    result = forms.ChoiceField(label=_("Kết quả đánh giá"), choices=RESULT_CHOICES, required=False)
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(t.action, t.label) for t in transitions]


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Số quyết định"), max_length=60, help_text=_("Ví dụ: 123/QĐ-UBND")
    )
    signed_on = forms.DateField(
        label=_("Ngày ký"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=150, initial=_("Chủ tịch")
    )
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    corrects = forms.ModelChoiceField(
        label=_("Đính chính quyết định"),
        queryset=RecognitionDecision.objects.none(),
        required=False,
        empty_label=_("Không — quyết định mới"),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, cycle, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"].queryset = RecognitionDecision.objects.filter(
            cycle=cycle, commune=commune, corrected_by__isnull=True
        )
        self.fields["signed_on"].initial = timezone.localdate()
        self.fields["issuing_body"].initial = _("Ủy ban nhân dân xã %(name)s") % {
            "name": commune.name
        }
