"""Wagtail admin: "Ngưỡng đánh giá năng lực số" (Settings menu, superusers only).

The administrator sets, per framework, the thresholds of the T4 flags and of indicator 5's
suggestion. Beside the form, the screen shows what the published catalogue can award: the best
level per domain that live courses give and the suggestion a learner who finished them all
would get, with a warning when that is below the pass mark of an indicator (the highest
``pass_min_indicator`` of the active criteria sets, answered by the certificates app through
the ``progress_indicator5_pass_marks`` hook, so progress imports nothing of certificates)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from progress.indicator5 import CatalogueReach, catalogue_reach
from progress.models import ProfileThresholds

MARKS_HOOK = "progress_indicator5_pass_marks"


def indicator_pass_mark(*, thresholds: ProfileThresholds) -> int:
    """The highest pass mark per indicator any active criteria set asks for (through the
    hook), never below the thresholds' own floor."""
    marks = [thresholds.indicator_skills_score]
    for answer in hooks.get_hooks(MARKS_HOOK):
        marks.extend(answer())
    return max(marks)


def thresholds_reach(*, thresholds: ProfileThresholds) -> CatalogueReach | None:
    if thresholds.framework_id is None:
        return None
    return catalogue_reach(
        framework=thresholds.framework,
        thresholds=thresholds,
        pass_score=indicator_pass_mark(thresholds=thresholds),
    )


class CatalogueReachPanel(Panel):
    """Read-only: what the published courses can award under the saved thresholds."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "progress/admin/catalogue_reach.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = self.instance.pk is not None
            context["reach"] = thresholds_reach(thresholds=self.instance) if saved else None
            return context


def _reach_column(thresholds: ProfileThresholds) -> str:
    reach = thresholds_reach(thresholds=thresholds)
    if reach is None:
        return ""
    text = f"{reach.suggestion.score}/10"
    if reach.below_pass:
        text += " — " + str(_("thấp hơn mức đạt %(mark)s") % {"mark": reach.pass_score})
    return text


class ThresholdsViewSet(ModelViewSet):
    model = ProfileThresholds
    name = "competence_thresholds"
    url_prefix = "nguong-nang-luc-so"
    icon = "pick"
    menu_label = _("Ngưỡng năng lực số")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "framework",
        "indicator_skills_score",
        Column(
            "reach",
            label=_("Điểm gợi ý tối đa từ các khóa học đang xuất bản"),
            accessor=_reach_column,
        ),
    ]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("framework"),
            FieldPanel("skills_min_domains"),
            FieldPanel("skills_min_level"),
            FieldPanel("proficient_min_domains"),
            FieldPanel("proficient_min_level"),
            FieldPanel("indicator_target_level"),
            FieldPanel("indicator_skills_score"),
            CatalogueReachPanel(heading=_("Các khóa học đang xuất bản mang lại được gì")),
        ]
    )
