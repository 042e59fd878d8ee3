"""A minimal websocket: a connectivity check through the channel layer, and nothing more.

The client learns whether it is signed in (``hello``) and can send a ``ping`` that goes round the
channel layer to its own connection only (``pong``). It is what the lesson page and the live
dashboards use to tell "connected" from "offline", and what the deployment checks use to prove the
channel layer works. It broadcasts nothing: an earlier version put every visitor in one group and
relayed any visitor's ping to everyone connected, which let an anonymous visitor write to every
open page.

Live pages (a trainer's class, an officer's list) have consumers of their own, which join groups
named after what the user may see, checked by people.permissions.
"""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

PAYLOAD_LIMIT = 200


class PresenceConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()
        user = self.scope.get("user")
        await self.send_json(
            {"type": "hello", "authenticated": bool(user and user.is_authenticated)}
        )

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or content.get("type") != "ping":
            await self.send_json({"type": "error", "message": "unsupported message"})
            return
        payload = str(content.get("payload", ""))[:PAYLOAD_LIMIT]
        # Round the channel layer to this connection alone: proves the layer works, tells no one.
        await self.channel_layer.send(
            self.channel_name, {"type": "presence.pong", "payload": payload}
        )

    async def presence_pong(self, event):
        await self.send_json({"type": "pong", "payload": event["payload"]})
