"""Signals the certificates app sends (receivers live in the listening module's receivers.py).

``title_recognised(sender, application, decision)`` — an application was recognised by a
recognition decision. Sent after the transaction that recorded the decision commits, once per
application (a correcting decision that keeps an already recognised application does not send
it again).
``title_recognition_withdrawn(sender, application, decision)`` — a correcting decision left out
an application the decision it corrects had recognised; sent on commit, once per withdrawal.
``applications_moved(sender, application_ids)`` — a bulk action changed these applications'
status with one UPDATE (no per-row save signal); sent on commit (programme's counters follow).
"""

from django.dispatch import Signal

title_recognised = Signal()
title_recognition_withdrawn = Signal()
applications_moved = Signal()
