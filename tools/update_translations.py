"""Bring the Chinese catalogue up to date with the GUI's strings: the one store of widget
translations is resources/i18n/tic_zh_CN.ts (translate in Qt Linguist, `pyside6-linguist`, or in
the file itself).

Runs lupdate over the forms and the GUI code, then accepts lupdate's same-text copies: when a
string moves to another class (another translation context) lupdate copies the translation it
already has and marks it unfinished; the text is ours, so it is kept as finished. Lists the strings
that still have no translation and exits 1 when there are any; tests/gui/test_translations.py
fails on them too.

    .venv/bin/python tools/update_translations.py
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tic_desktop.gui.qt_tool_binaries import run_tool

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "tic_zh_CN.ts"


def accept_same_text_copies(ts_path: Path) -> list[str]:
    """Mark lupdate's copies finished; return the sources still without a translation."""
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("vanished", "obsolete"):
            continue
        if (translation.text or "").strip():
            translation.attrib.pop("type", None)
        else:
            missing.append(message.findtext("source") or "")
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.ui")) + sorted(
        str(p) for p in (ROOT / "tic_desktop" / "gui").glob("*.py")
    )
    run_tool("lupdate", "-no-obsolete", "-silent", *sources, "-ts", str(CATALOGUE))
    missing = accept_same_text_copies(CATALOGUE)
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
