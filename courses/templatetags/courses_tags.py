from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}`` — None when either is missing."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def as_str(value):
    return str(value)


@register.simple_tag
def activity_iri(lesson_id, block_id):
    from courses.selectors import activity_iri as make_iri

    return make_iri(lesson_id=lesson_id, block_id=block_id)


@register.simple_tag
def h5p_player_file_prefixes():
    """The address prefixes whose files the lesson page fetches for a player frame (lesson.js):
    the player's static files, library bundles and files, and package files under a token."""
    from django.conf import settings
    from django.urls import reverse

    prefixes = [
        settings.STATIC_URL + "h5p-standalone/",  # static() would look for a file in a manifest
        reverse("courses:h5p_bundle", args=[1, "0" * 20, "js"]).split("1/")[0],
        reverse("courses:h5p_library_file", args=["x-1.0.0", "y"]).split("x-1.0.0/")[0],
        reverse("courses:h5p_file", args=["t", "h5p.json"]).split("t/")[0],
    ]
    return " ".join(prefixes)
