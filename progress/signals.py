"""Signals progress sends; later apps (certificates) listen in their receivers.py.

``course_completed(sender, learner, course, enrolment)`` — once per learner and course, after
the transaction that completed it commits.
``competence_changed(sender, learner, competence_ids)`` — new evidence changed the learner's
competence profile (indicator 5 suggestion, T4 flags).
"""

from django.dispatch import Signal

course_completed = Signal()
competence_changed = Signal()
