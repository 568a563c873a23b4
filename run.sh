#!/usr/bin/env bash
# Runs the app locally: installs what it needs, starts Azurite (data kept in .local/azurite across
# restarts) and the app, and stops Azurite again when the app stops. Extra arguments go to the app.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh

mkdir -p .local/azurite
azurite_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  node tools/azurite/node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --skipApiVersionCheck \
    --location .local/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    >.local/azurite/azurite.log 2>&1 &
  azurite_pid=$!
  trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null' EXIT
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.1
  done
  echo "run: Azurite started on 127.0.0.1:10000-10002 (data in .local/azurite)"
else
  echo "run: using the Azurite already listening on 127.0.0.1:10002"
fi

url="${PATHFINDER_URL:-http://127.0.0.1:7071}"
echo "run: the app listens on $url (health: $url/api/health)"
dotnet run --project src/Functions --no-restore -- --urls "$url" "$@"
