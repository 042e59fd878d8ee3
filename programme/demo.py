"""Demo: last year's finished campaign in the seven communes of the former Củ Chi district.

Each commune gets a few hundred sample people (no password, ``cdht-nam-…@demo.invalid``) in
its sample hamlets — and, for xã Củ Chi and Tân An Hội, in hamlets of the old communes, which
roll up through the succession map — with their membership context, a training session on
the criteria in June–July, applications sent in August–September and decided in November,
digital-competence evidence for T4, the targets of the Củ Chi plan, and a few totals entered
by the communes (one of them wrong on purpose, so the report shows a flagged figure).

Idempotent: the people are made once; the targets and totals are set again each run; the
counters are then recomputed from the raw records (``programme_recompute --fix``), since the
records are written in bulk, without per-row signals.
"""

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from certificates.demo import GIVEN, MIDDLE, SURNAMES
from certificates.models import Application, CommuneResult, CriteriaSet, Cycle, Status
from cohorts.models import Attendance, Cohort, Session
from courses.models import Competence
from people.models import AdministrativeUnit, OccupationGroup, Profile, UnitLevel, User
from programme.models import ContextKind, MembershipContext
from programme.recompute import counters_recompute
from programme.services import PLANS, declared_total_save, target_save

COMMUNES = [
    "Củ Chi",
    "Tân An Hội",
    "Thái Mỹ",
    "An Nhơn Tây",
    "Nhuận Đức",
    "Phú Hòa Đông",
    "Bình Mỹ",
]
# How far each commune got (share of its people who apply, share recognised): realistic spread.
PACE = {
    "Củ Chi": (0.55, 0.85),
    "Tân An Hội": (0.5, 0.8),
    "Thái Mỹ": (0.35, 0.75),
    "An Nhơn Tây": (0.3, 0.7),
    "Nhuận Đức": (0.25, 0.7),
    "Phú Hòa Đông": (0.45, 0.8),
    "Bình Mỹ": (0.4, 0.75),
}
MARK = "cdht-nam-"


def _communes() -> dict[str, AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(
        level=UnitLevel.COMMUNE, valid_from__isnull=False, name__in=COMMUNES
    ).order_by("pk")
    found = {}
    for unit in units:  # another "Bình Mỹ" exists elsewhere: keep the Củ Chi one (first made)
        found.setdefault(unit.name, unit)
    return found


def _hamlets(commune) -> list[AdministrativeUnit]:
    hamlets = list(AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.HAMLET))
    old = AdministrativeUnit.objects.filter(
        level=UnitLevel.HAMLET, parent__successions__successor=commune
    )
    return hamlets + list(old)


def _cycle(year: int) -> Cycle:
    city = AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY)
    cycle, _created = Cycle.objects.get_or_create(
        year=year,
        unit=city,
        defaults={
            "registration_start": date(year, 8, 1),
            "registration_end": date(year, 9, 30),
            "branch_review_start": date(year, 10, 1),
            "branch_review_end": date(year, 10, 15),
            "commune_evaluation_start": date(year, 10, 16),
            "commune_evaluation_end": date(year, 10, 31),
            "appraisal_start": date(year, 11, 1),
            "appraisal_end": date(year, 11, 30),
            "notes": "Đợt mẫu năm trước (dữ liệu chạy thử của báo cáo chương trình).",
        },
    )
    return cycle


def _moment(rng, year, month_weights) -> datetime:
    month = rng.choices([m for m, _w in month_weights], [w for _m, w in month_weights])[0]
    day = rng.randint(1, 28)
    return datetime(year, month, day, rng.randint(7, 17), tzinfo=timezone.get_default_timezone())


def _people(rng, year: int) -> int:
    if User.objects.filter(email__startswith=MARK).exists():
        return 0
    cycle = _cycle(year)
    groups = {g.code: g for g in OccupationGroup.objects.all()}
    sets = {s.occupation_group_id: s for s in CriteriaSet.objects.filter(is_active=True)}
    competences = list(Competence.objects.select_related("domain").order_by("domain_id", "pk"))
    by_domain = {}
    for competence in competences:
        by_domain.setdefault(competence.domain_id, competence)
    domains = list(by_domain.values())
    made = 0
    for c_index, (name, commune) in enumerate(sorted(_communes().items())):
        hamlets = _hamlets(commune)
        if not hamlets:
            continue
        apply_share, recognise_share = PACE.get(name, (0.4, 0.75))
        session_day = datetime(
            year, 6 + c_index % 2, 10 + c_index, 8, tzinfo=timezone.get_default_timezone()
        )
        cohort, _ = Cohort.objects.get_or_create(
            name=f"Tập huấn bộ tiêu chí năm {year} — xã {name} (mẫu)",
            unit=commune,
            defaults={"start_date": session_day.date()},
        )
        session, _ = Session.objects.get_or_create(
            cohort=cohort,
            title="Phổ biến bộ tiêu chí Công dân học tập",
            defaults={"starts_at": session_day, "on_criteria": True, "place": "Hội trường xã"},
        )
        size = rng.randint(180, 320)
        users, profiles, contexts, applications, attendance, evidence = [], [], [], [], [], []
        for i in range(size):
            gender = rng.choice(["male", "female"])
            user = User(
                username=f"demo_nam_{c_index}_{i:04d}",
                email=f"{MARK}{c_index}-{i:04d}@demo.invalid",
                full_name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} "
                f"{rng.choice(GIVEN[gender])}",
            )
            user.set_unusable_password()
            users.append((user, gender))
        User.objects.bulk_create([u for u, _g in users])
        for user, gender in users:
            roll = rng.random()
            kind = _kind(rng, roll)
            group = groups[
                "officials"
                if kind == ContextKind.LEARNING_UNIT
                else rng.choice(["farmers", "workers", "other"])
            ]
            hamlet = rng.choice(hamlets)
            profiles.append(
                Profile(
                    user=user,
                    home_unit=hamlet,
                    gender=gender,
                    year_of_birth=rng.randint(1955, 2004),
                    occupation_group=group,
                )
            )
            contexts.append(MembershipContext(person=user, kind=kind))
            if kind in (ContextKind.ASSOCIATION_MEMBER, ContextKind.ASSOCIATION_OFFICER) and (
                rng.random() < 0.82
            ):
                attendance.append(
                    Attendance(session=session, learner=user, present=True, marked_at=session_day)
                )
            if rng.random() >= apply_share or group.pk not in sets:
                continue
            submitted = _moment(rng, year, [(7, 1), (8, 5), (9, 4)])
            recognised = rng.random() < recognise_share
            status = Status.RECOGNISED if recognised else Status.NOT_RECOGNISED
            decided = datetime(
                year, 11, rng.randint(18, 28), 9, tzinfo=timezone.get_default_timezone()
            )
            applications.append(
                Application(
                    applicant=user,
                    cycle=cycle,
                    criteria_set=sets[group.pk],
                    occupation_group=group,
                    hamlet=hamlet,
                    commune=commune,
                    status=status,
                    commune_result=CommuneResult.MEETS if recognised else CommuneResult.NOT_MEETS,
                    self_total=rng.randint(82, 96) if recognised else rng.randint(60, 79),
                    final_total=rng.randint(80, 95) if recognised else rng.randint(55, 78),
                    meets_rule=recognised,
                    created_at=submitted - timedelta(days=2),
                    submitted_at=submitted,
                    decided_at=decided,
                )
            )
            if recognised and domains and rng.random() < 0.6:
                level = 3 if rng.random() < 0.45 else 2
                for competence in domains[: 5 if level == 3 else 3]:
                    evidence.append(_evidence(user, competence, level, year))
        Profile.objects.bulk_create(profiles)
        MembershipContext.objects.bulk_create(contexts)
        Attendance.objects.bulk_create(attendance)
        Application.objects.bulk_create(applications)
        _evidence_model().objects.bulk_create(evidence, ignore_conflicts=True)
        made += len(users)
    return made


def _kind(rng, roll: float) -> str:
    if roll < 0.2:
        return ContextKind.ASSOCIATION_MEMBER
    if roll < 0.25:
        return ContextKind.ASSOCIATION_OFFICER
    if roll < 0.45:
        return ContextKind.LEARNING_UNIT
    return rng.choice([ContextKind.FAMILY, ContextKind.CLAN, ContextKind.COMMUNITY])


def _evidence_model():
    from progress.models import CompetenceEvidence

    return CompetenceEvidence


def _evidence(user, competence, level, year):
    return _evidence_model()(
        learner=user,
        competence=competence,
        level=level,
        source="officer",
        source_key=f"BDHVS-{year}-{user.username}",
        description="Bình dân học vụ số (mẫu)",
        recorded_at=datetime(year, 10, 1, tzinfo=timezone.get_default_timezone()),
    )


def _figures(year: int) -> None:
    admin = User.objects.filter(email="quantri@demo.invalid").first()
    city = AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY)
    for target_year in (year, year + 1):
        target_save(
            unit=city,
            year=target_year,
            by=admin,
            values={**PLANS["cu-chi-2023"]["values"], "basis": PLANS["cu-chi-2023"]["label"]},
        )
    communes = _communes()
    if "Phú Hòa Đông" in communes:  # a commune that set a higher target for itself
        target_save(
            unit=communes["Phú Hòa Đông"],
            year=year,
            by=admin,
            values={**PLANS["quoc-gia-2025"]["values"], "basis": "Nghị quyết Đảng ủy xã (mẫu)"},
        )
    if "Thái Mỹ" in communes:  # the association's whole membership, beyond who is on the platform
        declared_total_save(
            unit=communes["Thái Mỹ"],
            year=year,
            target="t1",
            value=95,
            by=admin,
            note="Danh sách hội viên của Hội (mẫu)",
        )
    if "Bình Mỹ" in communes:  # entered before the late registrations: now smaller than counted
        declared_total_save(
            unit=communes["Bình Mỹ"],
            year=year,
            target="t3",
            value=12,
            by=admin,
            note="Số liệu nhập từ đầu năm (mẫu)",
        )


def demo_load(*, stdout) -> None:
    year = timezone.localdate().year - 1
    rng = random.Random(2025)  # noqa: S311  (sample data, not secrets)
    with transaction.atomic():
        made = _people(rng, year)
        _figures(year)
    differences = counters_recompute(fix=True)
    stdout.write(
        f"Programme: {made} sample people for {year}; counters brought up to date "
        f"({differences.facts_total + differences.counters_total} figures written)."
    )
