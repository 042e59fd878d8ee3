from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Trang tin tuyên truyền")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import receivers, sites_admin, slugs

        receivers.connect()
        slugs.register_slug_widget()
        sites_admin.site_columns_label()
