from django.db import migrations


def forwards(apps, schema_editor):
    from certificates.criteria_seed import criteria_sets_seed

    criteria_sets_seed(
        CriteriaSet=apps.get_model("certificates", "CriteriaSet"),
        Criterion=apps.get_model("certificates", "Criterion"),
        Indicator=apps.get_model("certificates", "Indicator"),
        OccupationGroup=apps.get_model("people", "OccupationGroup"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("people", "0002_occupation_groups"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
