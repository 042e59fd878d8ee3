"""bench/programme.py's data: 168 communes with hamlets, last year's cycle, people and
profiles, membership contexts, applications, attendance, competence evidence and xAPI
statements, loaded with COPY. Imported by bench/programme.py, not run."""

import time
import uuid
from datetime import UTC, datetime

from _programme_copy import copy_big, copy_rows

EXTRA_COMMUNES, HAMLETS = 161, 5
STATES = [
    "draft",
    "submitted",
    "returned",
    "branch_reviewed",
    "commune_evaluated",
    "appraised",
    "recognised",
    "not_recognised",
]
STATE_WEIGHTS = [5, 8, 2, 10, 8, 7, 50, 10]
KINDS = [
    "family",
    "clan",
    "community",
    "learning_unit",
    "association_member",
    "association_officer",
]


def places():
    """168 current communes under the city, each with hamlets; returns (city, hamlets by
    commune id, the Củ Chi commune)."""
    from people.models import AdministrativeUnit, UnitLevel
    from people.places import places_load_seed
    from people.selectors import unit_list_current

    places_load_seed()
    city = AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY)
    reform = datetime(2025, 7, 1).date()
    for i in range(EXTRA_COMMUNES):
        AdministrativeUnit.objects.create(
            name=f"Phường Thử {i + 1}",
            kind="phường",
            level=UnitLevel.COMMUNE,
            code=f"B{i:04d}",
            parent=city,
            valid_from=reform,
        )
    communes = list(unit_list_current(level=UnitLevel.COMMUNE).filter(path__startswith=city.path))
    hamlets = {}
    for commune in communes:
        made = [
            AdministrativeUnit.objects.create(
                name=f"Ấp {k + 1}",
                kind="ấp",
                level=UnitLevel.HAMLET,
                parent=commune,
                valid_from=reform,
            )
            for k in range(HAMLETS)
        ]
        hamlets[commune.pk] = made
    old = AdministrativeUnit.objects.filter(level=UnitLevel.HAMLET, valid_to__isnull=False)
    cu_chi = next(c for c in communes if c.name == "Củ Chi")
    hamlets[cu_chi.pk] += list(old.filter(parent__successions__successor=cu_chi))
    return city, hamlets, cu_chi


VERBS = ["http://adlnet.gov/expapi/verbs/answered"] * 8 + [
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/attempted",
]


def statements(args, base: int, year: int):
    """xAPI statements as they arrive: learners spread over the people, 500 activities in 50
    lessons, times over the year, a small result payload (score and success)."""
    start = datetime(year, 1, 1).toordinal()
    moments = [datetime.fromordinal(start + d).replace(hour=h, tzinfo=UTC)
               for d in range(365) for h in (1, 4, 7, 10, 13)]  # fmt: skip
    payloads = [
        f'{{"result": {{"success": {"true" if k % 3 else "false"}, '
        f'"score": {{"scaled": {k / 10:.1f}}}}}}}'
        for k in range(11)
    ]
    iris = [f"https://cdht.example/hoat-dong/{k}" for k in range(500)]
    parents = [f"https://cdht.example/bai-hoc/{k // 10}" for k in range(500)]
    step = 7919  # a prime: consecutive statements belong to different learners
    for i in range(args.statements):
        activity, k = i % 500, i % 11
        moment = moments[i % len(moments)]
        yield (
            uuid.uuid4(),
            base + (i * step) % args.people,
            VERBS[i % 10],
            iris[activity],
            f"b{activity % 10}",
            parents[activity],
            payloads[k],
            k % 3 != 0,
            True,
            "checked",
            moment,
            moment,
        )


def populate(args, rng):
    from certificates.models import CriteriaSet, Cycle
    from cohorts.models import Cohort, Session
    from courses.models import Competence
    from people.models import OccupationGroup, Role, RoleAssignment, User
    from programme.services import PLANS, target_save

    started = time.perf_counter()
    city, hamlets, cu_chi = places()
    year = datetime.now().year - 1
    cycle = Cycle.objects.create(
        year=year,
        unit=city,
        registration_start=datetime(year, 8, 1).date(),
        registration_end=datetime(year, 9, 30).date(),
        branch_review_start=datetime(year, 10, 1).date(),
        branch_review_end=datetime(year, 10, 15).date(),
        commune_evaluation_start=datetime(year, 10, 16).date(),
        commune_evaluation_end=datetime(year, 10, 31).date(),
        appraisal_start=datetime(year, 11, 1).date(),
        appraisal_end=datetime(year, 11, 30).date(),
    )
    groups = {g.code: g.pk for g in OccupationGroup.objects.all()}
    sets = {s.occupation_group_id: s.pk for s in CriteriaSet.objects.filter(is_active=True)}
    group_ids = [g for g in groups.values() if g in sets]
    target_save(unit=city, year=year, values=PLANS["cu-chi-2023"]["values"], by=None)
    sessions = {}
    for commune_id in hamlets:
        cohort = Cohort.objects.create(name=f"Tập huấn {commune_id}", unit_id=commune_id)
        sessions[commune_id] = Session.objects.create(
            cohort=cohort,
            title="Bộ tiêu chí",
            on_criteria=True,
            starts_at=datetime(year, 6, 20, 1, tzinfo=UTC),
        ).pk
    all_hamlets = [(c, h.pk) for c, hs in hamlets.items() for h in hs]
    now = datetime.now(UTC)
    base = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    people = range(base, base + args.people)
    homes = {pid: rng.choice(all_hamlets) for pid in people}
    copy_rows(
        "people_user",
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "full_name",
            "phone_verified",
        ],
        (
            (pid, "!", False, f"b{pid}", "", "", "", False, True, now, f"Người Thử {pid}", False)
            for pid in people
        ),
    )
    copy_rows(
        "people_profile",
        [
            "user_id",
            "year_of_birth",
            "gender",
            "occupation_group_id",
            "home_unit_id",
            "created_at",
            "updated_at",
        ],
        (
            (
                pid,
                1960 + pid % 45,
                "female" if pid % 2 else "male",
                rng.choice(group_ids),
                homes[pid][1],
                now,
                now,
            )
            for pid in people
        ),
    )
    kinds = {pid: rng.choice(KINDS) for pid in people if rng.random() < 0.6}
    copy_rows(
        "programme_membershipcontext",
        ["person_id", "kind", "recorded_at"],
        ((pid, kind, now) for pid, kind in kinds.items()),
    )
    association = [p for p, k in kinds.items() if k.startswith("association")]
    copy_rows(
        "cohorts_attendance",
        ["session_id", "learner_id", "present", "marked_at"],
        ((sessions[homes[p][0]], p, True, now) for p in association if rng.random() < 0.7),
    )
    applicants = rng.sample(list(people), min(args.applications, args.people))
    statuses = {p: rng.choices(STATES, STATE_WEIGHTS)[0] for p in applicants}

    def application(pid):
        status, (commune, hamlet) = statuses[pid], homes[pid]
        group = rng.choice(group_ids)
        sent = datetime(year, rng.choice([7, 8, 8, 9, 9]), rng.randint(1, 28), 3, tzinfo=UTC)
        decided = datetime(year, 11, rng.randint(15, 28), 3, tzinfo=UTC)
        done = status in ("recognised", "not_recognised")
        return (
            pid,
            cycle.pk,
            sets[group],
            group,
            hamlet,
            commune,
            False,
            status,
            "",
            85,
            85,
            status == "recognised",
            sent,
            sent,
            None if status == "draft" else sent,
            decided if done else None,
        )

    copy_rows(
        "certificates_application",
        [
            "applicant_id",
            "cycle_id",
            "criteria_set_id",
            "occupation_group_id",
            "hamlet_id",
            "commune_id",
            "remote_area",
            "status",
            "commune_result",
            "self_total",
            "final_total",
            "meets_rule",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
        ],
        (application(p) for p in applicants),
    )
    competences = list(
        Competence.objects.order_by("domain_id", "pk").values_list("pk", "domain_id")
    )
    firsts = list({d: c for c, d in reversed(competences)}.values())
    recognised = [p for p, s in statuses.items() if s == "recognised" and rng.random() < 0.6]
    copy_rows(
        "progress_competenceevidence",
        [
            "learner_id",
            "competence_id",
            "level",
            "source",
            "source_key",
            "description",
            "recorded_at",
        ],
        (
            (p, c, 3 if p % 3 == 0 else 2, "officer", f"bench-{p}", "", now)
            for p in recognised
            for c in firsts[: 5 if p % 3 == 0 else 3]
        ),
    )
    copy_big(
        "progress_statement",
        [
            "statement_id",
            "learner_id",
            "verb",
            "activity_iri",
            "block_id",
            "parent_iri",
            "payload",
            "success",
            "completion",
            "verification",
            "timestamp",
            "stored_at",
        ],
        statements(args, base, year),
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('people_user', 'id'), "
            "(SELECT max(id) FROM people_user))"
        )
        cursor.execute("ANALYZE")
    analyst = User.objects.create(username="bench-analyst", full_name="Cán bộ thống kê")
    RoleAssignment.objects.create(user=analyst, role=Role.CITY_ANALYST, unit=city)
    officer = User.objects.create(username="bench-officer", full_name="Cán bộ xã")
    RoleAssignment.objects.create(user=officer, role=Role.COMMUNE_OFFICER, unit=cu_chi)
    print(
        f"Data: {args.people:,} people, {len(kinds):,} contexts, {len(applicants):,} "
        f"applications, {args.statements:,} statements, {len(hamlets)} communes, "
        f"{len(all_hamlets)} hamlets ({time.perf_counter() - started:.0f} s to load)"
    )
    return analyst, officer, cu_chi, hamlets[cu_chi.pk][0], year
