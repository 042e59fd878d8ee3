"""Signals the courses app sends; later apps (progress) listen in their receivers.py.

``quiz_submitted(sender, learner, statement, activity, result)``: a learner submitted a CMS
quiz; ``statement`` is the xAPI statement (dict) the server built from the answers, so progress
records quizzes and H5P results through the same statement path.
"""

from django.dispatch import Signal

quiz_submitted = Signal()
