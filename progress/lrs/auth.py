"""Who may do what on the LRS: one check reused by every resource of ``progress.lrs``.

The caller is found as for statements (``progress.auth.xapi_caller``: client Basic
credentials, or the learner's session with Django's CSRF check). A client then needs the xAPI
1.0.3 scope of the resource ("state", "profile", "define", "statements/read" …; "all" grants
everything and "all/read" every read). A learner's session may only touch documents of their
own agent (``caller_is_agent``) and read shared ones.
"""

from django.conf import settings

from progress.auth import XapiCaller, xapi_caller
from progress.xapi import XapiError


def lrs_authorize(request, *, scopes: tuple[str, ...], read: bool) -> XapiCaller:
    """The caller, if one of ``scopes`` is granted (XapiError 401/403 otherwise)."""
    caller = xapi_caller(request)
    client = caller.client
    if client is not None and not any(client.allows(s, read=read) for s in scopes):
        raise XapiError(f"this client's credentials do not grant the scope {scopes[0]}", 403)
    return caller


def caller_is_agent(caller: XapiCaller, agent: dict) -> bool:
    """Whether ``agent`` identifies the session's learner (our account, or their email)."""
    user = caller.user
    account = agent.get("account")
    if isinstance(account, dict):
        return account.get("homePage") == settings.XAPI_ACTIVITY_ID_BASE and account.get(
            "name"
        ) == str(user.pk)
    email = getattr(user, "email", "") or ""
    return bool(email) and agent.get("mbox", "").lower() == f"mailto:{email}".lower()


def learner_only_own(caller: XapiCaller, agent: dict) -> None:
    """A session learner may only act on their own agent's documents."""
    if caller.client is None and not caller_is_agent(caller, agent):
        raise XapiError("a learner may only use their own agent's documents", 403)
