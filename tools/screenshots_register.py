"""Render the center register with demo centers to docs/screenshots/register.png (offscreen,
Chinese UI).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_register.py [--form /tmp/form.png]

``--form PATH`` also renders the add-center form refused for an empty technical field (to check
that the error, the required marks and the hint all fit).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())  # never touch the real preferences
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())

from PySide6.QtWidgets import QApplication

from tic_desktop.gui.appearance import DEFAULT_POINT_SIZE, apply_font, register_bundled_fonts
from tic_desktop.gui.i18n import Translations
from tic_desktop.gui.register_window import RegisterWindow
from tic_desktop.register import store
from tic_desktop.storage import open_database

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "register.png"
TODAY = date(2027, 4, 15)  # a day after the 2026 reports were due, so Art. 19(1) can show
USCC_CHEMICAL = "91371523MA3F246808"


def demo_register(db) -> None:
    """Six centers: preparing (a report received late), two with triggers, one in the system, one
    revoked, one approved in 2024 that failed its comprehensive evaluation (Art. 22: the bureau
    records the cancellation)."""
    add = lambda *a: store.add_center(db, *a, today=TODAY)  # noqa: E731
    add(
        "LC-TIC-2025-01",
        "聊城市高端轴承技术创新中心",
        "山东聊城某轴承股份有限公司",
        "91371500MA3C1234XL",
        "高端装备",
        date(2025, 3, 10),
    )
    store.record_annual_report(db, "LC-TIC-2025-01", 2025, date(2026, 4, 10), today=TODAY)  # late
    store.record_annual_report(db, "LC-TIC-2025-01", 2026, date(2027, 3, 28), today=TODAY)
    add(
        "LC-TIC-2025-03",
        "聊城市生物基新材料技术创新中心",
        "聊城某生物科技有限公司",
        "91371502MA3D5678YX",
        "新材料",
        date(2025, 1, 20),
    )
    add(
        "LC-TIC-2023-02",
        "聊城市新能源汽车零部件技术创新中心",
        "聊城某汽车零部件有限公司",
        "91371521MA3EFG12KC",
        "新能源汽车",
        date(2023, 6, 15),
    )
    store.record_annual_report(db, "LC-TIC-2023-02", 2025, date(2026, 3, 18), today=TODAY)
    store.record_annual_report(db, "LC-TIC-2023-02", 2026, date(2027, 3, 30), today=TODAY)
    store.record_evaluation(db, "LC-TIC-2023-02", "comprehensive", 2026, "absent", today=TODAY)
    add(
        "LC-TIC-2021-04",
        "聊城市智能农机装备技术创新中心",
        "聊城大学",
        "12371500MB1234567W",
        "智能农机",
        date(2021, 9, 1),
    )
    store.record_annual_report(db, "LC-TIC-2021-04", 2025, date(2026, 2, 26), today=TODAY)
    store.record_annual_report(db, "LC-TIC-2021-04", 2026, date(2027, 2, 25), today=TODAY)
    store.record_evaluation(db, "LC-TIC-2021-04", "comprehensive", 2026, "excellent", today=TODAY)
    add(
        "LC-TIC-2024-05",
        "聊城市精细化工技术创新中心",
        "聊城某化工有限公司",
        USCC_CHEMICAL,
        "精细化工",
        date(2024, 5, 8),
    )
    store.revoke(
        db,
        "LC-TIC-2024-05",
        date(2026, 9, 30),
        "19.6",
        "依托单位书面申请撤销（聊科字〔2026〕35号）",
        today=TODAY,
    )
    add(
        "LC-TIC-2024-06",
        "聊城市绿色建材技术创新中心",
        "聊城某建材集团有限公司",
        "91371526MA3G13570G",
        "绿色建材",
        date(2024, 3, 1),
    )
    store.record_evaluation(db, "LC-TIC-2024-06", "comprehensive", 2026, "fail", today=TODAY)


def grab_refused_form(app, window, path: Path) -> None:
    """The add-center form after Save with the technical field left empty."""
    form = window.add_center()
    form.center_id.setText("LC-TIC-2026-01")
    form.name.setText("聊城市智能制造技术创新中心")
    form.lead_unit.setText("聊城某智能装备有限公司")
    form.lead_uscc.setText("91371581MA3H25790B")
    form.submit()
    for _ in range(5):
        app.processEvents()
    form.grab().save(str(path))
    form.reject()


def main() -> int:
    form_path = Path(sys.argv[sys.argv.index("--form") + 1]) if "--form" in sys.argv else None
    app = QApplication(sys.argv[:1])
    apply_font(app, DEFAULT_POINT_SIZE, register_bundled_fonts())
    translations = Translations(app)
    translations.use("zh")
    with (
        tempfile.TemporaryDirectory() as folder,
        open_database(Path(folder) / "demo.sqlite3") as db,
    ):
        demo_register(db)
        window = RegisterWindow(db, "zh", today=lambda: TODAY)
        window.resize(1366, 768)
        window.show()
        window.table.selectRow(window.model.row_of("LC-TIC-2025-03"))
        for _ in range(5):
            app.processEvents()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT))
        if form_path is not None:
            grab_refused_form(app, window, form_path)
        window.close()
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
