from django import template
from django.middleware.csrf import get_token

from offline.icons import RED
from offline.identity import user_key

register = template.Library()


@register.inclusion_tag("offline/head.html", takes_context=True)
def offline_head(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    key = user_key(user) if user is not None else ""
    return {
        "theme_color": RED,
        "user_key": key,
        "csrf": get_token(request) if key else "",
    }


@register.inclusion_tag("offline/body.html", takes_context=True)
def offline_body(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"request": request, "signed_in": bool(user_key(user)) if user else False}
