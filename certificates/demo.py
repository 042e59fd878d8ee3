"""Demo data for the "Công dân học tập" title: this year's cycle (open today) and a few hundred
generated citizens' applications at every step, so the officers' lists look real.

Idempotent: the cycle's windows move to surround today on every run; citizens and applications
are made once (emails ``cdht-NNNN@demo.invalid``, hamlets "Ấp Mẫu …" and the real Ấp Trung).
xã Củ Chi's list stays open (no decision) so the demo flow can end with a decision there;
xã Tân An Hội already has one. The demo branch officer also covers Củ Chi's "Ấp Mẫu 1", where
the demo learner lives. Then ``certificates.issuing.demo``: the demo citizen
(congdan@demo.invalid) recognised in xã Phú Hòa Đông, every certificate issued, one revoked.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from certificates.criteria_seed import criteria_sets_seed
from certificates.issuing import demo as issued_demo
from certificates.models import (
    Action,
    Application,
    ApplicationEvent,
    CommuneResult,
    CriteriaSet,
    Criterion,
    Cycle,
    Indicator,
    IndicatorScore,
    Status,
)
from certificates.services import decision_record
from people.models import AdministrativeUnit, OccupationGroup, Profile, Role, UnitLevel, User
from people.services import role_assign

SEED = 20250701
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lý",
    "Mai",
    "Tô",
    "Châu",
    "Lâm",
]
MIDDLE = {
    "male": ["Văn", "Minh", "Hữu", "Thành", "Quốc", "Đức", "Công"],
    "female": ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bích"],
}
GIVEN = {
    "male": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khang",
        "Lộc",
        "Minh",
        "Nam",
        "Phúc",
        "Quang",
        "Sơn",
        "Tài",
        "Thắng",
        "Tuấn",
        "Việt",
        "Vinh",
    ],
    "female": [
        "Anh",
        "Châu",
        "Diệu",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Trang",
        "Tuyết",
        "Yến",
    ],
}
# Củ Chi: (status, commune result, share of applications)
CU_CHI_MIX = [
    (Status.DRAFT, "", 12),
    (Status.SUBMITTED, "", 22),
    (Status.RETURNED, "", 5),
    (Status.BRANCH_REVIEWED, "", 33),
    (Status.COMMUNE_EVALUATED, CommuneResult.MEETS, 14),
    (Status.COMMUNE_EVALUATED, CommuneResult.NOT_MEETS, 4),
    (Status.APPRAISED, CommuneResult.MEETS, 10),
]
PATH = [  # how an application reached each status: (action, from, to)
    (Action.REGISTER, "", Status.DRAFT),
    (Action.SUBMIT, Status.DRAFT, Status.SUBMITTED),
    (Action.BRANCH_REVIEW, Status.SUBMITTED, Status.BRANCH_REVIEWED),
    (Action.COMMUNE_EVALUATE, Status.BRANCH_REVIEWED, Status.COMMUNE_EVALUATED),
    (Action.APPRAISE, Status.COMMUNE_EVALUATED, Status.APPRAISED),
]


def _demo_cycle() -> Cycle:
    today = timezone.localdate()
    city = AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY)
    windows = {}
    for offset, stage in enumerate(
        ["registration", "branch_review", "commune_evaluation", "appraisal"]
    ):
        windows[f"{stage}_start"] = today - timedelta(days=30 - 5 * offset)
        windows[f"{stage}_end"] = today + timedelta(days=30 + 15 * offset)
    cycle, _created = Cycle.objects.update_or_create(
        year=today.year,
        unit=city,
        defaults={**windows, "notes": "Đợt mẫu để chạy thử: các giai đoạn luôn bao quanh hôm nay."},
    )
    return cycle


def _hamlets() -> dict[str, list[AdministrativeUnit]]:
    communes = {
        c.name: c
        for c in AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE, valid_from__isnull=False
        )
    }
    old = AdministrativeUnit.objects.get(
        code="27556", level=UnitLevel.COMMUNE, valid_from__isnull=True
    )
    return {
        "Củ Chi": [
            *AdministrativeUnit.objects.filter(
                parent=communes["Củ Chi"], name__startswith="Ấp Mẫu"
            ),
            *AdministrativeUnit.objects.filter(parent=old, name="Ấp Trung"),
        ],
        "Tân An Hội": list(
            AdministrativeUnit.objects.filter(
                parent=communes["Tân An Hội"], name__startswith="Ấp Mẫu"
            )
        ),
    }


def _scores(rng, indicators, *, weak: bool, passing: bool) -> dict[int, int]:
    """Plausible self scores: mostly 7–10; ``weak`` puts one indicator under 5; ``passing``
    lifts the total to 80 (an application the commune said "đạt" to meets the rule)."""
    values = {i.number: rng.choice([7, 8, 8, 9, 9, 10, 10]) for i in indicators}
    if weak:
        values[rng.choice(list(values))] = rng.choice([3, 4])
    while passing and sum(values.values()) < 80:
        lowest = min(values, key=values.get)
        values[lowest] += 1
    return values


@transaction.atomic
def _applications(cycle, rng) -> int:
    if User.objects.filter(email__startswith="cdht-", email__endswith="@demo.invalid").exists():
        return 0
    hamlets = _hamlets()
    groups = list(
        OccupationGroup.objects.filter(code__in=["farmers", "workers", "officials", "other"])
    )
    sets = {
        s.occupation_group_id: s
        for s in CriteriaSet.objects.filter(is_active=True).order_by("version")
    }
    indicators = {s.pk: list(s.indicators.all()) for s in sets.values()}
    commune_of = {h.pk: _current_commune(h) for units in hamlets.values() for h in units}
    plan = [
        ("Củ Chi", status, result) for status, result, share in CU_CHI_MIX for _ in range(share * 3)
    ]
    plan += [("Tân An Hội", Status.APPRAISED, CommuneResult.MEETS) for _ in range(45)]
    plan += [("Tân An Hội", Status.SUBMITTED, "") for _ in range(25)]
    now = timezone.now()
    people, applications, scores, events = [], [], [], []
    for number, (commune_name, status, result) in enumerate(plan, start=1):
        gender = rng.choice(["male", "female"])
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        user = User(
            username=f"demo_cdht_{number:04d}",
            email=f"cdht-{number:04d}@demo.invalid",
            full_name=name,
        )
        user.set_unusable_password()
        hamlet = rng.choice(hamlets[commune_name])
        group = rng.choice(groups)
        people.append(
            (
                user,
                Profile(
                    home_unit=hamlet,
                    year_of_birth=rng.randint(1955, 2004),
                    gender=gender,
                    occupation_group=group,
                ),
            )
        )
        criteria_set = sets[group.pk]
        weak = result == CommuneResult.NOT_MEETS or (
            status in (Status.DRAFT, Status.SUBMITTED) and rng.random() < 0.15
        )
        values = _scores(
            rng, indicators[criteria_set.pk], weak=weak, passing=result == CommuneResult.MEETS
        )
        total = sum(values.values())
        applications.append(
            Application(
                cycle=cycle,
                criteria_set=criteria_set,
                occupation_group=group,
                hamlet=hamlet,
                commune=commune_of[hamlet.pk],
                status=status,
                commune_result=result,
                self_total=total,
                final_total=total,
                meets_rule=total >= criteria_set.pass_total and min(values.values()) >= 5,
                submitted_at=None
                if status == Status.DRAFT
                else now - timedelta(days=rng.randint(3, 25)),
                created_at=now - timedelta(days=rng.randint(26, 40)),
            )
        )
        scores.append(values)
    User.objects.bulk_create([user for user, _profile in people])
    users = {u.username: u for u in User.objects.filter(username__startswith="demo_cdht_")}
    for (user, profile), application in zip(people, applications, strict=True):
        profile.user = users[user.username]
        application.applicant = profile.user
    Profile.objects.bulk_create([profile for _user, profile in people])
    Application.objects.bulk_create(applications)
    rows = []
    for application, values in zip(applications, scores, strict=True):
        for indicator in indicators[application.criteria_set_id]:
            rows.append(
                IndicatorScore(
                    application=application,
                    indicator=indicator,
                    self_score=values[indicator.number],
                )
            )
        events += _history(application, now)
    IndicatorScore.objects.bulk_create(rows, batch_size=2000)
    ApplicationEvent.objects.bulk_create(events, batch_size=2000)
    _decision(
        cycle,
        [
            a
            for a in applications
            if a.commune.name == "Tân An Hội" and a.status == Status.APPRAISED
        ],
    )
    return len(applications)


def _current_commune(hamlet):
    from people.selectors import unit_commune_on

    return unit_commune_on(unit=hamlet)


def _history(application, now) -> list[ApplicationEvent]:
    if application.status == Status.RETURNED:
        steps = [PATH[0], PATH[1], (Action.BRANCH_RETURN, Status.SUBMITTED, Status.RETURNED)]
    else:
        steps = []
        for step in PATH:
            steps.append(step)
            if step[2] == application.status:
                break
    events = []
    for index, (action, source, target) in enumerate(steps):
        comment = ""
        if action == Action.BRANCH_RETURN:
            comment = "Bổ sung minh chứng cho chỉ số 3 (ảnh sinh hoạt ở nhà văn hóa ấp)."
        elif action == Action.COMMUNE_EVALUATE:
            comment = str(CommuneResult(application.commune_result).label)
        events.append(
            ApplicationEvent(
                application=application,
                action=action,
                from_status=source,
                to_status=target,
                at=now - timedelta(days=30 - 4 * index),
                comment=comment,
            )
        )
    return events


def _decision(cycle, appraised) -> None:
    """Tân An Hội's UBND recognises its appraised applications, through the service (so the
    history, the decision and ``title_recognised`` are as in real use)."""
    admin = User.objects.filter(email="quantri@demo.invalid", is_superuser=True).first()
    if not appraised or admin is None:
        return
    commune = appraised[0].commune
    decision_record(
        cycle=cycle,
        commune=commune,
        number="01/QĐ-UBND (mẫu)",
        signed_on=timezone.localdate(),
        signer_name="Nguyễn Văn Mẫu",
        signer_title="Chủ tịch",
        issuing_body=f"Ủy ban nhân dân xã {commune.name}",
        application_ids=[a.pk for a in appraised],
        by=admin,
        note="Quyết định mẫu để chạy thử.",
    )


def _branch_officer_covers_learner() -> None:
    officer = User.objects.filter(email="chihoi@demo.invalid").first()
    learner = Profile.objects.filter(user__email="hocvien@demo.invalid").select_related("home_unit")
    learner = learner.first()
    if officer and learner and learner.home_unit:
        role_assign(user=officer, role=Role.BRANCH_OFFICER, unit=learner.home_unit, by=None)


def demo_load(*, stdout) -> None:
    criteria_sets_seed(
        CriteriaSet=CriteriaSet,
        Criterion=Criterion,
        Indicator=Indicator,
        OccupationGroup=OccupationGroup,
    )
    cycle = _demo_cycle()
    _branch_officer_covers_learner()
    issued_demo.templates_make()  # before the first decision: its PDFs get the sample seal
    created = _applications(cycle, random.Random(SEED))  # noqa: S311 (demo names, not secrets)
    total = Application.objects.filter(cycle=cycle).count()
    stdout.write(
        f"Demo: cycle {cycle.year} open today; {created} new applications ({total} in the cycle)."
    )
    issued_demo.demo_load(stdout=stdout)
