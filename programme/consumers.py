"""The live campaign view's socket: joins one group per commune the user may read."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from people.models import UnitLevel
from people.selectors import unit_list_current
from programme.live import group_for
from programme.selectors import VIEW, communes_visible


@database_sync_to_async
def _commune_ids(user) -> list[int]:
    from people.permissions import user_can

    if not (user and user.is_authenticated and user_can(user=user, action=VIEW)):
        return []
    city = unit_list_current(level=UnitLevel.CITY).order_by("pk").first()
    return [c.pk for c in communes_visible(user=user, city=city)] if city else []


class CampaignConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.groups_joined = [group_for(pk) for pk in await _commune_ids(self.scope.get("user"))]
        if not self.groups_joined:
            await self.close(code=4403)
            return
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        pass  # nothing to receive: the view only listens

    async def programme_states(self, event):
        await self.send_json(
            {"commune": event["commune"], "year": event["year"], "states": event["states"]}
        )
