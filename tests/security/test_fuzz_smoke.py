"""The fuzz harnesses (tools/fuzz/), driven by hypothesis for a few hundred inputs each, so CI runs
their code paths and the parsers' promise: a bad input is refused with a TicError, nothing else.

The long runs use atheris (libFuzzer) with the same harnesses and mutators: docs/fuzzing.md.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tic_desktop.errors import TicError
from tic_desktop.packages.opening import open_package
from tic_desktop.returns.making import make_return
from tic_desktop.returns.scoring import ScoreSheet
from tic_desktop.storage import open_database

FUZZ_DIR = Path(__file__).resolve().parents[2] / "tools" / "fuzz"
if str(FUZZ_DIR) not in sys.path:
    sys.path.insert(0, str(FUZZ_DIR))

import fuzz_common  # noqa: E402
import fuzz_manifest  # noqa: E402
import fuzz_return  # noqa: E402
import fuzz_round  # noqa: E402
from fuzz_seeds import DEMO, SeedMaterial  # noqa: E402

SMOKE = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def material(bureau, p1, tmp_path_factory) -> SeedMaterial:
    """The fuzzers' seed material from the security tests' bureau and P1 package (no new scrypt
    work but one unlock), and one real return of E02's."""
    folder = tmp_path_factory.mktemp("fuzz-seeds")
    package = open_package(p1.file, {bureau.workspace.fingerprint})
    try:
        credential = package.unlock("E02", p1.passphrases["E02"])
        sheet = ScoreSheet.from_json(json.loads((DEMO / "scores-E02.example.json").read_bytes()))
        with open_database(folder / "expert.sqlite3") as db:
            make_return(package, credential, sheet, folder / "E02.ticreturn", db)
    finally:
        package.close()
    return SeedMaterial(
        bureau.workspace, bureau.keys, p1.file, credential, folder / "E02.ticreturn"
    )


@pytest.fixture(scope="module")
def targets(material):
    made = {
        "manifest": fuzz_manifest.make_target(material),
        "return": fuzz_return.make_target(material),
        "round": fuzz_round.make_target(material),
    }
    yield made
    import shutil

    for target in made.values():
        shutil.rmtree(target.folder, ignore_errors=True)


def _mutated(target, seed_index: int, rng_seed: int, rounds: int) -> bytes:
    """What a fuzz run feeds: a seed, mutated structurally (JSON) or byte by byte, ``rounds``
    times."""
    seeds = target.seeds()
    data = seeds[seed_index % len(seeds)]
    rng = random.Random(rng_seed)
    for _ in range(rounds):
        data = fuzz_common.structured_mutation(
            data,
            rng,
            lambda body, size: fuzz_common.mutate_bytes(body, rng, size),
            1 << 19,
            target.modes,
        )
    return data


def _refused_or_fine(target, data: bytes) -> None:
    try:
        target.harness(data)
    except TicError:
        pass  # refused with a message: the expected outcome for most inputs


@pytest.mark.parametrize("name", ["manifest", "return", "round"])
def test_every_seed_passes_unchanged(targets, name):
    """The seeds are real files: each must go through its whole path without any error."""
    for seed in targets[name].seeds():
        targets[name].harness(seed)


@SMOKE
@given(seed_index=st.integers(0, 20), rng_seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 3))
def test_manifest_parser_refuses_cleanly(targets, seed_index, rng_seed, rounds):
    _refused_or_fine(
        targets["manifest"], _mutated(targets["manifest"], seed_index, rng_seed, rounds)
    )


@SMOKE
@given(seed_index=st.integers(0, 20), rng_seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 3))
def test_return_parser_refuses_cleanly(targets, seed_index, rng_seed, rounds):
    _refused_or_fine(targets["return"], _mutated(targets["return"], seed_index, rng_seed, rounds))


@settings(SMOKE, max_examples=300)
@given(seed_index=st.integers(0, 20), rng_seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 3))
def test_round_and_application_loading_refuses_cleanly(targets, seed_index, rng_seed, rounds):
    _refused_or_fine(targets["round"], _mutated(targets["round"], seed_index, rng_seed, rounds))


@SMOKE
@given(body=st.binary(max_size=2048), mode=st.integers(0, 2))
def test_arbitrary_bytes_are_refused(targets, body, mode):
    for target in targets.values():
        _refused_or_fine(target, bytes([mode]) + body)


def test_mutators_make_what_they_promise():
    """Structure-aware mutations stay JSON often enough, and reach the oddities they are for."""
    seed = (DEMO / "rubric.json").read_bytes()
    outputs = [fuzz_common.mutate_json_bytes(seed, random.Random(i)) for i in range(400)]
    assert all(o is not None for o in outputs)
    joined = b"\n".join(outputs)
    assert b"[[[[[[[[[[" in joined  # deep nesting
    assert any(
        n in joined for n in (b"1e309", b"1e999999999", b"1E-400", b"9" * 4400)
    )  # huge numbers

    def has_duplicate(text: bytes) -> bool:
        found = []

        def pairs(items):
            keys = [k for k, _ in items]
            found.append(len(keys) != len(set(keys)))
            return dict(items)

        try:
            json.loads(text.decode("utf-8", "surrogatepass"), object_pairs_hook=pairs)
        except (ValueError, RecursionError):
            return False
        return any(found)

    assert any(has_duplicate(o) for o in outputs)  # duplicated keys
    assert fuzz_common.mutate_json_bytes(b"\xff not json", random.Random(0)) is None


def test_composed_package_is_a_valid_zip(material, tmp_path):
    """The fast ZIP writer of the manifest harness produces what zipfile and the container
    accept."""
    import zipfile

    members = material.package_members
    composer = fuzz_common.PackageComposer(members[:-1])
    path = tmp_path / "P1.ticpkg"
    path.write_bytes(composer.compose(*members[-1]))
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == members
    open_package(path, {material.workspace.fingerprint}).close()
