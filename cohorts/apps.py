from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Lớp học")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people.models import Role
        from people.permissions import OFFICERS, permission_register

        # Create and manage classes in one's units (trainers: only the classes they teach).
        permission_register(
            "cohorts.manage",
            {Role.TRAINER, Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR},
        )
        # See every class of one's units, not only those one teaches.
        permission_register("cohorts.oversee", OFFICERS | {Role.ADMINISTRATOR})

        from cohorts import receivers

        receivers.connect()  # progress signals → the live dashboard
