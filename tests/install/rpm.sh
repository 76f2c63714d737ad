#!/usr/bin/env bash
# Checks the .rpm that `tauri build --bundles rpm` made: its metadata and declared
# dependencies, then installs it into a scratch root (this is a Debian machine: rpm's own
# database, no dependency resolution), runs the installed `verbatim` command from there,
# and erases it again, checking that nothing is left.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
rpm=$(ls -t "$target"/release/bundle/rpm/*.rpm | head -n 1)
echo "== $rpm ($(du -h "$rpm" | cut -f1))"

rpm -qpi "$rpm" | grep -E '^(Name|Version|License|URL|Summary) '
# The payload is xz (bundle.linux.rpm.compression in tauri.conf.json).
test "$(rpm -qp --qf '%{PAYLOADCOMPRESSOR}' "$rpm")" = xz
files=$(rpm -qpl "$rpm")
for f in /usr/bin/verbatim-app /usr/bin/verbatim /usr/share/applications/Verbatim.desktop; do
  grep -qx "$f" <<<"$files" || { echo "error: $f is not in the package" >&2; exit 1; }
done
requires=$(rpm -qpR "$rpm")
for lib in 'libwebkit2gtk-4.1.so.0()(64bit)' 'libgtk-3.so.0()(64bit)'; do
  grep -qxF "$lib" <<<"$requires" || { echo "error: the package does not require $lib" >&2; exit 1; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
rpm --root "$root" --initdb
rpm --root "$root" -i --nodeps "$(realpath "$rpm")"
test -x "$root/usr/bin/verbatim-app"
test -x "$root/usr/bin/verbatim"
"$root/usr/bin/verbatim" --version
"$root/usr/bin/verbatim" --library "$root/lib" ask "Who is Artyom Lukin?" --json |
  grep -q "This specialist in Russian-China relations"
rpm --root "$root" -e verbatim
test ! -e "$root/usr/bin/verbatim-app"
test ! -e "$root/usr/bin/verbatim"
echo "rpm: metadata and dependencies right, installed into a scratch root, answered, erased cleanly"
