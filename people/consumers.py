"""A minimal websocket: who is connected, and a ping that goes round the channel layer.

Later dashboards (trainers following a class, officers watching a review list) build on the same
pattern: join a group, receive events sent to the group through the channel layer.
"""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

GROUP = "presence"


class PresenceConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()
        user = self.scope.get("user")
        await self.send_json(
            {"type": "hello", "authenticated": bool(user and user.is_authenticated)}
        )

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or content.get("type") != "ping":
            await self.send_json({"type": "error", "message": "unsupported message"})
            return
        payload = str(content.get("payload", ""))[:200]
        await self.channel_layer.group_send(GROUP, {"type": "presence.pong", "payload": payload})

    async def presence_pong(self, event):
        await self.send_json({"type": "pong", "payload": event["payload"]})
