"""The house drawn from the imports (issue #13): the core imports no Qt, and no window reaches past
the core's services into crypto, the keyring or the storage internals.

Read from the source with :mod:`ast`, every import counts: at module level, inside functions and
under ``if TYPE_CHECKING:``, and module names written as strings (the expert window's warm-up list
imports by name).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tic_desktop"
GUI = PACKAGE / "gui"

# What a window may not import: the libraries themselves, and the core modules that hold keys,
# encrypt, sign or map tables. Windows use the services over them (expert.session, the desk,
# build_job, storage's package API, security.fingerprints for showing a fingerprint).
FORBIDDEN_IN_WINDOWS = (
    "keyring",
    "pyrage",
    "cryptography",
    "jwcrypto",
    "pyhanko",
    "sqlalchemy",
    "alembic",
    "tic_desktop.security.keyring_store",
    "tic_desktop.security.age_files",
    "tic_desktop.security.certificates",
    "tic_desktop.security.jws",
    "tic_desktop.security.errors",
    "tic_desktop.signing",
    "tic_desktop.packages.credentials",
    "tic_desktop.packages.expert_keys",
    "tic_desktop.packages.container",
    "tic_desktop.storage.",  # the package's own API (Database, open_database…) is allowed
)


def _is_our_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imported_names(source: str) -> set[str]:
    """Every module a file names: ``import a.b``, ``from a import b`` (as ``a``, and as ``a.b``
    when ``b`` is one of our modules), and string constants that look like one of our module
    paths."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if _is_our_module(f"{node.module}.{alias.name}")
            )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith("tic_desktop.")
            and " " not in node.value
        ):
            names.add(node.value)
    return names


def _forbidden(name: str) -> bool:
    for rule in FORBIDDEN_IN_WINDOWS:
        if rule.endswith("."):
            if name.startswith(rule):
                return True
        elif name == rule or name.startswith(rule + "."):
            return True
    return False


def test_the_rule_sees_each_way_of_importing() -> None:
    source = (
        "from tic_desktop.security import keyring_store\n"
        "def f():\n    import sqlalchemy.orm\n"
        "if TYPE_CHECKING:\n    from tic_desktop.storage.database import Database\n"
        "MODULES = ('tic_desktop.packages.expert_keys',)\n"
        "from tic_desktop.storage import Database, open_database\n"
        "from tic_desktop.security.fingerprints import short_fingerprint\n"
    )
    found = sorted(name for name in _imported_names(source) if _forbidden(name))
    assert found == [
        "sqlalchemy.orm",
        "tic_desktop.packages.expert_keys",
        "tic_desktop.security.keyring_store",
        "tic_desktop.storage.database",
    ]


@pytest.mark.parametrize("module", sorted(GUI.glob("*.py")), ids=lambda path: path.name)
def test_no_window_imports_crypto_keyring_or_storage_internals(module: Path) -> None:
    found = sorted(
        name for name in _imported_names(module.read_text(encoding="utf-8")) if _forbidden(name)
    )
    assert found == [], f"{module.name} reaches past the core's services: {found}"


def _core_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if relative.parts[1] == "gui" or relative.name == "__main__":
            continue
        modules.append(".".join(relative.parts).removesuffix(".__init__"))
    return modules


def test_the_core_names_no_qt() -> None:
    offenders = []
    for module in _core_modules():
        path = PACKAGE.parent / Path(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        if any(name.startswith("PySide6") for name in _imported_names(path.read_text("utf-8"))):
            offenders.append(module)
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = _core_modules()
    assert len(modules) > 100  # the walk found the core, not an empty folder
    program = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
