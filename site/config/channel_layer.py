"""The Redis channel layer, tolerant of Redis faults: ``TolerantRedisChannelLayer``.

channels-redis raises on any Redis error: a websocket handshake (which joins a group) failed
while Redis was down, and a consumer's receive loop died with it. Here group membership and
sends are best effort: each waits at most ``op_timeout`` seconds and a failure is logged, not
raised (a websocket then opens but misses group events until Redis is back). ``receive`` keeps
trying every ``retry_every`` seconds, on a fresh connection (redis-py drops a connection that
failed), so consumers pick up again as soon as Redis returns.
"""

import asyncio
import logging
import time

from channels_redis.core import RedisChannelLayer
from redis.exceptions import RedisError

logger = logging.getLogger("config.channel_layer")
FAULTS = (RedisError, OSError, asyncio.TimeoutError)


class TolerantRedisChannelLayer(RedisChannelLayer):
    def __init__(self, *args, op_timeout: float = 0.5, retry_every: float = 0.5, **kwargs):
        super().__init__(*args, **kwargs)
        self.op_timeout, self.retry_every = op_timeout, retry_every
        self._logged_at = 0.0

    def _log(self, what: str, error: BaseException) -> None:
        now = time.monotonic()
        if now - self._logged_at > 10:  # once per outage, not once per call
            self._logged_at = now
            logger.warning("Redis channel layer: %s failed (%r); carrying on", what, error)

    async def _best_effort(self, what: str, operation) -> None:
        try:
            await asyncio.wait_for(operation, self.op_timeout)
        except FAULTS as error:
            self._log(what, error)

    async def group_add(self, group, channel):
        await self._best_effort("group_add", super().group_add(group, channel))

    async def group_discard(self, group, channel):
        await self._best_effort("group_discard", super().group_discard(group, channel))

    async def group_send(self, group, message):
        await self._best_effort("group_send", super().group_send(group, message))

    async def send(self, channel, message):
        await self._best_effort("send", super().send(channel, message))

    async def receive(self, channel):
        while True:
            try:
                return await super().receive(channel)
            except FAULTS as error:
                if asyncio.current_task().cancelling():  # cancelled mid-read: stop, no retry
                    raise asyncio.CancelledError from error
                self._log("receive", error)
                await asyncio.sleep(self.retry_every)
