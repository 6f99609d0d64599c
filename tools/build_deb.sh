#!/usr/bin/env bash
# Package the one-folder app as a Debian package, so that it installs like a desktop program:
# the app in /opt/tic-desktop, `tic-desktop` on PATH, a menu entry with the icon, and the two file
# types (.ticpkg, .ticreturn) opening in it on a double-click. The command line stays
# /opt/tic-desktop/tic (or `tic-desktop --tic ...`): /usr/bin/tic is ncurses' terminfo compiler
# (ncurses-bin, an Essential package), which dpkg refuses to overwrite.
#   bash tools/build_deb.sh [DIST_DIR]   (default dist/; writes DIST_DIR/tic-desktop_<version>_<arch>.deb)
# DIST_DIR/tic-desktop/ is built first with tools/build_app.sh unless it is already there.
# Only dpkg-deb, dpkg-query, ldd and coreutils are used (no network). TIC_DEB_COMPRESSION (default xz; gzip, zstd
# or none) is passed to dpkg-deb -Z.
# Install: sudo apt install ./dist/tic-desktop_<version>_amd64.deb   Remove: sudo apt remove tic-desktop
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(realpath -m "${1:-$here/dist}")"
app="$dist/tic-desktop"
desktop="$here/resources/desktop"

command -v dpkg-deb >/dev/null || { echo "build_deb: dpkg-deb is needed (Debian/Ubuntu)" >&2; exit 2; }
[ -x "$app/tic-desktop" ] || bash "$here/tools/build_app.sh" "$dist"
[ -x "$app/tic" ] || { echo "build_deb: $app/tic is missing (tools/build_app.sh writes it)" >&2; exit 2; }

version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$here/tic_desktop/__init__.py")"
arch="$(dpkg --print-architecture)"
deb="$dist/tic-desktop_${version}_${arch}.deb"
root="$dist/.deb-root"  # beside the folder, so that the app can be hard-linked rather than copied
rm -rf "$root"
trap 'rm -rf "$root"' EXIT
echo "build_deb: packaging $app as $deb"

# --- files --------------------------------------------------------------------------------------
install -d -m 755 "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/mime/packages" "$root/usr/share/icons/hicolor/256x256/apps" \
  "$root/usr/share/doc/tic-desktop" "$root/DEBIAN"
cp -al "$app" "$root/opt/tic-desktop" 2>/dev/null || cp -a "$app" "$root/opt/tic-desktop"
ln -s /opt/tic-desktop/tic-desktop "$root/usr/bin/tic-desktop"
install -m 644 "$desktop/tic-desktop.desktop" "$root/usr/share/applications/tic-desktop.desktop"
install -m 644 "$desktop/tic-desktop.xml" "$root/usr/share/mime/packages/tic-desktop.xml"
install -m 644 "$here/resources/icons/tic-desktop.png" \
  "$root/usr/share/icons/hicolor/256x256/apps/tic-desktop.png"
cat > "$root/usr/share/doc/tic-desktop/copyright" <<'TXT'
TIC Review Desktop (聊城市技术创新中心评审系统)
License: Apache-2.0 (/usr/share/common-licenses/Apache-2.0).
The bundled WenQuanYi Micro Hei font, Qt (LGPL-3.0) and the Python packages in
/opt/tic-desktop/_internal keep their own licences, shipped beside them.
TXT
chmod 644 "$root/usr/share/doc/tic-desktop/copyright"

# --- dependencies: the system libraries the folder loads that it does not carry -----------------
# Every ELF file is asked (ldd) which libraries it loads; those found outside the folder come from
# packages, which become Depends (at least the version built against). Qt's optional back-ends
# (Wayland, EGLFS/KMS, the GTK theme) are left out: without their libraries Qt uses X11 (xcb).
optional='/(wayland|platformthemes|egldeviceintegrations)/|libQt6(Wayland|WlShell|EglFs)|libqwayland|libqeglfs|libqlinuxfb|libqvnc|libqvkkhrdisplay'
libdirs="$(find "$app/_internal" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)"
system_libs="$(
  find "$app" -type f \( -name '*.so*' -o -perm -u+x \) |
    while read -r candidate; do  # ELF files only (scripts and data are skipped)
      if [ "$(head -c 4 "$candidate" | tr -d '\0')" = $'\x7fELF' ]; then echo "$candidate"; fi
    done | { grep -Ev "$optional" || true; } |
    while read -r elf; do { LD_LIBRARY_PATH="$libdirs" ldd "$elf" || true; } | sed "s|^|$elf |"; done |
    awk -v app="$app" '
      / => not found/ { print "MISSING " $0; next }
      $3 == "=>" && index($4, app) != 1 && $4 ~ /^\// { print $4 }' | sort -u
)"
if grep -q '^MISSING' <<<"$system_libs"; then
  echo "build_deb: libraries not found (install them, or the folder will not start):" >&2
  grep '^MISSING' <<<"$system_libs" >&2
  exit 1
fi
owners="$(
  for lib in $system_libs; do
    owner="$(dpkg-query -S "$lib" 2>/dev/null || dpkg-query -S "$(readlink -f "$lib")" 2>/dev/null ||
      true)"
    [ -n "$owner" ] || { echo "build_deb: $lib (loaded by the app) is in no package" >&2; exit 1; }
    owner="${owner%%$'\n'*}"    # "libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6" (first line)
    owner="${owner%%: /*}"       # "libc6:amd64" (with the architecture, for dpkg-query -W)
    echo "${owner%%, *}"
  done | sort -u
)"
depends="$(
  for owner in $owners; do
    upstream="$(dpkg-query -W -f='${Version}' "$owner" | sed 's/^[0-9]*://; s/-[^-]*$//')"
    echo "${owner%%:*} (>= $upstream)"
  done | paste -sd, | sed 's/,/, /g'
)"
[ -n "$depends" ] || { echo "build_deb: no system library found; Depends would be empty" >&2; exit 1; }

# --- control and maintainer scripts -------------------------------------------------------------
installed_size="$(du -sk --apparent-size "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<TXT
Package: tic-desktop
Version: $version
Architecture: $arch
Maintainer: ${TIC_DEB_MAINTAINER:-TIC Review Desktop maintainers <tic-desktop@localhost>}
Installed-Size: $installed_size
Depends: $depends
Section: misc
Priority: optional
Description: 聊城市技术创新中心评审系统 (TIC Review Desktop)
 Review of municipal Technology Innovation Centers for the Liaocheng Municipal
 Science and Technology Bureau: review rounds, encrypted review packages
 (.ticpkg) for the experts, signed returns (.ticreturn), ranking and results.
 Works offline. A double-click on a .ticpkg opens it in the expert window, on
 a .ticreturn in the bureau's returns inbox.
TXT
# The same two commands after installing and after removing: the file types and the menu entry
# known (or forgotten) at once, also where dpkg's triggers for them are not installed.
refresh='if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/index.theme ]; then
  gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi'
printf '#!/bin/sh\nset -e\ncase "$1" in\n  configure|abort-upgrade|abort-remove|abort-deconfigure)\n%s\n    ;;\nesac\nexit 0\n' \
  "$refresh" > "$root/DEBIAN/postinst"
printf '#!/bin/sh\nset -e\ncase "$1" in\n  remove|purge|abort-install|abort-upgrade|disappear)\n%s\n    ;;\nesac\nexit 0\n' \
  "$refresh" > "$root/DEBIAN/postrm"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

dpkg-deb --root-owner-group -Z"${TIC_DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
echo "build_deb: $(du -m "$deb" | cut -f1) MB; Depends: $depends"
echo "build_deb: ok $deb"
