"""Test-wide setup: offscreen Qt, every user data folder inside a temporary directory, and the
skip policy.

Skip policy (issue 13): in CI (``TIC_CI=1``, set by ``bash tools/bootstrap.sh test``) or with
``--no-unexplained-skips``, a skipped test fails the run, unless its reason starts with
``SKIP_OUTSIDE_CONTROL`` ("outside the project's control: ..."). bootstrap installs every tool
the tests use, so "X is not installed" there is a broken set-up, not a reason to pass.
"""

from __future__ import annotations

import os
import sys

import pytest

# Before any Qt import: no display is needed, anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SKIP_OUTSIDE_CONTROL = "outside the project's control:"

# Tests that take 20 s or more (`pytest --durations=30`, full suite on the 2-CPU CI machine,
# 2026-12-03), marked `slow` here so that their files need no change; tests/test_frozen_build.py
# carries the marker itself. CI runs them all; `pytest -m "not slow"` leaves them out.
SLOW_TESTS = (
    "tests/test_frozen_build.py::",  # PyInstaller build + self-test, 222 s
    (  # 79 s
        "tests/gui/test_bureau_end_to_end.py::"
        "test_a_round_from_the_excel_template_to_the_signed_result_summary"
    ),
    (  # 42 s
        "tests/security/test_user_data_locations.py::test_writes_only_to_user_folders_and_outputs"
    ),
    "tests/expert/test_crash_safety.py::",  # 4 SIGKILLs of the expert window, 37 s
    "tests/test_packaging.py::test_installed_wheel_runs_from_outside_the_checkout",  # 33 s
)


def pytest_addoption(parser):
    parser.addoption(
        "--no-unexplained-skips",
        action="store_true",
        default=os.environ.get("TIC_CI", "") not in ("", "0"),
        help=f"fail every skipped test whose reason does not start with {SKIP_OUTSIDE_CONTROL!r}"
        " (on by default when TIC_CI is set, as bootstrap.sh test does)",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith(SLOW_TESTS):
            item.add_marker(pytest.mark.slow)


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # (path, line, "Skipped: reason")
        reason = str(longrepr[2])
    else:
        reason = str(longrepr)
    return reason.removeprefix("Skipped: ")


def _fail_unexplained_skip(config, report) -> None:
    if not report.skipped or hasattr(report, "wasxfail"):
        return  # xfail (strict) is pytest's own business
    if not config.getoption("no_unexplained_skips"):
        return
    reason = _skip_reason(report)
    if reason.startswith(SKIP_OUTSIDE_CONTROL):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"skipped in CI without a reason outside the project's control: {reason}\n"
        f"(install what the test needs in tools/bootstrap.sh, or, if it truly cannot be had, give"
        f" the skip a reason starting with {SKIP_OUTSIDE_CONTROL!r})"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_unexplained_skip(item.config, outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _fail_unexplained_skip(collector.config, outcome.get_result())


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point platformdirs (XDG on Linux) at fresh temp folders so no test touches real data."""
    base = tmp_path_factory.mktemp("userdirs")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = base / var.lower()
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    monkeypatch.setenv("HOME", str(base))
    return base


@pytest.fixture(autouse=True)
def source_language_after_each_test():
    """Every test starts in the source language (English): a window or app a test made in Chinese
    installs translators on the one QApplication of the run, and a test that forgot to remove them
    would turn the next test's English assertions into Chinese ones."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None:
        return
    from PySide6.QtCore import QTranslator

    app = widgets.QApplication.instance()
    if app is None:
        return
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)


@pytest.fixture
def zh(qapp):
    """The app in Chinese, as the expert and the bureau use it: the catalogue installed and the
    bundled CJK font applied, both gone again after the test. Yields the
    :class:`~tic_desktop.gui.i18n.Translations` (windows take its ``use`` as ``set_language``)."""
    from tic_desktop.gui.appearance import apply_font, register_bundled_fonts
    from tic_desktop.gui.i18n import Translations

    translations = Translations(qapp)
    translations.use("zh")
    apply_font(qapp, 11, register_bundled_fonts())
    yield translations
    translations.remove()
