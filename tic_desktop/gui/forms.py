"""Designer forms from ui/, compiled by uic into generated modules (build output, not in git).

A form is compiled once per content hash into the user cache folder, so a checkout, an
installed wheel and a frozen build (which ships pre-generated modules in ``generated/``)
all get ``Ui_<Form>`` classes used as ``self.ui = Ui_X(); self.ui.setupUi(self)``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from functools import cache
from pathlib import Path

import PySide6

from tic_desktop.gui.qt_tool_binaries import compiled_in_cache, run_tool
from tic_desktop.paths import ui_dir

_BUNDLED = Path(__file__).resolve().parent / "generated"


def _compiled_module(form: str) -> Path:
    source = ui_dir() / f"{form}.ui"
    digest = hashlib.sha256(source.read_bytes() + PySide6.__version__.encode()).hexdigest()[:16]
    bundled = _BUNDLED / f"ui_{form}_{digest}.py"
    if bundled.is_file():
        return bundled
    return compiled_in_cache(
        source,
        "forms",
        f"ui_{form}",
        ".py",
        PySide6.__version__.encode(),
        "uic",
        "-g",
        "python",
        "-o",
        "{target}",
        "{source}",
    )


@cache
def form_class(form: str, class_name: str) -> type:
    """The generated ``Ui_<class_name>`` for ``ui/<form>.ui``."""
    path = _compiled_module(form)
    module_name = f"tic_desktop.gui.generated.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None  # a .py file: a source loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return getattr(module, f"Ui_{class_name}")


def generate_all(target_dir: Path = _BUNDLED) -> list[Path]:
    """Pre-generate every form (for the frozen build)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(ui_dir().glob("*.ui")):
        digest = hashlib.sha256(source.read_bytes() + PySide6.__version__.encode()).hexdigest()[:16]
        target = target_dir / f"ui_{source.stem}_{digest}.py"
        run_tool("uic", "-g", "python", "-o", str(target), str(source))
        written.append(target)
    return written
