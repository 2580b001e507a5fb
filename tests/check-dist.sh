#!/bin/sh
# `meson dist` makes a tarball that builds and passes its tests: make the
# tarball from a throw-away copy of the build setup, unpack it elsewhere,
# configure, build, and run its core and packaging suites (the rest of the
# suite has just run from the checkout itself).  The tarball's build is
# unoptimised and without debug information, and skips the slow generator
# tests (suite slow), which the checkout's own run covers: what this checks
# is that the tarball holds everything a build and its tests need.
set -eu
srcdir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

meson setup "$tmp/dist-build" "$srcdir" >/dev/null
meson dist -C "$tmp/dist-build" --allow-dirty --no-tests --formats xztar
tarball=$(ls "$tmp"/dist-build/meson-dist/yiyang-*.tar.xz)
echo "tarball: $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KiB)"
mkdir "$tmp/unpacked"
tar -C "$tmp/unpacked" -xJf "$tarball"
src=$(ls -d "$tmp"/unpacked/yiyang-*)
# The tarball must not carry build output or version-control files.
if find "$src" -name '.git' -o -name '*.o' -o -name 'build.ninja' | grep -q .; then
  echo "the tarball carries build output or .git"; exit 1
fi
meson setup "$tmp/tarball-build" "$src" -Doptimization=0 -Ddebug=false >/dev/null
meson compile -C "$tmp/tarball-build" >/dev/null
meson test -C "$tmp/tarball-build" --suite core --suite packaging --no-suite dist --no-suite slow --print-errorlogs --num-processes 2
