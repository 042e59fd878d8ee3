from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Danh hiệu và giấy chứng nhận")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from certificates import receivers  # noqa: F401  (connects the signal handlers)
        from certificates.issuing import receivers as _issuing  # noqa: F401  (issued certificates)
        from certificates.permissions import permissions_register
        from certificates.work import applications_work
        from people.work import work_provider_register

        permissions_register()
        work_provider_register(applications_work)
