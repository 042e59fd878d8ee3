"""Signals progress sends; later apps (certificates) listen in their receivers.py.

``course_completed(sender, learner, course, enrolment)`` — once per learner and course, after
the transaction that completed it commits.
``lesson_completed(sender, learner, lesson_id, course, completion)`` — once per learner and
lesson, when the last of its required activities is passed, after the transaction commits
(``course`` may be None for a lesson outside any course).
``statements_recorded(sender, learner, statements)`` — new statements of a learner were stored
(retries of stored ones are not), after the transaction commits; receivers must be cheap (they
run in the statement request).
``competence_changed(sender, learner, competence_ids)`` — new evidence changed the learner's
competence profile (indicator 5 suggestion, T4 flags).
"""

from django.dispatch import Signal

course_completed = Signal()
lesson_completed = Signal()
competence_changed = Signal()
statements_recorded = Signal()
