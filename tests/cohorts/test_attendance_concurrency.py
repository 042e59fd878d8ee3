"""A double tap on PostgreSQL: two taps for a member not yet marked both find no row to update
and both insert; the newer one must win even when the older one's insert commits first."""

import threading
import time

from django.db import connection, transaction
from django.utils import timezone

from cohorts.attendance import attendance_mark
from cohorts.models import Attendance, Session
from tests.concurrency import POSTGRES_RACES

pytestmark = POSTGRES_RACES
WAIT = 30


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


def test_the_newer_tap_wins_when_the_older_tap_inserts_first(cohort, trainer, make_citizen):
    session = Session.objects.create(cohort=cohort, title="Buổi 1", starts_at=timezone.now())
    learner = make_citizen(cohort.unit, user__full_name="An").user
    cohort.members.add(learner)
    older_inserted, older_commit = threading.Event(), threading.Event()
    newer = {}

    def older_tap():  # the first tap's request: its row inserted, not yet committed
        try:
            with transaction.atomic():
                Attendance.objects.create(
                    session=session, learner=learner, present=True, excused=False,
                    client_seq=100, marked_by=trainer,
                )  # fmt: skip
                older_inserted.set()
                older_commit.wait(WAIT)
        finally:
            connection.close()

    def newer_tap():  # the second tap: finds no committed row, so it inserts too and waits
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                newer["pid"] = cursor.fetchone()[0]
            newer["marked"] = attendance_mark(
                session=session, learner_id=learner.pk, status="absent", seq=200, by=trainer
            )
        finally:
            connection.close()

    first = threading.Thread(target=older_tap)
    first.start()
    assert older_inserted.wait(WAIT)
    second = threading.Thread(target=newer_tap)
    second.start()
    deadline = time.monotonic() + WAIT
    while not ("pid" in newer and _waiting_on_a_lock(newer["pid"])):
        assert time.monotonic() < deadline, "the newer tap never waited on the older insert"
        time.sleep(0.02)
    older_commit.set()
    first.join(WAIT)
    second.join(WAIT)

    marked = newer["marked"]
    assert (marked.status, marked.seq, marked.applied) == ("absent", 200, True)
    row = Attendance.objects.get(session=session, learner=learner)
    assert (row.present, row.excused, row.client_seq) == (False, False, 200)
