#!/bin/sh
# The district's report for a centre equals, figure for figure, the one the
# centre's own kiosk computes, because both run the same core code (over the
# kiosk's store and over the district's mirror of it), and the district
# total is made from every centre's figures.
set -eu
admin=$1
district=$2
tmp=$(mktemp -d)
port=$((20000 + $$ % 20000))
cleanup () {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
cd "$tmp"

"$district" --db d.db --listen 127.0.0.1:$port > server.log 2>&1 &
server=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q http server.log 2>/dev/null && break; sleep 0.3; done

to=$(date -u +%F)
from=$(date -u -d '-30 days' +%F)
for seed in 3 4; do
  "$admin" --db k$seed.db demo-data --elders 60 --days 15 --seed $seed > /dev/null
  centre=$("$district" --db d.db add-centre "中心$seed")
  code=$("$district" --db d.db enrolment-code "$centre")
  "$admin" --db k$seed.db enrol http://127.0.0.1:$port "$code" > /dev/null
  "$admin" --db k$seed.db sync > /dev/null
  "$admin" --db k$seed.db report --from "$from" --to "$to" --format csv --output kiosk$seed.csv > /dev/null
  "$district" --db d.db report "$centre" "$from" "$to" district$seed.csv > /dev/null
  # everything but the title (the district's name for the centre) and the time
  tail -n +2 kiosk$seed.csv | grep -v '^Generated' > a
  tail -n +2 district$seed.csv | grep -v '^Generated' > b
  if ! cmp -s a b; then
    echo "centre $seed: the district's figures differ from the kiosk's:"; diff a b | head -20; exit 1
  fi
  echo "ok: centre $seed, district report equals the kiosk's ($(wc -l < kiosk$seed.csv) lines)"
  # The same export over the district's API, with the kiosk's own token.
  python3 - "$port" "$centre" "$from" "$to" k$seed.db.device-token api$seed.csv <<'PY'
import sys, urllib.request
port, centre, start, end, token_file, out = sys.argv[1:]
token = open(token_file).read().strip()
req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/centres/{centre}/report?from={start}&to={end}&format=csv",
                             headers={"Authorization": "Bearer " + token, "Yiyang-Protocol": "1"})
with urllib.request.urlopen(req) as r:
    assert r.headers["Content-Type"].startswith("text/csv"), r.headers["Content-Type"]
    open(out, "wb").write(r.read())
PY
  tail -n +2 api$seed.csv | grep -v '^Generated' > c
  if ! cmp -s b c; then
    echo "centre $seed: the report over the API differs from the district's own:"; diff b c | head -20; exit 1
  fi
  echo "ok: centre $seed, the report over the district's API is the same"
done
"$district" --db d.db report all "$from" "$to" total.xlsx > /dev/null
"$district" --db d.db report all "$from" "$to" total.pdf > /dev/null
head -c 2 total.xlsx | grep -q PK && head -c 4 total.pdf | grep -q '%PDF'
echo "ok: district total exported as xlsx and pdf"
if "$district" --db d.db report all "$to" "$from" bad.csv 2> err.txt; then
  echo "a period that ends before it starts was accepted"; exit 1
fi
echo "ok: refused: $(cat err.txt)"
echo "1 passed, 0 failed"
