"""Draw the app icon (评 on the bureau's blue) into resources/icons/ as PNG and a multi-size .ico.

.venv/bin/python tools/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "WenQuanYiMicroHei.ttf"
BLUE, WHITE = (11, 83, 148, 255), (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    canvas.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=BLUE)
    font = ImageFont.truetype(str(FONT), int(size * 0.68))
    left, top, right, bottom = canvas.textbbox((0, 0), "评", font=font)
    canvas.text(
        ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top),
        "评",
        font=font,
        fill=WHITE,
    )
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    large = draw(256)
    large.save(OUT / "tic-desktop.png")
    large.save(
        OUT / "tic-desktop.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    print(OUT)


if __name__ == "__main__":
    main()
