#!/usr/bin/env bash
# Installs the .deb that `tauri build --bundles deb` made, checks that the installed app
# answers (its window, driven through tauri-driver under Xvfb) and that the installed
# `verbatim` command answers, then removes the package and checks that nothing is left.
# It changes the system's packages: scripts/test runs it only with VERBATIM_INSTALL_TEST=1
# (CI sets it).
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
deb=$(ls -t "$target"/release/bundle/deb/*.deb | head -n 1)
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

echo "== installing $deb ($(du -h "$deb" | cut -f1))"
# Recompressed with xz after tauri build (scripts/tauri, scripts/repack-deb).
ar t "$deb" | grep -qx data.tar.xz
$sudo apt-get install -y -qq "$(realpath "$deb")"
test -x /usr/bin/verbatim-app
test -x /usr/bin/verbatim
test -f /usr/share/applications/Verbatim.desktop
dpkg -s verbatim | grep -E '^(Version|Depends|Maintainer|Homepage|Section):'

echo "== the installed command answers"
lib=$(mktemp -d)
/usr/bin/verbatim --version
/usr/bin/verbatim --library "$lib" ask "Who is Artyom Lukin?" --json | grep -q "This specialist in Russian-China relations"

echo "== the installed app answers"
VERBATIM_APP=/usr/bin/verbatim-app timeout --kill-after=30s 10m xvfb-run -a --server-args="-screen 0 1400x900x24" \
  node --test --test-name-pattern="asks about the bundled article" tests/e2e/app.test.mjs

echo "== removing"
$sudo apt-get remove -y -qq verbatim
test ! -e /usr/bin/verbatim-app
test ! -e /usr/bin/verbatim
test ! -e /usr/share/applications/Verbatim.desktop
if dpkg -s verbatim 2>/dev/null | grep -q "Status: install ok installed"; then
  echo "error: the package is still installed" >&2
  exit 1
fi
rm -rf "$lib"
echo "deb: installed, answered, removed cleanly"
