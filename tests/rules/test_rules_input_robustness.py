"""Whatever JSON-ish garbage is loaded, the loader answers with InputError or a valid model."""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tic_builders import base_application

from tic_desktop.domain.application import Application
from tic_desktop.domain.loading import load_application
from tic_desktop.errors import InputError
from tic_desktop.rules.eligibility import evaluate

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_DIR = Path(tempfile.mkdtemp(prefix="tic-garbage-"))

number_text = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(
        [
            "1e999999999",
            "-0.0",
            "0e99999",
            "1e-99999",
            "620.0",
            "620.5",
            "NaN",
            "Infinity",
            "-Infinity",
            "1" * 5000,
            "1E+1000000",
            "5e-1",
            "1.0e2",
        ]
    ),
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**20),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["enterprise", "university", "senior", "620", "-1", "1.005", "", " 9 "]),
)
json_values = st.recursive(
    json_scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _load_text(text: str):
    path = _DIR / "garbage.json"
    path.write_text(text, encoding="utf-8")
    try:
        app = load_application(path)
    except InputError as exc:
        assert exc.file == str(path)
        assert str(path) in exc.message_zh and str(path) in exc.message_en
        return None
    evaluate(app)  # a loaded application must evaluate without error
    return app


@SETTINGS
@given(json_values)
def test_random_json_values_only_raise_input_error(value):
    _load_text(json.dumps(value))


@SETTINGS
@given(st.text(alphabet=string.printable + '{}[]":,中文\u3000', max_size=80))
def test_random_text_only_raises_input_error(text):
    _load_text(text)


def _leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _leaf_paths(child, prefix + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _leaf_paths(child, prefix + (index,))
    yield prefix


BASE = base_application()
PATHS = [p for p in _leaf_paths(BASE) if p]


@SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), json_values), min_size=1, max_size=3), st.booleans()
)
def test_mutated_valid_application_only_raises_input_error(changes, drop):
    app = json.loads(json.dumps(BASE))
    for path, value in changes:
        target = app
        try:
            for key in path[:-1]:
                target = target[key]
            if drop and isinstance(target, dict):
                target.pop(path[-1], None)
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    _load_text(json.dumps(app, ensure_ascii=False))


@SETTINGS
@given(st.sampled_from(PATHS), number_text)
def test_raw_json_numbers_anywhere_only_raise_input_error(path, number):
    app = json.loads(json.dumps(BASE))
    target = app
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "@@NUMBER@@"
    _load_text(json.dumps(app, ensure_ascii=False).replace('"@@NUMBER@@"', number))


def test_base_application_round_trips_through_a_file():
    app = _load_text(json.dumps(BASE, ensure_ascii=False))
    assert isinstance(app, Application)
    assert evaluate(app).verdict.value == "eligible"
