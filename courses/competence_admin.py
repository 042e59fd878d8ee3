"""Admin screens for competence frameworks (registered as snippets so blocks can choose them)."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import Competence, CompetenceDomain, CompetenceFramework, ProficiencyLevel


class FrameworkViewSet(SnippetViewSet):
    model = CompetenceFramework
    icon = "list-ul"
    menu_label = _("Khung năng lực")
    list_display = [
        "name",
        "code",
        "legal_basis",
        BooleanColumn(
            "is_active",
            label=capfirst(CompetenceFramework._meta.get_field("is_active").verbose_name),
        ),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("legal_basis"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]


class DomainViewSet(SnippetViewSet):
    model = CompetenceDomain
    icon = "folder-open-inverse"
    menu_label = _("Miền năng lực")
    list_display = ["code", "name", "framework"]
    list_filter = ["framework"]


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "pick"
    menu_label = _("Năng lực thành phần")
    list_display = ["code", "name", "domain"]
    list_filter = ["domain__framework", "domain"]
    search_fields = ["code", "name"]


class LevelViewSet(SnippetViewSet):
    model = ProficiencyLevel
    icon = "order"
    menu_label = _("Bậc năng lực")
    list_display = ["number", "band", "framework"]
    list_filter = ["framework"]


class CompetenceGroup(SnippetViewSetGroup):
    items = (FrameworkViewSet, DomainViewSet, CompetenceViewSet, LevelViewSet)
    menu_icon = "pick"
    menu_label = _("Khung năng lực số")
    menu_name = "competences"


def register() -> None:
    register_snippet(CompetenceGroup)
