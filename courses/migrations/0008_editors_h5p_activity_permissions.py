"""Editors add H5P activities, as the README says: Wagtail's "Editors" group (given to the editor
role by people.services) may add, edit and view the "Hoạt động H5P" snippet; "Moderators"
(administrators) may also delete one. cms.services.editorial_setup puts the same back on a
database that lost them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["add_h5pactivity", "change_h5pactivity", "view_h5pactivity"],
    "Moderators": [
        "add_h5pactivity", "change_h5pactivity", "delete_h5pactivity", "view_h5pactivity"
    ],
}  # fmt: skip


def _permissions(apps, codenames):
    # Django creates a new model's permissions after the whole migrate run; make them now.
    app_config = apps.get_app_config("courses")
    app_config.models_module = True  # a migration stub has none; create_permissions needs it
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_plural_names"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
