from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Khóa học")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses import competence_admin
        from people.models import Role
        from people.permissions import permission_register

        competence_admin.register()
        # Installing H5P content types (courses.h5p_admin): administrators only.
        permission_register("courses.manage_content_types", {Role.ADMINISTRATOR})
