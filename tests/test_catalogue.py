"""The core's catalogue (issue #13, one way to translate): every marked sentence has its Chinese,
nothing in the catalogue is unused, the fields agree, and the compiled catalogue is never half a
file and needs no writable cache."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from tic_desktop import catalogue
from tic_desktop.catalogue import Text, t, tc

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"t": None, "tc": ((1, "c"), 2)}  # what docs/development.md passes to pybabel extract


def _marked_in_core() -> set[tuple[str | None, str]]:
    found = set()
    for path in sorted((ROOT / "tic_desktop").rglob("*.py")):
        if "gui" in path.relative_to(ROOT / "tic_desktop").parts:
            continue  # widgets use Qt's catalogue
        for _line, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            assert isinstance(message, str), f"{path.name}: {message!r} is not one literal"
            found.add((context, message))
    return found


def _called_in_core() -> set[tuple[str | None, str]]:
    """Every ``t("…")`` and ``tc("…", "…")`` call, read from the syntax tree (nested ones too)."""
    import ast

    found: set[tuple[str | None, str]] = set()
    for path in sorted((ROOT / "tic_desktop").rglob("*.py")):
        if "gui" in path.relative_to(ROOT / "tic_desktop").parts or path.name == "catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            literal = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "t" and node.args:
                assert len(literal) == 1, f"{path.name}:{node.lineno}: t() needs one literal"
                found.add((None, literal[0]))
            elif node.func.id == "tc" and len(node.args) == 2:
                assert len(literal) == 2, f"{path.name}:{node.lineno}: tc() needs two literals"
                found.add((literal[0], literal[1]))
    return found


def test_pybabel_sees_every_call() -> None:
    """pybabel extract skips a t() whose arguments call t() again: such a sentence would never
    reach the catalogue through the documented command. Say the inner Text first, in a variable."""
    assert sorted(_called_in_core() - _marked_in_core()) == []


def _catalogue() -> dict[tuple[str | None, str], str]:
    with catalogue.catalogue_file().open("rb") as po:
        read = read_po(po)
    return {(m.context, m.id): m.string for m in read if m.id and isinstance(m.id, str)}


def test_every_marked_sentence_has_its_chinese_and_nothing_else_is_kept() -> None:
    marked, translated = _marked_in_core(), _catalogue()
    assert len(marked) > 100  # the extraction saw the rules' sentences
    assert sorted(marked - translated.keys()) == []
    assert sorted(translated.keys() - marked) == []
    assert [key for key, chinese in translated.items() if not chinese.strip()] == []


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_chinese_uses_the_fields_the_english_has() -> None:
    """The Chinese may leave out a detail the English gives (the library's own error words, a
    byte count), but a field it names must be one the sentence is said with: the English's, or
    ``name_zh`` beside ``name``/``name_en`` where the value itself differs by language. Anything
    else would raise KeyError when the sentence is read in Chinese."""

    def as_english(name: str) -> set[str]:
        base = name.removesuffix("_zh")
        return {base, f"{base}_en"} if name.endswith("_zh") else {name}

    for (_context, english), chinese in _catalogue().items():
        for name in _fields(chinese):
            assert as_english(name) & _fields(english), (english, name)


def test_a_text_is_read_in_either_language_with_nested_texts_in_the_same_one() -> None:
    art = tc("clause", "Art. 11")
    said = tc("check result", "fail")
    assert art.pair() == ("第十一条", "Art. 11")
    assert said.in_language("zh") == "不通过" and said.in_language("en") == "fail"
    assert said.in_language("fr") == "不通过"  # anything but English reads Chinese, as before
    sentence = t(
        "{base} (Strategic-priority application: Art. 8 (7) allows relaxation; "
        "for the experts to judge.)",
        base=art,
    )
    assert sentence.zh.startswith("第十一条（重大战略")
    assert sentence.en.startswith("Art. 11 (Strategic-priority")


def test_an_unknown_sentence_reads_as_its_english_in_both() -> None:
    assert Text("Not in the catalogue {n}", fields=(("n", 3),)).pair() == (
        "Not in the catalogue 3",
        "Not in the catalogue 3",
    )


def test_compiled_once_into_the_cache_and_again_when_the_catalogue_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "tic.po"
    po.write_bytes(catalogue.catalogue_file().read_bytes())
    first = catalogue._compiled_in_cache(po)
    assert first.is_file() and first.read_bytes() == catalogue.compile_catalogue(po)
    assert list(first.parent.glob("*.tmp")) == []
    assert catalogue._compiled_in_cache(po) == first
    po.write_text(po.read_text("utf-8").replace('msgstr "第十一条"', 'msgstr "第十一條"'), "utf-8")
    second = catalogue._compiled_in_cache(po)
    assert second != first and second.read_bytes() != first.read_bytes()


def test_without_a_writable_cache_the_catalogue_is_compiled_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "cache"
    cache_file.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_file))
    catalogue._translation.cache_clear()
    try:
        assert tc("verdict", "ineligible").zh == "不符合条件"
    finally:
        catalogue._translation.cache_clear()


def test_a_broken_catalogue_is_refused_naming_the_line(tmp_path: Path) -> None:
    from babel.messages.pofile import PoFileError

    po = tmp_path / "tic.po"
    po.write_text('msgid "a"\nmsgstr "甲"\n\nthis is not a catalogue line\n', "utf-8")
    with pytest.raises(PoFileError, match="on 3"):
        catalogue.compile_catalogue(po)
