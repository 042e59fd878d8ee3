"""The "Công dân học tập" menu of the Wagtail admin.

Officers (branch, commune, UBND approvers) see the applications of their own units, the
commune's proposal list and the recognition decisions; administrators also manage criteria
sets (versioned: a set in use is never edited, a new version is made) and cycles (stages can be
reopened, recording who did it). Access is decided by people.permissions, never by Django's
model permissions.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from certificates import permissions as perms
from certificates.models import CriteriaSet, Cycle, Stage
from certificates.officer.lists import (
    DecisionCreateView,
    DecisionListView,
    ProposalExportView,
    ProposalListView,
)
from certificates.officer.views import (
    ApplicationBulkView,
    ApplicationDetailView,
    ApplicationListView,
    AssistView,
    OfficerView,
)
from certificates.services import Refused, criteria_set_new_version
from people.admin_views import PeopleActionPolicy, ScopedEditView, ScopedModelViewSet


class CriteriaSetPolicy(PeopleActionPolicy):
    """Administrators manage sets; a set in use is never deleted (its edit page opens, and
    refuses to save, pointing to "Tạo phiên bản mới")."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.is_in_use():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(
    CriteriaSet, CriteriaSetPolicy(CriteriaSet, action=perms.MANAGE_CRITERIA), exact_class=True
)
register_permission_policy(
    Cycle, PeopleActionPolicy(Cycle, action=perms.MANAGE_CYCLES, scope="unit"), exact_class=True
)


class CriteriaSetEditView(ScopedEditView):
    """A set in use opens read-only in spirit: saving is refused with the way forward."""

    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton(
                _("Tạo phiên bản mới"),
                url=reverse("certificates_criteria_new_version", args=[self.object.pk]),
                icon_name="copy",
            ),
        ]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.is_in_use():
            messages.warning(
                request,
                _(
                    "Bộ tiêu chí này đã được dùng cho hồ sơ đã gửi nên không sửa được. Bấm “Tạo "
                    "phiên bản mới” để sửa trên bản sao; hồ sơ cũ vẫn giữ phiên bản này."
                ),
            )
        return response

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_in_use():
            messages.error(
                request,
                _(
                    "Không lưu được: bộ tiêu chí đã được dùng cho hồ sơ đã gửi. "
                    "Hãy tạo phiên bản mới."
                ),
            )
            return redirect(self.get_edit_url())
        return super().post(request, *args, **kwargs)


class CriteriaSetViewSet(ScopedModelViewSet):
    model = CriteriaSet
    name = "certificates_criteria"
    url_prefix = "cong-dan-hoc-tap/bo-tieu-chi"
    icon = "list-ul"
    menu_label = gettext_lazy("Bộ tiêu chí")
    menu_order = 400
    edit_view_class = CriteriaSetEditView
    list_display = [
        "name",
        "version",
        "occupation_group",
        "decision_reference",
        "valid_from",
        BooleanColumn("is_active", label=gettext_lazy("Đang áp dụng")),
        BooleanColumn(
            "in_use", label=gettext_lazy("Đã dùng cho hồ sơ"), accessor=lambda s: s.is_in_use()
        ),
    ]
    list_filter = ["occupation_group", "is_active"]
    search_fields = ["name", "family", "decision_reference"]
    search_backend_name = None
    ordering = ["occupation_group__ordering", "family", "-version"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("family"), FieldPanel("version")]),
                FieldPanel("occupation_group"),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("decision_reference")]),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("is_active")]),
            ],
            heading=gettext_lazy("Bộ tiêu chí"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pass_total"),
                        FieldPanel("pass_min_indicator"),
                        FieldPanel("remote_pass_total"),
                    ]
                ),
            ],
            heading=gettext_lazy("Điều kiện đạt"),
        ),
        InlinePanel(
            "criteria",
            heading=gettext_lazy("Tiêu chí"),
            label=gettext_lazy("Tiêu chí"),
            panels=[FieldPanel("number"), FieldPanel("title")],
        ),
        InlinePanel(
            "indicators",
            heading=gettext_lazy("Chỉ số"),
            label=gettext_lazy("Chỉ số"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("number"), FieldPanel("criterion_number"), FieldPanel("max_points")]
                ),
                FieldPanel("text"),
                FieldPanel("evidence_guidance"),
                FieldPanel("is_digital_skills"),
            ],
        ),
        FieldPanel("notes"),
    ]


class CycleForm(WagtailAdminModelForm):
    """Reopening a stage records who did it."""

    def save(self, commit=True):
        formset = self.formsets.get("extensions")
        if formset is not None:
            for form in formset.forms:
                if form.instance.pk is None and form.has_changed():
                    form.instance.granted_by = self.for_user
        return super().save(commit=commit)


def _stage_row(stage):
    return FieldRowPanel(
        [FieldPanel(f"{stage}_start"), FieldPanel(f"{stage}_end")], heading=Stage(stage).label
    )


class CycleViewSet(ScopedModelViewSet):
    model = Cycle
    name = "certificates_cycles"
    url_prefix = "cong-dan-hoc-tap/dot-danh-gia"
    icon = "date"
    menu_label = gettext_lazy("Đợt đánh giá")
    menu_order = 500
    list_display = [
        "year",
        "unit",
        Column(
            "registration",
            label=gettext_lazy("Đăng ký, tự đánh giá"),
            accessor=lambda c: f"{c.registration_start:%d/%m} – {c.registration_end:%d/%m}",
        ),
        Column(
            "appraisal",
            label=gettext_lazy("Thẩm định, công nhận"),
            accessor=lambda c: f"{c.appraisal_start:%d/%m} – {c.appraisal_end:%d/%m}",
        ),
    ]
    list_filter = ["year"]
    search_fields = ["unit__name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("year"), FieldPanel("unit")]),
            *[_stage_row(stage) for stage in Stage.values],
            FieldPanel("notes"),
            InlinePanel(
                "extensions",
                heading=gettext_lazy("Mở lại, gia hạn giai đoạn"),
                label=gettext_lazy("Lần mở lại"),
                panels=[
                    FieldPanel("stage"),
                    FieldRowPanel([FieldPanel("opens_on"), FieldPanel("until")]),
                    FieldPanel("reason"),
                ],
            ),
        ],
        base_form_class=CycleForm,
    )


class CertificatesAdminGroup(ViewSetGroup):
    menu_label = gettext_lazy("Công dân học tập")
    menu_icon = "form"
    menu_order = 240
    submenu_hook = "register_certificates_admin_menu_item"
    items = (CriteriaSetViewSet, CycleViewSet)


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesAdminGroup()


class _ActionMenuItem(MenuItem):
    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions

    def is_shown(self, request):
        return any(perms.user_may(request.user, action) for action in self.actions)


MENU = [  # (label, url name, icon, order, actions)
    (gettext_lazy("Hồ sơ"), "certificates_officer_applications", "form", 100, [perms.VIEW]),
    (
        gettext_lazy("Danh sách đề nghị"),
        "certificates_officer_proposals",
        "list-ol",
        200,
        [perms.COMMUNE_EVALUATE, perms.APPRAISE, perms.DECIDE],
    ),
    (
        gettext_lazy("Quyết định công nhận"),
        "certificates_officer_decisions",
        "doc-full",
        300,
        [perms.APPRAISE, perms.DECIDE],
    ),
    (gettext_lazy("Lập hồ sơ hộ"), "certificates_officer_assist", "user", 350, [perms.ASSIST]),
]


def _menu_item(label, url_name, icon, order, actions):
    @hooks.register("register_certificates_admin_menu_item")
    def item():
        return _ActionMenuItem(
            label, reverse(url_name), name=url_name, icon_name=icon, order=order, actions=actions
        )

    return item


for _entry in MENU:
    _menu_item(*_entry)


class CriteriaSetNewVersionView(OfficerView):
    """Confirm (GET) and make (POST) the next version of a criteria set."""

    permission = perms.MANAGE_CRITERIA
    template_name = "certificates/officer/criteria_new_version.html"
    page_title = gettext_lazy("Tạo phiên bản mới của bộ tiêu chí")
    header_icon = "copy"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["criteria_set"] = get_object_or_404(CriteriaSet, pk=self.kwargs["pk"])
        return context

    def post(self, request, *args, **kwargs):
        source = get_object_or_404(CriteriaSet, pk=self.kwargs["pk"])
        try:
            copy = criteria_set_new_version(criteria_set=source, by=request.user)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect("certificates_criteria:edit", source.pk)
        messages.success(
            request,
            _(
                "Đã tạo phiên bản %(version)s. Sửa nội dung, rồi bật “Đang áp dụng” khi dùng được; "
                "nhớ tắt phiên bản cũ."
            )
            % {"version": copy.version},
        )
        return redirect("certificates_criteria:edit", copy.pk)


@hooks.register("register_admin_urls")
def register_certificates_urls():
    prefix = "cong-dan-hoc-tap/"
    return [
        path(
            f"{prefix}ho-so/",
            ApplicationListView.as_view(),
            name="certificates_officer_applications",
        ),
        path(
            f"{prefix}ho-so/hang-loat/",
            ApplicationBulkView.as_view(),
            name="certificates_officer_bulk",
        ),
        path(
            f"{prefix}ho-so/<int:pk>/",
            ApplicationDetailView.as_view(),
            name="certificates_officer_application",
        ),
        path(
            f"{prefix}danh-sach-de-nghi/",
            ProposalListView.as_view(),
            name="certificates_officer_proposals",
        ),
        path(
            f"{prefix}danh-sach-de-nghi/xlsx/",
            ProposalExportView.as_view(),
            name="certificates_officer_proposals_xlsx",
        ),
        path(
            f"{prefix}quyet-dinh/",
            DecisionListView.as_view(),
            name="certificates_officer_decisions",
        ),
        path(
            f"{prefix}quyet-dinh/ghi/",
            DecisionCreateView.as_view(),
            name="certificates_officer_decision_add",
        ),
        path(f"{prefix}lap-ho-so-ho/", AssistView.as_view(), name="certificates_officer_assist"),
        path(
            f"{prefix}bo-tieu-chi/<int:pk>/phien-ban-moi/",
            CriteriaSetNewVersionView.as_view(),
            name="certificates_criteria_new_version",
        ),
    ]


@hooks.register("progress_indicator5_pass_marks")
def indicator5_pass_marks():
    """The pass mark per indicator of the active criteria sets: the competence thresholds
    screen (progress.thresholds_admin) warns when the published courses cannot reach it."""
    return list(
        CriteriaSet.objects.filter(is_active=True).values_list("pass_min_indicator", flat=True)
    )
