#!/bin/sh
# Installs the PouchDB packages the sync benchmark compares Yiyang with,
# at pinned versions, into DIR (a folder under the build directory; the
# packages are never part of the source tree).
#   bench-pouchdb-install.sh DIR [NPM]
set -eu
dir=$1
npm=${2:-npm}

if [ -f "$dir/node_modules/.yiyang-installed" ]; then
  exit 0
fi
mkdir -p "$dir"
cat > "$dir/package.json" <<'JSON'
{
  "name": "yiyang-pouchdb-bench",
  "private": true,
  "description": "PouchDB, for comparison with Yiyang's sync in bench-sync",
  "dependencies": {
    "express": "4.21.2",
    "express-pouchdb": "4.2.0",
    "pouchdb": "9.0.0",
    "pouchdb-adapter-memory": "9.0.0"
  }
}
JSON
cd "$dir"
"$npm" install --no-audit --no-fund --loglevel=error >npm-install.log 2>&1 || {
  tail -n 20 npm-install.log >&2
  exit 1
}
touch node_modules/.yiyang-installed
