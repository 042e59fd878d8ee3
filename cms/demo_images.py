"""Illustrations for the demo, drawn with Pillow at load time: flat-colour scenes made of simple
shapes, no text and no photographs (nothing copied). Each is stored once as a Wagtail image with
its alt text (description) and a focal point on what matters, so crops keep it."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

W, H = 1600, 900
RED, RED_DARK, GOLD, CREAM = (179, 38, 30), (140, 29, 24), (255, 213, 79), (255, 247, 224)
SKY, SKY_DEEP, LEAF, LEAF_DARK = (198, 230, 245), (120, 185, 220), (104, 170, 92), (62, 122, 64)
EARTH, INK, WHITE, SKIN = (196, 140, 90), (52, 46, 44), (255, 255, 255), (236, 188, 150)
SHIRTS = [(30, 96, 160), (179, 38, 30), (46, 125, 50), (121, 85, 160), (230, 140, 40)]


def _sky_and_ground(draw, *, horizon=600, ground=LEAF, sun=True):
    for band in range(6):
        shade = tuple(int(a + (b - a) * band / 6) for a, b in zip(SKY_DEEP, SKY, strict=True))
        draw.rectangle([0, band * horizon // 6, W, (band + 1) * horizon // 6], fill=shade)
    if sun:
        draw.ellipse([1240, 90, 1420, 270], fill=GOLD)
    draw.rectangle([0, horizon, W, H], fill=ground)


def _person(draw, x, y, scale=1.0, shirt=SHIRTS[0], hat=False, phone=False):
    s = scale
    draw.rounded_rectangle([x - 48 * s, y, x + 48 * s, y + 150 * s], radius=int(40 * s), fill=shirt)
    draw.ellipse([x - 34 * s, y - 78 * s, x + 34 * s, y - 10 * s], fill=SKIN)
    draw.pieslice([x - 36 * s, y - 82 * s, x + 36 * s, y - 20 * s], 180, 360, fill=INK)
    if hat:  # nón lá
        draw.polygon([(x - 70 * s, y - 52 * s), (x + 70 * s, y - 52 * s), (x, y - 120 * s)],
                     fill=(236, 214, 150), outline=EARTH)  # fmt: skip
    if phone:
        draw.rounded_rectangle([x + 30 * s, y + 30 * s, x + 62 * s, y + 86 * s], radius=6,
                               fill=INK)  # fmt: skip
        draw.rectangle([x + 35 * s, y + 36 * s, x + 57 * s, y + 78 * s], fill=SKY)


def _house(draw, x, y, w=360, h=220, wall=CREAM, roof=RED):
    draw.rectangle([x, y, x + w, y + h], fill=wall)
    draw.polygon([(x - 40, y), (x + w + 40, y), (x + w // 2, y - 150)], fill=roof)
    draw.rectangle([x + w // 2 - 45, y + h - 130, x + w // 2 + 45, y + h], fill=RED_DARK)
    for wx in (x + 40, x + w - 110):
        draw.rectangle([wx, y + 50, wx + 70, y + 110], fill=SKY_DEEP)
    draw.ellipse([x + w // 2 - 26, y - 100, x + w // 2 + 26, y - 48], fill=GOLD)


def _book(draw, x, y, size=1.0, cover=RED):
    s = size
    draw.polygon([(x, y), (x + 120 * s, y + 20 * s), (x + 120 * s, y + 170 * s), (x, y + 150 * s)],
                 fill=WHITE, outline=INK)  # fmt: skip
    draw.polygon([(x + 240 * s, y), (x + 120 * s, y + 20 * s), (x + 120 * s, y + 170 * s),
                  (x + 240 * s, y + 150 * s)], fill=CREAM, outline=INK)  # fmt: skip
    draw.rectangle([x - 8 * s, y + 150 * s, x + 248 * s, y + 172 * s], fill=cover)
    for line in range(4):
        ly = y + (45 + line * 25) * s
        draw.line([x + 20 * s, ly, x + 100 * s, ly + 12 * s], fill=(170, 160, 150), width=4)
        draw.line([x + 140 * s, ly + 12 * s, x + 220 * s, ly], fill=(170, 160, 150), width=4)


def _phone(draw, x, y, w=300, h=560):
    draw.rounded_rectangle([x, y, x + w, y + h], radius=40, fill=INK)
    draw.rounded_rectangle([x + 18, y + 50, x + w - 18, y + h - 60], radius=16, fill=CREAM)
    colours = [RED, GOLD, LEAF, SKY_DEEP, (121, 85, 160), (230, 140, 40)]
    for index in range(9):
        cx = x + 50 + (index % 3) * ((w - 100) // 2)
        cy = y + 100 + (index // 3) * 110
        draw.rounded_rectangle([cx - 32, cy - 32, cx + 32, cy + 32], radius=14,
                               fill=colours[index % len(colours)])  # fmt: skip
    draw.ellipse([x + w // 2 - 22, y + h - 48, x + w // 2 + 22, y + h - 12], fill=(90, 84, 80))


def scene_community(draw):
    _sky_and_ground(draw)
    _house(draw, 560, 380)
    for index, px in enumerate([250, 400, 1100, 1250, 1400]):
        _person(draw, px, 560 + (index % 2) * 30, 1.1, SHIRTS[index % 5], hat=index == 3)
    _book(draw, 620, 700, 1.3)


def scene_criteria(draw):
    draw.rectangle([0, 0, W, H], fill=CREAM)
    centres = [(400, 430), (800, 430), (1200, 430)]
    colours = [RED, (30, 96, 160), LEAF_DARK]
    counts = [4, 4, 2]
    for (cx, cy), colour, count in zip(centres, colours, counts, strict=True):
        draw.ellipse([cx - 150, cy - 150, cx + 150, cy + 150], fill=colour)
        draw.line([cx - 60, cy, cx - 15, cy + 50, cx + 70, cy - 55], fill=WHITE, width=26,
                  joint="curve")  # fmt: skip
        for dot in range(count):  # the indicators of this criterion, in a row below it
            dx, dy = cx + (dot - (count - 1) / 2) * 78 - 28, cy + 200
            draw.ellipse([dx, dy, dx + 56, dy + 56], fill=GOLD, outline=colour, width=8)


def scene_calendar(draw):
    draw.rectangle([0, 0, W, H], fill=(250, 240, 230))
    draw.rounded_rectangle([330, 120, 1270, 820], radius=40, fill=WHITE, outline=INK, width=6)
    draw.rounded_rectangle([330, 120, 1270, 260], radius=40, fill=RED)
    draw.rectangle([330, 220, 1270, 260], fill=RED)
    for ring in (500, 1100):
        draw.rounded_rectangle([ring - 18, 80, ring + 18, 170], radius=14, fill=INK)
    marks = {(1, 2): GOLD, (1, 3): GOLD, (2, 4): LEAF, (3, 1): SKY_DEEP, (3, 5): RED}
    for row in range(4):
        for col in range(6):
            x, y = 380 + col * 145, 300 + row * 125
            fill = marks.get((row, col), (238, 232, 226))
            draw.rounded_rectangle([x, y, x + 110, y + 90], radius=16, fill=fill)
    draw.line([1030, 760, 1080, 810, 1180, 690], fill=LEAF_DARK, width=30, joint="curve")


def scene_digital(draw):
    draw.rectangle([0, 0, W, H], fill=(228, 240, 248))
    _phone(draw, 650, 170)
    draw.polygon([(1130, 300), (1310, 360), (1290, 560), (1130, 660), (970, 560), (950, 360)],
                 fill=LEAF_DARK)  # fmt: skip
    draw.line([1060, 470, 1115, 530, 1215, 410], fill=WHITE, width=30, joint="curve")
    for radius in (90, 160, 230):
        draw.arc([380 - radius, 520 - radius, 380 + radius, 520 + radius], 220, 320, fill=RED,
                 width=26)  # fmt: skip
    draw.ellipse([360, 500, 400, 540], fill=RED)


def scene_news(draw):
    draw.rectangle([0, 0, W, H], fill=(247, 243, 238))
    draw.rounded_rectangle([300, 140, 1060, 800], radius=20, fill=WHITE, outline=INK, width=6)
    draw.rectangle([350, 190, 1010, 280], fill=(220, 210, 200))
    for line in range(9):
        width = 660 if line % 3 else 420
        draw.rounded_rectangle([350, 320 + line * 50, 350 + width, 340 + line * 50], radius=10,
                               fill=(200, 194, 188))  # fmt: skip
    draw.ellipse([880, 330, 1280, 730], outline=RED, width=44)
    draw.line([1230, 680, 1390, 840], fill=RED, width=60)


def scene_farm_story(draw):
    _sky_and_ground(draw, horizon=430, ground=(126, 184, 98))
    for row in range(8):
        y = 470 + row * 55
        draw.line([0, y, W, y + 30], fill=LEAF_DARK, width=14)
        for x in range(30 + (row % 2) * 45, W, 90):
            draw.ellipse([x, y - 18, x + 40, y + 14], fill=(70, 150, 70))
    _house(draw, 1060, 250, w=300, h=180, roof=(176, 90, 52))
    _person(draw, 520, 470, 1.6, SHIRTS[2], hat=True, phone=True)
    _person(draw, 780, 520, 1.2, SHIRTS[4], phone=False)


def scene_training(draw):
    draw.rectangle([0, 0, W, H], fill=(244, 236, 226))
    draw.rectangle([0, 640, W, H], fill=(214, 180, 140))
    draw.rounded_rectangle([480, 90, 1300, 480], radius=16, fill=LEAF_DARK, outline=EARTH, width=18)
    _phone(draw, 560, 140, w=150, h=280)
    for row in range(3):
        draw.rounded_rectangle([770, 170 + row * 90, 1200, 200 + row * 90], radius=12, fill=CREAM)
    _person(draw, 320, 330, 1.5, SHIRTS[1])
    rng = random.Random(7)  # noqa: S311 — deterministic layout, not security
    for index, px in enumerate(range(180, 1550, 230)):
        _person(draw, px, 690 + rng.randint(-10, 10), 1.0, SHIRTS[index % 5], hat=index == 2)


def scene_home(draw):
    _sky_and_ground(draw, horizon=620)
    draw.polygon([(0, 620), (420, 430), (900, 620)], fill=(126, 184, 98))
    draw.polygon([(700, 620), (1200, 400), (1600, 560), (1600, 620)], fill=(104, 160, 86))
    _house(draw, 150, 470, w=280, h=160)
    _phone(draw, 1130, 300, w=200, h=380)
    _book(draw, 560, 640, 1.4, cover=RED)
    for index, px in enumerate([900, 1010]):
        _person(draw, px, 640, 1.0, SHIRTS[index + 1], hat=index == 0)


# (key, title, alt text, scene, focal point (x, y, width, height) in a 1600×900 image)
DEMO_IMAGES = [
    ("home", "Minh họa trang chủ: làng quê học tập",
     "Tranh minh họa: ngôi nhà văn hóa, cánh đồng, quyển sách mở và chiếc điện thoại, hai người "
     "dân đứng trò chuyện.", scene_home, (500, 350, 900, 500)),
    ("community", "Minh họa: nhà văn hóa ấp",
     "Tranh minh họa: bà con đứng quanh nhà văn hóa ấp mái đỏ, phía trước là quyển sách mở.",
     scene_community, (500, 250, 700, 600)),
    ("criteria", "Minh họa: 3 tiêu chí, 10 chỉ số",
     "Tranh minh họa: ba vòng tròn có dấu tích tượng trưng cho 3 tiêu chí, xung quanh là 10 chấm "
     "vàng tượng trưng cho 10 chỉ số.", scene_criteria, (200, 200, 1200, 500)),
    ("calendar", "Minh họa: lịch đăng ký",
     "Tranh minh họa: tờ lịch có các ô ngày được tô màu và một dấu tích xanh.", scene_calendar,
     (330, 120, 940, 700)),
    ("digital", "Minh họa: dùng điện thoại an toàn",
     "Tranh minh họa: điện thoại thông minh, tấm khiên xanh có dấu tích và biểu tượng sóng mạng.",
     scene_digital, (350, 160, 1000, 600)),
    ("news", "Minh họa: tìm nguồn tin đáng tin cậy",
     "Tranh minh họa: tờ báo và chiếc kính lúp màu đỏ đặt lên trang báo.", scene_news,
     (300, 140, 1100, 700)),
    ("farm", "Minh họa: nông dân dùng điện thoại",
     "Tranh minh họa: người nông dân đội nón lá cầm điện thoại đứng giữa luống rau, bên cạnh là "
     "một người trẻ.", scene_farm_story, (300, 300, 700, 500)),
    ("training", "Minh họa: lớp tập huấn tại ấp",
     "Tranh minh họa: báo cáo viên đứng cạnh bảng có hình điện thoại, bà con ngồi nghe.",
     scene_training, (200, 80, 1200, 800)),
]  # fmt: skip


def _png(scene) -> bytes:
    canvas = PILImage.new("RGB", (W, H), WHITE)
    scene(ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return buffer.getvalue()


def demo_images_ensure() -> dict:
    """The demo images by key, drawn and stored the first time only (found by title after)."""
    Image = get_image_model()
    images = {}
    for key, title, alt, scene, (fx, fy, fw, fh) in DEMO_IMAGES:
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, description=alt)
            image.file = ImageFile(io.BytesIO(_png(scene)), name=f"minh-hoa-{key}.png")
            image.focal_point_x, image.focal_point_y = fx + fw // 2, fy + fh // 2
            image.focal_point_width, image.focal_point_height = fw, fh
            image.save()
        images[key] = image
    return images
