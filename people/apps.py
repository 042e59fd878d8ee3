from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Người dùng và địa bàn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people import receivers  # noqa: F401 — connects the signal receivers
