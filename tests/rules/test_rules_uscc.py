"""USCC per GB 32100-2015, against our own reference implementation (tic_builders)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tic_builders import REF_ALPHABET, make_uscc, ref_check_character, ref_is_valid

from tic_desktop.rules import uscc

FAST = settings(max_examples=200, deadline=None)

body17 = st.tuples(
    st.text(REF_ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(REF_ALPHABET, min_size=9, max_size=9),
).map("".join)

REAL_CODES = [
    "91350100M000100Y43",
    "91110108551385082Q",
    "91330100799655058B",
    "9144030071526726XG",
    "914403001922038216",
]


def test_reference_alphabet_matches_standard():
    # digits and capitals without I, O, Z, S, V: 31 characters
    assert len(REF_ALPHABET) == 31
    assert not set("IOZSV") & set(REF_ALPHABET)
    assert uscc.ALPHABET == REF_ALPHABET


@pytest.mark.parametrize("code", REAL_CODES)
def test_known_real_codes_are_valid(code):
    assert ref_is_valid(code)
    assert uscc.is_valid_uscc(code)
    assert uscc.uscc_problem(code) is None


@FAST
@given(body17)
def test_check_character_matches_reference(first17):
    assert uscc.check_character(first17) == ref_check_character(first17)
    assert uscc.is_valid_uscc(make_uscc(first17))


@FAST
@given(st.text(REF_ALPHABET, min_size=17, max_size=17))
def test_any_alphabet_body_check_character_matches(first17):
    # the check character is defined for any 17 alphabet characters, even with a letter division
    assert uscc.check_character(first17) == ref_check_character(first17)


@FAST
@given(body17, st.data())
def test_any_single_character_change_is_invalid(first17, data):
    code = make_uscc(first17)
    pos = data.draw(st.integers(0, 17))
    replacement = data.draw(
        st.sampled_from(REF_ALPHABET + "IOZSVa9 -").filter(lambda ch: ch != code[pos])
    )
    changed = code[:pos] + replacement + code[pos + 1 :]
    assert not ref_is_valid(changed)
    assert not uscc.is_valid_uscc(changed)
    assert uscc.uscc_problem(changed) is not None


@FAST
@given(st.text(max_size=25))
def test_validity_agrees_with_reference_on_any_text(text):
    assert uscc.is_valid_uscc(text) == ref_is_valid(text)


@pytest.mark.parametrize("code", ["", "91350100M000100Y4", "91350100M000100Y433"])
def test_wrong_length_is_invalid(code):
    assert not uscc.is_valid_uscc(code)


@pytest.mark.parametrize(
    "division, local",
    [
        ("371500", True),
        ("371502", True),
        ("371581", True),
        ("371599", True),
        ("370100", False),
        ("371600", False),
        ("371400", False),
        ("037150", False),
        ("110000", False),
    ],
)
def test_liaocheng_division(division, local):
    code = make_uscc("91" + division + "MA3C0XX01")
    assert uscc.is_valid_uscc(code)
    assert uscc.division_code(code) == division
    assert uscc.is_registered_in_liaocheng(code) is local


def test_invalid_code_with_liaocheng_division_is_not_local():
    code = make_uscc("91371500MA3C0XX01")
    wrong = code[:17] + next(ch for ch in REF_ALPHABET if ch != code[17])
    assert not uscc.is_registered_in_liaocheng(wrong)
