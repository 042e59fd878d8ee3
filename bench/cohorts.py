"""Benchmark: the trainer's dashboard of a class (issue 13), printed as figures.

Standalone: ``.venv/bin/python bench/cohorts.py`` (``make bench`` runs it too). On PostgreSQL
when it answers — the server of ``DATABASE_URL`` if set, else ``BENCH_PG_URL`` or the local
one — in a database of its own (``cdht_bench_cohorts``, dropped and recreated; ``--keep`` keeps
it), else on a fresh SQLite file (said so in the output). It builds one course of 40 activities
(8 lessons × 5 quizzes), a class of 1,000 learners and one of 10 on that course, with weeks of
activity written in bulk (statements, attempts, results, enrolments, lesson completions,
attendance: some finished, some stuck, some never started), then times the dashboard page
through the Django test client logged in as the class's trainer (median of ``--runs``, lesson
plans warm) and counts its queries.

Targets: the 1,000-learner dashboard ≤ 300 ms and ≤ 3 × the 10-learner one, with the same
number of queries. One function per measure (``measure_*``): the live push and the bulk import
measures are added next to ``measure_dashboard``.
"""

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]  # before bench/: bench/cohorts.py is not the app

from _database import database_options, database_run, hamlets_sample  # noqa: E402

DB = "cdht_bench_cohorts"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"
LESSONS, PER_LESSON = 8, 5
HAMLETS = 6
TARGET_MS, TARGET_RATIO = 300, 3.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--small", type=int, default=10, help="learners of the baseline class")
    parser.add_argument("--runs", type=int, default=7)
    database_options(parser)
    parser.add_argument("--profile", action="store_true", help="cProfile the large dashboard")
    parser.add_argument(
        "--import-rows", type=int, default=5000,
        help="rows of the bulk enrolment measure (bench/cohorts_import.py); 0 skips it",
    )  # fmt: skip
    return parser.parse_args(argv)


# --- The data ----------------------------------------------------------------------------------


def course_setup():
    """A course of LESSONS lessons × PER_LESSON required quizzes; (course, [[Activity]])."""
    from courses.selectors import lesson_activities
    from tests.courses import builders

    lessons = [
        [builders.quiz_block(title=f"Câu hỏi {lesson}.{n}") for n in range(1, PER_LESSON + 1)]
        for lesson in range(1, LESSONS + 1)
    ]
    course, pages = builders.course_build(lessons=lessons, title="Kỹ năng số cho người dân")
    return course, [lesson_activities(lesson=page) for page in pages]


def places_setup():
    """A commune of the seeded places with HAMLETS hamlets, and a trainer over it."""
    from people.models import Role, RoleAssignment, UnitLevel, User
    from people.places import places_load_seed
    from people.selectors import unit_list_current

    places_load_seed()
    commune = unit_list_current(level=UnitLevel.COMMUNE).order_by("name").first()
    hamlets = hamlets_sample(commune, HAMLETS)
    trainer = User.objects.create(username="bench-trainer", full_name="Giảng Viên Thử")
    RoleAssignment.objects.create(user=trainer, role=Role.TRAINER, unit=commune)
    return commune, hamlets, trainer


class _Rows:
    """Rows to insert in bulk, per model."""

    def __init__(self):
        self.statements, self.attempts, self.results = [], [], []
        self.enrolments, self.lessons, self.attendance = [], [], []


def _learner_history(rows, rng, learner, course, lessons, now) -> None:
    from progress.models import ActivityResult, Attempt, Enrolment, LessonCompletion, Statement

    activities = [a for lesson in lessons for a in lesson]
    roll = rng.random()
    done = 0 if roll < 0.15 else len(activities) if roll < 0.4 else rng.randint(1, 39)
    enrolment = Enrolment(learner=learner, course=course, source="cohort")
    rows.enrolments.append(enrolment)
    if not done:
        return
    when = now - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
    passed = 0
    for index, activity in enumerate(activities[: done + 1]):
        tries = 1 if rng.random() < 0.7 else rng.randint(2, 4)
        last_ok = index < done and (done == len(activities) or rng.random() < 0.93)
        for attempt in range(tries):
            ok = last_ok and attempt == tries - 1
            answers = '{"0":["0"],"1":["true"],"2":["0","1"]}' if ok else '{"0":["1"]}'
            statement = Statement(
                learner=learner, verb=ANSWERED, activity_iri=activity.iri,
                lesson_id=activity.lesson_id, block_id=activity.block_id,
                payload={"result": {"response": answers, "success": ok}}, success=ok,
                checked_scaled=1.0 if ok else 0.33, verification="checked", timestamp=when,
            )  # fmt: skip
            statement.stored_at = when
            rows.statements.append(statement)
            rows.attempts.append(
                Attempt(
                    learner=learner,
                    activity_iri=activity.iri,
                    course=course,
                    lesson_id=activity.lesson_id,
                    statement=statement,
                    scaled=1.0 if ok else 0.33,
                    passed=ok,
                    verified=True,
                    created_at=when,
                )
            )
        rows.results.append(
            ActivityResult(
                learner=learner,
                activity_iri=activity.iri,
                course=course,
                lesson_id=activity.lesson_id,
                title=activity.title,
                scaled=1.0 if last_ok else 0.33,
                passed=last_ok,
                attempts=tries,
                first_passed_at=when if last_ok else None,
                first_try_passed=last_ok and tries == 1,
            )
        )
        passed += last_ok
    for lesson in lessons:
        if all(activities.index(a) < done for a in lesson):
            rows.lessons.append(
                LessonCompletion(learner=learner, lesson_id=lesson[0].lesson_id, course=course)
            )
    enrolment.started_at, enrolment.required_count, enrolment.passed_count = when, 40, passed
    if passed == len(activities):
        enrolment.completed_at = when


def class_populate(*, name, size, course, lessons, hamlets, trainer, seed: int):
    """A class of ``size`` learners on ``course`` with their history; returns the class."""
    from django.db.models import F
    from django.utils import timezone

    from cohorts.models import Attendance, Cohort, CohortEnrolment, CohortMember, Session
    from people.models import Profile, User
    from progress.models import ActivityResult, Attempt, Enrolment, LessonCompletion, Statement

    rng = random.Random(seed)  # noqa: S311 (bench data)
    now = timezone.now()
    cohort = Cohort.objects.create(
        name=name, unit=hamlets[0].parent, start_date=timezone.localdate() - timedelta(days=42)
    )
    cohort.courses.add(course)
    cohort.trainers.add(trainer)
    tag = uuid.uuid4().hex[:6]
    learners = User.objects.bulk_create(
        User(username=f"b{tag}{n}", full_name=f"Học Viên {n:04d}") for n in range(size)
    )
    Profile.objects.bulk_create(
        Profile(user=u, home_unit=rng.choice(hamlets), year_of_birth=rng.randint(1955, 2005))
        for u in learners
    )
    CohortMember.objects.bulk_create(CohortMember(cohort=cohort, learner=u) for u in learners)
    rows = _Rows()
    for learner in learners:
        _learner_history(rows, rng, learner, course, lessons, now)
    Statement.objects.bulk_create(rows.statements, batch_size=2000)
    # stored_at is auto_now_add: date the history back as it happened
    Statement.objects.filter(learner__in=learners).update(stored_at=F("timestamp"))
    Attempt.objects.bulk_create(rows.attempts, batch_size=2000)
    ActivityResult.objects.bulk_create(rows.results, batch_size=2000)
    Enrolment.objects.bulk_create(rows.enrolments, batch_size=2000)
    CohortEnrolment.objects.bulk_create(
        CohortEnrolment(cohort=cohort, enrolment=e) for e in rows.enrolments
    )
    LessonCompletion.objects.bulk_create(rows.lessons, batch_size=2000)
    for week in range(6):
        session = Session.objects.create(
            cohort=cohort, title=f"Buổi {week + 1}", starts_at=now - timedelta(days=7 * week)
        )
        Attendance.objects.bulk_create(
            Attendance(session=session, learner=u) for u in learners if rng.random() < 0.6
        )
    _analyze()
    return cohort, len(rows.statements)


def _analyze() -> None:
    """Statistics for the planner, as autovacuum keeps them after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- Measures ----------------------------------------------------------------------------------


def _median_ms(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(1000 * (time.perf_counter() - started))
    return statistics.median(timings)


class QueryCount:
    """Counts the queries run while installed with ``connection.execute_wrapper`` (the debug
    query log is emptied at each request start, which can make a capture around a request
    count nothing)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure_dashboard(*, client, cohort, runs: int) -> dict:
    """The dashboard page of ``cohort`` (first page of the matrix, charts, lists, figures):
    median server time in ms and the number of queries."""
    from django.db import connection
    from django.urls import reverse

    url = reverse("classes:dashboard", args=[cohort.pk])

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    get()  # lesson plans and templates warm
    queries = QueryCount()
    with connection.execute_wrapper(queries):
        get()
    return {"ms": _median_ms(get, runs), "queries": queries.count}


def measure_row(*, cohort, runs: int) -> dict:
    """One learner's re-rendered row (what a live push sends): median ms and queries."""
    from django.db import connection

    from cohorts.dashboard_rows import dashboard_row_render

    learner_id = cohort.memberships.order_by("-learner_id").values_list("learner_id", flat=True)[0]
    dashboard_row_render(cohort.pk, learner_id)
    queries = QueryCount()
    with connection.execute_wrapper(queries):
        dashboard_row_render(cohort.pk, learner_id)
    return {
        "ms": _median_ms(lambda: dashboard_row_render(cohort.pk, learner_id), runs),
        "queries": queries.count,
    }


def run(args, engine: str) -> int:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client

    # As a server keeps its connection (and as Django's test runner does): one per process.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    started = time.perf_counter()
    _commune, hamlets, trainer = places_setup()
    course, lessons = course_setup()
    common = {"course": course, "lessons": lessons, "hamlets": hamlets, "trainer": trainer}
    small, _n = class_populate(name="Lớp nhỏ", size=args.small, seed=1, **common)
    big, statements = class_populate(name="Lớp lớn", size=args.learners, seed=2, **common)
    activities = sum(len(lesson) for lesson in lessons)
    print(
        f"Data ({engine}): classes of {args.learners:,} and {args.small} learners × "
        f"{activities} activities; {statements:,} statements in the large class "
        f"({time.perf_counter() - started:.1f} s to create)."
    )
    client = Client()
    client.force_login(trainer)
    base = measure_dashboard(client=client, cohort=small, runs=args.runs)
    large = measure_dashboard(client=client, cohort=big, runs=args.runs)
    ratio = large["ms"] / base["ms"] if base["ms"] else float("inf")
    print(f"Dashboard, {args.small} learners:    {base['ms']:7.1f} ms, {base['queries']} queries")
    print(
        f"Dashboard, {args.learners:,} learners: {large['ms']:7.1f} ms, {large['queries']} queries"
    )
    print(f"Ratio large/small: {ratio:.2f} × (target ≤ {TARGET_RATIO:.0f} ×)")
    row = measure_row(cohort=big, runs=args.runs)
    print(f"One learner's row (live push), {args.learners:,}-learner class: {row['ms']:.1f} ms, "
          f"{row['queries']} queries")  # fmt: skip
    verdicts = [
        ("≤ 300 ms", large["ms"] <= TARGET_MS),
        (f"≤ {TARGET_RATIO:.0f} × small", ratio <= TARGET_RATIO),
        ("same queries", large["queries"] == base["queries"]),
    ]
    print("Targets: " + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in verdicts))
    if args.import_rows:  # bulk enrolment of a spreadsheet: preview and confirmation
        from cohorts_import import import_report  # bench/cohorts_import.py, beside this file

        import_report(rows=args.import_rows, engine=engine)
    return 0


def profile(args, engine: str) -> int:
    import cProfile
    import pstats

    from django.test import Client
    from django.urls import reverse

    _commune, hamlets, trainer = places_setup()
    course, lessons = course_setup()
    common = {"course": course, "lessons": lessons, "hamlets": hamlets, "trainer": trainer}
    big, _n = class_populate(name="Lớp lớn", size=args.learners, seed=2, **common)
    client = Client()
    client.force_login(trainer)
    url = reverse("classes:dashboard", args=[big.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]:
        print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)

    def measure(engine: str) -> int:
        return profile(args, engine) if args.profile else run(args, engine)

    return database_run(args, name=DB, prefix="bench-cohorts-", measure=measure)


if __name__ == "__main__":
    sys.exit(main())
