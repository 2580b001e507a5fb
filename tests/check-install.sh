#!/bin/sh
# `meson install` into a fresh prefix gives a working kiosk, admin tool and
# district server: install into a temporary DESTDIR and run each program
# from there, with nothing from the build tree.
set -eu
builddir=$1
prefix=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

DESTDIR="$tmp/root" meson install -C "$builddir" --no-rebuild --quiet
root="$tmp/root$prefix"
fail=0
check () {
  if [ -e "$root/$1" ]; then echo "ok: $1"; else echo "MISSING: $1"; fail=1; fi
}
check bin/yiyang-kiosk
check bin/yiyang-kiosk-session
check bin/yiyang-admin
check bin/yiyang-district
check share/glib-2.0/schemas/io.github.yiyang.Kiosk.gschema.xml
check share/applications/io.github.yiyang.Kiosk.desktop
check share/metainfo/io.github.yiyang.Kiosk.metainfo.xml
check share/icons/hicolor/scalable/apps/io.github.yiyang.Kiosk.svg
check share/icons/hicolor/symbolic/apps/io.github.yiyang.Kiosk-symbolic.svg
check share/locale/zh_CN/LC_MESSAGES/yiyang.mo
check share/yiyang/policy-default.json
check share/yiyang/sounds/tap-ok.wav
check share/yiyang/sounds/tap-help.wav
check lib/systemd/system/yiyang-district.service

desktop-file-validate "$root/share/applications/io.github.yiyang.Kiosk.desktop"
appstreamcli validate --no-net "$root/share/metainfo/io.github.yiyang.Kiosk.metainfo.xml" >/dev/null
glib-compile-schemas --strict "$root/share/glib-2.0/schemas"

# The admin tool makes a database and loads the installed policy.
"$root/bin/yiyang-admin" --db "$tmp/centre.db" init >/dev/null
"$root/bin/yiyang-admin" --db "$tmp/centre.db" policy-load "$root/share/yiyang/policy-default.json" >/dev/null
# It speaks Chinese from the installed catalogue.
out=$(LANGUAGE=zh_CN YIYANG_LOCALEDIR="$root/share/locale" "$root/bin/yiyang-admin" --db "$tmp/centre.db" revoke-card 04A1B2C3 2>&1 || true)
echo "$out"
case "$out" in
  *没有在使用*) ;;
  *) echo "MISSING: the installed zh_CN catalogue was not used"; fail=1 ;;
esac
# The district server creates a centre in a fresh database.
"$root/bin/yiyang-district" --db "$tmp/district.db" add-centre "测试中心" >/dev/null
# The kiosk starts with its installed schema (and says its version).
GSETTINGS_SCHEMA_DIR="$root/share/glib-2.0/schemas" "$root/bin/yiyang-kiosk" --version

[ $fail -eq 0 ] && echo "install: every file in place, all three programs run"
exit $fail
