"""Status-list indexes: where each credential's revocation bit sits.

Each credential gets a *random free* position in the W3C Bitstring Status List, never the next
number: sequential indexes would tell anyone holding two credentials how many were issued
between them, and let a watcher of the list tie a newly set bit to a recent certificate. The
list has at least 131,072 entries (the recommendation's minimum for herd privacy) and is kept at
most half full (``status_list_capacity``), so a free index is found in a few draws.

Race-safe without a lock: two workers may draw the same free index at once; the unique key on
``Certificate.status_index`` makes the second insert fail, and the callers' retry loop
(``services._reserve``, ``bulk._reserve_batch``) draws again.
"""

import secrets

from django.db import transaction

from certificates.credentials import status_list_capacity
from certificates.issuing import signing
from certificates.models import Certificate

MAX_ROUNDS = 20


def status_indexes_draw(*, count: int) -> list[int]:
    """``count`` distinct random indexes that no certificate holds (as of this query), inside
    the list's capacity once these are added. Call inside the transaction that inserts them;
    when they make the list grow, the cached list is replaced after that transaction commits."""
    if count <= 0:
        return []
    used = Certificate.objects.count()
    capacity = status_list_capacity(used + count)
    chosen: list[int] = []
    for _round in range(MAX_ROUNDS):
        need = count - len(chosen)
        if need == 0:
            break
        # Draw order kept (a set would iterate small numbers first).
        candidates = [
            index
            for index in dict.fromkeys(secrets.randbelow(capacity) for _ in range(2 * need + 4))
            if index not in chosen
        ]
        taken = set(
            Certificate.objects.filter(status_index__in=candidates).values_list(
                "status_index", flat=True
            )
        )
        chosen += [index for index in candidates if index not in taken][:need]
    if len(chosen) < count:  # a list at most half full: practically never
        raise RuntimeError("no free status-list index found")
    if capacity != status_list_capacity(used):
        transaction.on_commit(signing.status_list_forget)  # the list grows: serve the new size
    return chosen
