"""Per-area adjustments to the content security policy."""

from csp.constants import SELF, UNSAFE_INLINE


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
                "frame-ancestors": [SELF],
            }
        return response
