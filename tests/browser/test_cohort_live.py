"""The trainer's dashboard, live, in a real browser at phone size: the page is served over ASGI
(Uvicorn in a thread: websockets, as production), a learner's statement is recorded through
the real service, and within a second the learner's cell in the open dashboard changes in place
(status, words, highlight), the row's last activity follows, with no reload and no polling."""

import os
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from progress.services import statement_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _fresh_content_types():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def asgi_url(transactional_db):
    """The project's ASGI application under Uvicorn on a free 127.0.0.1 port, in a thread."""
    import uvicorn

    from config.asgi import application

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        application, host="127.0.0.1", port=port, lifespan="off", log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="asgi-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "Uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def klass(make_live_class):
    names = ["Trần Thị Bé", "Lê Văn Cường", "Nguyễn Thị Dung"]
    return make_live_class("Lớp kỹ năng số Ấp Bàu Tre", names)


def test_a_statement_changes_the_learners_cell_in_the_open_dashboard(chromium, asgi_url, klass):
    cohort, learner, iri = klass["cohort"], klass["learners"][1], klass["iri"]
    client = Client()
    client.force_login(klass["trainer"])
    name = settings.SESSION_COOKIE_NAME
    context = chromium.new_context(viewport=PHONE_390, locale="vi-VN")
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": asgi_url}])
    page = context.new_page()
    socket_frames = []
    page.on(
        "websocket", lambda ws: ws.on("framereceived", lambda frame: socket_frames.append(frame))
    )
    try:
        page.goto(f"{asgi_url}/can-bo/lop-hoc/{cohort.pk}/theo-doi/")
        page.wait_for_selector("[data-live-state].live-ok", timeout=10000)
        row = f'tr[data-learner="{learner.pk}"]'
        cell = page.locator(f'{row} td[data-activity="{iri}"]')
        assert "cell-not_started" in cell.get_attribute("class")
        assert page.locator(f'{row} [data-field="last"]').inner_text() == "—"

        started = time.monotonic()
        statement_record(
            learner=learner,
            statement={
                "id": str(uuid.uuid4()),
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                "object": {"id": iri},
                "result": {"response": '{"0":["0"]}'},
            },
        )
        page.wait_for_selector(f'{row} td[data-activity="{iri}"].live-flash', timeout=5000)
        took = time.monotonic() - started
        classes = cell.get_attribute("class")
        assert "cell-not_started" not in classes and "cell cell-" in classes
        said = page.locator(f'{row} td[data-activity="{iri}"] .visually-hidden').inner_text()
        assert said and said != "Chưa làm" and cell.get_attribute("title").endswith(said)
        assert page.locator(f'{row} [data-field="last"] time').count() == 1
        assert "row-in_progress" in page.locator(row).get_attribute("class")
        assert page.locator("[data-live-state]").get_attribute("data-updates-count") == "1"
        # The wait above bounds the delay (5 s, even on a loaded CI machine); the 1 s p95 goal
        # is measured by bench/cohorts_live.py, not in a timed test.
        print(f"the cell changed {took:.2f} s after the statement")
        # The other learners' rows were not touched, and no page reload happened.
        other = page.locator(f'tr[data-learner="{klass["learners"][0].pk}"] td.cell')
        assert "cell-not_started" in other.get_attribute("class")
        assert any('"type":"events"' in str(frame) for frame in socket_frames)
        shots = os.environ.get("COHORTS_SHOTS")  # screenshots for the notes, when asked
        if shots:
            cell.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(shots) / "live-cell-update-phone.png"))
    finally:
        context.close()
