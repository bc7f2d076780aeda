"""Draws the extension's icon, client/images/icon.png (256x256), with Pillow.

The picture is what batch norm does: a wide, off-centre histogram of activations (grey bars)
and the unit bell curve it becomes (white), on the dark blue of the Marketplace banner.
Run it again after changing it: `pip install pillow && python3 scripts/make-icon.py`.
"""

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
SCALE = 4  # drawn 4x larger, then scaled down: smooth edges without an anti-aliasing renderer
OUT = Path(__file__).resolve().parents[1] / "client" / "images" / "icon.png"
BACKGROUND = "#1e3a5f"  # package.json galleryBanner.color


def bell(x: float, centre: float, width: float) -> float:
    return math.exp(-((x - centre) ** 2) / (2 * width**2))


def main() -> int:
    s = SCALE
    image = Image.new("RGBA", (SIZE * s, SIZE * s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE * s - 1, SIZE * s - 1), radius=40 * s, fill=BACKGROUND)
    base = 196  # the axis, in pixels from the top
    for i in range(9):  # the activations before: a wide distribution, shifted right
        left = 34 + i * 21
        height = 100 * bell(i, 5.5, 2.6)
        draw.rectangle(((left) * s, (base - height) * s, (left + 16) * s, base * s), fill="#5b7391")
    curve = [((28 + step * 2.0) * s, (base - 150 * bell(28 + step * 2.0, 128, 26)) * s) for step in range(101)]
    draw.line(curve, fill="white", width=11 * s, joint="curve")
    for x, y in (curve[0], curve[-1]):  # round caps
        r = 5.5 * s
        draw.ellipse((x - r, y - r, x + r, y + r), fill="white")
    draw.rounded_rectangle((28 * s, (base + 12) * s, 228 * s, (base + 21) * s), radius=4 * s, fill="#f5b041")
    image.resize((SIZE, SIZE), Image.LANCZOS).save(OUT, optimize=True)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
