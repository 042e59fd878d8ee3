"""The live dashboard's fan-out inside one server process.

The pusher (cohorts.live) sends one ``live.batch`` message per batch, carrying each class's
frame (``frames``: ``[[cohort id, text], …]``), with one ``group_send`` to ``GROUP``. The
group's members are not the websockets but one relay channel per server process (per event
loop and channel layer), in the group while that process has any dashboard open. The relay
receives each batch once and hands each class's text, already encoded, only to that
process's dashboards of that class (each let in by the scope rule when it connected; a
class's data never goes to a dashboard of another class): one Redis delivery per process and
batch instead of one per dashboard or per class, and no decoding or encoding per dashboard.

``relay_join(cohort_id, consumer)`` / ``relay_leave(cohort_id, consumer)``: called by the
websocket consumer once it is allowed in, and when it closes. A consumer only needs an async
``send(text_data=…)``.
"""

import asyncio
import logging
import weakref

from channels.layers import get_channel_layer

logger = logging.getLogger("cohorts.live")

MESSAGE_TYPE = "live.batch"  # {"type", "frames": [[cohort id, the class's frame text], …]}
GROUP = "cohort-live"  # every process's relay, while it has a dashboard open


class _Relay:
    def __init__(self, layer):
        self.layer = layer
        self.channel: str | None = None
        self.listeners: dict[int, set] = {}
        self.lock = asyncio.Lock()
        self.task: asyncio.Task | None = None

    async def join(self, cohort_id: int, consumer) -> None:
        async with self.lock:
            if self.channel is None:
                # The layer's default prefix: channels-redis reads every channel of a process
                # with one blocking pop per prefix, one prefix at a time (under one lock), so a
                # prefix of its own would wait behind the consumers' pop for seconds.
                self.channel = await self.layer.new_channel()
                self.task = asyncio.ensure_future(self._listen())
            self.listeners.setdefault(cohort_id, set()).add(consumer)
            # Every join renews the membership (the layer forgets groups after a day).
            await self.layer.group_add(GROUP, self.channel)

    async def leave(self, cohort_id: int, consumer) -> None:
        async with self.lock:
            listeners = self.listeners.get(cohort_id)
            if listeners is None:
                return
            listeners.discard(consumer)
            if not listeners:
                del self.listeners[cohort_id]
            if not self.listeners:  # no dashboard left in this process: no batches either
                await self.layer.group_discard(GROUP, self.channel)

    async def _listen(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the layer failed: try again shortly
                if asyncio.current_task().cancelling():  # a cancel the layer turned into an
                    raise asyncio.CancelledError from error  # error: stop, never loop on
                logger.warning("Live relay: receive failed (%r)", error)
                await asyncio.sleep(0.5)
                continue
            if message.get("type") != MESSAGE_TYPE:
                continue
            for cohort_id, text in message.get("frames") or ():
                # Only this class's dashboards: the scope rule let each in for its class.
                for consumer in list(self.listeners.get(cohort_id, ())):
                    try:
                        await consumer.send(text_data=text)
                    except Exception as error:  # a socket closing meanwhile: the others go on
                        logger.debug("Live relay: a dashboard not sent to (%r)", error)


_relays: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Relay]" = (
    weakref.WeakKeyDictionary()
)


def _relay() -> _Relay:
    loop = asyncio.get_running_loop()
    layer = get_channel_layer()
    relay = _relays.get(loop)
    if relay is None or relay.layer is not layer:  # the first one, or the settings changed
        if relay is not None and relay.task is not None:
            relay.task.cancel()
        relay = _relays[loop] = _Relay(layer)
    return relay


async def relay_join(cohort_id: int, consumer) -> None:
    await _relay().join(cohort_id, consumer)


async def relay_leave(cohort_id: int, consumer) -> None:
    await _relay().leave(cohort_id, consumer)
