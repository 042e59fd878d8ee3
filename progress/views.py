"""The xAPI statements resource (browser clients: session + CSRF) and activity state."""

import json

from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from progress.services import (
    StatementConflict,
    StatementInvalid,
    statement_record,
)

XAPI_VERSION = "1.0.3"


def _xapi_response(data, status=200):
    response = JsonResponse(data, status=status, safe=False)
    response["X-Experience-API-Version"] = XAPI_VERSION
    return response


def _error(message, status):
    return _xapi_response({"error": message}, status=status)


@require_http_methods(["POST"])
def statements(request):
    if not request.user.is_authenticated:
        return _error("authentication required", 401)
    if not request.headers.get("X-Experience-API-Version", "").startswith("1.0"):
        return _error("X-Experience-API-Version header (1.0.x) is required", 400)
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _error("body is not JSON", 400)
    items = body if isinstance(body, list) else [body]
    if not items or not all(isinstance(item, dict) for item in items):
        return _error("a statement object or a list of them is required", 400)
    ids = []
    try:
        for item in items:
            stored, _created = statement_record(learner=request.user, statement=item)
            ids.append(str(stored.statement_id))
    except StatementInvalid as error:
        return _error(str(error), 400)
    except StatementConflict as error:
        return _error(f"statement {error} already exists with different content", 409)
    return _xapi_response(ids)
