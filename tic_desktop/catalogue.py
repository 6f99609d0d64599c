"""The core's sentences for people, in Chinese and English: one gettext catalogue.

Source strings (msgid) are English format strings, written where they are said and marked with
:func:`t` (or :func:`tc`, with a context, where one English word reads two ways in Chinese). Their
Chinese is the msgstr in ``resources/locale/zh_CN/LC_MESSAGES/tic.po``; ``pybabel extract`` finds
the marked strings (docs/development.md) and tests/test_catalogue.py fails on any without Chinese.
Widgets keep Qt's catalogue (``resources/i18n/*.ts``, :mod:`tic_desktop.gui.i18n`).

The core often says a thing in both languages at once (the JSON of ``tic`` commands carries both,
errors cross to windows in either language), so a :class:`Text` is translated when it is read,
not when it is made. The compiled catalogue (.mo) is build output: the frozen app bundles it
(build_installer.spec); from source it is compiled with Babel into the user cache on first use,
under the hash of the .po, like the Qt catalogue's .qm.
"""

from __future__ import annotations

import gettext
import io
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol, overload

from tic_desktop.paths import build_output_in_cache, resources_dir

DOMAIN = "tic"


def catalogue_file() -> Path:
    return resources_dir() / "locale" / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po"


class Said(Protocol):
    """Anything that reads in either language: a :class:`Text`, or a field value that is one."""

    def in_language(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Text:
    """A sentence for people, translated when it is read: ``msgid`` is the English format string,
    ``fields`` its values (a value may itself be a :class:`Text`, read in the same language)."""

    msgid: str
    context: str = ""
    fields: tuple[tuple[str, object], ...] = ()
    """Values by name; a value that is :class:`Said` (a nested Text) reads in the same language."""

    def in_language(self, lang: str) -> str:
        """English for ``"en"``, Chinese for anything else (as ``TicError.message`` does)."""
        translation = _translation("en" if lang == "en" else "zh")
        template = (
            translation.pgettext(self.context, self.msgid)
            if self.context
            else translation.gettext(self.msgid)
        )
        return template.format(**{name: _read(value, lang) for name, value in self.fields})

    @property
    def zh(self) -> str:
        return self.in_language("zh")

    @property
    def en(self) -> str:
        return self.in_language("en")

    def pair(self) -> tuple[str, str]:
        """``(zh, en)``, the shape the core's tables and errors hand on."""
        return self.zh, self.en

    def with_fields(self, **fields: object) -> Text:
        return Text(self.msgid, self.context, tuple(fields.items()))


def _read(value: object, lang: str) -> object:
    # Looked up on the type, not with isinstance(value, Said): a runtime Protocol check costs
    # ~10 µs a field, as much as the rest of reading a sentence (the inbox reads thousands).
    reader = getattr(type(value), "in_language", None)
    return value if reader is None else reader(value, lang)


@dataclass(frozen=True)
class Joined:
    """Parts read in one language, joined by a separator read in the same one (``tc("list
    separator", "; ")`` is "；" in Chinese)."""

    parts: tuple[Said, ...]
    separator: Said

    def in_language(self, lang: str) -> str:
        return self.separator.in_language(lang).join(part.in_language(lang) for part in self.parts)


class InLanguage:
    """An attribute that reads another one (a :class:`Said`, or None for "") in one language, for
    records that hand their sentence on in both: ``message_zh = InLanguage("message", "zh")``."""

    def __init__(self, source: str, lang: str) -> None:
        self.source = source
        self.lang = lang

    @overload
    def __get__(self, instance: None, owner: type) -> InLanguage: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> str: ...

    def __get__(self, instance: object, owner: type | None = None) -> InLanguage | str:
        if instance is None:
            return self
        said: Said | None = getattr(instance, self.source)
        return "" if said is None else said.in_language(self.lang)


def t(msgid: str, /, **fields: object) -> Text:
    """Mark ``msgid`` for the catalogue (pybabel's keyword ``t``)."""
    return Text(msgid, "", tuple(fields.items()))


def tc(context: str, msgid: str, /, **fields: object) -> Text:
    """Mark ``msgid`` with a context (msgctxt; pybabel's keyword ``tc:1c,2``)."""
    return Text(msgid, context, tuple(fields.items()))


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()  # the msgids are the English
    bundled = catalogue_file().with_suffix(".mo")
    if getattr(sys, "frozen", False) and bundled.is_file():
        with bundled.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    source = catalogue_file()
    try:
        with _compiled_in_cache(source).open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except OSError:  # no writable cache (a full disk, a read-only home): compile in memory
        return gettext.GNUTranslations(io.BytesIO(compile_catalogue(source)))


def compile_catalogue(source: Path) -> bytes:
    """The .mo of ``source``; a catalogue with an error is refused (babel's PoFileError naming
    the line)."""
    from babel.messages import mofile, pofile

    with source.open("rb") as po:
        catalog = pofile.read_po(po, abort_invalid=True)
    compiled = io.BytesIO()
    mofile.write_mo(compiled, catalog, use_fuzzy=False)
    return compiled.getvalue()


def _compiled_in_cache(source: Path) -> Path:
    return build_output_in_cache(
        source,
        "locale",
        f"{DOMAIN}_zh_CN",
        ".mo",
        b"",
        lambda partial: partial.write_bytes(compile_catalogue(source)),
    )
