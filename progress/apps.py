from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ học tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.extensions import page_context_register
        from progress import receivers  # noqa: F401  (connects the signal handlers)
        from progress.context import course_page_context, lesson_page_context

        page_context_register(kind="course", provider=course_page_context)
        page_context_register(kind="lesson", provider=lesson_page_context)
