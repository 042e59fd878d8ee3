"""The live dashboard's websocket: ``ws/lop-hoc/<cohort_id>/``.

Joined only by the class's trainers and the officers who see it (cohorts.selectors, the same
rule as the pages); anyone else is closed with code 4403 right after the handshake. The
process's relay (cohorts.live_relay, in the one live group) hands each batch's frame of this
class, ``{"type": "events", "events": […]}``, to the class's dashboards in this process
(never another class's). After connecting, the page sends
``{"type": "hello", "seq": N}`` with the last event it applied; the server answers with what it
missed (``catchup``) or, when those events are no longer kept, ``reload`` (the page fetches its
table once), then ``ready`` with the current sequence; caught-up events come one by one as
``{"type": "event", "catchup": true, …}``.
The client never sends anything else that matters (no polling).
"""

import asyncio

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from cohorts.live import live_events_since, live_loop_register, live_seq_current, live_watch
from cohorts.live_relay import relay_join, relay_leave
from cohorts.selectors import cohorts_visible_to

CLOSE_FORBIDDEN = 4403


@database_sync_to_async
def _may_follow(user, cohort_id: int) -> bool:
    return cohorts_visible_to(user=user).filter(pk=cohort_id).exists()


class CohortLiveConsumer(AsyncJsonWebsocketConsumer):
    cohort_id = None

    async def connect(self):
        user = self.scope.get("user")
        cohort_id = int(self.scope["url_route"]["kwargs"]["cohort_id"])
        await self.accept()
        if not (user and user.is_authenticated and await _may_follow(user, cohort_id)):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        live_loop_register(asyncio.get_running_loop())
        self.cohort_id = cohort_id
        await relay_join(cohort_id, self)
        await database_sync_to_async(live_watch)(cohort_id=cohort_id, delta=1)

    async def disconnect(self, code):
        if self.cohort_id is not None:
            await relay_leave(self.cohort_id, self)
            await database_sync_to_async(live_watch)(cohort_id=self.cohort_id, delta=-1)

    async def receive_json(self, content, **kwargs):
        if (
            self.cohort_id is None
            or not isinstance(content, dict)
            or content.get("type") != "hello"
        ):
            return
        try:
            seq = int(content.get("seq") or 0)
        except (TypeError, ValueError):
            seq = 0
        if seq > 0:
            missed = await database_sync_to_async(live_events_since)(
                cohort_id=self.cohort_id, seq=seq
            )
            if missed is None:
                await self.send_json({"type": "reload"})
            else:
                for event in missed:
                    await self.send_json({"type": "event", "catchup": True, **event})
        current = await database_sync_to_async(live_seq_current)(cohort_id=self.cohort_id)
        await self.send_json({"type": "ready", "seq": current})
