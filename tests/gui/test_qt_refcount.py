"""PySide6 must not drop references to ``None`` when a table is filled (issue 13).

PySide6-Essentials 6.12.0 lowers ``None``'s reference count on every ``QTableWidget.setItem``,
``QTableWidgetItem.setForeground`` and ``QTableWidget.setRowCount`` under Python 3.11 (where
``None`` is not yet immortal); the returns window aborted with ``Fatal Python error: none_dealloc``
at 8,000 returns. pyproject excludes that release and the lock pins a good one; this test catches
the next release that does it again.

The table is filled in a child interpreter: on a broken PySide6 the fall would otherwise leave the
test process's own ``None`` short of references (and abort it a few thousand calls later). The child
checks after every 100 cells and stops at the first fall, so the failure reports a number rather
than an abort.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CELLS = 10_000
COLUMNS = 10

CHILD = r"""
import json, sys
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

import PySide6

app = QApplication([])
table = QTableWidget()
table.setColumnCount(COLUMNS)
red = QColor("red")
# Warm-up: the first calls create Python-level caches that hold on to None for good.
table.setRowCount(1)
warm = QTableWidgetItem("warm-up")
table.setItem(0, 0, warm)
warm.setForeground(red)
table.setRowCount(0)

before = sys.getrefcount(None)
lowest = before
filled = 0
rows = CELLS // COLUMNS
while filled < CELLS:
    row = filled // COLUMNS
    table.setRowCount(row + 1)  # grows one row at a time, as the returns window does
    for column in range(COLUMNS):
        item = QTableWidgetItem(f"{row}:{column}")
        table.setItem(row, column, item)
        item.setForeground(red)
        filled += 1
    lowest = min(lowest, sys.getrefcount(None))
    if filled % 100 == 0 and before - lowest > 50:
        break  # falling: stop long before None's count reaches zero
print(json.dumps({"pyside6": PySide6.__version__, "cells": filled, "before": before,
                  "after": sys.getrefcount(None), "lowest": lowest}))
"""


@pytest.mark.gui
def test_filling_ten_thousand_table_cells_keeps_nones_reference_count():
    code = CHILD.replace("COLUMNS", str(COLUMNS)).replace("CELLS", str(CELLS))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, f"the child died ({done.returncode}):\n{done.stderr[-2000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["cells"] == CELLS, (
        f"PySide6 {result['pyside6']} lowered None's reference count from {result['before']} to "
        f"{result['lowest']} after {result['cells']} cells (setItem/setForeground/setRowCount)"
    )
    # A few references may come and go with caches; a leak of one per call would be thousands.
    assert result["after"] >= result["before"] - 10, result
