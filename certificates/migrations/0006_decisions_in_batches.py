"""Decisions in batches: a decision locks only what it names; later ones supplement the
commune's first decision of the cycle (numbered 1, 2, …); each application remembers the
decision that recognised it (its certificate names that one).

Existing rows: ``recognised_by`` is the earliest decision that names the application (a
correction names it again later), or the decision holding it; decisions after a commune's first
one that correct nothing become its supplements, numbered in the order they were recorded.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    Application = apps.get_model("certificates", "Application")
    Decision = apps.get_model("certificates", "RecognitionDecision")
    Named = Decision.applications.through
    earliest = {}
    for row in Named.objects.order_by("recognitiondecision__recorded_at", "recognitiondecision_id"):
        earliest.setdefault(row.application_id, row.recognitiondecision_id)
    for application in Application.objects.filter(decision__isnull=False).iterator():
        application.recognised_by_id = earliest.get(application.pk, application.decision_id)
        application.save(update_fields=["recognised_by"])
    firsts = {}
    for decision in Decision.objects.filter(corrects__isnull=True).order_by("recorded_at", "pk"):
        key = (decision.cycle_id, decision.commune_id)
        if key not in firsts:
            firsts[key] = [decision, 0]
            continue
        first = firsts[key]
        first[1] += 1
        decision.supplements_id = first[0].pk
        decision.supplement_number = first[1]
        decision.save(update_fields=["supplements", "supplement_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0005_certificate_public_id_random_status_index"),
        ("people", "0003_notices_consent_reset_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="recognised_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Quyết định đã công nhận người này; giấy chứng nhận ghi quyết định này.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="recognised_applications",
                to="certificates.recognitiondecision",
                verbose_name="công nhận theo quyết định",
            ),
        ),
        migrations.AddField(
            model_name="recognitiondecision",
            name="supplement_number",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="bổ sung lần thứ"
            ),
        ),
        migrations.AddField(
            model_name="recognitiondecision",
            name="supplements",
            field=models.ForeignKey(
                blank=True,
                help_text="Quyết định đầu tiên của xã trong đợt mà quyết định này bổ sung.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="supplementary_decisions",
                to="certificates.recognitiondecision",
                verbose_name="bổ sung quyết định",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                help_text="Quyết định đang giữ hồ sơ (hoặc quyết định đính chính đã rút hồ sơ ra).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="current_applications",
                to="certificates.recognitiondecision",
                verbose_name="quyết định công nhận",
            ),
        ),
        migrations.AddConstraint(
            model_name="recognitiondecision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("supplement_number__isnull", False)),
                fields=("cycle", "commune", "supplement_number"),
                name="decision_supplement_number_per_cycle",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
