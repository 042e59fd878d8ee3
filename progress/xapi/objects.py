"""xAPI objects: agents and groups, activities and their definitions."""

from progress.xapi.values import (
    AGENT_IFIS,
    COMPONENT_LISTS,
    COMPONENTS_OF,
    INTERACTION_TYPES,
    MAX_ACTIVITY_IRI,
    MBOX_RE,
    SHA1_RE,
    _extensions,
    _fail,
    _language_map,
    _object,
    _string,
    iri_value,
    uuid_value,
)

# --- Agents, activities --------------------------------------------------------------------


def _agent(value, path: str, *, kind: str | None = None) -> dict:
    """An Agent or a Group (``kind`` forces one), any identified form the spec allows."""
    agent = _object(value, path, {"objectType", "name", *AGENT_IFIS, "member"})
    object_type = agent.get("objectType", "Agent")
    if object_type not in ("Agent", "Group") or (kind and object_type != kind):
        _fail(f"{path}.objectType", f"must be {kind or 'Agent or Group'}")
    if "name" in agent:
        _string(agent["name"], f"{path}.name")
    ifis = [key for key in AGENT_IFIS if key in agent]
    if len(ifis) > 1:
        _fail(path, "must have exactly one identifier (mbox, mbox_sha1sum, openid, account)")
    if "mbox" in agent and not (
        isinstance(agent["mbox"], str) and MBOX_RE.fullmatch(agent["mbox"])
    ):
        _fail(f"{path}.mbox", "must be a mailto: address")
    if "mbox_sha1sum" in agent and not (
        isinstance(agent["mbox_sha1sum"], str) and SHA1_RE.fullmatch(agent["mbox_sha1sum"])
    ):
        _fail(f"{path}.mbox_sha1sum", "must be 40 hexadecimal characters")
    if "openid" in agent:
        iri_value(agent["openid"], f"{path}.openid")
    if "account" in agent:
        account = _object(agent["account"], f"{path}.account", {"homePage", "name"})
        iri_value(account.get("homePage"), f"{path}.account.homePage")
        if not isinstance(account.get("name"), str) or not account["name"]:
            _fail(f"{path}.account.name", "must be a non-empty string")
    if object_type == "Agent":
        if "member" in agent:
            _fail(f"{path}.member", "only a Group has members")
        if not ifis:
            _fail(path, "an Agent needs an identifier (mbox, mbox_sha1sum, openid, account)")
    elif "member" in agent or not ifis:
        members = agent.get("member")
        if not isinstance(members, list) or (not ifis and not members):
            _fail(f"{path}.member", "must be a list of agents (required for an anonymous Group)")
        for index, member in enumerate(members):
            _agent(member, f"{path}.member[{index}]", kind="Agent")
    return agent


def _definition(value, path: str) -> dict:
    keys = {"name", "description", "type", "moreInfo", "extensions", "interactionType"}
    keys |= {"correctResponsesPattern", *COMPONENT_LISTS}
    definition = _object(value, path, keys)
    for key in ("name", "description"):
        if key in definition:
            _language_map(definition[key], f"{path}.{key}")
    for key in ("type", "moreInfo"):
        if key in definition:
            iri_value(definition[key], f"{path}.{key}")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{path}.extensions")
    kind = definition.get("interactionType")
    if kind is not None and (not isinstance(kind, str) or kind not in INTERACTION_TYPES):
        _fail(f"{path}.interactionType", "is not an xAPI interaction type")
    interaction = [k for k in ("correctResponsesPattern", *COMPONENT_LISTS) if k in definition]
    if interaction and kind is None:
        _fail(f"{path}.interactionType", f"is required when {interaction[0]} is given")
    for key in COMPONENT_LISTS:
        if key in definition and key not in COMPONENTS_OF.get(kind, ()):
            _fail(f"{path}.{key}", f"is not a component list of the interaction type {kind}")
    if "correctResponsesPattern" in definition:
        pattern = definition["correctResponsesPattern"]
        if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
            _fail(f"{path}.correctResponsesPattern", "must be a list of strings")
    for key in COMPONENT_LISTS:
        if key not in definition:
            continue
        components = definition[key]
        if not isinstance(components, list):
            _fail(f"{path}.{key}", "must be a list of interaction components")
        ids = set()
        for index, component in enumerate(components):
            where = f"{path}.{key}[{index}]"
            component = _object(component, where, {"id", "description"}, required=("id",))
            ids.add(_string(component["id"], f"{where}.id"))
            if "description" in component:
                _language_map(component["description"], f"{where}.description")
        if len(ids) != len(components):
            _fail(f"{path}.{key}", "component ids must be distinct")
    return definition


def _activity(value, path: str) -> dict:
    activity = _object(value, path, {"objectType", "id", "definition"})
    if activity.get("objectType", "Activity") != "Activity":
        _fail(f"{path}.objectType", "must be Activity")
    if "id" not in activity:
        _fail(f"{path}.id", "is required")
    iri_value(activity["id"], f"{path}.id", MAX_ACTIVITY_IRI)
    if "definition" in activity:
        _definition(activity["definition"], f"{path}.definition")
    return {**activity, "objectType": "Activity"}


def statement_ref(value, path: str) -> dict:
    ref = _object(value, path, {"objectType", "id"}, required=("objectType", "id"))
    if ref["objectType"] != "StatementRef":
        _fail(f"{path}.objectType", "must be StatementRef")
    return {"objectType": "StatementRef", "id": uuid_value(ref["id"], f"{path}.id")}


def authority_check(value, path: str = "authority") -> dict:
    """An Agent, or an anonymous Group of exactly two Agents (an OAuth consumer and user)."""
    authority = _agent(value, path)
    if authority.get("objectType") == "Group":
        if any(key in authority for key in AGENT_IFIS):
            _fail(path, "an identified Group cannot be an authority")
        if len(authority.get("member") or []) != 2:
            _fail(f"{path}.member", "a Group as authority must have exactly two members")
    return authority


def object_check(value, path: str, *, sub_statement) -> dict:
    """The object of a statement: Activity (the default), Agent, Group, StatementRef or
    SubStatement (``sub_statement`` checks it; None where one may not appear)."""
    object_type = value.get("objectType", "Activity") if isinstance(value, dict) else None
    if object_type == "Activity" or object_type is None:
        return _activity(value, path)
    if object_type in ("Agent", "Group"):
        return _agent(value, path)
    if object_type == "StatementRef":
        return statement_ref(value, path)
    if object_type == "SubStatement":
        if sub_statement is None:
            _fail(f"{path}.objectType", "a SubStatement cannot contain another SubStatement")
        return sub_statement(value, path)
    _fail(f"{path}.objectType", "must be Activity, Agent, Group, StatementRef or SubStatement")
