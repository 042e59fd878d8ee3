"""The app's icons, drawn here (no third-party artwork): an open book on the site's red."""

import io
from functools import lru_cache

from PIL import Image, ImageDraw

RED = "#b3261e"  # --red in site/static/css/site.css
GOLD = "#ffd54f"  # --gold
SIZES = (192, 512)

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="{RED}"/>
<path d="M96 150 L250 182 L250 392 L96 360 Z" fill="#fff"/>
<path d="M416 150 L262 182 L262 392 L416 360 Z" fill="#fff"/>
<circle cx="256" cy="112" r="40" fill="{GOLD}"/>
</svg>
"""


@lru_cache(maxsize=len(SIZES))
def icon_png(size: int) -> bytes:
    """The icon as a PNG of ``size`` pixels (maskable: the drawing keeps to the safe zone)."""
    scale = size / 512
    image = Image.new("RGB", (size, size), RED)
    draw = ImageDraw.Draw(image)

    def points(*xy):
        return [(x * scale, y * scale) for x, y in xy]

    draw.polygon(points((96, 150), (250, 182), (250, 392), (96, 360)), fill="#ffffff")
    draw.polygon(points((416, 150), (262, 182), (262, 392), (416, 360)), fill="#ffffff")
    draw.ellipse([v * scale for v in (216, 72, 296, 152)], fill=GOLD)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
