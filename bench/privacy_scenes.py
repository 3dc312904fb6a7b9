"""The labelled photos for bench/privacy_detect.py: street scenes, faces, plates and signs.

Built with a fixed seed and nothing downloaded: faces from images that scikit-image ships, Swedish
number plates rendered with Pillow onto cars with perspective, and photos with neither.
"""

import io
import random
import string

import numpy as np
import skimage.data
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = 12
SIZE = (1024, 768)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# The astronaut's face (brows to chin, ear to ear) in skimage's 512x512 image, labelled by hand.
ASTRONAUT_FACE = (172, 60, 268, 172)
ASTRONAUT_HEAD = (110, 0, 330, 260)
# Letters used on Swedish plates (I, Q, V, Å, Ä, Ö are not).
PLATE_LETTERS = "".join(c for c in string.ascii_uppercase if c not in "IQV")
SIGN_WORDS = ["APOTEK", "KIOSK", "FRISÖR", "PIZZERIA", "BUSS", "TAXI", "BAGERI", "HOTELL", "CAFÉ"]
STREETS = ["Storgatan", "Kyrkogatan", "Nygatan", "Östra vägen", "Skolgatan", "Parkvägen"]


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, max(6, int(size)))


# ----- scenes --------------------------------------------------------------------------------


def street_scene(rng: random.Random) -> tuple[Image.Image, int]:
    """Sky, houses with windows, pavement and road; returns the image and the kerb's y."""
    w, h = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    sky = np.linspace(0, 1, h)[:, None]
    top, low = np.array([120, 160, 215]), np.array([215, 225, 235])
    image.paste(Image.fromarray((top + (low - top) * sky[..., None]).astype(np.uint8).repeat(w, 1)))
    horizon = int(h * rng.uniform(0.5, 0.62))
    x = -rng.randint(0, 80)
    while x < w:
        width = rng.randint(160, 360)
        roof = int(h * rng.uniform(0.05, 0.35))
        facade = rng.choice([(222, 205, 170), (240, 238, 230), (168, 82, 62), (150, 150, 148)])
        facade = tuple(max(0, min(255, c + rng.randint(-20, 20))) for c in facade)
        draw.rectangle([x, roof, x + width, horizon], fill=facade)
        step_x, step_y = rng.randint(45, 70), rng.randint(60, 90)
        for wy in range(roof + 25, horizon - 70, step_y):
            for wx in range(x + 20, x + width - 40, step_x):
                draw.rectangle([wx - 3, wy - 3, wx + 27, wy + 43], fill=(250, 250, 245))
                glass = rng.randint(30, 90)
                draw.rectangle([wx, wy, wx + 24, wy + 40], fill=(glass, glass + 10, glass + 25))
        x += width
    draw.rectangle([0, horizon, w, horizon + 40], fill=(170, 168, 160))
    draw.rectangle([0, horizon + 40, w, h], fill=(85, 86, 90))
    for lx in range(rng.randint(0, 60), w, 160):
        draw.rectangle([lx, int(h * 0.9), lx + 80, int(h * 0.9) + 8], fill=(235, 235, 230))
    for _ in range(rng.randint(0, 3)):
        tx, ty = rng.randint(0, w), horizon - rng.randint(80, 200)
        size = rng.randint(50, 110)
        draw.ellipse([tx - size, ty - size, tx + size, ty + size], fill=(60, 110, 50))
    noise = np.random.default_rng(rng.randint(0, 10**6)).normal(0, 5, (h, w, 3))
    image = Image.fromarray(np.clip(np.asarray(image) + noise, 0, 255).astype(np.uint8))
    return image, horizon + 40


def add_signs(image: Image.Image, rng: random.Random, count: int) -> None:
    """Shop signs (dark letters on white) and blue street-name signs: text that is no plate."""
    draw = ImageDraw.Draw(image)
    for _ in range(count):
        height = rng.randint(18, 50)
        x, y = rng.randint(0, SIZE[0] - 300), rng.randint(40, SIZE[1] // 2)
        if rng.random() < 0.5:
            text, fill, ink = rng.choice(SIGN_WORDS), (245, 245, 240), (20, 20, 20)
        else:
            text, fill, ink = rng.choice(STREETS), (20, 70, 160), (250, 250, 250)
        type_face = font(height * 0.7)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=type_face)
        draw.rectangle([x, y, x + right + height * 0.6, y + height], fill=fill, outline=ink)
        draw.text(
            (x + height * 0.3, y + (height - bottom - top) / 2), text, fill=ink, font=type_face
        )


def plate_text(rng: random.Random) -> str:
    letters = "".join(rng.choice(PLATE_LETTERS) for _ in range(3))
    last = rng.choice(string.digits) if rng.random() < 0.6 else rng.choice(PLATE_LETTERS)
    return f"{letters} {rng.randint(0, 99):02d}{last}"


def render_plate(text: str) -> Image.Image:
    """A Swedish plate, 520x110 mm at 2 px per mm: blue EU band with S, black letters on white."""
    plate = Image.new("RGBA", (1040, 220), (250, 250, 250, 255))
    draw = ImageDraw.Draw(plate)
    draw.rounded_rectangle([0, 0, 1039, 219], radius=16, outline=(15, 15, 15), width=6)
    draw.rounded_rectangle([6, 6, 96, 213], radius=10, fill=(0, 51, 153))
    for angle in np.linspace(0, 2 * np.pi, 12, endpoint=False):
        cx, cy = 51 + 26 * np.cos(angle), 60 + 26 * np.sin(angle)
        draw.ellipse([cx - 4, cy - 4, cx + 4, cy + 4], fill=(255, 204, 0))
    draw.text((51, 165), "S", fill=(255, 255, 255), font=font(64), anchor="mm")
    # Plates use a condensed face 75 mm high: DejaVu Sans Bold, squeezed to the same proportions.
    letters = Image.new("L", (1400, 220), 0)
    ImageDraw.Draw(letters).text((700, 112), text, fill=255, font=font(205), anchor="mm")
    letters = letters.crop(letters.getbbox())
    letters = letters.resize((min(860, letters.width), letters.height), Image.Resampling.LANCZOS)
    ink = Image.new("RGBA", letters.size, (10, 10, 10, 255))
    plate.paste(ink, (570 - letters.width // 2, 110 - letters.height // 2), letters)
    return plate


def perspective(target, source) -> list[float]:
    """Coefficients for Image.transform that carry the source corners onto the target ones."""
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return list(np.linalg.solve(np.array(rows), np.array(source).reshape(8)))


def place_plate(image: Image.Image, rng: random.Random, centre, width: int) -> tuple:
    """Paste a plate of this width with perspective; returns its labelled box."""
    plate = render_plate(plate_text(rng))
    plate = plate.resize((width, max(8, round(width * 110 / 520))), Image.Resampling.LANCZOS)
    pw, ph = plate.size
    # A car seen a little from one side: the far edge shorter and nearer, then a slight roll.
    squeeze = rng.uniform(0, 0.1) * ph
    narrow = rng.uniform(0.75, 1.0)
    pad = int(ph * 0.5)
    canvas = Image.new("RGBA", (pw + 2 * pad, ph + 2 * pad), (0, 0, 0, 0))
    canvas.paste(plate, (pad, pad))
    left, right, top, bottom = pad, pad + pw * narrow, pad, pad + ph
    if rng.random() < 0.5:
        corners = [(left, top), (right, top + squeeze), (right, bottom - squeeze), (left, bottom)]
    else:
        corners = [(left, top + squeeze), (right, top), (right, bottom), (left, bottom - squeeze)]
    source = [(pad, pad), (pad + pw, pad), (pad + pw, pad + ph), (pad, pad + ph)]
    canvas = canvas.transform(
        canvas.size,
        Image.Transform.PERSPECTIVE,
        perspective(corners, source),
        Image.Resampling.BICUBIC,
    )
    canvas = canvas.rotate(rng.uniform(-4, 4), resample=Image.Resampling.BICUBIC, expand=True)
    shade = rng.uniform(0.65, 1.1)
    rgb = Image.eval(canvas.convert("RGB"), lambda v: min(255, int(v * shade)))
    x, y = int(centre[0] - canvas.width / 2), int(centre[1] - canvas.height / 2)
    image.paste(rgb, (x, y), canvas.split()[3])
    bbox = canvas.split()[3].getbbox()
    return (x + bbox[0], y + bbox[1], x + bbox[2], y + bbox[3])


def free_spot(rng: random.Random, taken: list, place) -> tuple | None:
    """A placement whose box overlaps nothing placed before (labels stay fully visible)."""
    for _ in range(20):
        spot = place()
        box = spot[-1]
        if all(box[2] < t[0] or box[0] > t[2] or box[3] < t[1] or box[1] > t[3] for t in taken):
            taken.append(box)
            return spot
    return None


def add_car(image, rng: random.Random, kerb: int, with_plate: bool, taken: list) -> list:
    """A car seen from behind, its plate on the bumper."""
    draw = ImageDraw.Draw(image)

    def place():
        width = rng.randint(180, 520)
        cx = rng.randint(width // 2, SIZE[0] - width // 2)
        bottom = min(SIZE[1] - 5, kerb + rng.randint(int(width * 0.35), int(width * 0.7)))
        top = bottom - int(width * 0.75)
        return width, cx, bottom, top, (cx - width // 2, top, cx + width // 2, bottom)

    spot = free_spot(rng, taken, place)
    if spot is None:
        return []
    width, cx, bottom, top, _box = spot
    colour = tuple(rng.randint(20, 230) for _ in range(3))
    draw.rounded_rectangle(
        [cx - width // 2, top + width * 0.25, cx + width // 2, bottom], radius=25, fill=colour
    )
    draw.rounded_rectangle(
        [cx - width * 0.4, top, cx + width * 0.4, top + width * 0.3], radius=20, fill=colour
    )
    draw.rectangle(
        [cx - width * 0.34, top + width * 0.05, cx + width * 0.34, top + width * 0.27],
        fill=(40, 50, 60),
    )
    for side in (-1, 1):
        lx = cx + side * width * 0.38
        draw.rectangle(
            [lx - width * 0.07, top + width * 0.35, lx + width * 0.07, top + width * 0.42],
            fill=(190, 20, 20),
        )
    if not with_plate:
        return []
    plate_width = int(width * rng.uniform(0.28, 0.4))
    return [("plate", place_plate(image, rng, (cx, bottom - width * 0.16), plate_width))]


def lfw_faces() -> np.ndarray:
    # The first 100 of lfw_subset are faces, the other 100 are not.
    return skimage.data.lfw_subset()[:100]


def face_patch(rng: random.Random, faces: np.ndarray, size: int) -> Image.Image:
    if rng.random() < 0.3:
        astronaut = Image.fromarray(skimage.data.astronaut()).crop(ASTRONAUT_FACE)
        face = astronaut
    else:
        grey = (faces[rng.randrange(len(faces))] * 255).astype(np.uint8)
        tint = np.array([1.0, 0.88, 0.78]) * rng.uniform(0.8, 1.1)
        face = Image.fromarray(np.clip(grey[..., None] * tint, 0, 255).astype(np.uint8))
    face = face.resize((size, int(size * face.height / face.width)), Image.Resampling.BICUBIC)
    return face.transpose(Image.Transpose.FLIP_LEFT_RIGHT) if rng.random() < 0.5 else face


def add_person(image, rng: random.Random, faces: np.ndarray, kerb: int, taken: list) -> list:
    """Someone on the pavement: coat, hair and a face from a packaged photo."""
    draw = ImageDraw.Draw(image)
    size = rng.randint(32, 110)
    face = face_patch(rng, faces, size)

    def place():
        x = rng.randint(size, SIZE[0] - 2 * size)
        y = max(10, min(SIZE[1] - 4 * size, kerb - rng.randint(size, 4 * size)))
        return x, y, (x - size * 0.6, y - size * 0.35, x + size * 1.6, y + face.height * 4)

    spot = free_spot(rng, taken, place)
    if spot is None:
        return []
    x, y, _box = spot
    coat = tuple(rng.randint(10, 200) for _ in range(3))
    draw.rounded_rectangle(
        [x - size * 0.6, y + face.height * 0.95, x + size * 1.6, y + face.height * 4],
        radius=size // 3,
        fill=coat,
    )
    hair = tuple(rng.randint(20, 120) for _ in range(3))
    draw.ellipse(
        [x - size * 0.15, y - size * 0.35, x + size * 1.15, y + face.height * 0.9], fill=hair
    )
    image.paste(face, (x, y))
    return [("face", (x, y, x + face.width, y + face.height))]


def astronaut_photo(rng: random.Random) -> tuple[Image.Image, list]:
    """The packaged portrait, scaled into a larger frame."""
    background = Image.fromarray(skimage.data.rocket()).resize(SIZE)
    scale = rng.uniform(0.6, 1.4)
    head = Image.fromarray(skimage.data.astronaut()).crop(ASTRONAUT_HEAD)
    head = head.resize((int(head.width * scale), int(head.height * scale)))
    x, y = rng.randint(0, SIZE[0] - head.width), rng.randint(0, SIZE[1] - head.height)
    background.paste(head, (x, y))
    fx0, fy0, fx1, fy1 = (
        v - o for v, o in zip(ASTRONAUT_FACE, ASTRONAUT_HEAD[:2] * 2, strict=True)
    )
    box = (x + fx0 * scale, y + fy0 * scale, x + fx1 * scale, y + fy1 * scale)
    return background, [("face", box)]


def packaged_background(rng: random.Random) -> Image.Image:
    name = rng.choice(
        ["coffee", "chelsea", "rocket", "brick", "gravel", "grass", "hubble_deep_field"]
    )
    image = Image.fromarray(getattr(skimage.data, name)()).convert("RGB")
    return image.resize(SIZE)


def finish(image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone's imperfections: a little blur, sensor noise, JPEG."""
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.0)))
    noise = np.random.default_rng(rng.randint(0, 10**6)).normal(
        0, rng.uniform(0, 6), (SIZE[1], SIZE[0], 3)
    )
    image = Image.fromarray(np.clip(np.asarray(image) + noise, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(75, 92))
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def build_set(count: int) -> list[tuple[Image.Image, list]]:
    """Photos with faces, with plates, with both and with neither, in a fixed order."""
    rng = random.Random(SEED)
    faces = lfw_faces()
    photos = []
    for index in range(count):
        kind = index % 5
        labels = []
        if kind == 4 and rng.random() < 0.4:
            image, labels = astronaut_photo(rng)
        elif kind in (1, 4) and rng.random() < 0.3:
            image, kerb = packaged_background(rng), int(SIZE[1] * 0.7)
        else:
            image, kerb = street_scene(rng)
        if kind != 4 or not labels:
            add_signs(image, rng, rng.randint(0, 3))
            taken = []
            if kind in (1, 2, 4):
                for _ in range(rng.randint(1, 3)):
                    labels += add_person(image, rng, faces, kerb, taken)
            if kind in (0, 2):
                for _ in range(rng.randint(1, 2)):
                    labels += add_car(image, rng, kerb, True, taken)
            elif kind == 3 and rng.random() < 0.5:
                add_car(image, rng, kerb, False, taken)
        photos.append((finish(image, rng), labels))
    return photos


# ----- detectors and scoring ----------------------------------------------------------------
