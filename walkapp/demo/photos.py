"""The demo's photos, drawn on the spot so that no photo is committed to the repository."""

import io

from PIL import Image, ImageDraw


def demo_photo(note: str, dark: bool, seed: int) -> bytes:
    """A street-like picture: houses, a street, a lamp post (lit or not) and the note's words."""
    width, height = 800, 600
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = ((10, 18, 40), (40, 44, 60)) if dark else ((150, 190, 235), (210, 225, 240))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for i in range(5):
        x = 40 + i * 150 + (seed * 37 + i * 11) % 40
        h = 160 + (seed * 53 + i * 29) % 140
        draw.rectangle([x, 420 - h, x + 120, 420], fill=(70, 70, 80) if dark else (170, 120, 90))
    draw.rectangle([0, 420, width, height], fill=(45, 45, 50))
    draw.line([(620, 420), (620, 220)], fill=(30, 30, 30), width=8)
    draw.ellipse([595, 200, 645, 240], fill=(255, 230, 140) if seed % 2 else (60, 60, 60))
    draw.text((20, 560), note[:90], fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
