"""Attachments on the statements resource (``progress.views.statements``).

- ``multipart_statements(request)``: the statements of a ``multipart/mixed`` PUT/POST, read as
  a stream (``progress.lrs.multipart``), the parts matched to the attachments and signatures
  verified (``progress.xapi.attachments``), the parts kept on the request until stored. (An
  ``application/json`` request needs a ``fileUrl`` on every attachment:
  ``attachments_urls_required``.)
- ``statements_stored(request, store)``: runs the PUT/POST; for a multipart request, in one
  transaction with saving its attachment content (``attachments_save``: one row per SHA-2,
  kept if already there). A plain JSON request runs as before: no transaction, no query added.
- ``statements_answer(data, statements)``: for GET with ``attachments=true``, multipart/mixed
  with the JSON first and the content we hold for the statements' attachments, each once.
"""

import io

from django.db import transaction
from django.http import HttpResponse

from progress.lrs.multipart import Received, multipart_answer, multipart_read
from progress.models import XapiAttachment
from progress.xapi import json_parse
from progress.xapi.attachments import attachments_match, attachments_of

MULTIPART = "multipart/mixed"


def is_multipart(request) -> bool:
    return request.content_type == MULTIPART


def multipart_statements(request):
    """The statements of a ``multipart/mixed`` PUT/POST (JSON), read as a stream and checked
    against the request's attachment parts, which stay on the request until stored;
    XapiError otherwise (400, or 413 past a size limit)."""
    # Already read (the alternate request syntax puts its content there): from memory.
    stream = io.BytesIO(request._body) if hasattr(request, "_body") else request
    received = multipart_read(stream, request.META.get("CONTENT_TYPE", ""))
    request.xapi_received = received  # closed by statements_stored
    body = json_parse(received.statements)
    checked = body
    if request.method == "PUT" and isinstance(body, dict) and "id" not in body:
        checked = {**body, "id": request.GET.get("statementId")}  # as it will be stored
    attachments_match(checked, received.parts)
    return body


def statements_stored(request, store) -> HttpResponse:
    """``store()`` (the PUT/POST), then, for a multipart request that succeeded, its attachment
    content, all in one transaction."""
    if not is_multipart(request):
        return store()
    try:
        with transaction.atomic():
            response = store()
            received = getattr(request, "xapi_received", None)
            if received is not None and response.status_code < 300:
                attachments_save(received)
        return response
    finally:
        received = getattr(request, "xapi_received", None)
        if received is not None:
            received.close()


def attachments_save(received: Received) -> None:
    """Keep each part's content once per SHA-2 (a concurrent or earlier copy wins; same bytes)."""
    if not received.parts:
        return
    held = set(
        XapiAttachment.objects.filter(sha2__in=list(received.parts)).values_list("sha2", flat=True)
    )
    for sha2, part in received.parts.items():
        if sha2 in held:
            continue
        row = XapiAttachment(
            sha2=sha2,
            content_type=(part.content_type or "application/octet-stream")[:255],
            length=part.size,
            content=part.content(),
        )
        XapiAttachment.objects.bulk_create([row], ignore_conflicts=True)


def _wanted(statements: list) -> dict:
    """Lower-case SHA-2 → the spelling the statements use, in order of appearance."""
    wanted = {}
    for statement in statements:
        for _where, attachment in attachments_of(statement):
            sha2 = attachment.get("sha2")
            if isinstance(sha2, str):
                wanted.setdefault(sha2.lower(), sha2)
    return wanted


def _content(sha2: str) -> bytes:
    content = XapiAttachment.objects.filter(sha2=sha2).values_list("content", flat=True).first()
    return bytes(content or b"")


def statements_answer(data, statements: list) -> HttpResponse:
    """``data`` as JSON in a multipart/mixed answer followed by the content held for
    ``statements``' attachments (one part per SHA-2, each read when the answer reaches it)."""
    wanted = _wanted(statements)
    held = {}
    if wanted:
        rows = XapiAttachment.objects.filter(sha2__in=list(wanted))
        held = dict(rows.values_list("sha2", "content_type"))
    parts = [(sha2, held[sha2]) for sha2 in wanted if sha2 in held]
    spelled = {sha2: wanted[sha2] for sha2, _type in parts}
    return multipart_answer(
        data,
        [(spelled[sha2], content_type) for sha2, content_type in parts],
        lambda name: _content(name.lower()),
    )
