"""GET /xapi/statements: the filters of xAPI 1.0.3 §2.1.3 (Part Three) and the three formats.

``query_parse(params)`` checks the filter parameters into a plain dict (kept in the ``more``
cursor); ``rows_filter(rows, query)`` applies it to a Statement queryset with JSON key lookups
that PostgreSQL and SQLite both run; ``statement_format(statement, fmt, languages)`` gives a
statement in the ``ids``, ``exact`` or ``canonical`` form.
"""

import json
import re

from django.db.models import Case, Func, Q, UUIDField, When
from django.db.models.fields.json import KT

from progress.xapi import XapiError, _agent, iri_value, timestamp_parse, uuid_value

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
FILTERS = (
    "agent", "verb", "activity", "registration", "related_activities", "related_agents",
    "since", "until", "limit", "ascending", "format", "attachments",
)  # fmt: skip
FORMATS = ("exact", "ids", "canonical")
AGENT_IFIS = ("mbox", "mbox_sha1sum", "openid")
# Where an agent may appear when related_agents=true (the actor is always searched).
RELATED_AGENT_PATHS = (
    "payload__object", "payload__authority", "payload__context__instructor",
    "payload__context__team", "payload__object__actor", "payload__object__object",
    "payload__object__context__instructor", "payload__object__context__team",
)  # fmt: skip
# xAPI 2.0 (IEEE 9274.1.1) adds the context's agents and groups to related_agents: the first few
# of each list, in the statement and in a SubStatement (1.0.3 statements never hold them).
CONTEXT_AGENT_LISTS = (("contextAgents", "agent"), ("contextGroups", "group"))
CONTEXT_AGENT_DEPTH = 4
RELATED_AGENT_PATHS += tuple(
    f"{base}__context__{name}__{index}__{key}"
    for base in ("payload", "payload__object")
    for name, key in CONTEXT_AGENT_LISTS
    for index in range(CONTEXT_AGENT_DEPTH)
)
CONTEXT_KINDS = ("parent", "grouping", "category", "other")
# Context activities searched by related_activities: the first few of each kind.
RELATED_ACTIVITY_DEPTH = 4
LANGUAGE_MAP_KEYS = ("display", "name", "description")
# How many StatementRefs in a chain a filter follows (1.0.3 Part Three §2.1.4).
STATEMENT_REF_DEPTH = 3
# The filters a statement targeting another meets when its target meets them.
TARGET_FILTERS = ("agent", "verb", "activity", "registration")
QUALITY_RE = re.compile(r"^q=([01](?:\.\d{0,3})?)$")


def _boolean(params, name: str) -> bool:
    value = params.get(name, "false")
    if value not in ("true", "false"):
        raise XapiError(f"{name} must be true or false")
    return value == "true"


def query_parse(params) -> dict:
    """The filter parameters, checked (XapiError 400 on a bad value)."""
    query = {name: params[name] for name in FILTERS if name in params}
    if "agent" in query:
        try:
            agent = json.loads(query["agent"])
        except ValueError:
            raise XapiError("agent must be an Agent or Group as JSON") from None
        _agent(agent, "agent")
        query["agent"] = agent
    for name in ("verb", "activity"):
        if name in query:
            iri_value(query[name], name)
    if "registration" in query:
        query["registration"] = uuid_value(query["registration"], "registration")
    for name in ("since", "until"):
        if name in query:
            timestamp_parse(query[name], name)
    limit = query.get("limit", str(DEFAULT_LIMIT))
    if not limit.isascii() or not limit.isdigit() or len(limit) > 9:
        raise XapiError("limit must be a whole number (0 means the largest page)")
    query["limit"] = min(int(limit) or MAX_LIMIT, MAX_LIMIT)
    for name in ("ascending", "related_activities", "related_agents", "attachments"):
        query[name] = _boolean(params, name)
    if query.get("format", "exact") not in FORMATS:
        raise XapiError("format must be ids, exact or canonical")
    query.setdefault("format", "exact")
    return query


def _agent_q(prefix: str, agent: dict) -> Q:
    account = agent.get("account")
    if isinstance(account, dict):
        return Q(**{f"{prefix}__account__homePage": account["homePage"]}) & Q(
            **{f"{prefix}__account__name": account["name"]}
        )
    for key in AGENT_IFIS:
        if key in agent:
            return Q(**{f"{prefix}__{key}": agent[key]})
    return Q(pk__in=[])  # an anonymous Group identifies no one


def _activity_q(iri: str) -> Q:
    q = Q(activity_iri=iri) | Q(payload__object__object__id=iri)
    for base in ("payload__context", "payload__object__context"):
        for kind in CONTEXT_KINDS:
            for index in range(RELATED_ACTIVITY_DEPTH):
                q |= Q(**{f"{base}__contextActivities__{kind}__{index}__id": iri})
    return q


class _AsUuid(Func):
    """A statement id held as text in JSON, comparable with ``Statement.statement_id`` (a uuid
    column on PostgreSQL, 32 hex digits on SQLite)."""

    output_field = UUIDField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS uuid)")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="REPLACE(%(expressions)s, '-', '')")


def _ref_target():
    """The id a statement's StatementRef object targets (NULL for other objects)."""
    return Case(
        When(payload__object__objectType="StatementRef", then=_AsUuid(KT("payload__object__id"))),
        default=None,
        output_field=UUIDField(),
    )


def _target_q(query: dict) -> Q | None:
    """The filters other than time and order (``TARGET_FILTERS``) as one condition."""
    q = Q()
    if "agent" in query:
        agent = query["agent"]
        agent_q = _agent_q("payload__actor", agent)
        if query["related_agents"]:
            for prefix in RELATED_AGENT_PATHS:
                agent_q |= _agent_q(prefix, agent)
        q &= agent_q
    if "verb" in query:
        q &= Q(verb=query["verb"])
    if "activity" in query:
        iri = query["activity"]
        q &= _activity_q(iri) if query["related_activities"] else Q(activity_iri=iri)
    if "registration" in query:
        q &= Q(payload__context__registration=query["registration"])
    return q if any(name in query for name in TARGET_FILTERS) else None


def rows_filter(rows, query: dict, *, targets=None):
    """``rows`` (Statement queryset) narrowed by ``query`` (from ``query_parse``).

    xAPI 1.0.3 Part Three §2.1.4 / 2.0 "Filter Conditions for StatementRefs": a statement whose
    object is a StatementRef meets the agent, verb, activity and registration filters when the
    statement it targets meets them (voided targets included: a voiding statement is found by
    its target's verb), following chains up to ``STATEMENT_REF_DEPTH``. ``targets`` is where
    targeted statements may come from (default: every statement).
    """
    q = _target_q(query)
    if q is not None:
        targets = targets if targets is not None else rows.model.objects.all()
        targets = targets.alias(ref_target=_ref_target())
        matched = q
        for _level in range(STATEMENT_REF_DEPTH):
            # activity_iri is "" for every object other than an Activity (indexed): with it
            # PostgreSQL ORs two index scans instead of reading the whole table.
            found = targets.filter(matched).values("statement_id")
            matched = q | Q(activity_iri="", ref_target__in=found)
        rows = rows.alias(ref_target=_ref_target()).filter(matched)
    if "since" in query:
        rows = rows.filter(stored_at__gt=timestamp_parse(query["since"], "since"))
    if "until" in query:
        rows = rows.filter(stored_at__lte=timestamp_parse(query["until"], "until"))
    return rows


# --- formats -------------------------------------------------------------------------------


def languages_parse(header: str) -> list[str]:
    """Accept-Language as a list of tags, most wanted first (q=0 left out)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, *options = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for option in options:
            match = QUALITY_RE.fullmatch(option)
            if match:
                quality = float(match[1])
        if tag and quality > 0:
            ranked.append((-quality, position, tag.lower()))
    return [tag for _q, _p, tag in sorted(ranked)]


def _pick(language_map: dict, languages: list[str]) -> dict:
    lowered = {tag.lower(): tag for tag in language_map}
    for wanted in languages:
        if wanted == "*":
            break
        for tag_lower, tag in lowered.items():
            if tag_lower == wanted or tag_lower.startswith(wanted + "-"):
                return {tag: language_map[tag]}
    first = next(iter(language_map))
    return {first: language_map[first]}


def _canonical(value, languages: list[str]):
    if isinstance(value, list):
        return [_canonical(item, languages) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "extensions":
            out[key] = item
        elif key in LANGUAGE_MAP_KEYS and isinstance(item, dict) and item:
            out[key] = _pick(item, languages)
        else:
            out[key] = _canonical(item, languages)
    return out


def _agent_ids(agent: dict) -> dict:
    out = {"objectType": agent.get("objectType", "Agent")}
    ifis = {key: agent[key] for key in (*AGENT_IFIS, "account") if key in agent}
    if ifis:
        return {**out, **ifis}
    return {**out, "member": [_agent_ids(member) for member in agent.get("member", [])]}


def _ids(statement: dict) -> dict:
    out = dict(statement)
    for key in ("actor", "authority"):
        if isinstance(out.get(key), dict):
            out[key] = _agent_ids(out[key])
    out["verb"] = {"id": out["verb"]["id"]}
    target = out["object"]
    kind = target.get("objectType", "Activity")
    if kind in ("Agent", "Group"):
        out["object"] = _agent_ids(target)
    elif kind == "Activity":
        out["object"] = {"id": target["id"]}
    elif kind == "SubStatement":
        out["object"] = _ids(target)
    context = out.get("context")
    if isinstance(context, dict):
        context = dict(context)
        for key in ("instructor", "team"):
            if key in context:
                context[key] = _agent_ids(context[key])
        for name, key in (("contextAgents", "agent"), ("contextGroups", "group")):
            if name in context:  # xAPI 2.0: each member's agent or group by its identifier
                context[name] = [{**m, key: _agent_ids(m[key])} for m in context[name]]
        if "contextActivities" in context:
            context["contextActivities"] = {
                kind: [{"id": a["id"]} for a in activities]
                for kind, activities in context["contextActivities"].items()
            }
        out["context"] = context
    return out


def statement_format(statement: dict, fmt: str, languages: list[str]) -> dict:
    if fmt == "ids":
        return _ids(statement)
    if fmt == "canonical":
        return _canonical(statement, languages)
    return statement
