"""Demo data for people: places, sample hamlets, organisations, one user per role.

Passwords are generated on this machine the first time and kept in ``var/demo-logins.txt``
(never committed, never the same on two machines): there are no default passwords.
"""

import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from people.models import (
    AdministrativeUnit,
    OccupationGroup,
    Organisation,
    Profile,
    Role,
    UnitLevel,
    User,
)
from people.models.organisations import OrganisationKind
from people.places import places_load_seed
from people.services import role_assign

REFORM = date(2025, 7, 1)
SAMPLE_HAMLETS = ["Ấp Mẫu 1", "Ấp Mẫu 2"]

# (key, full name, email, phone, role, scope, home hamlet, occupation group)
# scope / home: ("city",) | ("commune", name) | ("hamlet", commune name, hamlet name)
#               | ("old_hamlet", old commune code, hamlet name)
DEMO_USERS = [
    ("admin", "Quản Trị Viên", "quantri@demo.invalid", None, Role.ADMINISTRATOR, ("city",), None, None),
    ("editor", "Trần Văn Biên", "bientap@demo.invalid", None, Role.EDITOR, ("city",), None, None),
    ("analyst", "Ngô Thị Thống", "thongke@demo.invalid", None, Role.CITY_ANALYST, ("city",), None, None),
    ("trainer", "Lê Thị Hoa", "giangvien@demo.invalid", None, Role.TRAINER, ("commune", "Củ Chi"), None, None),
    ("trainer_phd", "Nguyễn Văn Giảng", "giangvien.phuhoadong@demo.invalid", None, Role.TRAINER, ("commune", "Phú Hòa Đông"), None, None),
    ("branch", "Phạm Văn Chí", "chihoi@demo.invalid", "0901000011", Role.BRANCH_OFFICER, ("old_hamlet", "27556", "Ấp Trung"), ("old_hamlet", "27556", "Ấp Trung"), "officials"),
    ("commune", "Võ Thị Hội", "hoixa@demo.invalid", "0901000012", Role.COMMUNE_OFFICER, ("commune", "Củ Chi"), ("hamlet", "Củ Chi", "Ấp Mẫu 1"), "officials"),
    ("approver", "Đặng Văn Uy", "ubndxa@demo.invalid", "0901000013", Role.COMMUNE_APPROVER, ("commune", "Củ Chi"), None, "officials"),
    ("other_commune", "Huỳnh Văn Tân", "hoitanan@demo.invalid", None, Role.COMMUNE_OFFICER, ("commune", "Tân An Hội"), None, "officials"),
    ("learner", "Nguyễn Thị Lan", "hocvien@demo.invalid", "0901000001", Role.LEARNER, ("hamlet", "Củ Chi", "Ấp Mẫu 1"), ("hamlet", "Củ Chi", "Ấp Mẫu 1"), "farmers"),
    # Already recognised "Công dân học tập" (certificates demo): her certificate, credential, QR.
    ("citizen", "Lê Thị Thúy Hằng", "congdan@demo.invalid", "0901000002", Role.LEARNER, ("hamlet", "Phú Hòa Đông", "Ấp Mẫu 1"), ("hamlet", "Phú Hòa Đông", "Ấp Mẫu 1"), "workers"),
]  # fmt: skip

# Citizens without roles, to fill officers' lists.
DEMO_CITIZENS = [
    ("Trương Văn Mười", "0901000101", 1962, "male", ("old_hamlet", "27556", "Ấp Trung"), "farmers"),
    ("Lý Thị Thu", "0901000102", 1988, "female", ("hamlet", "Củ Chi", "Ấp Mẫu 2"), "workers"),
    ("Đỗ Minh Khôi", "0901000103", 1995, "male", ("old_hamlet", "27496", "Khu phố 7"), "officials"),
    ("Mai Thị Hạnh", "0901000104", 1975, "female", ("hamlet", "Tân An Hội", "Ấp Mẫu 1"), "farmers"),
]


def _commune(name: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(name=name, level=UnitLevel.COMMUNE, valid_from=REFORM)


def _place(spec) -> AdministrativeUnit | None:
    if spec is None:
        return None
    if spec[0] == "city":
        return AdministrativeUnit.objects.get(code="79", level=UnitLevel.CITY)
    if spec[0] == "commune":
        return _commune(spec[1])
    if spec[0] == "hamlet":
        return AdministrativeUnit.objects.get(parent=_commune(spec[1]), name=spec[2])
    if spec[0] == "old_hamlet":
        old = AdministrativeUnit.objects.get(
            code=spec[1], valid_from__isnull=True, level=UnitLevel.COMMUNE
        )
        return AdministrativeUnit.objects.get(parent=old, name=spec[2])
    raise ValueError(spec)


def _sample_hamlets() -> None:
    for commune in AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_from=REFORM):
        for name in SAMPLE_HAMLETS:
            AdministrativeUnit.objects.get_or_create(
                parent=commune, name=name, level=UnitLevel.HAMLET,
                defaults={"kind": "ấp", "is_sample": True, "valid_from": REFORM,
                          "notes": "Ấp mẫu để chạy thử, không có thật."},
            )  # fmt: skip


def _organisations() -> None:
    city = _place(("city",))
    association, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.ASSOCIATION_CITY,
        unit=city,
        name="Hội Khuyến học Thành phố Hồ Chí Minh",
    )
    Organisation.objects.get_or_create(
        kind=OrganisationKind.COMMUNICATIONS, unit=city,
        name="Trung tâm Văn hóa – Thể thao và Truyền thông (mẫu)",
    )  # fmt: skip
    for commune in AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_from=REFORM):
        commune_assoc, _ = Organisation.objects.get_or_create(
            kind=OrganisationKind.ASSOCIATION_COMMUNE, unit=commune,
            name=f"Hội Khuyến học xã {commune.name}", defaults={"parent": association},
        )  # fmt: skip
        Organisation.objects.get_or_create(
            kind=OrganisationKind.PEOPLES_COMMITTEE,
            unit=commune,
            name=f"Ủy ban nhân dân xã {commune.name}",
        )
        for hamlet in commune.children.filter(level=UnitLevel.HAMLET):
            Organisation.objects.get_or_create(
                kind=OrganisationKind.ASSOCIATION_BRANCH, unit=hamlet,
                name=f"Chi hội khuyến học {hamlet.name}, xã {commune.name}",
                defaults={"parent": commune_assoc},
            )  # fmt: skip
    old_ttl = _place(("old_hamlet", "27556", "Ấp Trung"))
    Organisation.objects.get_or_create(
        kind=OrganisationKind.ASSOCIATION_BRANCH, unit=old_ttl, name="Chi hội khuyến học ấp Trung",
        defaults={"parent": Organisation.objects.get(name="Hội Khuyến học xã Củ Chi")},
    )  # fmt: skip
    Organisation.objects.get_or_create(
        kind=OrganisationKind.LEARNING_SCHOOL,
        unit=_commune("Củ Chi"),
        name="Trường Tiểu học Mẫu (mẫu)",
    )


def _logins_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.txt"


def _read_passwords() -> dict[str, str]:
    path = _logins_file()
    if not path.exists():
        return {}
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        parts = line.split("\t")
        if len(parts) == 4:
            pairs[parts[2]] = parts[3]
    return pairs


@transaction.atomic
def _users() -> list[tuple[str, str, str, str]]:
    passwords = _read_passwords()
    groups = {g.code: g for g in OccupationGroup.objects.all()}
    rows = []
    for key, name, email, phone, role, scope, home, group in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        password = passwords.get(email) or secrets.token_urlsafe(9)
        if user is None:
            user = User(email=email, username=f"demo_{key}", full_name=name)
            user.phone = f"+84{phone[1:]}" if phone else None
        if not user.check_password(password):
            user.set_password(password)
        user.is_staff = role in (Role.ADMINISTRATOR, Role.EDITOR)
        user.is_superuser = role == Role.ADMINISTRATOR
        user.save()
        _verified_email(user)
        Profile.objects.update_or_create(
            user=user, defaults={"home_unit": _place(home), "occupation_group": groups.get(group)}
        )
        role_assign(user=user, role=role, unit=_place(scope), by=None)
        rows.append((str(Role(role).label), name, email, password))
    for name, phone, year, gender, home, group in DEMO_CITIZENS:
        user = User.objects.filter(phone=f"+84{phone[1:]}").first()
        if user is None:
            user = User(phone=f"+84{phone[1:]}", full_name=name, username=f"demo_{phone}")
            user.set_unusable_password()  # they activate with a code, like assisted sign-ups
            user.save()
        Profile.objects.update_or_create(
            user=user,
            defaults={"home_unit": _place(home), "year_of_birth": year, "gender": gender,
                      "occupation_group": groups.get(group)},
        )  # fmt: skip
    return rows


def _verified_email(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def demo_load(*, stdout) -> None:
    counts = places_load_seed()
    _sample_hamlets()
    _organisations()
    rows = _users()
    path = _logins_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Demo logins for this machine only (generated). Vai trò\tHọ tên\tĐăng nhập\tMật khẩu"
    ]
    lines += ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    stdout.write(
        f"Demo: {counts['units']} units, {len(rows)} demo logins, {len(DEMO_CITIZENS)} citizens."
    )
