"""The Wagtail group "Officers": admin access only (the review lists check roles themselves).
people.services gives it to branch officers, commune officers and commune approvers."""

from django.db import migrations

GROUP = "Officers"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_criteria_sets"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
