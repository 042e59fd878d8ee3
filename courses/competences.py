"""Loading competence frameworks from JSON files (idempotent)."""

import json
from pathlib import Path

from django.db import transaction

from courses.models.competences import (
    Competence,
    CompetenceDomain,
    CompetenceFramework,
    ProficiencyLevel,
)

NATIONAL_FRAMEWORK_FILE = Path(__file__).resolve().parent / "data" / "tt02_2025.json"


@transaction.atomic
def competence_framework_load(*, path: Path = NATIONAL_FRAMEWORK_FILE) -> CompetenceFramework:
    """Create or update a framework from a JSON file; names already edited by an admin are kept
    only if the file's entry is unchanged (the file wins on reload). Returns the framework."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    framework, _ = CompetenceFramework.objects.update_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "legal_basis": data.get("legal_basis", ""),
            "description": data.get("description", ""),
        },
    )
    for number, band in data["levels"]:
        ProficiencyLevel.objects.update_or_create(
            framework=framework, number=number, defaults={"band": band}
        )
    for d_index, domain_data in enumerate(data["domains"], start=1):
        domain, _ = CompetenceDomain.objects.update_or_create(
            framework=framework,
            code=domain_data["code"],
            defaults={"name": domain_data["name"], "ordering": d_index},
        )
        for c_index, (code, name) in enumerate(domain_data["competences"], start=1):
            Competence.objects.update_or_create(
                domain=domain, code=code, defaults={"name": name, "ordering": c_index}
            )
    return framework
