"""Seed the national digital competence framework for learners (TT 02/2025/TT-BGDĐT)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[1] / "data" / "tt02_2025.json"


def forwards(apps, schema_editor):
    Framework = apps.get_model("courses", "CompetenceFramework")
    Level = apps.get_model("courses", "ProficiencyLevel")
    Domain = apps.get_model("courses", "CompetenceDomain")
    Competence = apps.get_model("courses", "Competence")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    framework, _ = Framework.objects.get_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "legal_basis": data["legal_basis"],
            "description": data["description"],
        },
    )
    for number, band in data["levels"]:
        Level.objects.get_or_create(framework=framework, number=number, defaults={"band": band})
    for d_index, domain_data in enumerate(data["domains"], start=1):
        domain, _ = Domain.objects.get_or_create(
            framework=framework,
            code=domain_data["code"],
            defaults={"name": domain_data["name"], "ordering": d_index},
        )
        for c_index, (code, name) in enumerate(domain_data["competences"], start=1):
            Competence.objects.get_or_create(
                domain=domain, code=code, defaults={"name": name, "ordering": c_index}
            )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
