"""Query parameters of the LRS resources, checked as the spec states (400 with a message)."""

import json

from progress.xapi import XapiError, _agent, iri_value, timestamp_parse, uuid_value


def params_check(params, *, allowed: set[str], required: tuple[str, ...]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        names = ", ".join(name[:40] for name in unknown[:5])
        raise XapiError(f"parameters not defined for this resource: {names}")
    for name in required:
        if not params.get(name):
            raise XapiError(f"the {name} parameter is required")


def activity_param(params, name: str = "activityId") -> str:
    return iri_value(params.get(name), name)


def agent_param(params, name: str = "agent") -> tuple[dict, str]:
    """The agent given as JSON in ``name`` (exactly one identifier) and its identifier key."""
    try:
        value = json.loads(params.get(name, ""))
    except ValueError:
        raise XapiError(f"{name} must be an Agent as JSON") from None
    agent = _agent(value, name)
    return agent, agent_ifi(agent)


def agent_ifi(agent: dict) -> str:
    if "mbox" in agent:
        return "mbox|" + agent["mbox"]
    if "mbox_sha1sum" in agent:
        return "mbox_sha1sum|" + agent["mbox_sha1sum"].lower()
    if "openid" in agent:
        return "openid|" + agent["openid"]
    if "account" in agent:
        return f"account|{agent['account']['homePage']}|{agent['account']['name']}"
    raise XapiError(f"{agent.get('objectType', 'Agent')} without an identifier")


def registration_param(params) -> str | None:
    if "registration" not in params:
        return None
    return uuid_value(params["registration"], "registration")


def since_param(params):
    if "since" not in params:
        return None
    return timestamp_parse(params["since"], "since")


def document_id_param(params, name: str) -> str | None:
    if name not in params:
        return None
    value = params[name]
    if not value:
        raise XapiError(f"{name} must not be empty")
    return value
