from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ học tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.extensions import page_context_register, state_store_register
        from people.models import Role
        from people.permissions import permission_register
        from people.work import work_provider_register
        from progress import receivers  # noqa: F401  (connects the signal handlers)
        from progress.context import course_page_context, lesson_page_context
        from progress.resume import activity_state_get, activity_state_save
        from progress.work import course_reports_work

        page_context_register(kind="course", provider=course_page_context)
        page_context_register(kind="lesson", provider=lesson_page_context)
        state_store_register(get=activity_state_get, save=activity_state_save)
        permission_register(
            "progress.view_reports",
            {Role.TRAINER, Role.COMMUNE_OFFICER, Role.COMMUNE_APPROVER, Role.BRANCH_OFFICER,
             Role.CITY_ANALYST, Role.ADMINISTRATOR},
        )  # fmt: skip
        permission_register(
            "progress.verify_evidence",
            {Role.BRANCH_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR},
        )
        work_provider_register(course_reports_work)
