#!/usr/bin/env bash
# Installs what the app and its tests need into the repository itself: Azurite and the NHS.UK frontend from npm
# (each pinned by its package-lock.json) and the NuGet packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v node >/dev/null || { echo "setup: Node.js 20 with npm is required for Azurite" >&2; exit 1; }

stamp=tools/azurite/node_modules/.installed-from-lock
if [ ! -f "$stamp" ] || ! cmp -s tools/azurite/package-lock.json "$stamp"; then
  echo "setup: installing Azurite into tools/azurite"
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
  cp tools/azurite/package-lock.json "$stamp"
fi

# The NHS.UK frontend the pages use (src/Functions/Pages/Assets, pinned by its package-lock.json).
stamp=src/Functions/Pages/Assets/node_modules/.installed-from-lock
if [ ! -f "$stamp" ] || ! cmp -s src/Functions/Pages/Assets/package-lock.json "$stamp"; then
  echo "setup: installing the NHS.UK frontend into src/Functions/Pages/Assets"
  npm ci --prefix src/Functions/Pages/Assets --no-audit --no-fund --loglevel=error
  cp src/Functions/Pages/Assets/package-lock.json "$stamp"
fi

# The browser tests drive Debian's chromium through Playwright (which cannot download its own browsers here; its node
# driver comes in the NuGet package). Installed with apt-get when missing and we are root, as in CI.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; the browser tests need it (as root: apt-get install chromium)" >&2
  fi
fi

# The repository's tools (.config/dotnet-tools.json): CSharpier, which test.sh checks the code's format with.
dotnet tool restore >/dev/null
dotnet restore Onboarding.sln --verbosity quiet
