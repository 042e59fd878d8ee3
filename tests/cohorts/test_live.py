"""The live dashboard's websocket (ws/lop-hoc/<id>/): who may join, events (small deltas, a
batch per frame) after a statement recorded through the real service or a marked attendance,
one relay per process in the live group and one send per batch (a class's part only to that
class's dashboards), nothing but a queued id in the statement's own thread, and catch-up
after a reconnect; on the in-memory channel layer, and on Redis when it answers (REDIS_URL's
server, a prefix of the test's own)."""

import datetime
import os
import socket
import threading
import time
import uuid
from urllib.parse import urlsplit

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cohorts import live, live_relay
from cohorts.attendance import attendance_mark
from cohorts.models import Cohort, Session
from config.asgi import application
from people.models import Role
from progress.services import statement_record

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
ORIGIN = (b"origin", b"http://localhost")
REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    parts = urlsplit(REDIS)
    try:
        address = (parts.hostname or "127.0.0.1", parts.port or 6379)
        with socket.create_connection(address, timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _redis_layers(prefix: str) -> dict:
    """CHANNEL_LAYERS for the Redis channel layer under a test's own prefix."""
    return {
        "default": {
            "BACKEND": "config.channel_layer.TolerantRedisChannelLayer",
            "CONFIG": {"hosts": [REDIS], "prefix": prefix},
        }
    }


@pytest.fixture(params=["memory", "redis"])
def layer(request, settings):
    if request.param == "memory":
        settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    else:
        if not _redis_answers():
            pytest.skip(f"Redis does not answer at {REDIS}")
        settings.CHANNEL_LAYERS = _redis_layers(f"cdht-test-{uuid.uuid4().hex[:8]}")
    return get_channel_layer()


@pytest.fixture
def klass(make_live_class):
    return make_live_class("Lớp Ấp Bàu Tre", [None, None])


def _cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def _open(user, cohort_id: int) -> WebsocketCommunicator:
    headers = [ORIGIN]
    if user is not None:
        headers.append((b"cookie", await sync_to_async(_cookie)(user)))
    communicator = WebsocketCommunicator(application, f"/ws/lop-hoc/{cohort_id}/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def _batch(communicator) -> list[dict]:
    """The events of the next frame: a batch (``events``) as pushed live."""
    frame = await communicator.receive_json_from(timeout=5)
    assert frame["type"] == "events", frame
    return frame["events"]


def _record(learner, iri: str) -> None:
    statement_record(
        learner=learner,
        statement={
            "id": str(uuid.uuid4()),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"id": iri},
            "result": {"response": '{"0":["0"]}'},
        },
    )


async def test_only_the_trainers_and_officers_in_scope_may_join(
    layer, klass, cu_chi, tan_an_hoi, make_officer
):
    cohort = klass["cohort"]
    other_trainer = await sync_to_async(make_officer)(cu_chi, role=Role.TRAINER)
    elsewhere = await sync_to_async(make_officer)(tan_an_hoi, role=Role.COMMUNE_OFFICER)
    for user in (None, klass["learners"][0], other_trainer, elsewhere):
        communicator = await _open(user, cohort.pk)
        assert await communicator.receive_output(timeout=5) == {
            "type": "websocket.close", "code": 4403
        }  # fmt: skip
    officer = await sync_to_async(make_officer)(cu_chi, role=Role.COMMUNE_OFFICER)
    for user in (klass["trainer"], officer):
        communicator = await _open(user, cohort.pk)
        await communicator.send_json_to({"type": "hello", "seq": 0})
        assert await communicator.receive_json_from(timeout=5) == {"type": "ready", "seq": 0}
        await communicator.disconnect()


async def test_a_statement_reaches_the_open_dashboard_as_a_cell_delta(layer, klass):
    cohort, learner = klass["cohort"], klass["learners"][0]
    communicator = await _open(klass["trainer"], cohort.pk)
    try:
        await communicator.send_json_to({"type": "hello", "seq": 0})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "ready"
        await sync_to_async(_record)(learner, klass["iri"])
        (event,) = await _batch(communicator)
        assert event["learner"] == learner.pk
        assert event["seq"] == 1 and "statement" in event["reason"]
        assert "html" not in event  # a delta, not a re-rendered row
        (cell,) = event["cells"]
        assert cell["activity"] == klass["iri"]
        assert cell["status"] in ("in_progress", "failed", "passed")
        assert cell["said"] and cell["title"].endswith(cell["said"])
        assert event["row"]["status"] == "in_progress" and event["row"]["last"]
    finally:
        await communicator.disconnect()


async def test_one_relay_per_process_fans_a_batch_out_to_its_dashboards(layer, klass):
    cohort, learner = klass["cohort"], klass["learners"][0]
    first = await _open(klass["trainer"], cohort.pk)
    second = await _open(klass["trainer"], cohort.pk)
    try:
        for communicator in (first, second):
            await communicator.send_json_to({"type": "hello", "seq": 0})
            assert (await communicator.receive_json_from(timeout=5))["type"] == "ready"
        if hasattr(layer, "groups"):  # in memory: the group's members can be counted
            assert len(layer.groups[live_relay.GROUP]) == 1
        await sync_to_async(_record)(learner, klass["iri"])
        one, two = await _batch(first), await _batch(second)
        assert one == two and [event["seq"] for event in one] == [1]
    finally:
        await first.disconnect()
        await second.disconnect()
    if hasattr(layer, "groups"):  # the last dashboard gone, the relay leaves the group
        assert not layer.groups.get(live_relay.GROUP)


async def test_one_send_per_batch_and_each_class_only_to_its_own_dashboards(
    layer, klass, cu_chi, cu_chi_hamlet, make_officer, make_citizen, monkeypatch
):
    """Two classes changed in one batch: one group_send in all, each class's counter moves on
    by its own events, and each dashboard gets its class's part and nothing of the other's."""
    cohort, learner = klass["cohort"], klass["learners"][0]

    def other_class():
        other = Cohort.objects.create(name="Lớp Ấp Phú Hòa", unit=cu_chi_hamlet)
        other.courses.add(*cohort.courses.all())
        trainer = make_officer(cu_chi, role=Role.TRAINER)
        other.trainers.add(trainer)
        members = [make_citizen(cu_chi_hamlet).user for _ in range(2)]
        for member in members:
            other.members.add(member)
        return other, trainer, members

    other, other_trainer, other_learners = await sync_to_async(other_class)()
    sends = []
    group_send = layer.group_send

    async def counted(group, message):
        sends.append((group, [cohort_id for cohort_id, _text in message["frames"]]))
        return await group_send(group, message)

    monkeypatch.setattr(layer, "group_send", counted)
    mine = await _open(klass["trainer"], cohort.pk)
    theirs = await _open(other_trainer, other.pk)
    try:
        for communicator in (mine, theirs):
            await communicator.send_json_to({"type": "hello", "seq": 0})
            assert (await communicator.receive_json_from(timeout=5))["type"] == "ready"
        changes = [(learner, cohort), *((member, other) for member in other_learners)]
        for who, where in changes:  # queued together: one batch
            live.live_learner_changed(
                learner_id=who.pk, reason="statement", cohort_ids=[where.pk],
                activity_iris=[klass["iri"]],
            )  # fmt: skip
        assert await sync_to_async(live.live_wait_idle)()
        assert sends == [(live_relay.GROUP, sorted([cohort.pk, other.pk]))]
        assert [(e["seq"], e["learner"]) for e in await _batch(mine)] == [(1, learner.pk)]
        assert [(e["seq"], e["learner"]) for e in await _batch(theirs)] == [
            (1, other_learners[0].pk), (2, other_learners[1].pk)
        ]  # fmt: skip
        assert await mine.receive_nothing(timeout=0.3)
        assert await theirs.receive_nothing(timeout=0.3)
        for klass_id, current in ((cohort.pk, 1), (other.pk, 2)):
            assert await sync_to_async(live.live_seq_current)(cohort_id=klass_id) == current
    finally:
        await mine.disconnect()
        await theirs.disconnect()


async def test_the_statement_thread_only_queues_an_id(layer, klass, monkeypatch):
    """No query, no cache, no class lookup in the request that recorded the statement."""
    cohort, learner = klass["cohort"], klass["learners"][0]
    lookups = []
    looked_up = live.learner_cohort_ids
    monkeypatch.setattr(
        live, "learner_cohort_ids",
        lambda **kw: lookups.append(threading.get_ident()) or looked_up(**kw),
    )  # fmt: skip
    communicator = await _open(klass["trainer"], cohort.pk)
    try:
        await communicator.send_json_to({"type": "hello", "seq": 0})
        await communicator.receive_json_from(timeout=5)

        def record_and_count():
            from cohorts import receivers

            statement = type("S", (), {"activity_iri": klass["iri"] + "?subContentId=1"})()
            with CaptureQueriesContext(connection) as queries:
                receivers._on_statements(sender=None, learner=learner, statements=[statement])
            return len(queries), threading.get_ident()

        count, caller = await sync_to_async(record_and_count)()
        assert count == 0
        (event,) = await _batch(communicator)
        assert [cell["activity"] for cell in event["cells"]] == [klass["iri"]]  # its container
        assert lookups and caller not in lookups  # looked up by the pusher
    finally:
        await communicator.disconnect()


async def test_a_marked_attendance_is_pushed_too(layer, klass):
    cohort, learner = klass["cohort"], klass["learners"][1]
    session = await sync_to_async(Session.objects.create)(
        cohort=cohort, title="Buổi 1", starts_at=timezone.now() + datetime.timedelta(hours=1)
    )
    communicator = await _open(klass["trainer"], cohort.pk)
    try:
        await communicator.send_json_to({"type": "hello", "seq": 0})
        await communicator.receive_json_from(timeout=5)
        await sync_to_async(attendance_mark)(
            session=session, learner_id=learner.pk, status="present", seq=5, by=klass["trainer"]
        )
        (event,) = await _batch(communicator)
        assert event["learner"] == learner.pk and event["reason"] == ["attendance"]
        assert event["row"]["present"] == 1 and event["cells"] == []
    finally:
        await communicator.disconnect()


async def test_a_reconnecting_dashboard_gets_what_it_missed(layer, klass, monkeypatch):
    cohort, (first, second) = klass["cohort"], klass["learners"]
    communicator = await _open(klass["trainer"], cohort.pk)
    await communicator.send_json_to({"type": "hello", "seq": 0})
    await communicator.receive_json_from(timeout=5)
    await sync_to_async(_record)(first, klass["iri"])
    assert [event["seq"] for event in await _batch(communicator)] == [1]
    await communicator.disconnect()  # the phone loses its connection…

    for learner in (second, first):  # …while two learners go on
        await sync_to_async(_record)(learner, klass["iri"])
        assert await sync_to_async(live.live_wait_idle)()

    again = await _open(klass["trainer"], cohort.pk)
    try:
        await again.send_json_to({"type": "hello", "seq": 1})
        missed = [await again.receive_json_from(timeout=5) for _ in range(2)]
        assert [(e["seq"], e["learner"], e["catchup"]) for e in missed] == [
            (2, second.pk, True), (3, first.pk, True)
        ]  # fmt: skip
        assert all(e["type"] == "event" and e["cells"] for e in missed)
        assert await again.receive_json_from(timeout=5) == {"type": "ready", "seq": 3}
    finally:
        await again.disconnect()

    monkeypatch.setattr(live, "EVENTS_KEPT", 1)  # too far behind: reload the table once
    late = await _open(klass["trainer"], cohort.pk)
    try:
        await late.send_json_to({"type": "hello", "seq": 1})
        assert await late.receive_json_from(timeout=5) == {"type": "reload"}
        assert await late.receive_json_from(timeout=5) == {"type": "ready", "seq": 3}
    finally:
        await late.disconnect()


async def test_a_learner_in_no_class_costs_one_cached_lookup(layer, klass, make_citizen):
    outsider = await sync_to_async(lambda: make_citizen(klass["cohort"].unit).user)()
    assert await sync_to_async(live.learner_cohort_ids)(learner_id=outsider.pk) == ()
    await sync_to_async(klass["cohort"].members.add)(outsider)  # joining forgets the cache
    ids = await sync_to_async(live.learner_cohort_ids)(learner_id=outsider.pk)
    assert ids == (klass["cohort"].pk,)


async def test_a_class_nobody_watches_costs_no_render(layer, klass):
    cohort, learner = klass["cohort"], klass["learners"][0]
    await sync_to_async(_record)(learner, klass["iri"])
    assert await sync_to_async(live.live_wait_idle)()
    # No dashboard ever opened: no event built or kept, only the sequence moves on, so a page
    # from before (seq 0) is told to reload its table.
    assert await sync_to_async(live.live_seq_current)(cohort_id=cohort.pk) == 1
    assert await sync_to_async(cache.get)(live._event_key(cohort.pk, 1)) is None
    assert await sync_to_async(live.live_events_since)(cohort_id=cohort.pk, seq=0) is None


@pytest.fixture
def shared_redis(settings):
    """The Redis channel layer and a Redis cache (both with prefixes of the test's own): what
    Uvicorn's worker processes share."""
    if not _redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS}")
    prefix = f"cdht-test-{uuid.uuid4().hex[:8]}"
    settings.CHANNEL_LAYERS = _redis_layers(prefix)
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = caches["default"]._cache.get_client(write=True)  # only this test's keys
    for key in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(key)


async def test_pushers_sharing_redis_build_and_send_a_learner_change_once(
    shared_redis, klass, monkeypatch
):
    """Three processes' pushers on one Redis: while the first builds a batch (holding the drain
    lock), the two others get changes of the same learner of one class. Those are read, numbered
    and sent once, by one pusher, after the first batch: never once per process."""
    from cohorts import live_deltas

    cohort, (first, second) = klass["cohort"], klass["learners"]
    built, inside, go = [], threading.Event(), threading.Event()
    deltas_build = live_deltas.live_deltas_build

    def counted(changes, **kwargs):
        built.append({cohort_id: sorted(learners) for cohort_id, learners in changes.items()})
        if len(built) == 1:  # the first batch waits until the others got their changes
            inside.set()
            assert go.wait(10)
        return deltas_build(changes, **kwargs)

    monkeypatch.setattr(live_deltas, "live_deltas_build", counted)

    def change(learner):
        return (learner.pk, (cohort.pk,), "statement", (klass["iri"],), time.time())

    pushers = [live._Pusher() for _ in range(3)]
    communicator = await _open(klass["trainer"], cohort.pk)
    try:
        await communicator.send_json_to({"type": "hello", "seq": 0})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "ready"
        busy = threading.Thread(target=pushers[0]._push, args=([change(first)],))
        busy.start()
        assert await sync_to_async(inside.wait)(10)
        await sync_to_async(pushers[1]._push)([change(second)])
        await sync_to_async(pushers[2]._push)([change(second), change(first)])
        go.set()
        await sync_to_async(busy.join)(10)
        assert not busy.is_alive()
        assert built == [{cohort.pk: [first.pk]}, {cohort.pk: sorted([first.pk, second.pk])}]
        assert [(e["seq"], e["learner"]) for e in await _batch(communicator)] == [(1, first.pk)]
        assert [(e["seq"], e["learner"]) for e in await _batch(communicator)] == sorted(
            [(2, min(first.pk, second.pk)), (3, max(first.pk, second.pk))]
        )
        assert await communicator.receive_nothing(timeout=0.3)
        assert await sync_to_async(live.live_seq_current)(cohort_id=cohort.pk) == 3
        assert [pusher.waiting for pusher in pushers] == [False, True, True]
    finally:
        go.set()
        await communicator.disconnect()
        for pusher in pushers:  # channels-redis flushes a closing loop: not from this one
            await sync_to_async(pusher.loop.close, thread_sensitive=False)()
