"""What every fuzz harness shares: structure-aware JSON mutations, byte mutations, findings.

A harness feeds each input to the code that reads untrusted bytes. The only acceptable way for
that code to say no is a ``TicError`` (``InputError``, ``SecurityError``…): anything else is a
*finding* — recorded (type, message, innermost project frame, the input) and deduplicated, and the
run goes on, so one run reaches its full count and reports every distinct crash it met.
Set ``TIC_FUZZ_STRICT=1`` to re-raise instead (libFuzzer then stops and writes ``crash-*``).

No atheris import here: the pytest smoke test (tests/security/test_fuzz_smoke.py) drives the same
harness code with hypothesis.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from tic_desktop.errors import TicError

# --------------------------------------------------------------------------------------------
# values the JSON mutator plants
# --------------------------------------------------------------------------------------------
_HUGE_NUMBERS = [
    "1e309",
    "-1e309",
    "1e999999999",
    "1E-400",
    "-0",
    "0.0",
    "-0.0",
    "1" + "0" * 400,
    "-" + "9" * 4300,
    "9" * 5000,
    "0." + "0" * 500 + "1",
    "123456789012345678901234567890.123456789",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1.5",
    "620.5",
    "1e2",
    "100",
    "0",
    "-1",
]
_STRINGS = [
    "",
    " ",
    "\u0000",
    "\ud800",
    "\udfff",
    "\u202e",
    "\ufeff",
    "１２３",
    "一千万",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "0.1",
    "10000000.00",
    "10,000,000",
    "¥10000000",
    "../../etc/passwd",
    "C:\\x",
    "/abs",
    "\U0001f600" * 3,
    "a" * 10_000,
    "9" * 4400,
    "LC-2026-001",
    "E02",
    "P1",
    "2026-TIC-01",
    "establishment",
    "performance",
    "true",
    "null",
    "91371500MA3C5X5X5X",
    "<script>",
    "%s%s%n",
    "\r\n",
    "é" * 50,
]
_NEST_DEPTHS = [2, 10, 63, 64, 65, 200, 1000, 5000, 50_000]


class _Duplicates(dict):
    """A dict that serialises one key twice (strict readers must refuse it)."""


def _random_scalar(rng: random.Random) -> Any:
    pick = rng.randrange(9)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice(
            [0, 1, -1, 2**31, 2**63, -(2**63) - 1, 10**30, rng.randrange(-1000, 1000)]
        )
    if pick == 3:
        return _RawNumber(rng.choice(_HUGE_NUMBERS))
    if pick == 4:
        return rng.choice([0.5, -0.0, 1e-300, 1e300, 3.14])
    return rng.choice(_STRINGS)


class _RawNumber(str):
    """A number written exactly as given (no Python float round trip)."""


def _nodes(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every (path, node) in a JSON value, the root first."""
    found = [(path, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _nodes(item, path + (index,))
    return found


def _replace(root: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    parent = root
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    return root


def mutate_json_value(value: Any, rng: random.Random) -> Any:
    """One structure-aware mutation of a parsed JSON document (mutates in place where it can)."""
    nodes = _nodes(value)
    path, node = rng.choice(nodes)
    kind = rng.randrange(12)
    if kind == 0 and isinstance(node, dict) and node:  # delete a key
        del node[rng.choice(list(node))]
    elif kind == 1 and isinstance(node, dict) and node:  # duplicate a key
        key = rng.choice(list(node))
        duplicated = _Duplicates(node)
        duplicated.duplicate = (key, _random_scalar(rng) if rng.random() < 0.5 else node[key])
        value = _replace(value, path, duplicated)
    elif kind == 2 and isinstance(node, dict):  # an unknown key
        node[rng.choice(["extra", "__proto__", "format", "id", "", "\u0000", "x" * 300])] = (
            _random_scalar(rng)
        )
    elif kind == 3:  # type swap
        swapped = rng.choice([_random_scalar(rng), [node], {"v": node}, str(node)[:200], [], {}])
        value = _replace(value, path, swapped)
    elif kind == 4:  # a huge or exotic number
        value = _replace(value, path, _RawNumber(rng.choice(_HUGE_NUMBERS)))
    elif kind == 5:  # deep nesting
        depth = rng.choice(_NEST_DEPTHS)
        value = _replace(value, path, _Nested(depth, rng.random() < 0.5))
    elif kind == 6:  # unicode and odd strings
        keep = node if isinstance(node, str) and rng.random() < 0.5 else ""
        value = _replace(value, path, rng.choice(_STRINGS) + keep)
    elif kind == 7 and isinstance(node, list) and node:  # drop, repeat or reorder list items
        choice = rng.randrange(3)
        if choice == 0:
            node.pop(rng.randrange(len(node)))
        elif choice == 1:
            node.extend([rng.choice(node)] * rng.choice([1, 2, 50]))
        else:
            rng.shuffle(node)
    elif kind == 8 and len(nodes) > 1:  # splice: copy one node over another
        _, other = rng.choice(nodes)
        if other is not node:
            value = _replace(value, path, copy.deepcopy(other))
    elif kind == 9 and isinstance(node, str):  # tweak a string slightly (ids that almost match)
        if node:
            position = rng.randrange(len(node))
            odd = chr(rng.choice([0x30, 0x41, 0x7F, 0x3000, 0xFF10]))
            value = _replace(value, path, node[:position] + odd + node[position + 1 :])
    elif (
        kind == 10 and isinstance(node, (int, float)) and not isinstance(node, bool)
    ):  # arithmetic nudge
        value = _replace(value, path, rng.choice([node + 1, node - 1, -node, node * 1000, 0]))
    elif kind == 11 and isinstance(node, str):  # number-looking strings for decimal fields
        value = _replace(
            value,
            path,
            rng.choice(
                ["-0.5", "1e3", "0x10", " 5", "5 ", "1_000", "٣", "1e-7", "100.000000001", "NaN"]
            ),
        )
    else:
        value = _replace(value, path, _random_scalar(rng))
    return value


class _Nested:
    def __init__(self, depth: int, as_list: bool) -> None:
        self.depth, self.as_list = depth, as_list


def dump_json(value: Any, rng: random.Random | None = None) -> str:
    """Serialise, keeping the planted oddities (raw numbers, duplicate keys, deep nesting)."""
    spacing = rng is not None and rng.random() < 0.1
    sep = ", " if spacing else ","
    colon = ": " if spacing else ":"
    if isinstance(value, _Nested):
        opening, closing = ("[", "]") if value.as_list else ('{"a":', "}")
        return opening * value.depth + "1" + closing * value.depth
    if isinstance(value, _RawNumber):
        return str(value)
    if isinstance(value, _Duplicates):
        items = [
            json.dumps(k, ensure_ascii=False) + colon + dump_json(v, rng) for k, v in value.items()
        ]
        key, extra = value.duplicate
        items.append(json.dumps(key, ensure_ascii=False) + colon + dump_json(extra, rng))
        return "{" + sep.join(items) + "}"
    if isinstance(value, dict):
        items = (
            json.dumps(str(k), ensure_ascii=False) + colon + dump_json(v, rng)
            for k, v in value.items()
        )
        return "{" + sep.join(items) + "}"
    if isinstance(value, list):
        return "[" + sep.join(dump_json(v, rng) for v in value) + "]"
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else "1e999"
    return json.dumps(value, ensure_ascii=rng is not None and rng.random() < 0.2)


def _decimal_float(text: str) -> _RawNumber:
    return _RawNumber(text)


def mutate_json_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes | None:
    """Parse ``data`` as JSON, apply 1–4 structural mutations, serialise; None if it is not JSON."""
    try:  # (a deeply nested body is left to the byte mutator: the walk here is recursive)
        value = _reparse_numbers(
            json.loads(data.decode("utf-8"), parse_float=_decimal_float, parse_int=_decimal_float)
        )
        for _ in range(rounds or rng.choice([1, 1, 1, 2, 3, 4])):
            value = mutate_json_value(value, rng)
        return dump_json(value, rng).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return None


def _reparse_numbers(value: Any) -> Any:
    """Numbers stay exactly as written (``_RawNumber``); small integers become ints for nudging."""
    if isinstance(value, dict):
        return {k: _reparse_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_reparse_numbers(v) for v in value]
    if isinstance(value, _RawNumber) and value.lstrip("-").isdigit() and len(value) < 10:
        return int(value)
    return value


def mutate_bytes(data: bytes, rng: random.Random, max_size: int = 1 << 16) -> bytes:
    """Byte-level mutation (used when libFuzzer's own mutator is not available: hypothesis runs)."""
    buffer = bytearray(data or b"\x00")
    for _ in range(rng.choice([1, 2, 4, 8])):
        kind = rng.randrange(6)
        position = rng.randrange(len(buffer)) if buffer else 0
        if kind == 0 and buffer:
            buffer[position] ^= 1 << rng.randrange(8)
        elif kind == 1:
            buffer[position:position] = bytes([rng.randrange(256)]) * rng.choice([1, 1, 4, 100])
        elif kind == 2 and len(buffer) > 1:
            del buffer[position : position + rng.choice([1, 2, 8, 64])]
        elif kind == 3 and buffer:
            buffer[position] = rng.choice(b'{}[]":,\\0-eE.\x00\xff')
        elif kind == 4 and len(buffer) > 4:
            start = rng.randrange(len(buffer) - 2)
            chunk = buffer[start : start + rng.randrange(1, 32)]
            buffer[position:position] = chunk
        else:
            del buffer[position:]
    return bytes(buffer[:max_size])


# --------------------------------------------------------------------------------------------
# inputs: one mode byte, then the body the mode gives to the code under test
# --------------------------------------------------------------------------------------------
def split_mode(data: bytes, modes: int) -> tuple[int, bytes]:
    if not data:
        return 0, b""
    return data[0] % modes, data[1:]


def structured_mutation(
    data: bytes, rng: random.Random, byte_mutator, max_size: int, modes: int
) -> bytes:
    """The custom mutator: JSON-level most of the time when the body is JSON, else byte-level.

    ``byte_mutator(body, max_size)`` is libFuzzer's (atheris.Mutate) in fuzz runs.
    """
    mode, body = split_mode(data, modes)
    if rng.random() < 0.03:
        mode = rng.randrange(modes)
    mutated = None
    if rng.random() < 0.7:
        mutated = mutate_json_bytes(body, rng)
    if mutated is None:
        mutated = byte_mutator(body, max(1, max_size - 1))
    return (bytes([mode]) + mutated)[:max_size]


# --------------------------------------------------------------------------------------------
# findings
# --------------------------------------------------------------------------------------------
class Findings:
    """Unexpected exceptions, deduplicated by type and innermost project frame."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = Path(folder) if folder else None
        self.seen: dict[str, dict] = {}
        self.accepted_errors = 0
        self.inputs = 0
        self.started = time.monotonic()
        self.strict = os.environ.get("TIC_FUZZ_STRICT") == "1"
        self.earlier_inputs = self.earlier_seconds = 0
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            summary = self.folder / "findings.json"
            if summary.is_file():  # a later run of the same target: totals and findings carry on
                earlier = json.loads(summary.read_text(encoding="utf-8"))
                self.earlier_inputs, self.earlier_seconds = earlier["inputs"], earlier["seconds"]
                self.accepted_errors = earlier["refused_with_tic_error"]
                self.seen = {f["key"]: f for f in earlier["findings"]}

    def run(self, harness, data: bytes) -> None:
        self.inputs += 1
        try:
            harness(data)
        except TicError:
            self.accepted_errors += 1
        except RecursionError as error:  # never swallowed silently: it is a crash in production too
            self.record(error, data)
        except Exception as error:
            self.record(error, data)

    def record(self, error: BaseException, data: bytes) -> None:
        if self.strict:
            raise error
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if "tic_desktop" in f.filename] or frames
        where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        key = f"{type(error).__name__} at {where}"
        if key in self.seen:
            self.seen[key]["count"] += 1
            return
        digest = hashlib.sha1(data).hexdigest()[:16]
        entry = {
            "key": key,
            "type": type(error).__name__,
            "message": str(error)[:500],
            "where": where,
            "count": 1,
            "input": f"finding-{digest}",
            "traceback": "".join(traceback.format_exception(error))[-4000:],
        }
        self.seen[key] = entry
        print(f"\n[fuzz] NEW FINDING {key}: {entry['message'][:200]}", file=sys.stderr, flush=True)
        if self.folder:
            (self.folder / entry["input"]).write_bytes(data)
            self.save()

    def save(self) -> None:
        if self.folder:
            summary = {
                "inputs": self.earlier_inputs + self.inputs,
                "seconds": round(self.earlier_seconds + time.monotonic() - self.started, 1),
                "refused_with_tic_error": self.accepted_errors,
                "findings": list(self.seen.values()),
            }
            text = json.dumps(summary, ensure_ascii=False, indent=2)
            (self.folder / "findings.json").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# signing fuzzed documents: the same compact ES256 JWS that tic_desktop.security.jws.sign makes
# (made directly with cryptography: jwcrypto costs ~1 ms a token, too slow for a million inputs)
# --------------------------------------------------------------------------------------------
def b64url(data: bytes) -> bytes:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=")


def sign_compact(payload: bytes, key, certificate_der: bytes) -> bytes:
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    header = json.dumps(
        {"alg": "ES256", "x5c": [base64.b64encode(certificate_der).decode("ascii")]}
    ).encode()
    signing_input = b64url(header) + b"." + b64url(payload)
    r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return signing_input + b"." + b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def scratch_folder(name: str) -> Path:
    """A per-process folder the harness writes its inputs to as files: under $TIC_FUZZ_SCRATCH
    (run.sh points it into the work folder and removes it afterwards: libFuzzer ends the process
    without cleaning up), else in RAM when there is /dev/shm, else the temp folder."""
    import tempfile

    in_ram = "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir()
    base = Path(os.environ.get("TIC_FUZZ_SCRATCH") or in_ram)
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"tic-fuzz-{name}-", dir=base))


class PackageComposer:
    """Writes a stored ZIP: fixed members once, then one member that changes per input.

    zipfile costs ~1 ms a package in Python; here a package is three byte strings and a header.
    """

    def __init__(self, members: list[tuple[str, bytes]]) -> None:
        import struct
        import zlib

        self._struct, self._crc = struct, zlib.crc32
        local, central = bytearray(), bytearray()
        for name, data in members:
            central += self._central(name.encode(), data, len(local))
            local += self._local(name.encode(), data)
        self.prefix, self.central, self.count = bytes(local), bytes(central), len(members)

    def _fields(self, data: bytes) -> tuple:
        return (
            20,
            0,
            0,
            0,
            0x5C21,
            self._crc(data),
            len(data),
            len(data),
        )  # version, flags, stored, 2026-01-01

    def _local(self, name: bytes, data: bytes) -> bytes:
        return (
            self._struct.pack("<4s5H3L2H", b"PK\x03\x04", *self._fields(data), len(name), 0)
            + name
            + data
        )

    def _central(self, name: bytes, data: bytes, offset: int) -> bytes:
        header = self._struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, *self._fields(data), len(name), 0, 0, 0, 0, 0, offset
        )
        return header + name

    def compose(self, name: str, data: bytes) -> bytes:
        encoded = name.encode()
        local = self.prefix + self._local(encoded, data)
        central = self.central + self._central(encoded, data, len(self.prefix))
        entries = self.count + 1
        end = self._struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, len(central), len(local), 0
        )
        return local + central + end


def instrument_functions(module_names: list[str], skip: set[str]) -> int:
    """Instrument every function and method defined in these modules, except ``skip``.

    Per function rather than per module (atheris.instrument_imports) so that byte-at-a-time
    loops such as opening._json_depth_ok, which cost 100x under instrumentation and have no
    branches worth guiding on, run at full speed.
    """
    import importlib
    import inspect

    import atheris

    count = 0
    for module_name in module_names:
        module = importlib.import_module(module_name)
        for name, value in list(vars(module).items()):
            candidates = []
            if inspect.isfunction(value) and value.__module__ == module_name and name not in skip:
                candidates.append(value)
            elif inspect.isclass(value) and value.__module__ == module_name:
                for attribute, member in vars(value).items():
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    elif isinstance(member, property):
                        member = member.fget
                    if (
                        inspect.isfunction(member)
                        and member.__module__ == module_name
                        and attribute not in skip
                    ):
                        candidates.append(member)
            for function in candidates:
                atheris.instrument_func(function)
                count += 1
    return count


def run_fuzzer(
    name: str, make_target, instrument: list[str], skip: frozenset[str] = frozenset()
) -> None:
    """``python tools/fuzz/fuzz_X.py --seeds DIR --findings DIR [libFuzzer args…] [CORPUS…]``.

    ``make_target(seed_material)`` returns the target (``seeds()``, ``harness(data)``, ``modes``);
    every function of the modules in ``instrument`` (but ``skip``) is instrumented for coverage.
    """
    import argparse

    import atheris

    parser = argparse.ArgumentParser(description=f"fuzz the {name} parser with atheris")
    parser.add_argument("--seeds", required=True, help="folder made by tools/fuzz/fuzz_seeds.py")
    parser.add_argument(
        "--findings", required=True, help="where findings.json and finding inputs go"
    )
    parser.add_argument(
        "--write-seed-corpus", metavar="DIR", help="write the seed inputs to DIR and exit"
    )
    args, libfuzzer_args = parser.parse_known_args()
    from fuzz_seeds import SeedMaterial

    target = make_target(SeedMaterial.load(Path(args.seeds)))
    if args.write_seed_corpus:
        out = Path(args.write_seed_corpus)
        out.mkdir(parents=True, exist_ok=True)
        for index, seed in enumerate(target.seeds()):
            (out / f"seed-{index:03d}").write_bytes(seed)
        return
    print(
        f"[fuzz] instrumented {instrument_functions(instrument, set(skip))} functions",
        file=sys.stderr,
    )
    findings = Findings(Path(args.findings))
    last_save = [time.monotonic()]

    def one_input(data: bytes) -> None:
        findings.run(target.harness, data)
        # libFuzzer ends the process with exit(): no atexit, so totals are saved as the run goes
        if findings.inputs % 10_000 in (0, 1) or time.monotonic() - last_save[0] > 30:
            findings.save()
            last_save[0] = time.monotonic()

    def mutator(data: bytes, max_size: int, seed: int) -> bytes:
        return structured_mutation(
            data, random.Random(seed), atheris.Mutate, max_size, target.modes
        )

    import atexit

    atexit.register(findings.save)
    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input, custom_mutator=mutator)
    atheris.Fuzz()
