"""``/xapi/activities`` and ``/xapi/agents`` (xAPI 1.0.3 Part Three §7.5, §7.6; xAPI 2.0).

- ``GET /xapi/activities?activityId=`` → the Activity object, its definition merged from the
  statements stored about it (language maps merged, later statements win), or empty.
- ``GET /xapi/agents?agent=`` → a Person object: every name and identifier the LRS knows for
  the agent (for one of our learners: their name, account and email).
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from progress.lrs import params as p
from progress.lrs.auth import learner_only_own, lrs_authorize
from progress.lrs.http import answer, lrs_view
from progress.models import Statement

READ_SCOPES = ("define", "statements/read", "profile", "state")
MERGED_STATEMENTS = 100
LANGUAGE_MAPS = ("name", "description")


def definition_merge(definitions) -> dict:
    merged: dict = {}
    for definition in definitions:
        for key, value in definition.items():
            if key in LANGUAGE_MAPS and isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return merged


@lrs_view("GET")
def activities(request, version):
    lrs_authorize(request, scopes=READ_SCOPES, read=True)
    p.params_check(request.GET, allowed={"activityId"}, required=("activityId",))
    activity_id = p.activity_param(request.GET)
    payloads = (
        Statement.objects.filter(activity_iri=activity_id)
        .order_by("-stored_at")
        .values_list("payload", flat=True)[:MERGED_STATEMENTS]
    )
    definitions = []
    for payload in reversed(list(payloads)):
        target = payload.get("object") or {}
        if target.get("id") == activity_id and isinstance(target.get("definition"), dict):
            definitions.append(target["definition"])
    body = {
        "objectType": "Activity",
        "id": activity_id,
        "definition": definition_merge(definitions),
    }
    return answer(body, version=version)


def _our_learner(agent: dict):
    users = get_user_model().objects.filter(is_active=True)
    account = agent.get("account")
    if account:
        name = account.get("name", "")
        if account.get("homePage") != settings.XAPI_ACTIVITY_ID_BASE or not name.isdigit():
            return None
        return users.filter(pk=int(name)).first()
    mbox = agent.get("mbox", "")
    if mbox.lower().startswith("mailto:") and len(mbox) > 7:
        return users.filter(email__iexact=mbox[7:]).first()
    return None


@lrs_view("GET")
def agents(request, version):
    caller = lrs_authorize(request, scopes=READ_SCOPES, read=True)
    p.params_check(request.GET, allowed={"agent"}, required=("agent",))
    agent, _ifi = p.agent_param(request.GET)
    learner_only_own(caller, agent)
    person: dict = {"objectType": "Person"}
    if agent.get("name"):
        person["name"] = [agent["name"]]
    for key in ("mbox", "mbox_sha1sum", "openid", "account"):
        if key in agent:
            person[key] = [agent[key]]
    learner = _our_learner(agent)
    if learner is not None:
        full_name = learner.get_full_name()
        if full_name and full_name not in person.get("name", []):
            person.setdefault("name", []).append(full_name)
        ours = {"homePage": settings.XAPI_ACTIVITY_ID_BASE, "name": str(learner.pk)}
        if ours not in person.get("account", []):
            person.setdefault("account", []).append(ours)
        if learner.email and f"mailto:{learner.email}" not in person.get("mbox", []):
            person.setdefault("mbox", []).append(f"mailto:{learner.email}")
    return answer(person, version=version)
