#!/bin/sh
# yiyang-kiosk-session [KIOSK-OPTION...]
#
# Runs yiyang-kiosk, passing it the options given, and starts it again
# whenever it ends: after a crash the elders are back at the idle board
# within a second.  A kiosk that keeps failing at once (a broken
# database, a bad option) is started again after a growing pause, capped
# at one second, so it never spins the processor.  Every end and start is
# logged on standard error and, through logger(1), in the system log.
# SIGTERM or SIGINT stops the kiosk and the session.
#
# The kiosk is the yiyang-kiosk beside this script, or the one on PATH.

here=$(dirname "$0")
if [ -x "$here/yiyang-kiosk" ]; then
  kiosk="$here/yiyang-kiosk"
else
  kiosk=yiyang-kiosk
fi

# A kiosk that ran this many seconds did not fail "at once".
steady=10
# Pauses before a restart, in seconds: the first after a steady run, then
# one per quick failure in a row; the last repeats.
pauses="0.05 0.1 0.2 0.4 0.8 1"

log () {
  echo "yiyang-kiosk-session: $*" >&2
  logger -t yiyang-kiosk-session -- "$*" 2>/dev/null || true
}

child=
stop () {
  log "asked to stop: closing the kiosk"
  trap - TERM INT
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null
    wait "$child"
  fi
  exit 0
}
trap stop TERM INT

quick=0
while :; do
  started=$(date +%s)
  "$kiosk" "$@" &
  child=$!
  log "started the kiosk (process $child)"
  # wait returns early when a trapped signal arrives; wait again until the
  # kiosk itself has ended
  while :; do
    wait "$child"
    status=$?
    kill -0 "$child" 2>/dev/null || break
  done
  child=
  ran=$(( $(date +%s) - started ))
  if [ "$status" -gt 128 ]; then
    how="was killed by signal $(kill -l "$status" 2>/dev/null || echo $((status - 128)))"
  else
    how="ended with status $status"
  fi
  if [ "$ran" -ge "$steady" ]; then
    quick=0
  else
    quick=$((quick + 1))
  fi
  pause=$(echo $pauses | awk -v n="$quick" '{ print (n < NF) ? $(n + 1) : $NF }')
  log "the kiosk $how after ${ran} s; starting it again in $pause s"
  sleep "$pause"
done
