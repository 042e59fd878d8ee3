"""The xAPI 1.0.3 statements resource: ``/xapi/statements`` (with or without a trailing slash).

- ``POST`` one statement or a list (at most ``MAX_BATCH``) → 200 with the list of ids. A list
  is all or nothing: every statement is checked first, then all are stored in one transaction.
- ``PUT ?statementId=`` one statement → 204.
- ``GET ?statementId=`` → a statement the caller may read, unless voided; ``voidedStatementId``
  → a voided one (either only with ``format``/``attachments``). ``GET`` with the filters of
  ``progress.lrs.statement_filters`` (agent, verb, activity, registration, related_*, since,
  until, limit, ascending, format) → ``{"statements": […], "more": "…"}``, newest stored first,
  voided ones left out; ``more`` is a link carrying a signed keyset cursor. ``HEAD`` is ``GET``
  without the body. A POSTed voiding statement marks its target voided
  (``progress.services.statements_void``).
- Every answer carries ``X-Experience-API-Consistent-Through`` and ``Last-Modified``.
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
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from progress.auth import XapiCaller, xapi_caller
from progress.lrs.http import alternate_request, request_version
from progress.lrs.multipart import multipart_max_bytes, size_text
from progress.lrs.statement_attachments import (
    is_multipart,
    multipart_statements,
    statements_answer,
    statements_stored,
)
from progress.lrs.statement_filters import (
    FILTERS,
    languages_parse,
    query_parse,
    rows_filter,
    statement_format,
)
from progress.models import Statement
from progress.services import StatementConflict, StatementInvalid, statements_record
from progress.xapi import (
    MAX_BATCH,
    MAX_BODY_BYTES,
    XAPI_VERSION,
    XapiError,
    json_parse,
    statement_validate,
    timestamp_parse,
    uuid_value,
)
from progress.xapi.attachments import attachments_urls_required

logger = logging.getLogger(__name__)
METHODS = ("GET", "HEAD", "POST", "PUT")
RETRY_AFTER_SECONDS = 2
CURSOR_SALT = "progress.xapi.more"
CURSOR_MAX_AGE = 24 * 3600
SINGLE_EXTRA = ("format", "attachments")


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
    response = _statements(request)
    # The answer speaks the request's version (1.0.3 or 2.0.0); one naming none, its caller's
    # default (progress.lrs.http.unnamed_version).
    response["X-Experience-API-Version"] = request_version(request, required=False)
    now = timezone.now()
    # xAPI 1.0.3 Part Three §2.1.3: on every answer of the statements resource, errors and
    # single statements included.
    response["X-Experience-API-Consistent-Through"] = _iso(now)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(now.timestamp())
    return response


def _statements(request) -> HttpResponse:
    try:
        if request.method == "POST" and "method" in request.GET:  # 1.0.3 Part Three §1.3
            alternate_request(request, default_type="application/json")
        if request.method not in METHODS:
            raise XapiError(f"method {request.method} is not allowed here", 405)
        _check_length(request)
        caller = xapi_caller(request)
        request_version(request)  # 1.0.x or 2.0.x, else 400
        if request.method in ("POST", "PUT"):
            _scope(caller, "statements/write")
            store = _post if request.method == "POST" else _put
            return statements_stored(request, lambda: store(request, caller))
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
    if is_multipart(request):  # attachments: bounded while read (progress.lrs.multipart)
        if length > multipart_max_bytes():
            raise XapiError(f"body larger than {size_text(multipart_max_bytes())}", 413)
    elif length > MAX_BODY_BYTES:
        raise XapiError(f"body larger than {MAX_BODY_BYTES // 1024} KB", 413)


def _body(request):
    if is_multipart(request):
        return multipart_statements(request)
    if request.content_type != "application/json":
        raise XapiError("Content-Type must be application/json or multipart/mixed")
    try:
        body = request.body
    except RequestDataTooBig:
        raise XapiError(f"body larger than {MAX_BODY_BYTES // 1024} KB", 413) from None
    if len(body) > MAX_BODY_BYTES:
        raise XapiError(f"body larger than {MAX_BODY_BYTES // 1024} KB", 413)
    return attachments_urls_required(json_parse(body))


def _validate(statement, where: str = "", version: str = "1.0.3") -> dict:
    try:
        return statement_validate(statement, version)
    except XapiError as error:
        raise XapiError(f"{where}{error.message}", error.status) from None


def _store(caller: XapiCaller, statements: list[dict]) -> list[str]:
    """Store all of ``statements`` or none of them; their ids."""
    if caller.client is not None:  # a browser session's actor is replaced by its learner
        for index, statement in enumerate(statements):
            if "actor" not in statement:  # xAPI 1.0.3 Part Two §2.2: actor is required
                where = f"statement [{index}]: " if len(statements) > 1 else ""
                raise XapiError(f"{where}actor is required")
    try:
        stored = statements_record(
            learner=caller.user,
            statements=[{**s, "authority": caller.authority} for s in statements],
            keep_actor=caller.client is not None,  # a client's statements keep their actor
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
    version = request_version(request)
    if isinstance(body, dict):
        return _answer(_store(caller, [_validate(body, "", version)]))
    if not isinstance(body, list) or not body:
        raise XapiError("the body must be a statement or a non-empty list of statements")
    if len(body) > MAX_BATCH:
        raise XapiError(f"at most {MAX_BATCH} statements per request", 413)
    checked = [
        _validate(item, f"statement [{index}]: ", version) for index, item in enumerate(body)
    ]
    ids = [statement["id"] for statement in checked if "id" in statement]
    if len(set(ids)) < len(ids):  # 2.0 §4.1.6.1: one id twice in a batch is refused
        raise XapiError("the same statement id appears more than once in the batch")
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
    _store(caller, [_validate({**body, "id": statement_id}, "", request_version(request))])
    return _answer(status=204)


def statement_out(row: Statement) -> dict:
    """A stored statement as the resource returns it (stored, authority, version filled in)."""
    out = dict(row.payload)
    out["stored"] = _iso(row.stored_at)
    out.setdefault("timestamp", _iso(row.timestamp))
    out.setdefault("authority", XapiCaller(user=None).authority)
    out.setdefault("version", "1.0.0")
    return out


def _scope(caller: XapiCaller, *scopes: str, read: bool = False) -> None:
    """A client needs one of ``scopes`` (xAPI 1.0.3 OAuth scope names); a session needs none."""
    client = caller.client
    if client is not None and not any(client.allows(scope, read=read) for scope in scopes):
        raise XapiError(f"this client's credentials do not grant the scope {scopes[0]}", 403)


def _readable(caller: XapiCaller):
    """The statements ``caller`` may read: a client granted statements/read (or all/read)
    reads every statement; a learner's session and any other client only their own."""
    client = caller.client
    if client is not None and client.allows("statements/read", read=True):
        return Statement.objects.all()
    return Statement.objects.filter(learner=caller.user)


def _get(request, caller: XapiCaller) -> HttpResponse:
    _scope(caller, "statements/read", "statements/read/mine", read=True)
    params = request.GET
    names = {"statementId", "voidedStatementId", "cursor", *FILTERS}
    unknown = sorted(set(params) - names)
    if unknown:
        raise XapiError(f"unsupported parameters: {', '.join(n[:40] for n in unknown[:5])}")
    languages = languages_parse(request.headers.get("Accept-Language", ""))
    single = [name for name in ("statementId", "voidedStatementId") if name in params]
    if single:
        if len(single) > 1 or set(params) - {single[0], *SINGLE_EXTRA}:
            raise XapiError(f"{single[0]} can only be combined with format and attachments")
        query = query_parse({k: v for k, v in params.items() if k in SINGLE_EXTRA})
        statement_id = uuid_value(params[single[0]], single[0])
        voided = single[0] == "voidedStatementId"
        row = _readable(caller).filter(statement_id=statement_id, voided=voided).first()
        if row is None:
            raise XapiError("no such statement", 404)
        out = statement_format(statement_out(row), query["format"], languages)
        response = statements_answer(out, [out]) if query["attachments"] else _answer(out)
        response["Last-Modified"] = http_date(row.stored_at.timestamp())
        return response
    if "cursor" in params:
        if len(params) > 1:
            raise XapiError("cursor cannot be combined with other parameters")
        query, after = _cursor_read(params["cursor"], caller)
    else:
        query, after = query_parse(params), None
    return _page(caller, query, after, languages)


def _cursor_read(token: str, caller: XapiCaller) -> tuple[dict, tuple]:
    try:
        data = signing.loads(token, salt=CURSOR_SALT, max_age=CURSOR_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        raise XapiError("the more link is invalid or has expired") from None
    if data.get("user") != caller.user.pk:
        raise XapiError("the more link belongs to another caller")
    return data["query"], (timestamp_parse(data["after"][0], "cursor"), data["after"][1])


def statements_page_rows(caller: XapiCaller, query: dict, after=None):
    """The query of one page (``limit`` + 1 rows, to know whether more follow), newest first
    unless ``ascending``, after the keyset ``after`` ((stored, id) of the previous page's last
    row): as fast at the end as at the start, stable while more arrive. Its plans are checked in
    tests/progress/lrs/test_statements_plans.py."""
    readable = _readable(caller)
    rows = rows_filter(readable.filter(voided=False), query, targets=readable)
    ascending = query["ascending"]
    if after is not None:
        stored, pk = after
        # The bound on stored_at alone is what an index scan starts from (the OR alone would be
        # a filter over every row before the cursor: slower the further one pages).
        if ascending:
            rows = rows.filter(Q(stored_at__gte=stored), Q(stored_at__gt=stored) | Q(pk__gt=pk))
        else:
            rows = rows.filter(Q(stored_at__lte=stored), Q(stored_at__lt=stored) | Q(pk__lt=pk))
    order = ("stored_at", "pk") if ascending else ("-stored_at", "-pk")
    return rows.order_by(*order)[: query["limit"] + 1]


def _page(caller: XapiCaller, query: dict, after, languages) -> HttpResponse:
    """One page (``statements_page_rows``); ``more`` links to the next."""
    limit = query["limit"]
    page = list(statements_page_rows(caller, query, after))
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
    out = [statement_format(statement_out(row), query["format"], languages) for row in page]
    result = {"statements": out, "more": more}
    response = statements_answer(result, out) if query["attachments"] else _answer(result)
    if page:
        newest = max(row.stored_at for row in page)
        response["Last-Modified"] = http_date(newest.timestamp())
    return response
