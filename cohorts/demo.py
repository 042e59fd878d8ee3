"""Demo classes: one class per sample hamlet of Củ Chi and Phú Hòa Đông, a few hundred
learners and weeks of activity, so a demo trainer who logs in sees a living class.

Each class follows both demo courses and is taught by its commune's demo trainer (people.demo:
Lê Thị Hoa for Củ Chi, Nguyễn Văn Giảng for Phú Hòa Đông). Learners are citizens without a
password (they would activate with a code, like assisted sign-ups), with phones in a range kept
for the demo (+84 903 …). Their learning went through progress' own service
(``statements_record``: checked quiz answers, attempts, results, lesson and course completions,
competence evidence); the times are then moved back to when it happened, over the past weeks
(local time, Asia/Ho_Chi_Minh). Some finished, some are stuck on one quiz, some stopped weeks
ago, some never started. Weekly evening sessions at the hamlet's cultural house have attendance;
the first two are on the criteria (they feed the programme's T1 figure).

Idempotent and quick: a class that already has members is left as it is; the rest is written
with ``bulk_create`` and one ``statements_record`` per learner.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone

from cohorts.models import Attendance, Cohort, CohortEnrolment, CohortMember, Session
from courses.models import CoursePage, LessonPage
from courses.quiz import quiz_check, quiz_statement
from courses.selectors import activity_of_block
from people.demo import REFORM
from people.models import AdministrativeUnit, OccupationGroup, Profile, UnitLevel, User
from progress.models import (
    ActivityResult,
    Attempt,
    CompetenceEvidence,
    Enrolment,
    LessonCompletion,
    Statement,
)
from progress.services import statements_record

DEMO_NAMESPACE = uuid.UUID("0f4b5e55-3c1e-4f7b-9a40-5d3c2f1e7a21")
COURSE_SLUGS = ["hieu-dung-ve-cong-dan-hoc-tap", "ky-nang-so-co-ban"]
# (commune, hamlet, trainer's email, learners, weeks since the class began)
CLASSES = [
    ("Củ Chi", "Ấp Mẫu 1", "giangvien@demo.invalid", 80, 6),
    ("Củ Chi", "Ấp Mẫu 2", "giangvien@demo.invalid", 70, 4),
    ("Phú Hòa Đông", "Ấp Mẫu 1", "giangvien.phuhoadong@demo.invalid", 60, 5),
    ("Phú Hòa Đông", "Ấp Mẫu 2", "giangvien.phuhoadong@demo.invalid", 50, 3),
]
SESSIONS = [
    ("Phổ biến bộ tiêu chí Công dân học tập", True),
    ("Tự đánh giá theo 3 tiêu chí, 10 chỉ số", True),
    ("Dùng VNeID an toàn", False),
    ("Nhận biết lừa đảo qua mạng", False),
    ("Nộp hồ sơ dịch vụ công trực tuyến", False),
    ("Ôn tập, giải đáp thắc mắc", False),
    ("Tổng kết lớp", False),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng",
          "Đỗ", "Ngô", "Hồ", "Dương", "Lý", "Đoàn"]  # fmt: skip
MIDDLE_F = ["Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ"]
MIDDLE_M = ["Văn", "Văn", "Minh", "Hữu", "Quốc", "Thanh", "Công"]
GIVEN_F = ["Lan", "Hoa", "Mai", "Hương", "Nga", "Hạnh", "Loan", "Thảo", "Trang", "Vy", "Yến",
           "Cúc", "Đào", "Phượng", "Tuyết", "Nhung", "Hằng", "Diễm"]  # fmt: skip
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Phúc", "Tâm", "Bình", "An", "Cường", "Sơn", "Khoa",
           "Nam", "Tài", "Lộc", "Thành", "Hải", "Quang", "Trí", "Nghĩa"]  # fmt: skip
# Share of each kind of learner, in this order.
KINDS = [("finished", 30), ("active", 25), ("stuck", 15), ("stopped", 15), ("never", 15)]


@dataclass
class Quiz:
    lesson: LessonPage
    activity: object
    value: object
    right: dict
    wrong: dict


def _answers(value, *, right: bool) -> dict:
    answers = {}
    for index, question in enumerate(value["questions"]):
        if question["kind"] == "true_false":
            truth = question["true_false_answer"]
            answers[str(index)] = [truth if right else ("false" if truth == "true" else "true")]
            continue
        correct = [str(i) for i, option in enumerate(question["options"]) if option["is_correct"]]
        wrong = [str(i) for i, option in enumerate(question["options"]) if not option["is_correct"]]
        answers[str(index)] = correct if right or not wrong else wrong[:1]
    return answers


def _quizzes(course: CoursePage) -> list[Quiz]:
    quizzes = []
    for lesson in course.lessons().live().specific():
        for block in lesson.body:
            if block.block_type != "quiz" or not block.value.get("required"):
                continue
            quizzes.append(
                Quiz(lesson, activity_of_block(lesson, block), block.value,
                     _answers(block.value, right=True), _answers(block.value, right=False))
            )  # fmt: skip
    return quizzes


def _local(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


class _Class:
    """One demo class being written."""

    def __init__(self, index, spec, courses, quizzes, groups):
        commune_name, hamlet_name, trainer_email, size, weeks = spec
        self.index, self.size, self.courses, self.quizzes = index, size, courses, quizzes
        self.random = random.Random(f"cohorts-demo-{index}")  # noqa: S311 — made-up data
        commune = AdministrativeUnit.objects.get(
            name=commune_name, level=UnitLevel.COMMUNE, valid_from=REFORM
        )
        self.hamlet = AdministrativeUnit.objects.get(parent=commune, name=hamlet_name)
        self.trainer = User.objects.get(email=trainer_email)
        self.now = timezone.now()
        today = timezone.localdate()
        self.start = today - timedelta(weeks=weeks, days=today.weekday())  # a Monday
        self.groups = groups
        self.name = f"Lớp Công dân học tập {hamlet_name} – xã {commune_name}"

    def cohort(self) -> Cohort:
        cohort, _created = Cohort.objects.get_or_create(
            name=self.name, unit=self.hamlet,
            defaults={"start_date": self.start, "end_date": self.start + timedelta(weeks=8),
                      "created_by": self.trainer, "created_at": _local(self.start, 8)},
        )  # fmt: skip
        cohort.courses.set(self.courses)
        cohort.trainers.add(self.trainer)
        return cohort

    def learners(self) -> list[User]:
        phones = [f"+849030{self.index}{n:04d}" for n in range(1, self.size + 1)]
        existing = {u.phone: u for u in User.objects.filter(phone__in=phones)}
        new = []
        for number, phone in enumerate(phones):
            if phone in existing:
                continue
            female = self.random.random() < 0.55
            name = " ".join((
                self.random.choice(FAMILY),
                self.random.choice(MIDDLE_F if female else MIDDLE_M),
                self.random.choice(GIVEN_F if female else GIVEN_M),
            ))  # fmt: skip
            user = User(phone=phone, full_name=name, username=f"demo_lop_{phone[1:]}")
            user.set_unusable_password()
            user.date_joined = _local(self.start, 9) - timedelta(days=number % 5)
            user._demo_female = female
            new.append(user)
        User.objects.bulk_create(new)
        created = {u.phone: u for u in User.objects.filter(phone__in=[u.phone for u in new])}
        Profile.objects.bulk_create(
            Profile(
                user=created[user.phone],
                home_unit=self.hamlet,
                year_of_birth=self.random.randint(1955, 2004),
                gender="female" if user._demo_female else "male",
                occupation_group=self.random.choice(self.groups) if self.groups else None,
            )
            for user in new
        )
        return [existing.get(phone) or created[phone] for phone in phones]

    def members(self, cohort: Cohort, learners: list[User]) -> None:
        added = _local(self.start, 9)
        CohortMember.objects.bulk_create(
            CohortMember(cohort=cohort, learner=learner, added_by=self.trainer, added_at=added)
            for learner in learners
        )
        taken = set(
            Enrolment.objects.filter(learner__in=learners, course__in=self.courses).values_list(
                "learner_id", "course_id"
            )
        )
        Enrolment.objects.bulk_create(
            Enrolment(
                learner=learner, course=course, source=Enrolment.Source.COHORT, enrolled_at=added
            )
            for learner in learners
            for course in self.courses
            if (learner.pk, course.pk) not in taken
        )
        enrolments = Enrolment.objects.filter(learner__in=learners, course__in=self.courses)
        CohortEnrolment.objects.bulk_create(
            CohortEnrolment(cohort=cohort, enrolment=enrolment, created_at=added)
            for enrolment in enrolments
        )

    def sessions(self, cohort: Cohort, learners: list[User], kinds: dict) -> None:
        place = f"Nhà văn hóa {self.hamlet.name}"
        sessions = Session.objects.bulk_create(
            Session(
                cohort=cohort,
                title=title,
                on_criteria=on_criteria,
                place=place,
                starts_at=_local(self.start + timedelta(weeks=week, days=2), 19),
            )
            for week, (title, on_criteria) in enumerate(SESSIONS)
        )
        marks = []
        for session in sessions:
            if session.starts_at > self.now:
                continue  # not held yet
            for learner in learners:
                chance = {"never": 0.35, "stopped": 0.55}.get(kinds[learner.pk], 0.85)
                marks.append(
                    Attendance(
                        session=session,
                        learner=learner,
                        marked_by=self.trainer,
                        present=self.random.random() < chance,
                        marked_at=session.starts_at + timedelta(minutes=10),
                    )
                )
        Attendance.objects.bulk_create(marks)

    def kinds(self, learners: list[User]) -> dict[int, str]:
        bag = [kind for kind, share in KINDS for _ in range(share)]
        return {learner.pk: self.random.choice(bag) for learner in learners}

    def activity(self, learner: User, kind: str) -> None:
        """Statements of one learner over the weeks since the class began, in order."""
        if kind == "never":
            return
        quizzes = [quiz for course in self.courses for quiz in self.quizzes[course.pk]]
        span = (self.now - _local(self.start, 9)).total_seconds()
        begin = _local(self.start, 9) + timedelta(seconds=span * self.random.uniform(0, 0.25))
        if kind == "finished":
            todo, end = quizzes, begin + timedelta(seconds=span * self.random.uniform(0.3, 0.6))
        elif kind == "active":
            todo = quizzes[: self.random.randint(2, max(2, len(quizzes) - 1))]
            end = self.now - timedelta(hours=self.random.randint(2, 60))
        elif kind == "stuck":
            todo = quizzes[: self.random.randint(1, max(1, len(quizzes) // 2))]
            end = self.now - timedelta(days=self.random.randint(3, 9))
        else:  # stopped
            todo = quizzes[: self.random.randint(1, 2)]
            end = self.now - timedelta(days=self.random.randint(12, 20))
        end = max(end, begin + timedelta(hours=1))
        plan = []
        for number, quiz in enumerate(todo):
            last = number == len(todo) - 1
            if kind == "stuck" and last:
                plan += [(quiz, False)] * self.random.randint(3, 5)
            else:
                plan += [(quiz, False)] * (self.random.random() < 0.3) + [(quiz, True)]
        step = (end - begin) / max(1, len(plan) - 1)
        statements = []
        for number, (quiz, right) in enumerate(plan):
            answers = quiz.right if right else quiz.wrong
            at = begin + step * number + timedelta(minutes=self.random.randint(0, 40))
            statement_id = uuid.uuid5(DEMO_NAMESPACE, f"{learner.phone}/{number}")
            statements.append(quiz_statement(
                activity=quiz.activity, quiz=quiz.value, answers=answers,
                result=quiz_check(quiz=quiz.value, answers=answers),
                statement_id=str(statement_id), at=min(at, self.now),
            ))  # fmt: skip
        statements_record(learner=learner, statements=statements)


def _backdate(learner_ids: list[int], courses: list[CoursePage]) -> None:
    """Put every time progress wrote at "now" back to when the statement happened."""
    mine = {"learner_id__in": learner_ids}
    same_learner = {"learner_id": OuterRef("learner_id")}
    Statement.objects.filter(**mine).update(
        stored_at=Subquery(Statement.objects.filter(pk=OuterRef("pk")).values("timestamp")[:1])
    )
    Attempt.objects.filter(**mine).update(
        created_at=Subquery(
            Statement.objects.filter(pk=OuterRef("statement_id")).values("timestamp")[:1]
        )
    )
    attempts = Attempt.objects.filter(**same_learner, activity_iri=OuterRef("activity_iri")).values(
        "learner_id"
    )
    results = ActivityResult.objects.filter(**mine)
    results.update(updated_at=Subquery(attempts.annotate(at=Max("created_at")).values("at")[:1]))
    results.filter(passed=True).update(
        first_passed_at=Subquery(
            attempts.filter(passed=True).annotate(at=Min("created_at")).values("at")[:1]
        )
    )
    in_course = {**same_learner, "course_id": OuterRef("course_id")}
    enrolments = Enrolment.objects.filter(**mine, started_at__isnull=False)
    enrolments.update(
        started_at=Subquery(
            Attempt.objects.filter(**in_course)
            .values("learner_id")
            .annotate(at=Min("created_at"))
            .values("at")[:1]
        )
    )
    enrolments.filter(completed_at__isnull=False).update(
        completed_at=Subquery(
            ActivityResult.objects.filter(**in_course, passed=True)
            .values("learner_id")
            .annotate(at=Max("first_passed_at"))
            .values("at")[:1]
        )
    )
    LessonCompletion.objects.filter(**mine).update(
        completed_at=Subquery(
            ActivityResult.objects.filter(**same_learner, lesson_id=OuterRef("lesson_id"))
            .filter(passed=True)
            .values("learner_id")
            .annotate(at=Max("first_passed_at"))
            .values("at")[:1]
        )
    )
    evidence = CompetenceEvidence.objects.filter(**mine)
    evidence.filter(source=CompetenceEvidence.Source.ACTIVITY).update(
        recorded_at=Subquery(
            ActivityResult.objects.filter(
                **same_learner, activity_iri=OuterRef("source_key")
            ).values("first_passed_at")[:1]
        )
    )
    for course in courses:
        evidence.filter(
            source=CompetenceEvidence.Source.COURSE, source_key=f"course:{course.pk}"
        ).update(
            recorded_at=Subquery(
                Enrolment.objects.filter(**same_learner, course=course).values("completed_at")[:1]
            )
        )


def demo_load(*, stdout) -> None:
    courses = list(CoursePage.objects.live().filter(slug__in=COURSE_SLUGS).order_by("track"))
    if len(courses) != len(COURSE_SLUGS):
        stdout.write("Demo classes: the demo courses are missing; nothing done.")
        return
    quizzes = {course.pk: _quizzes(course) for course in courses}
    groups = list(OccupationGroup.objects.all())
    made = learners_total = 0
    for index, spec in enumerate(CLASSES, start=1):
        demo = _Class(index, spec, courses, quizzes, groups)
        with transaction.atomic():
            cohort = demo.cohort()
            if cohort.memberships.exists():
                learners_total += cohort.memberships.count()
                continue
            learners = demo.learners()
            demo.members(cohort, learners)
            kinds = demo.kinds(learners)
            demo.sessions(cohort, learners, kinds)
            for learner in learners:
                demo.activity(learner, kinds[learner.pk])
            _backdate([learner.pk for learner in learners], courses)
        made += 1
        learners_total += len(learners)
    stdout.write(f"Demo classes: {len(CLASSES)} classes ({made} new), {learners_total} learners.")
