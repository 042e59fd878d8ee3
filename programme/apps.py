from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Chỉ tiêu và báo cáo chương trình")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people.models import Role
        from people.permissions import permission_register
        from programme import receivers  # noqa: F401  (keeps the counters up to date)

        # Reading the reports: city analysts everywhere, commune staff in their commune.
        permission_register(
            "programme.view_reports",
            {Role.CITY_ANALYST, Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER, Role.ADMINISTRATOR},
        )
        # Setting targets and entering the commune's yearly totals.
        permission_register("programme.edit_targets", {Role.COMMUNE_OFFICER, Role.ADMINISTRATOR})
