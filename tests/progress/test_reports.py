"""Course reports: nothing cut off (pages on screen with counts, every learner in the
exports) and dates on the local calendar."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from people.models import Profile, Role, User
from progress.models import Enrolment
from tests.courses.builders import course_build, quiz_block

pytestmark = pytest.mark.django_db

MANY = 2500


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def course(db):
    course, _lessons = course_build(lessons=[[quiz_block()]], title="Khóa học đông người")
    return course


@pytest.fixture
def many_learners(course, cu_chi_hamlet):
    users = User.objects.bulk_create(
        User(username=f"hv{n}", full_name=f"Học viên {n:05d}", email=f"hv{n}@example.org")
        for n in range(MANY)
    )
    Profile.objects.bulk_create(
        Profile(user=user, home_unit=cu_chi_hamlet, year_of_birth=1980) for user in users
    )
    Enrolment.objects.bulk_create(Enrolment(learner=user, course=course) for user in users)
    return users


@pytest.fixture
def trainer(client, make_officer, cu_chi):
    officer = make_officer(cu_chi, role=Role.TRAINER)
    client.force_login(officer)
    return officer


def test_every_learner_is_in_the_csv_export(client, course, many_learners, trainer):
    response = client.get(f"/can-bo/tien-do/{course.pk}/?xuat=csv")
    assert response.status_code == 200
    text = body(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = [row[0] for row in rows[1:]]
    assert len(names) == MANY and len(set(names)) == MANY
    assert names == sorted(names)


def test_every_learner_is_in_the_excel_export(client, course, many_learners, trainer):
    response = client.get(f"/can-bo/tien-do/{course.pk}/?xuat=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == MANY + 1
    assert rows[1][0] == "Học viên 00000" and rows[-1][0] == f"Học viên {MANY - 1:05d}"


def test_the_screen_pages_through_every_learner_and_says_how_many(
    client, course, many_learners, trainer
):
    first = client.get(f"/can-bo/tien-do/{course.pk}/").content.decode()
    assert "Học viên 00000" in first and "Học viên 00100" not in first
    assert "trong tổng số 2500 học viên" in first
    assert "Trang 1/25" in first
    last = client.get(f"/can-bo/tien-do/{course.pk}/?trang=25&q=H%E1%BB%8Dc").content.decode()
    assert f"Học viên {MANY - 1:05d}" in last and "Trang 25/25" in last
    assert 'href="?q=H%E1%BB%8Dc&amp;trang=24"' in last  # the filter is kept across pages


def test_report_dates_are_local_days(client, course, make_citizen, cu_chi_hamlet, trainer):
    """Hồ Chí Minh City is UTC+7: a UTC date is a day early from midnight to 7 a.m. local."""
    citizen = make_citizen(cu_chi_hamlet)
    Enrolment.objects.create(
        learner=citizen.user,
        course=course,
        enrolled_at=datetime(2025, 8, 31, 17, 30, tzinfo=UTC),  # 00:30 on 1 September, local
        started_at=datetime(2025, 8, 31, 17, 30, tzinfo=UTC),
        completed_at=datetime(2025, 9, 1, 23, 30, tzinfo=UTC),  # 06:30 on 2 September, local
    )
    url = f"/can-bo/tien-do/{course.pk}/"
    text = body(client.get(f"{url}?xuat=csv")).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][2:4] == ["01/09/2025", "02/09/2025"]
    book = load_workbook(io.BytesIO(body(client.get(f"{url}?xuat=xlsx"))))
    assert list(book.active.iter_rows(values_only=True))[1][2:4] == ("01/09/2025", "02/09/2025")


def test_an_asgi_server_gets_the_csv_in_batches_not_read_whole_first():
    import asyncio

    from progress.reports import BatchStreamingResponse

    pulled = []

    def lines():
        for n in range(450):
            pulled.append(n)
            yield f"{n}\n"

    async def first_part():
        iterator = aiter(BatchStreamingResponse(lines()))
        part = await anext(iterator)
        return part, len(pulled)

    part, read = asyncio.run(first_part())
    assert part == b"0\n" and read == BatchStreamingResponse.BATCH  # not all 450
