#!/usr/bin/env bash
# Takes the README's screenshots (docs/screenshots/) from the demo programme: starts its own Azurite (free ports, data
# in a temporary folder) and ./run.sh --demo on a free port, photographs the main pages with chromium (Playwright,
# tools/Screenshots) at desktop and phone widths once the demo is complete (about four minutes), then stops both and
# deletes their data.
#   scripts/screenshots.sh [OUTPUT_FOLDER]       (default docs/screenshots)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-docs/screenshots}"
scripts/setup.sh
# Built first (run.sh's own build is then quick), so the wait for the app below times the app, not a build.
dotnet build src/LocalHost --no-restore --nologo --verbosity quiet
dotnet build tools/Screenshots -c Release --no-restore --nologo --verbosity quiet

work="$(mktemp -d "${TMPDIR:-/tmp}/pathfinder-screenshots-XXXXXX")"
azurite_pid=""; app_pid=""
stop() {
  # run.sh runs in its own process group (setsid): stop it and the app it started, then Azurite.
  [ -z "$app_pid" ] || kill -TERM -- "-$app_pid" 2>/dev/null || true
  [ -z "$app_pid" ] || wait "$app_pid" 2>/dev/null || true
  [ -z "$azurite_pid" ] || { kill "$azurite_pid" 2>/dev/null; wait "$azurite_pid" 2>/dev/null; } || true
  rm -rf "$work"
}
trap stop EXIT

# Azurite on ports the system chooses (0): read them back from what it prints.
node tools/azurite/node_modules/azurite/dist/src/azurite.js --disableTelemetry --skipApiVersionCheck \
  --location "$work/azurite" --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 \
  --tableHost 127.0.0.1 --tablePort 0 >"$work/azurite.log" 2>&1 &
azurite_pid=$!
port_of() { sed -n "s/.*Azurite $1 service is successfully listening at http:\/\/127.0.0.1:\([0-9]*\).*/\1/p" "$work/azurite.log"; }
for _ in $(seq 1 300); do
  [ -n "$(port_of Blob)" ] && [ -n "$(port_of Queue)" ] && [ -n "$(port_of Table)" ] && break
  sleep 0.1
done
[ -n "$(port_of Table)" ] || { cat "$work/azurite.log"; echo "screenshots: Azurite did not start" >&2; exit 1; }
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # Azurite's public dev key
account="http://127.0.0.1:%s/devstoreaccount1"
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;$(printf \
  "BlobEndpoint=$account;QueueEndpoint=$account;TableEndpoint=$account;" "$(port_of Blob)" "$(port_of Queue)" "$(port_of Table)")"

# A port nothing listens on, for the app.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { port=$candidate; break; }
done
[ -n "$port" ] || { echo "screenshots: found no free port" >&2; exit 1; }
url="http://127.0.0.1:$port"

mkdir -p "$work/mail"
Notifications__PickupDirectory="$work/mail" setsid ./run.sh --demo --urls "$url" >"$work/app.log" 2>&1 &
app_pid=$!
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
for _ in $(seq 1 1200); do
  listening && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "screenshots: the app stopped" >&2; exit 1; }
  sleep 0.5
done
listening || { cat "$work/app.log"; echo "screenshots: the app did not start listening" >&2; exit 1; }

# The reports are photographed full: wait for the demo's late decisions (run.sh --demo's three-minute period).
for _ in $(seq 1 720); do
  grep -q "Demo programme complete" "$work/app.log" && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "screenshots: the app stopped" >&2; exit 1; }
  sleep 0.5
done
grep -q "Demo programme complete" "$work/app.log" || echo "screenshots: the demo was not complete after 6 minutes" >&2

dotnet run --project tools/Screenshots -c Release --no-build -- "$url" "$out" "$work/mail"
echo "screenshots: written to $out"
