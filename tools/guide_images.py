"""Copy the screenshots the user guides show from docs/screenshots/ into resources/guide/images/.

    .venv/bin/python tools/guide_images.py

resources/ ships in the wheel and the frozen build (docs/ does not), so the guide carries its own
copies, reduced to a 128-colour palette (crisp for screenshots, about a third of the size).
Run it again after re-rendering the screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / "screenshots"
TARGET = ROOT / "resources" / "guide" / "images"
LIMIT = 150 * 1024

GUIDE_IMAGES = (
    # bureau.md
    "main-formal-review",
    "wizard-applications",
    "panel-builder-violation",
    "build-packages",
    "results",
    "register",
    # expert.md
    "expert-coi-certification",
    "expert-materials",
    "expert-formal-review",
    "expert-scoring",
    "expert-inspection",
    "expert-pin-question",
    "expert-signed",
    "expert-resign-needed",
    "expert-missing-files",
)


def copy_image(name: str) -> Path:
    source = SOURCE / f"{name}.png"
    if not source.exists():  # a dialog is rendered on its own, per screen size only
        source = SOURCE / f"{name}-1366x768.png"
    image = Image.open(source).convert("RGB")
    target = TARGET / f"{name}.png"
    for colours in (128, 64, 32):
        image.quantize(
            colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        ).save(target, "PNG", optimize=True)
        if target.stat().st_size <= LIMIT:
            break
    return target


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in GUIDE_IMAGES:
        target = copy_image(name)
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
