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
