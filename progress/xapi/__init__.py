"""xAPI 1.0.3 statements: what the statements resource accepts, checked against the spec.

``statement_validate(statement)`` returns the statement normalised (id in lower case, the
object's ``objectType`` filled in, context activities as lists, ``version`` set, the actor,
``stored`` and ``authority`` removed: the server sets those) or raises ``XapiError``. Only
activities are accepted as the object: this platform records learning, not statements about
people or other statements. ``json_parse`` reads a request body and refuses what JSON allows
but the store cannot hold (NaN, infinities, NUL characters, lone surrogates, deep nesting).
Attachments come by reference (``fileUrl``) or as parts of a ``multipart/mixed`` request: which
content a request must carry, and signed statements, are ``progress.xapi.attachments``.
"""

from progress.xapi.objects import (  # noqa: F401
    _activity,
    _agent,
    _definition,
    authority_check,
    object_check,
    statement_ref,
)
from progress.xapi.statements import statement_validate  # noqa: F401
from progress.xapi.values import *  # noqa: F403
from progress.xapi.values import (  # noqa: F401
    _fail,
    _language_map,
    _object,
    _string,
)
