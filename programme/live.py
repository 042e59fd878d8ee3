"""Live campaign view: counts by review state per commune, pushed over Channels.

Groups are named per commune (``programme.commune.<id>``); a socket joins only the communes its
user may read (programme.consumers). After the counters of a commune's states change
(programme.services.person_refresh), the new counts are sent to that commune's group once the
transaction commits. A failing channel layer never breaks the write.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from programme.selectors import state_counts

log = logging.getLogger(__name__)


def group_for(commune_id: int) -> str:
    return f"programme.commune.{commune_id}"


def states_broadcast(*, commune_ids, year: int) -> None:
    layer = get_channel_layer()
    if layer is None or not commune_ids:
        return
    counts = state_counts(unit_ids=list(commune_ids), year=year)
    for commune_id, states in counts.items():
        try:
            async_to_sync(layer.group_send)(
                group_for(commune_id),
                {"type": "programme.states", "commune": commune_id, "year": year,
                 "states": states},
            )  # fmt: skip
        except Exception:  # the live view is a convenience; the figures are already saved
            log.warning("programme: live update for commune %s not sent", commune_id)
