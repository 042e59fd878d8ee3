"""Certificates get a random public id (every certificate URL uses it, never the row number),
and status-list indexes stop being a counter.

Existing rows: each gets its own random ``public_id``. A certificate whose credential is already
signed keeps its status-list index (the index is inside the signed file its holder keeps; moving
it would make that file read another person's bit). A certificate numbered but not yet signed
gets a random free index now. The "status-list" counter row is no longer used and goes.
"""

import secrets
import uuid

from django.db import migrations, models

MIN_SIZE = 131_072  # certificates.credentials.status_list.MIN_SIZE, frozen here


def _capacity(used: int) -> int:
    return MIN_SIZE * (used // (MIN_SIZE // 2) + 1)


def forwards(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    RegisterCounter = apps.get_model("certificates", "RegisterCounter")
    for pk in list(Certificate.objects.values_list("pk", flat=True)):
        Certificate.objects.filter(pk=pk).update(public_id=uuid.uuid4())
    taken = set(Certificate.objects.values_list("status_index", flat=True))
    capacity = _capacity(len(taken))
    for pk in list(
        Certificate.objects.filter(credential__isnull=True).values_list("pk", flat=True)
    ):
        index = secrets.randbelow(capacity)
        while index in taken:
            index = secrets.randbelow(capacity)
        taken.add(index)
        Certificate.objects.filter(pk=pk).update(status_index=index)
    RegisterCounter.objects.filter(series="status-list", year=0).delete()


def backwards(apps, schema_editor):
    """The old code counts indexes from the counter: start it above every index in use."""
    Certificate = apps.get_model("certificates", "Certificate")
    RegisterCounter = apps.get_model("certificates", "RegisterCounter")
    highest = max(Certificate.objects.values_list("status_index", flat=True), default=0)
    RegisterCounter.objects.update_or_create(
        series="status-list", year=0, defaults={"last": highest}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_issued_certificates"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="mã tham chiếu"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="certificate",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="mã tham chiếu"
            ),
        ),
    ]
