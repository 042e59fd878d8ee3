"""Site-wide middleware: language choice and per-area content security policy."""

from csp.constants import SELF, UNSAFE_INLINE
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class AdminCSPMiddleware:
    """The Wagtail admin uses inline styles and scripts in places; give it (and only it) a
    policy that allows them. Placed after ``csp.middleware.CSPMiddleware`` so it runs first on
    the way out."""

    ADMIN_PREFIXES = ("/admin/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.ADMIN_PREFIXES):
            response._csp_update = {
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
                "img-src": [SELF, "blob:", "https:"],
                "frame-src": [SELF, "https:"],
            }
            # Replaced, not added to: "'none' 'self'" is invalid and browsers drop the
            # directive. The admin frames itself (previews), nobody else may frame it.
            response._csp_replace = {"frame-ancestors": [SELF]}
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose otherwise with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language; many phones in Vietnam
    run an English system language, and the site must still open in Vietnamese for them.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
