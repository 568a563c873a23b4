#!/usr/bin/env bash
# Runs the app locally: installs what it needs, starts Azurite (data kept in .local/azurite across
# restarts) and the app, and stops Azurite again when the app stops.
#   ./run.sh           the app, empty
#   ./run.sh --demo    the app with a demo programme loaded (30 consortia, two scheduled waves)
# Other arguments go to the app; settings can be overridden by environment, e.g.
#   Programme__ReviewPeriod=00:02:00 Programme__ReminderOffsets__0=00:01:00 Programme__ReminderOffsets__1=00:01:30 ./run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh

args=()
for arg in "$@"; do
  if [ "$arg" = "--demo" ]; then export Demo__Load=true; else args+=("$arg"); fi
done

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

# A local intake key, made once and kept out of the repository (.local is ignored).
if [ -z "${Intake__Key:-}" ]; then
  [ -f .local/intake-key ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > .local/intake-key
  Intake__Key="$(cat .local/intake-key)"
  export Intake__Key
fi

url="${PATHFINDER_URL:-http://127.0.0.1:7071}"
echo "run: the app listens on $url (health: $url/api/health)"
echo "run: intake key (x-functions-key header): $Intake__Key"
echo "run: mail is written to .local/mail unless SendGrid__ApiKey is set"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Notifications__PickupDirectory="${Notifications__PickupDirectory:-$root/.local/mail}"
dotnet run --project src/Functions --no-restore --no-launch-profile -- --urls "$url" ${args[@]+"${args[@]}"}
