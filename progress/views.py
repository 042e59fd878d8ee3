"""The xAPI 1.0.3 statements resource: ``/xapi/statements`` (with or without a trailing slash).

- ``POST`` one statement or a list (at most ``MAX_BATCH``) → 200 with the list of ids. A list
  is all or nothing: every statement is checked first, then all are stored in one transaction.
- ``PUT ?statementId=`` one statement → 204.
- ``GET ?statementId=`` → the caller's own statement (404 for anyone else's); ``GET`` with
  ``verb``, ``activity``, ``since``, ``until``, ``limit``, ``ascending`` → ``{"statements": […],
  "more": "…"}``, newest stored first; ``more`` is a link carrying a signed cursor. ``HEAD`` is
  ``GET`` without the body.
- Every answer, errors included, carries ``X-Experience-API-Version``; errors are
  ``{"error": "…"}`` with the spec's status: 400 invalid, 401/403 authentication, 404, 405,
  409 same id with other content, 413 too large; 503 with ``Retry-After`` while the database is
  unreachable (never an HTML 500).

Who may call and how (session + CSRF, or client Basic credentials): ``progress.auth``. The
statement's structure: ``progress.xapi``. Storing (actor replaced, idempotent per id):
``progress.services.statements_record``.
"""

import logging
from datetime import UTC

from django.core import signing
from django.core.exceptions import RequestDataTooBig
from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from progress.auth import XapiCaller, xapi_caller
from progress.models import Statement
from progress.services import StatementConflict, StatementInvalid, statements_record
from progress.xapi import (
    MAX_BATCH,
    MAX_BODY_BYTES,
    VERSION_RE,
    XAPI_VERSION,
    XapiError,
    iri_value,
    json_parse,
    statement_validate,
    timestamp_parse,
    uuid_value,
)

logger = logging.getLogger(__name__)
METHODS = ("GET", "HEAD", "POST", "PUT")
RETRY_AFTER_SECONDS = 2
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
CURSOR_SALT = "progress.xapi.more"
CURSOR_MAX_AGE = 24 * 3600
FILTERS = ("verb", "activity", "since", "until", "limit", "ascending")
# Accepted and without effect here: this resource returns statements exactly as stored.
IGNORED = ("format", "attachments")


def _answer(data=None, status=200) -> HttpResponse:
    if data is None:
        response = HttpResponse(status=status)
    else:
        response = JsonResponse(data, status=status, safe=False)
    response["X-Experience-API-Version"] = XAPI_VERSION
    return response


def _error(request, error: XapiError) -> HttpResponse:
    response = _answer({"error": error.message}, status=error.status)
    if error.status == 405:
        response["Allow"] = ", ".join(METHODS)
    if error.status == 401 and "Authorization" in request.headers:
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
    return response


def _iso(value) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@csrf_exempt  # session callers get Django's CSRF check in progress.auth.xapi_caller
@never_cache
def statements(request):
    try:
        if request.method not in METHODS:
            raise XapiError(f"method {request.method} is not allowed here", 405)
        _check_length(request)
        caller = xapi_caller(request)
        if not VERSION_RE.fullmatch(request.headers.get("X-Experience-API-Version", "")):
            raise XapiError("header X-Experience-API-Version: 1.0.x is required")
        if request.method == "POST":
            return _post(request, caller)
        if request.method == "PUT":
            return _put(request, caller)
        response = _get(request, caller)
        if request.method == "HEAD":
            response.content = b""
        return response
    except XapiError as error:
        return _error(request, error)
    except (OperationalError, InterfaceError) as error:
        return _unavailable(error)


def _unavailable(error) -> HttpResponse:
    """The database is unreachable (stopped, restarting, no pooled connection within the pool's
    timeout): a JSON 503 the lesson page retries after ``Retry-After`` seconds, with the same
    statement ids (stored once each, so a retry of a statement that was stored is harmless)."""
    logger.warning("xAPI: database unavailable (%s); answered 503", error)
    message = _("Hệ thống tạm thời chưa lưu được kết quả học tập. Vui lòng thử lại sau ít giây.")
    response = _answer({"error": str(message)}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _check_length(request) -> None:
    """Refuse a body announced as too large before anything reads it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise XapiError("malformed Content-Length") from None
    if length > MAX_BODY_BYTES:
        raise XapiError(f"body larger than {MAX_BODY_BYTES // 1024} KB", 413)


def _body(request):
    if request.content_type != "application/json":
        raise XapiError("Content-Type must be application/json")
    try:
        body = request.body
    except RequestDataTooBig:
        raise XapiError(f"body larger than {MAX_BODY_BYTES // 1024} KB", 413) from None
    if len(body) > MAX_BODY_BYTES:
        raise XapiError(f"body larger than {MAX_BODY_BYTES // 1024} KB", 413)
    return json_parse(body)


def _validate(statement, where: str = "") -> dict:
    try:
        return statement_validate(statement)
    except XapiError as error:
        raise XapiError(f"{where}{error.message}", error.status) from None


def _store(caller: XapiCaller, statements: list[dict]) -> list[str]:
    """Store all of ``statements`` or none of them; their ids."""
    try:
        stored = statements_record(
            learner=caller.user,
            statements=[{**s, "authority": caller.authority} for s in statements],
        )
        return [str(row.statement_id) for row, _created in stored]
    except StatementConflict as error:
        raise XapiError(f"statement {error} already exists with different content", 409) from None
    except StatementInvalid as error:
        raise XapiError(str(error)) from None
    except DataError:
        raise XapiError("a value in the statement is too large to store") from None


def _post(request, caller: XapiCaller) -> HttpResponse:
    body = _body(request)
    if isinstance(body, dict):
        return _answer(_store(caller, [_validate(body)]))
    if not isinstance(body, list) or not body:
        raise XapiError("the body must be a statement or a non-empty list of statements")
    if len(body) > MAX_BATCH:
        raise XapiError(f"at most {MAX_BATCH} statements per request", 413)
    checked = [_validate(item, f"statement [{index}]: ") for index, item in enumerate(body)]
    return _answer(_store(caller, checked))


def _put(request, caller: XapiCaller) -> HttpResponse:
    if "statementId" not in request.GET:
        raise XapiError("PUT needs the statementId parameter (use POST without one)")
    statement_id = uuid_value(request.GET["statementId"], "statementId")
    body = _body(request)
    if not isinstance(body, dict):
        raise XapiError("PUT takes one statement")
    if "id" in body and str(body["id"]).lower() != statement_id:
        raise XapiError("the statement's id differs from the statementId parameter")
    _store(caller, [_validate({**body, "id": statement_id})])
    return _answer(status=204)


def statement_out(row: Statement) -> dict:
    """A stored statement as the resource returns it (stored, authority, version filled in)."""
    out = dict(row.payload)
    out["stored"] = _iso(row.stored_at)
    out.setdefault("timestamp", _iso(row.timestamp))
    out.setdefault("authority", XapiCaller(user=None).authority)
    out.setdefault("version", "1.0.0")
    return out


def _get(request, caller: XapiCaller) -> HttpResponse:
    params = request.GET
    unknown = sorted(set(params) - {"statementId", "voidedStatementId", "cursor", *FILTERS})
    unknown = [name for name in unknown if name not in IGNORED]
    if unknown:
        raise XapiError(f"unsupported parameters: {', '.join(n[:40] for n in unknown[:5])}")
    single = [name for name in ("statementId", "voidedStatementId") if name in params]
    if single:
        if len(set(params) - set(IGNORED)) > 1:
            raise XapiError(f"{single[0]} cannot be combined with other parameters")
        statement_id = uuid_value(params[single[0]], single[0])
        row = None
        if single[0] == "statementId":  # voided statements are never kept here
            row = Statement.objects.filter(learner=caller.user, statement_id=statement_id).first()
        if row is None:
            raise XapiError("no such statement", 404)
        response = _answer(statement_out(row))
        response["Last-Modified"] = http_date(row.stored_at.timestamp())
        return response
    if "cursor" in params:
        if len(set(params) - set(IGNORED)) > 1:
            raise XapiError("cursor cannot be combined with other parameters")
        query, after = _cursor_read(params["cursor"], caller)
    else:
        query, after = _query(params), None
    return _page(request, caller, query, after)


def _query(params) -> dict:
    query = {name: params[name] for name in FILTERS if name in params}
    if "verb" in query:
        iri_value(query["verb"], "verb")
    if "activity" in query:
        iri_value(query["activity"], "activity")
    for name in ("since", "until"):
        if name in query:
            timestamp_parse(query[name], name)
    limit = query.get("limit", str(DEFAULT_LIMIT))
    if not limit.isascii() or not limit.isdigit() or len(limit) > 9:
        raise XapiError("limit must be a whole number (0 means the largest page)")
    query["limit"] = min(int(limit) or MAX_LIMIT, MAX_LIMIT)
    if query.get("ascending", "false") not in ("true", "false"):
        raise XapiError("ascending must be true or false")
    query["ascending"] = query.get("ascending") == "true"
    return query


def _cursor_read(token: str, caller: XapiCaller) -> tuple[dict, tuple]:
    try:
        data = signing.loads(token, salt=CURSOR_SALT, max_age=CURSOR_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        raise XapiError("the more link is invalid or has expired") from None
    if data.get("user") != caller.user.pk:
        raise XapiError("the more link belongs to another caller")
    return data["query"], (timestamp_parse(data["after"][0], "cursor"), data["after"][1])


def _page(request, caller: XapiCaller, query: dict, after) -> HttpResponse:
    rows = Statement.objects.filter(learner=caller.user)
    if "verb" in query:
        rows = rows.filter(verb=query["verb"])
    if "activity" in query:
        rows = rows.filter(activity_iri=query["activity"])
    if "since" in query:
        rows = rows.filter(stored_at__gt=timestamp_parse(query["since"], "since"))
    if "until" in query:
        rows = rows.filter(stored_at__lte=timestamp_parse(query["until"], "until"))
    ascending = query["ascending"]
    if after is not None:
        stored, pk = after
        if ascending:
            rows = rows.filter(stored_at__gte=stored).exclude(stored_at=stored, pk__lte=pk)
        else:
            rows = rows.filter(stored_at__lte=stored).exclude(stored_at=stored, pk__gte=pk)
    order = ("stored_at", "pk") if ascending else ("-stored_at", "-pk")
    limit = query["limit"]
    page = list(rows.order_by(*order)[: limit + 1])
    more = ""
    if len(page) > limit:
        page = page[:limit]
        last = page[-1]
        token = signing.dumps(
            {"user": caller.user.pk, "query": query, "after": [_iso(last.stored_at), last.pk]},
            salt=CURSOR_SALT,
            compress=True,
        )
        more = reverse("progress:statements") + "?" + urlencode({"cursor": token})
    response = _answer({"statements": [statement_out(row) for row in page], "more": more})
    response["X-Experience-API-Consistent-Through"] = _iso(timezone.now())
    return response
