#!/usr/bin/env bash
# Runs the app locally in the local host (src/LocalHost: the Functions app's own functions, without the Functions
# host): installs what it needs, starts Azurite (data kept in .local/azurite across restarts) unless
# AzureWebJobsStorage is already set, and stops Azurite again when the app stops.
#   ./run.sh                          the app, empty, on http://127.0.0.1:7071
#   ./run.sh --demo                   the app with a demo programme loaded (70 consortia, two waves announced, a
#                                     three-minute review period; every report is full about four minutes after start)
#   ./run.sh --urls http://127.0.0.1:8080   (or PATHFINDER_URL=...) another address
# Other arguments go to the app; settings can be overridden by environment, e.g.
#   Programme__ReviewPeriod=00:02:00 Programme__ReminderOffsets__0=00:01:00 Programme__ReminderOffsets__1=00:01:30 ./run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/setup.sh

# The signing key for local tokens (dotnet user-jwts) must exist before the app starts: the app cannot watch a
# user-secrets folder that does not exist yet, and would refuse every token until a restart.
if dotnet user-jwts key --project src/LocalHost 2>/dev/null | grep -q "not found"; then
  dotnet user-jwts key --project src/LocalHost --reset --force >/dev/null
  echo "run: made a signing key for local tokens (dotnet user-jwts, kept in your user secrets)"
fi

url="${PATHFINDER_URL:-http://127.0.0.1:7071}"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    # The demo's story needs reviews to run past their deadline: three minutes instead of four weeks, unless set.
    --demo) export Demo__Load=true
      export Programme__ReviewPeriod="${Programme__ReviewPeriod:-00:03:00}"
      export Programme__ReminderOffsets__0="${Programme__ReminderOffsets__0:-00:01:00}"
      export Programme__ReminderOffsets__1="${Programme__ReminderOffsets__1:-00:02:00}" ;;
    --urls) url="$2"; shift ;;
    --urls=*) url="${1#--urls=}" ;;
    *) args+=("$1") ;;
  esac
  shift
done

# Built before anything is said, and quietly (the output only if it fails), so what a person needs comes first.
mkdir -p .local
dotnet build src/LocalHost --no-restore --nologo --verbosity quiet >.local/run-build.log 2>&1 \
  || { cat .local/run-build.log; echo "run: the build failed (above; also in .local/run-build.log)" >&2; exit 1; }

mkdir -p .local/azurite
azurite_pid=""
storage="Azurite on 127.0.0.1:10000-10002, data in .local/azurite"
if [ -n "${AzureWebJobsStorage:-}" ]; then
  storage="the storage in AzureWebJobsStorage"
elif ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  node tools/azurite/node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --skipApiVersionCheck \
    --location .local/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    >.local/azurite/azurite.log 2>&1 &
  azurite_pid=$!
  trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null' EXIT
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.1
  done
else
  storage="the Azurite already listening on 127.0.0.1:10000-10002"
fi

# A local intake key, made once and kept out of the repository (.local is ignored).
if [ -z "${Intake__Key:-}" ]; then
  [ -f .local/intake-key ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > .local/intake-key
  Intake__Key="$(cat .local/intake-key)"
  export Intake__Key
fi

# The key that signs applicants' status links, likewise.
if [ -z "${Pages__StatusLinkKey:-}" ]; then
  [ -f .local/status-link-key ] || head -c 32 /dev/urandom | base64 > .local/status-link-key
  Pages__StatusLinkKey="$(cat .local/status-link-key)"
  export Pages__StatusLinkKey
fi
# Links in replies and emails (forms, status links, the reviewers' application pages) point at this app.
export Intake__PublicBaseUrl="${Intake__PublicBaseUrl:-$url}"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# What a person needs first: where the app is, how to sign in, where the intake key is. The app's logs follow.
key_file=".local/intake-key"
[ -f "$key_file" ] && [ "$(cat "$key_file")" = "$Intake__Key" ] || key_file="Intake__Key (as you set it)"
mail="mail to ${Notifications__PickupDirectory:-.local/mail}"
[ -z "${SendGrid__ApiKey:-}" ] || mail="mail through SendGrid"
echo "Pathfinder onboarding on $url/${Demo__Load:+ (with the demo programme)}"
[ "$ASPNETCORE_ENVIRONMENT" != Development ] \
  || echo "  Sign in:    $url/sign-in, as a reviewer of an SHA or the national team (API tokens: see README)"
echo "  Intake key: $key_file (x-functions-key header, or ?code=)"
echo "  Data:       $storage; $mail"
echo
export Notifications__PickupDirectory="${Notifications__PickupDirectory:-$root/.local/mail}"
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
# The app runs in a process group of its own, so that Ctrl+C or a SIGTERM to this script stops the app (dotnet run and
# the app under it) and waits for it to finish before Azurite is stopped.
setsid dotnet run --project src/LocalHost --no-build --no-launch-profile -- --urls "$url" ${args[@]+"${args[@]}"} &
app_pid=$!
trap 'kill -TERM -- "-$app_pid" 2>/dev/null' INT TERM
status=0
wait "$app_pid" || status=$?
# A signal ends the first wait early: wait again for the app to finish its shutdown.
while kill -0 "$app_pid" 2>/dev/null; do wait "$app_pid" || status=$?; done
exit "$status"
