"""Benchmark: bulk enrolment of a class from a 5,000-row spreadsheet (issue 13), as figures.

Standalone: ``.venv/bin/python bench/cohorts_import.py`` (``bench/cohorts.py`` can call
``measure_import`` beside its own measures). On PostgreSQL when it answers (``DATABASE_URL``'s
server if set, else ``BENCH_PG_URL`` or the local one) in a database of its own
(``cdht_bench_cohorts_import``, dropped and recreated; ``--keep`` keeps it), else on a fresh
SQLite file (said so). It makes a commune with hamlets, a commune officer, a course, 1,000
people already registered, and an .xlsx list of ``--rows`` rows as a hamlet keeps it: people
already registered, new people (to register on their behalf), the same person twice, invalid
phones, hamlets outside the commune. Through the Django test client logged in as the officer,
it times the whole request of each step (reading, checking, the page rendered):

- the upload and its preview, then the confirmation (registering and enrolling);
- the same file again (nothing to change) and its confirmation.

Target: preview ≤ 30 s and confirmation ≤ 30 s each for 5,000 rows.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]  # before bench/: bench/cohorts.py is not the app

from _database import database_options, database_run, hamlets_sample  # noqa: E402

DB = "cdht_bench_cohorts_import"
TARGET_S = 30.0
KNOWN = 1_000


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--profile", choices=["preview", "confirm"], help="cProfile one step")
    database_options(parser)
    return parser.parse_args(argv)


# --- The data ----------------------------------------------------------------------------------


def import_setup(*, rows: int, seed: int = 7):
    """A commune with hamlets, its officer, a class on a course, KNOWN registered people and
    the .xlsx content of a list of ``rows`` rows. Returns (officer, cohort, content, mix)."""
    from openpyxl import Workbook

    from cohorts.models import Cohort
    from cohorts.spreadsheets import TEMPLATE_HEADER
    from people.models import Profile, Role, UnitLevel, User
    from people.places import places_load_seed
    from people.selectors import unit_list_current
    from people.services import role_assign
    from tests.courses import builders

    rng = random.Random(seed)  # noqa: S311 (bench data)
    places_load_seed()
    commune = unit_list_current(level=UnitLevel.COMMUNE).order_by("name").first()
    hamlets = hamlets_sample(commune, 6, name="Ấp Danh Sách")
    officer = User.objects.create(username="bench-import-officer", full_name="Cán Bộ Thử")
    role_assign(user=officer, role=Role.COMMUNE_OFFICER, unit=commune, by=None)
    course, _pages = builders.course_build(lessons=[[builders.quiz_block()]], title="Khóa thử")
    cohort = Cohort.objects.create(name="Lớp ghi danh từ danh sách", unit=commune)
    cohort.courses.add(course)

    def phone(n: int) -> str:
        return f"0913{n:06d}"

    known = User.objects.bulk_create(
        User(username=f"import-known{n}", full_name=f"Người Cũ {n}", phone=f"+84913{n:06d}")
        for n in range(KNOWN)
    )
    Profile.objects.bulk_create(Profile(user=u, home_unit=rng.choice(hamlets)) for u in known)

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(TEMPLATE_HEADER)
    mix = {"known": 0, "new": 0, "duplicate": 0, "invalid": 0, "outside": 0}
    for n in range(rows):
        roll = rng.random()
        hamlet = rng.choice(hamlets).name
        name = f"Nguyễn Văn Thử {n}"
        if roll < 0.02 and n:
            kind, number = "duplicate", phone(KNOWN + n - 1)
        elif roll < 0.04:
            kind, number = "invalid", "12345"
        elif roll < 0.06:
            kind, number, hamlet = "outside", phone(KNOWN + n), "Ấp Không Có"
        elif n < KNOWN:
            kind, number = "known", phone(n)
        else:
            kind, number = "new", phone(KNOWN + n)
        mix[kind] += 1
        sheet.append([name, rng.randint(1950, 2005), number, "", hamlet])
    buffer = io.BytesIO()
    book.save(buffer)
    return officer, cohort, buffer.getvalue(), mix


# --- Measures ----------------------------------------------------------------------------------


def _timed(function):
    """(result, wall seconds); the Python process's CPU seconds go to ``_timed.cpu``."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    _timed.cpu = time.process_time() - cpu
    return result, time.perf_counter() - started


def measure_import(*, client, officer, cohort, content: bytes) -> dict:
    """Upload ``content`` (.xlsx) to ``cohort``'s import as ``officer`` (logged in on
    ``client``), then confirm; then the same file again. Seconds per request, and counts."""
    from django.urls import reverse

    from cohorts.models import CohortMember, ImportPreview
    from people.models import User

    url = reverse("cohorts_import", args=[cohort.pk])

    def upload():
        file = io.BytesIO(content)
        file.name = "danh-sach.xlsx"
        response = client.post(url, {"file": file})
        assert response.status_code == 200, response.status_code
        return response

    def confirm():
        token = ImportPreview.objects.filter(confirmed_at__isnull=True).latest("pk").token
        response = client.post(url, {"token": token, "consent": "on"})
        assert response.status_code == 200, response.status_code
        return response

    users = User.objects.count()
    response, preview_s = _timed(upload)
    preview_cpu, size_kb = _timed.cpu, len(response.content) / 1024
    _response, confirm_s = _timed(confirm)
    confirm_cpu = _timed.cpu
    members, registered = CohortMember.objects.count(), User.objects.count() - users
    _response, again_s = _timed(upload)
    _response, again_confirm_s = _timed(confirm)
    assert CohortMember.objects.count() == members, "the same file twice changed the class"
    return {
        "preview_s": preview_s, "confirm_s": confirm_s, "page_kb": size_kb,
        "preview_cpu": preview_cpu, "confirm_cpu": confirm_cpu,
        "members": members, "registered": registered,
        "again_s": again_s, "again_confirm_s": again_confirm_s,
    }  # fmt: skip


def run(args, engine: str) -> int:
    return import_report(rows=args.rows, engine=engine, profile_step=args.profile)


def import_report(*, rows: int, engine: str, profile_step: str | None = None) -> int:
    """Set up, measure and print (what ``bench/cohorts.py`` calls beside its measures)."""
    from django.test import Client

    started = time.perf_counter()
    officer, cohort, content, mix = import_setup(rows=rows)
    print(
        f"Bulk enrolment data ({engine}): a list of {rows:,} rows "
        f"({len(content) / 1024:.0f} KB .xlsx): "
        + ", ".join(f"{kind} {count:,}" for kind, count in mix.items())
        + f" ({time.perf_counter() - started:.1f} s to create)."
    )
    client = Client()
    client.force_login(officer)
    if profile_step:
        return profile(profile_step, client, officer, cohort, content)
    figures = measure_import(client=client, officer=officer, cohort=cohort, content=content)
    print(f"Upload + preview:      {figures['preview_s']:6.1f} s (Python CPU "
          f"{figures['preview_cpu']:.1f} s; page {figures['page_kb']:.0f} KB)")  # fmt: skip
    print(f"Confirmation:          {figures['confirm_s']:6.1f} s "
          f"(Python CPU {figures['confirm_cpu']:.1f} s; {figures['members']:,} in the class, "
          f"{figures['registered']:,} registered)")  # fmt: skip
    load = os.getloadavg()[0]
    print(f"Machine load average (1 min) at the end: {load:.1f} on {os.cpu_count()} cores")
    print(f"Same file again:       {figures['again_s']:6.1f} s preview, "
          f"{figures['again_confirm_s']:.1f} s confirmation (nothing changed)")  # fmt: skip
    verdicts = [
        (f"preview ≤ {TARGET_S:.0f} s", figures["preview_s"] <= TARGET_S),
        (f"confirmation ≤ {TARGET_S:.0f} s", figures["confirm_s"] <= TARGET_S),
    ]
    print("Bulk enrolment targets: "
          + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in verdicts))  # fmt: skip
    return 0


def profile(step: str, client, officer, cohort, content) -> int:
    import cProfile
    import pstats

    from django.urls import reverse

    from cohorts.models import ImportPreview

    url = reverse("cohorts_import", args=[cohort.pk])
    profiler = cProfile.Profile()
    file = io.BytesIO(content)
    file.name = "danh-sach.xlsx"
    if step == "preview":
        profiler.enable()
    client.post(url, {"file": file})
    if step == "confirm":
        token = ImportPreview.objects.latest("pk").token
        profiler.enable()
        client.post(url, {"token": token, "consent": "on"})
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    return database_run(
        args, name=DB, prefix="bench-cohorts-import-", measure=lambda engine: run(args, engine)
    )


if __name__ == "__main__":
    sys.exit(main())
