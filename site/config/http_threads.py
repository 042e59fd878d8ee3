"""The xAPI statements resource on long-lived threads: ``xapi_routed(asgi_app)``.

Every view here is synchronous. Django's ASGI handler runs each request in a new thread
(asgiref's ThreadSensitiveContext), hops between that thread and the event loop around the
middleware, and gives each new thread a new database connection. For the busiest endpoint
(several statements a minute per learner) that overhead was a third of the server's CPU. So
``/xapi/…`` goes to Django's WSGI handler on a2wsgi's fixed pool of ``HTTP_THREADS`` threads
(default 4), which keep their connections; everything else stays on Django's ASGI handler.
Learners' resume-state saves (``courses:activity_state``: after every answer and every 30 s, as
often as statements) are served the same way, their bodies bounded by ``STATE_BODY_BYTES``.

Why not the whole site: a2wsgi reads request bodies and writes long responses from the worker
thread, so a slow phone uploading a photo or downloading an H5P library would hold one of the
few threads for the whole transfer. xAPI bodies are small (``MAX_BODY_BYTES``) and are read whole
in the event loop before a thread is taken (``_body_first``); xAPI answers are one JSON chunk.
Statements with attachments (``multipart/mixed``, up to ``XAPI_MULTIPART_MAX_BYTES``) are read
the same way into a temporary file (``_spooled_first``); a GET with ``attachments=true`` streams
its answer from the thread.
"""

import tempfile
from urllib.parse import quote_from_bytes

from a2wsgi import WSGIMiddleware
from django.core.wsgi import get_wsgi_application

from config.env import env_int
from progress.lrs.multipart import multipart_max_bytes
from progress.xapi import MAX_BODY_BYTES

PREFIX = "/xapi"
STATE_BODY_BYTES = 1024 * 1024  # a 65,536-character state, JSON-escaped, fits
SPOOL_CHUNK = 64 * 1024
QUERY_SAFE = "/?:@!$&'()*+,;=%-._~[]"  # kept as they are; other bytes percent-encoded


def _path(scope) -> str:
    path = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path


def _is_xapi(scope) -> bool:
    path = _path(scope)
    return path == PREFIX or path.startswith(PREFIX + "/")


def _body_first(app, limit: int):
    """Read the request body in the event loop, then hand it to ``app`` in one message with
    its Content-Length set (chunked bodies too). A client that leaves mid-body gets nothing; a
    body over ``limit`` is cut there and announced at its received length, so the view refuses
    it (413) without reading the rest."""

    async def wrapped(scope, receive, send):
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if not message.get("more_body") or size > limit:
                break
        body = b"".join(chunks)
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"content-length",)]
        headers.append((b"content-length", str(len(body)).encode()))
        # a2wsgi decodes the query as ASCII; raw bytes beyond it go percent-encoded, as Django
        # would read them, instead of failing before Django runs (a 500).
        query = quote_from_bytes(scope.get("query_string", b""), safe=QUERY_SAFE).encode()
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app({**scope, "headers": headers, "query_string": query}, replay, send)

    return wrapped


def _is_multipart(scope) -> bool:
    """A ``multipart/mixed`` request from a caller with credentials or a session (anyone else
    is refused by the view anyway, and keeps the small limit)."""
    multipart = credentials = False
    for name, value in scope["headers"]:
        if name == b"content-type":
            multipart = value[:15].lower() == b"multipart/mixed"
        elif name in (b"authorization", b"cookie"):
            credentials = True
    return multipart and credentials


def _announced(scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _nothing():
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    return receive


def _spooled_first(app, limit: int):
    """``_body_first`` for statements with attachments (``multipart/mixed``): the body is read
    in the event loop into a temporary file (in memory up to 1 MB, then on disk) up to
    ``limit`` and replayed to ``app`` in chunks, so neither the loop nor the thread holds more
    than a chunk of it; a body over ``limit`` is cut and announced at its received length, one
    announced over it is not read at all."""

    async def wrapped(scope, receive, send):
        query = quote_from_bytes(scope.get("query_string", b""), safe=QUERY_SAFE).encode()
        announced = _announced(scope)
        if announced is not None and announced > limit:  # refused (413) without reading it
            return await app({**scope, "query_string": query}, _nothing(), send)
        with tempfile.SpooledTemporaryFile(1024 * 1024) as spool:
            size = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                spool.write(chunk)
                size += len(chunk)
                if not message.get("more_body") or size > limit:
                    break
            spool.seek(0)
            headers = [(k, v) for k, v in scope["headers"] if k not in (b"content-length",)]
            headers.append((b"content-length", str(size).encode()))
            done = False

            async def replay():
                nonlocal done
                if done:
                    return await receive()
                chunk = spool.read(SPOOL_CHUNK)
                done = spool.tell() >= size
                return {"type": "http.request", "body": chunk, "more_body": not done}

            await app({**scope, "headers": headers, "query_string": query}, replay, send)

    return wrapped


def xapi_routed(asgi_app):
    """``asgi_app`` for HTTP, except the xAPI resource and resume-state saves, served on
    long-lived threads."""
    from django.urls import reverse

    wsgi = WSGIMiddleware(get_wsgi_application(), workers=env_int("HTTP_THREADS", 4))
    threaded, state = _body_first(wsgi, MAX_BODY_BYTES), _body_first(wsgi, STATE_BODY_BYTES)
    attached = _spooled_first(wsgi, multipart_max_bytes())
    state_path = reverse("courses:activity_state")

    async def route(scope, receive, send):
        if scope["type"] == "http" and _is_xapi(scope):
            if _is_multipart(scope):
                return await attached(scope, receive, send)
            return await threaded(scope, receive, send)
        if scope["type"] == "http" and _path(scope) == state_path:
            return await state(scope, receive, send)
        return await asgi_app(scope, receive, send)

    return route
