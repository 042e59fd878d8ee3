from django.db import migrations

GROUPS = [
    ("farmers", "Nông dân, lao động nông thôn", 1),
    ("workers", "Công nhân, người lao động, thợ thủ công", 2),
    ("officials", "Cán bộ, công chức, viên chức, doanh nhân, người có trình độ chuyên môn", 3),
    ("other", "Nhóm khác (theo hướng dẫn của địa phương)", 4),
]


def forwards(apps, schema_editor):
    OccupationGroup = apps.get_model("people", "OccupationGroup")
    for code, name, ordering in GROUPS:
        OccupationGroup.objects.get_or_create(
            code=code, defaults={"name": name, "ordering": ordering}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
