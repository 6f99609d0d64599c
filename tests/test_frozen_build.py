"""The one-folder PyInstaller build works without the source tree (issue 7): built, self-tested,
measured; and packaged as a .deb that installs like a desktop program (issue #15).

These are the slowest tests (a few minutes): tools/build_app.sh runs once, exactly as a release
would, and the .deb test packages that same folder with tools/build_deb.sh.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tic_desktop import __version__
from tic_desktop.packages.build import build_packages
from tic_desktop.paths import demo_round_file

sys.path.insert(0, str(Path(__file__).resolve().parent / "bureau"))
from inbox_returns import make_bureau

ROOT = Path(__file__).resolve().parents[1]
SIZE_GOAL_MB = 250
FILE_TYPES = {"application/x-tic-package": "*.ticpkg", "application/x-tic-return": "*.ticreturn"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform != "linux",
        reason="outside the project's control: the build scripts are the Linux ones;"
        " docs/building.md has Windows",
    ),
]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    """tools/build_app.sh run once for both tests: (the dist folder, the finished run)."""
    base = tmp_path_factory.mktemp("frozen")
    done = subprocess.run(
        ["bash", str(ROOT / "tools" / "build_app.sh"), str(base / "dist")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "TIC_VENV": sys.prefix, "HOME": str(base)},
        timeout=1800,
    )
    return base / "dist", done


def test_the_frozen_app_passes_its_selftest_and_fits_the_size_budget(frozen):
    dist, done = frozen
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-4000:]
    assert "selftest: all steps passed" in report
    size = int(re.search(r"folder (\d+) MB", report).group(1))
    print(report[-600:])
    assert size < SIZE_GOAL_MB, f"the folder is {size} MB"
    app = dist / "tic-desktop"
    assert (app / "_internal" / "resources" / "guide" / "bureau.md").is_file()
    # the core's catalogue, compiled by build_installer.spec (the selftest reads a rule in Chinese)
    assert (
        app / "_internal" / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "tic.mo"
    ).is_file()
    assert not list(app.rglob("*hypothesis*")) and not list(app.rglob("numpy*"))


def test_the_deb_installs_a_menu_entry_and_opens_both_file_types(frozen, tmp_path):
    if not shutil.which("dpkg-deb"):
        pytest.skip(
            "outside the project's control: dpkg-deb is not installed (not a Debian system)"
        )
    dist, built = frozen
    assert built.returncode == 0, "tools/build_app.sh failed (see the other test)"
    done = subprocess.run(
        ["bash", str(ROOT / "tools" / "build_deb.sh"), str(dist)],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin:/usr/sbin:/sbin",
            "TIC_VENV": sys.prefix,
            "HOME": str(tmp_path),
            "TIC_DEB_COMPRESSION": "none",  # the test reads it once; xz would add minutes
        },
        timeout=900,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    print(done.stdout[-400:])
    [deb] = dist.glob("tic-desktop_*.deb")
    assert deb.name.startswith(f"tic-desktop_{__version__}_")
    assert not (dist / ".deb-root").exists()  # the staging folder is removed

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "tic-desktop" and field("Version") == __version__
    depends = field("Depends")
    assert re.match(r"^\S+ \(>= [^)]+\)(, \S+ \(>= [^)]+\))*$", depends), depends
    assert "libc6 (>= " in depends
    postinst = subprocess.run(
        ["dpkg-deb", "-I", str(deb), "postinst"], capture_output=True, text=True, check=True
    ).stdout
    assert "update-mime-database /usr/share/mime" in postinst

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    app = root / "opt" / "tic-desktop"
    assert os.access(app / "tic-desktop", os.X_OK) and os.access(app / "tic", os.X_OK)
    assert os.readlink(root / "usr/bin/tic-desktop") == "/opt/tic-desktop/tic-desktop"
    # /usr/bin/tic is ncurses' terminfo compiler (Essential): dpkg would refuse the package.
    assert not os.path.lexists(root / "usr/bin/tic")
    icon = root / "usr/share/icons/hicolor/256x256/apps/tic-desktop.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    mime = ElementTree.parse(root / "usr/share/mime/packages/tic-desktop.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    globs = {t.get("type"): t.find(f"{ns}glob").get("pattern") for t in mime}
    assert globs == FILE_TYPES

    desktop_file = root / "usr/share/applications/tic-desktop.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(desktop_file, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "tic-desktop %F" and entry["Icon"] == "tic-desktop"
    assert set(filter(None, entry.get("MimeType", "").split(";"))) == set(FILE_TYPES)
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(desktop_file)], capture_output=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    # A double-click: the file manager runs the Exec line with %F replaced by the file, through
    # /usr/bin/tic-desktop (here a symlink to the extracted app, as the package's one is).
    bureau = make_bureau(tmp_path / "made")
    returned = bureau.make_return(tmp_path / "usb" / "E101.ticreturn", "E101", "7")
    [package] = build_packages(
        bureau.review, bureau.workspace, bureau.keys, tmp_path / "usb", ["P1"]
    )[0]
    usr_bin = tmp_path / "usr-bin"
    usr_bin.mkdir()
    (usr_bin / "tic-desktop").symlink_to(app / "tic-desktop")
    report = tmp_path / "opened.txt"
    user = tmp_path / "user"  # fresh user folders: no round opened before, so the demo round
    env = {
        "PATH": f"{usr_bin}:/usr/bin:/bin",
        "HOME": str(user),
        "XDG_DATA_HOME": str(user / "data"),
        "XDG_CONFIG_HOME": str(user / "config"),
        "XDG_CACHE_HOME": str(user / "cache"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "TIC_OPENED_REPORT": str(report),
    }
    for file in (package.file, returned):
        argv = [str(file) if a == "%F" else a for a in shlex.split(entry["Exec"])]
        opened = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert opened.returncode == 0, opened.stdout + opened.stderr
    demo_round = json.loads(demo_round_file().read_text(encoding="utf-8"))["id"]
    assert report.read_text(encoding="utf-8").splitlines() == [
        f"expert\t{package.file.resolve()}",
        f"returns inbox {demo_round}\t{returned.resolve()}",
    ]
