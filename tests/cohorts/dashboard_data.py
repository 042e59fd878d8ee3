"""Builders for the dashboard tests: a class whose course has three quizzes in two lessons, and
learners who answer them through the real statement path."""

import datetime
import uuid

from django.utils import timezone

from cohorts.models import Attendance, Cohort, Session
from courses.quiz import quiz_response_encode
from courses.selectors import activity_iri
from progress.models import Statement
from progress.services import statement_record
from tests.courses.builders import course_build, quiz_block

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
RIGHT = {"0": ["0"], "1": ["true"], "2": ["0", "1"]}
WRONG = {"0": ["1"], "1": ["true"], "2": ["0", "1"]}  # picks "Ai cũng được"


def class_build(*, unit, trainer, name="Lớp kỹ năng số"):
    blocks = [quiz_block(title="Ôn tập 1"), quiz_block(title="Ôn tập 2")]
    last = quiz_block(title="Ôn tập 3")
    course, lessons = course_build(lessons=[blocks, [last]], title="Kỹ năng số cơ bản")
    cohort = Cohort.objects.create(name=name, unit=unit, start_date=timezone.localdate())
    cohort.courses.add(course)
    cohort.trainers.add(trainer)
    iris = [activity_iri(lesson_id=lessons[0].pk, block_id=b["id"]) for b in blocks]
    iris.append(activity_iri(lesson_id=lessons[1].pk, block_id=last["id"]))
    return cohort, course, iris


def answer(learner, iri, answers):
    statement = {
        "id": str(uuid.uuid4()),
        "verb": {"id": ANSWERED},
        "object": {"id": iri},
        "result": {"response": quiz_response_encode(answers), "completion": True},
    }
    return statement_record(learner=learner, statement=statement)[0]


def age_activity(learner, days: int) -> None:
    """Pretend the learner's statements were all received ``days`` ago."""
    when = timezone.now() - datetime.timedelta(days=days)
    Statement.objects.filter(learner=learner).update(stored_at=when)


def session_with(cohort, present: list, title="Buổi 1: bộ tiêu chí"):
    session = Session.objects.create(cohort=cohort, title=title, starts_at=timezone.now())
    for learner in present:
        Attendance.objects.create(session=session, learner=learner, present=True)
    return session
