#!/bin/sh
# Runs a GUI test on a private X display (big enough for 1920x1080) and a
# private session bus, so the kiosk can own its D-Bus name.  The bus and
# the services it starts write to stderr: stdout carries the TAP report.
if [ -z "${YIYANG_IN_DISPLAY:-}" ]; then
  YIYANG_IN_DISPLAY=1 exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi
exec 3>&1
exec dbus-run-session -- sh -c 'exec "$@" 1>&3 3>&-' sh "$@" 1>&2
