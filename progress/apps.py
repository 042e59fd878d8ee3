from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ học tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from progress import receivers  # noqa: F401  (connects the signal handlers)
